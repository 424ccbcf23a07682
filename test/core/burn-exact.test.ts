/**
 * projectBurn keeps the vault as an integer over a common scale and rounds to 10⁻¹² without
 * normalising intermediate fractions (for sweep speed). Property: it equals, field by field, the
 * straightforward projection on exact rationals it replaced (below, as the reference), on
 * generated inputs — including price paths with denominators that are not powers of ten.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  floatCap,
  projectBurn,
  splitPurchase,
  type BurnInputs,
  type BurnMonth,
  type ProjectionSpec,
} from '../../src/core/burn.js';
import {
  type Rational,
  rat,
  add,
  cmp,
  div,
  floor,
  mul,
  sub,
  ONE,
  ZERO,
} from '../../src/core/rational.js';

// The reference: the month loop and paths as they were, every step a reduced rational.
const PICO = 10n ** 12n;
const roundPicoRef = (x: Rational): Rational =>
  rat(floor(add(mul(x, rat(PICO)), rat(1n, 2n))), PICO);
function pricePathRef(spec: ProjectionSpec): Rational[] {
  const step = spec.priceModel === 'constant' ? ONE : add(ONE, div(spec.drift, rat(12n)));
  const out: Rational[] = [];
  let p = spec.priceStartUsd;
  for (let k = 0; k < spec.months.length; k++) {
    out.push(p);
    p = roundPicoRef(mul(p, step));
  }
  return out;
}
function revenuePathRef(spec: ProjectionSpec): Rational[] {
  const out: Rational[] = [];
  let r = spec.revenueStartUsd;
  const step = add(ONE, spec.revenueGrowth);
  for (let k = 0; k < spec.months.length; k++) {
    out.push(cmp(r, ZERO) < 0 ? ZERO : r);
    r = roundPicoRef(mul(r, step));
  }
  return out;
}
function projectBurnRef(inp: BurnInputs, prices: Rational[] = pricePathRef(inp.spec)): BurnMonth[] {
  const { spec, buyback: bb } = inp;
  const unit = rat(10n ** BigInt(inp.decimals));
  const revenue = revenuePathRef(spec);
  let vault = ZERO;
  let unlockedCum = inp.unlockedBefore;
  let cumBurned = 0n;
  let cumTreasury = 0n;
  let cumExecution = 0n;
  const circulatingOf = () =>
    unlockedCum -
    cumBurned -
    (spec.treasuryCirculates ? 0n : cumTreasury) -
    (spec.executionCirculates ? 0n : cumExecution);
  let prevCirc = circulatingOf();
  return spec.months.map((month, k) => {
    const price = prices[k]!;
    const unlocked = inp.unlocks[k] ?? 0n;
    unlockedCum += unlocked;
    vault = add(vault, roundPicoRef(mul(revenue[k]!, bb.revenueShare)));
    const cap = floatCap(circulatingOf(), bb);
    const affordable = price.n > 0n ? floor(mul(div(vault, price), unit)) : 0n;
    const bought = affordable < cap ? affordable : cap;
    vault = sub(vault, mul(rat(bought, unit.n), price));
    const [burned, toTreasury, toExecution] = splitPurchase(bought, bb);
    cumBurned += burned;
    cumTreasury += toTreasury;
    cumExecution += toExecution;
    const circ = circulatingOf();
    const row: BurnMonth = {
      month,
      revenueUsd: revenue[k]!,
      vaultUsd: vault,
      priceUsd: price,
      bought,
      burned,
      toTreasury,
      toExecution,
      unlocked,
      netEmission: unlocked - burned,
      totalSupply: inp.supply - cumBurned,
      circulating: circ,
      cumulativeBurned: cumBurned,
      inflationAnnualized: prevCirc > 0n ? rat((circ - prevCirc) * 12n, prevCirc) : undefined,
      coverage: unlocked > 0n ? rat(burned, unlocked) : undefined,
    };
    prevCirc = circ;
    return row;
  });
}

/** A decimal with up to `dp` places: n / 10^dp. */
const decimal = (min: number, max: number, dp: number) =>
  fc.integer({ min, max }).map((n) => rat(BigInt(n), 10n ** BigInt(dp)));
