/**
 * One model, two number types: each step of the month is written twice, exactly (economy.ts) and in
 * floating point for Monte Carlo (economy-mc.ts, the same name + F). Each pair is held here to the
 * same figures on generated inputs: the float step equals the exact one within 1e-9 relative (or a
 * base unit / 10⁻⁶ USD where the exact step floors an amount).
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  emit,
  multiplier,
  nextCapacity,
  nodeMargin,
  serve,
  vaultBuy,
  GPU_HOUR,
  type EconomyInputs,
} from '../../src/core/economy.js';
import {
  emitF,
  floatInputsOf,
  multiplierF,
  nextCapacityF,
  nodeMarginF,
  serveF,
  vaultBuyF,
  type ServedF,
} from '../../src/core/economy-mc.js';
import { MICRO } from '../../src/core/pool.js';
import { rat, toNumber, type Rational } from '../../src/core/rational.js';
import { economyInputs } from '../../src/io/economy.js';
import { loadModelFromYaml } from '../../src/io/load.js';

const base = economyInputs(loadModelFromYaml(), undefined, 12);
const pct = (max = 100) =>
  fc.integer({ min: 0, max: max * 100 }).map((x) => rat(BigInt(x), 10_000n));
const rel = (a: number, b: number) =>
  a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
/** Equal within 1e-9 relative, or within `abs` (the exact step's rounding). */
const close = (f: number, x: number, abs = 0) => {
  if (Math.abs(f - x) <= abs) return;
  expect(rel(f, x)).toBeLessThan(1e-9);
};
const marketArb = fc.record({
  target: pct(),
  belowSlope: pct(300),
  aboveSlope: pct(500),
  floor: pct(),
});
const withMarket = (
  m: EconomyInputs['market'],
  over: Partial<EconomyInputs> = {},
): EconomyInputs => ({
  ...base,
  market: m,
  ...over,
});

describe('each exact step and its floating-point twin give the same figures', () => {
  test('multiplier: m(U) on the fees.market curve', () => {
    fc.assert(
      fc.property(marketArb, pct(), (market, u) => {
        const inp = withMarket(market);
        close(multiplierF(toNumber(u), floatInputsOf(inp)), toNumber(multiplier(u, inp)));
      }),
    );
  });

  test('serve: demand at the fee, served, utilization, revenue', () => {
    fc.assert(
      fc.property(
        // From 1,000 GPU-hours (the exact step floors to 10⁻¹² GPU-hour).
        fc.bigInt({ min: 10n ** 15n, max: 10n ** 22n }),
        fc.integer({ min: 1, max: 40_000 }).map((x) => rat(BigInt(x), 10_000n)),
        fc.bigInt({ min: 10n ** 15n, max: 10n ** 22n }),
        fc.constantFrom('0', '0.5', '1.3'),
        (demand, m, capacity, e) => {
          const inp: EconomyInputs = {
            ...base,
            demand: { ...base.demand, elasticity: rat(BigInt(Number(e) * 10), 10n) },
          };
          const x = serve(demand, m, capacity, inp);
          const out: ServedF = { fee: 0, requested: 0, served: 0, utilization: 0, revenue: 0 };
          const g = (v: bigint) => Number(v) / Number(GPU_HOUR);
          serveF(g(demand), toNumber(m), g(capacity), floatInputsOf(inp), out);
          close(out.fee, toNumber(x.feeUsdPerGpuHour));
          close(out.requested, g(x.requested), 1e-12);
          close(out.served, g(x.served), 1e-12);
          close(out.utilization, toNumber(x.utilization), 1e-12);
          close(out.revenue, Number(x.revenue) / 1e6, 1e-6);
        },
      ),
    );
  });

  test('vaultBuy: all of the vault within the cap, else exactly the cap', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 10n ** 6n, max: 10n ** 15n }),
        fc.bigInt({ min: 10n ** 6n, max: 10n ** 15n }),
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        (x, y, vault, cap) => {
          const e = vaultBuy({ x, y }, vault, cap);
          const p = { x: Number(x), y: Number(y) / 1e6 };
          const left = { usd: 0 };
          const f = vaultBuyF(p, Number(vault) / 1e6, Number(cap), left);
          if (e.bought === 0n) return; // a purchase worth 0 tokens is skipped exactly, not in floats
          close(f, Number(e.bought), 1);
          close(p.x, Number(e.pool.x), 1);
          close(p.y, Number(e.pool.y) / 1e6, 1e-6);
          close(left.usd, Number(e.vault) / 1e6, 2e-6);
        },
      ),
    );
  });

  test('emit: perMonth, or what the source holds', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        (s, p) => {
          expect(emitF(Number(s), Number(p))).toBe(Number(emit(s, p)));
        },
      ),
    );
  });

  test('nodeMargin and nextCapacity: income at the end price against the cost moves capacity', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 22n }),
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom('0', '0.25', '2'),
        pct(99),
        (income, x, y, capacity, cost, resp, maxChange) => {
          const s = {
            ...base.supplySide,
            costPerGpuHourUsd: rat(BigInt(cost), 100n),
            responsiveness: rat(BigInt(Number(resp) * 100), 100n),
            maxChange,
          };
          const inp: EconomyInputs = { ...base, supplySide: s, decimals: 0 };
          const fi = floatInputsOf(inp);
          const m = nodeMargin(income, { x, y }, capacity, s);
          const mf = nodeMarginF(
            Number(income),
            { x: Number(x), y: Number(y) / Number(MICRO) },
            Number(capacity) / 1e12,
            fi,
          );
          if (m === undefined) expect(mf).toBeNaN();
          else close(mf, toNumber(m as Rational));
          close(
            nextCapacityF(Number(capacity) / 1e12, mf, fi),
            Number(nextCapacity(capacity, m, s)) / 1e12,
            1e-12,
          );
        },
      ),
    );
  });
});
