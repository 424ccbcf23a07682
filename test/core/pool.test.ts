import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { buyTokens, buyWithUsd, poolPrice, sellTokens } from '../../src/core/pool.js';
import { rat } from '../../src/core/rational.js';

// A pool of x = 1,000 tokens (decimals 0) and y = $1 = 1,000,000 micro-USD: k = 10⁹, price $0.001.
const P = { x: 1000n, y: 1_000_000n };

describe('constant-product pool, by hand', () => {
  test('price = y / x: $1 over 1,000 tokens is $0.001 a token', () => {
    expect(poolPrice(P, 0)).toEqual(rat(1n, 1000n));
    // With 18 decimals the same base-unit pool holds 10⁻¹⁵ tokens: $10¹⁵ a token.
    expect(poolPrice(P, 18)).toEqual(rat(10n ** 15n));
  });
  test('sell Δx = 250: y′ = k / 1,250 = 800,000, so the seller gets $0.20', () => {
    expect(sellTokens(P, 250n)).toEqual({ pool: { x: 1250n, y: 800_000n }, usd: 200_000n });
  });
  test('sell Δx = 3: k / 1,003 = 997,008.97…, the pool keeps 997,009 and pays 2,991 (floored); k grows by 27', () => {
    const r = sellTokens(P, 3n);
    expect(r).toEqual({ pool: { x: 1003n, y: 997_009n }, usd: 2_991n });
    expect(r.pool.x * r.pool.y - P.x * P.y).toBe(27n);
  });
  test('buy with Δy = $0.25: x′ = k / 1,250,000 = 800, so the buyer gets 200 tokens', () => {
    expect(buyWithUsd(P, 250_000n)).toEqual({ pool: { x: 800n, y: 1_250_000n }, tokens: 200n });
  });
  test('buy with Δy = 1 micro-USD: k / 1,000,001 = 999.999…, rounded up to 1,000 kept — nothing bought, the pool keeps the dust', () => {
    expect(buyWithUsd(P, 1n)).toEqual({ pool: { x: 1000n, y: 1_000_001n }, tokens: 0n });
  });
  test('buy exactly 3 tokens: k / 997 = 1,003,009.03…, so it costs 3,010 micro-USD (rounded up)', () => {
    expect(buyTokens(P, 3n)).toEqual({ pool: { x: 997n, y: 1_003_010n }, usd: 3_010n });
    expect(buyTokens(P, 200n)).toEqual({ pool: { x: 800n, y: 1_250_000n }, usd: 250_000n });
    expect(() => buyTokens(P, 1000n)).toThrow(RangeError);
  });
  test('property: k never falls, whatever the trades; what is paid out is never more than the exact formula', () => {
    const trade = fc.oneof(
      fc.record({ kind: fc.constant('sell' as const), v: fc.bigInt({ min: 0n, max: 10n ** 24n }) }),
      fc.record({ kind: fc.constant('buy' as const), v: fc.bigInt({ min: 0n, max: 10n ** 15n }) }),
    );
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 26n }),
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        fc.array(trade, { maxLength: 20 }),
        (x, y, trades) => {
          let p = { x, y };
          for (const t of trades) {
            const k = p.x * p.y;
            if (t.kind === 'sell') {
              const r = sellTokens(p, t.v);
              // paid ≤ y − k/(x+Δx) exactly: (y − paid)·(x + Δx) ≥ k
              expect((p.y - r.usd) * (p.x + t.v)).toBeGreaterThanOrEqual(k);
              p = r.pool;
            } else {
              const r = buyWithUsd(p, t.v);
              expect((p.x - r.tokens) * (p.y + t.v)).toBeGreaterThanOrEqual(k);
              p = r.pool;
            }
            expect(p.x * p.y).toBeGreaterThanOrEqual(k);
            expect(p.x).toBeGreaterThan(0n);
          }
        },
      ),
    );
  });
});
