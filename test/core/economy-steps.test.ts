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
  provideLiquidity,
  serve,
  splitFeeTokens,
  trade,
  GPU_HOUR,
  type EconomyInputs,
} from '../../src/core/economy.js';
import {
  emitF,
  floatInputsOf,
  multiplierF,
  nextCapacityF,
  nodeMarginF,
  provideLiquidityF,
  serveF,
  tradeF,
  type ServedF,
  type TradeF,
} from '../../src/core/economy-mc.js';
import { MICRO } from '../../src/core/pool.js';
import { rat, toNumber, type Rational } from '../../src/core/rational.js';
import { economyInputs } from '../../src/params/economy.js';
import { loadModelFromYaml } from '../../src/params/load.js';

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
/** A month's flow: none, or from 10⁶ base units (or 10⁻⁶ USD). */
const flow = fc.oneof(fc.constant(0n), fc.bigInt({ min: 10n ** 6n, max: 10n ** 15n }));
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
  test('multiplier: m(U) on the fees.market curve, then the fee dynamics', () => {
    fc.assert(
      fc.property(
        marketArb,
        pct(),
        fc.option(
          fc.integer({ min: 2500, max: 40_000 }).map((x) => rat(BigInt(x), 10_000n)),
          {
            nil: undefined,
          },
        ),
        fc.option(pct(), { nil: undefined }),
        fc.option(pct(), { nil: undefined }),
        (market, u, prev, maxChangePerMonth, adjustment) => {
          const inp = withMarket(market, {
            feeDynamics: {
              maxChangePerMonth: maxChangePerMonth?.n ? maxChangePerMonth : undefined,
              adjustment: adjustment?.n ? adjustment : undefined,
            },
          });
          // The exact multiplier is floored to 10⁻¹² when the dynamics move it off its target.
          close(
            multiplierF(toNumber(u), prev ? toNumber(prev) : NaN, floatInputsOf(inp)),
            toNumber(multiplier(u, prev, inp)),
            1e-12,
          );
        },
      ),
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

  test("trade: the month's flows through the pool; the vault within its cap", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 10n ** 9n, max: 10n ** 15n }),
        fc.bigInt({ min: 10n ** 9n, max: 10n ** 15n }),
        flow,
        flow,
        flow,
        flow,
        (x, y, sells, buys, vault, cap) => {
          // decimals 0: a base unit is a token; USD in 10⁻⁶ (flows from a whole dollar or a million
          // tokens: below that the exact step's rounding is the figure). The exact vault compares its tokens,
          // rounded, with the cap and with 1: near either, the two paths may choose differently.
          const out: TradeF = { price: 0, vaultTokens: 0, vaultSpent: 0, capped: false };
          const probe = { x: Number(x), y: Number(y) / 1e6 };
          tradeF(probe, Number(sells), Number(buys) / 1e6, Number(vault) / 1e6, Infinity, 1, out);
          const ideal = out.vaultTokens;
          fc.pre(!(ideal > Number(cap) - 2 && ideal < Number(cap) + 2) && Math.abs(ideal - 1) > 1);
          const e = trade({ x, y }, [sells], [buys], vault, cap);
          const p = { x: Number(x), y: Number(y) / 1e6 };
          tradeF(p, Number(sells), Number(buys) / 1e6, Number(vault) / 1e6, Number(cap), 1, out);
          expect(out.capped).toBe(e.capped);
          // The average price, to the rounding of the tokens bought (a base unit in `tokens`)
          const price = Number(e.spent) / Number(e.tokens) / 1e6;
          // (and of a capped vault's USD, rounded up to 10⁻⁶).
          if (e.tokens > 0n)
            close(out.price, price, price * (2 / Number(e.tokens) + 2 / Number(e.spent)));
          close(out.vaultTokens, Number(e.vaultTokens), 2);
          close(out.vaultSpent, Number(e.vaultSpent) / 1e6, 1e-6);
          // Buyers' tokens are floored to the base unit, and a capped vault spends whole 10⁻⁶ USD:
          // the pool within a few base units and what 10⁻⁶ USD buys of the float figure.
          close(p.x, Number(e.pool.x), 3 + (3 * Number(e.pool.x)) / Number(e.pool.y));
          // The USD side: within what a base unit or two is worth at the end price.
          close(
            p.y,
            Number(e.pool.y) / 1e6,
            2e-6 + (3 * Number(e.pool.y)) / Number(e.pool.x) / 1e6,
          );
        },
      ),
    );
  });

  test('provideLiquidity: the pool brought to its share of the circulating supply at its price', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 10n ** 6n, max: 10n ** 15n }),
        fc.bigInt({ min: 10n ** 6n, max: 10n ** 15n }),
        fc.bigInt({ min: 0n, max: 10n ** 16n }),
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.boolean(),
        fc.integer({ min: 1, max: 99 }).map((x) => rat(BigInt(x), 100n)),
        (x, y, circulating, available, circulates, share) => {
          const e = provideLiquidity({ x, y }, circulating, available, circulates, share);
          const p = { x: Number(x), y: Number(y) / 1e6 };
          const d = provideLiquidityF(
            p,
            Number(circulating),
            Number(available),
            circulates,
            toNumber(share),
            1,
          );
          close(d, Number(e.tokens), 1);
          close(p.x, Number(e.pool.x), 1);
          close(p.y, Number(e.pool.y) / 1e6, 1e-6 + Number(y) / Number(x) / 1e6);
        },
      ),
    );
  });

  test("splitFeeTokens: the fee payers' tokens by what each keeps (the nodes' sold part paid in USD)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
        pct(),
        (tokens, [a0, b0], sell) => {
          const [a, b] = [Math.min(a0, b0), Math.max(a0, b0)];
          const inp: EconomyInputs = {
            ...base,
            feeSplit: {
              nodes: rat(BigInt(a), 100n),
              validators: rat(BigInt(b - a), 100n),
              treasury: rat(BigInt(100 - b), 100n),
            },
            supplySide: { ...base.supplySide, sellShare: sell },
          };
          const fi = floatInputsOf(inp);
          const parts = splitFeeTokens(tokens, inp);
          expect(parts[0] + parts[1] + parts[2]).toBe(tokens);
          // The float path splits by the same weights; the exact one to the base unit (largest remainder).
          parts.forEach((part, i) => close(Number(tokens) * fi.keptSplit[i]!, Number(part), 1));
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