const share = fc.integer({ min: 0, max: 10_000 }).map((n) => rat(BigInt(n), 10_000n));

describe('projectBurn equals the all-rational reference', () => {
  const arb = fc.record({
    n: fc.integer({ min: 1, max: 40 }),
    supply: fc.bigInt({ min: 10n ** 6n, max: 10n ** 28n }),
    before: fc.integer({ min: 0, max: 300 }),
    unlocks: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 0, maxLength: 40 }),
    revenue: fc.oneof(
      decimal(0, 50_000_000, 0),
      decimal(0, 10_000_000, 7),
      fc.constant(rat(1_000_000n, 3n)),
    ),
    growth: fc.oneof(decimal(-120, 120, 2), decimal(-99_999, 99_999, 6)),
    priceModel: fc.constantFrom('constant' as const, 'growth' as const, 'gbm' as const),
    price: fc.oneof(
      decimal(1, 1_000_000, 4),
      decimal(1, 1000, 13),
      fc.integer({ min: 1, max: 1000 }).map((n) => rat(BigInt(n), 7n)),
    ),
    drift: decimal(-300, 300, 2),
    revenueShare: share,
    burn: fc.integer({ min: 0, max: 100 }),
    treasury: fc.integer({ min: 0, max: 100 }),
    cap: fc.oneof(share, fc.constant(ONE)),
    decimals: fc.integer({ min: 0, max: 18 }),
    treasuryCirculates: fc.boolean(),
    executionCirculates: fc.boolean(),
    /** A given price path (as the Monte Carlo passes one): odd denominators, zero and negative prices. */
    given: fc.option(
      fc.array(fc.tuple(fc.integer({ min: -5, max: 100_000 }), fc.integer({ min: 1, max: 999 })), {
        minLength: 40,
        maxLength: 40,
      }),
      { nil: undefined },
    ),
  });
  test('every month, every field, to the last digit', () => {
    fc.assert(
      fc.property(arb, (a) => {
        fc.pre(a.burn + a.treasury <= 100);
        const pct = (x: number) => rat(BigInt(x), 100n);
        const months = Array.from({ length: a.n }, (_, i) => `m${String(i).padStart(3, '0')}`);
        const inp: BurnInputs = {
          spec: {
            months,
            revenueStartUsd: a.revenue,
            revenueGrowth: a.growth,
            priceModel: a.priceModel,
            priceStartUsd: a.price,
            drift: a.drift,
            volatility: ZERO,
            treasuryCirculates: a.treasuryCirculates,
            executionCirculates: a.executionCirculates,
          },
          buyback: {
            revenueShare: a.revenueShare,
            burn: pct(a.burn),
            treasury: pct(a.treasury),
            execution: pct(100 - a.burn - a.treasury),
            maxBuyPctOfFloat: a.cap,
          },
          decimals: a.decimals,
          supply: a.supply,
          unlockedBefore: (a.supply * BigInt(a.before)) / 1000n,
          unlocks: a.unlocks.map((u) => (a.supply * BigInt(u)) / 1000n),
        };
        const prices = a.given?.map(([n, d]) => rat(BigInt(n), BigInt(d)));
        // Every field, the lazily reduced fractions too (a class's getters are not own properties, so read them out).
        const plain = (ms: BurnMonth[]) =>
          ms.map((x) => ({
            ...x,
            vaultUsd: x.vaultUsd,
            inflationAnnualized: x.inflationAnnualized,
            coverage: x.coverage,
          }));
        expect(plain(projectBurn(inp, prices))).toEqual(plain(projectBurnRef(inp, prices)));
      }),
      { numRuns: 300 },
    );
  });
});
