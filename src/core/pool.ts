/**
 * A constant-product pool (x·y = k), in integers: x tokens in base units, y US dollars in 10⁻⁶ USD
 * ("micro-USD"). Every trade floors what the pool pays out and the pool keeps the dust, so k never
 * falls. Pure: each trade returns the new pool.
 */
import { type Rational, rat } from './rational.js';

export interface Pool {
  /** Tokens, base units. */
  readonly x: bigint;
  /** USD, 10⁻⁶ units. */
  readonly y: bigint;
}

/** 10⁶ micro-USD per USD. */
export const MICRO = 1_000_000n;

const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

/** Sell Δx tokens into the pool: it pays floor(y − k/(x + Δx)) micro-USD. */
export function sellTokens(p: Pool, dx: bigint): { pool: Pool; usd: bigint } {
  if (dx <= 0n) return { pool: p, usd: 0n };
  const x = p.x + dx;
  const y = ceilDiv(p.x * p.y, x);
  return { pool: { x, y }, usd: p.y - y };
}

/** Spend Δy micro-USD on the pool: it pays floor(x − k/(y + Δy)) tokens. */
export function buyWithUsd(p: Pool, dy: bigint): { pool: Pool; tokens: bigint } {
  if (dy <= 0n) return { pool: p, tokens: 0n };
  const y = p.y + dy;
  const x = ceilDiv(p.x * p.y, y);
  return { pool: { x, y }, tokens: p.x - x };
}

/** Buy exactly `tokens` (< x): the least micro-USD Δy with (x − tokens)·(y + Δy) ≥ k. */
export function buyTokens(p: Pool, tokens: bigint): { pool: Pool; usd: bigint } {
  if (tokens <= 0n) return { pool: p, usd: 0n };
  if (tokens >= p.x) throw new RangeError('a pool cannot sell all its tokens');
  const x = p.x - tokens;
  const y = ceilDiv(p.x * p.y, x);
  return { pool: { x, y }, usd: y - p.y };
}

/** The pool's price in USD per whole token: (y / 10⁶) / (x / 10^decimals). */
export const poolPrice = (p: Pool, decimals: number): Rational =>
  rat(p.y * 10n ** BigInt(decimals), p.x * MICRO);
