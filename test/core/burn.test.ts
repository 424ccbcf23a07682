import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  breakEvenRevenue,
  monthlyUnlocks,
  netDeflationFrom,
  projectBurn,
  revenuePath,
  steadyStateUnlock,
  type BurnInputs,
  type ProjectionSpec,
} from '../../src/core/burn.js';
import {
  allocColumns,
  band,
  mcInputsOf,
  quantileSorted,
  runMonteCarlo,
  selectFloat64,
  simulateRuns,
  type McInputs,
} from '../../src/core/montecarlo.js';
import { parseDecimal as d, rat, toDecimal } from '../../src/core/rational.js';

const spec = (over: Partial<ProjectionSpec> = {}): ProjectionSpec => ({
  months: ['2026-01', '2026-02', '2026-03'],
  revenueStartUsd: d('10'),
  revenueGrowth: d('0'),
  priceModel: 'constant',
  priceStartUsd: d('1'),
  drift: d('0'),
  volatility: d('0.8'),
  treasuryCirculates: false,
  executionCirculates: true,
  ...over,
});
const inputs = (over: Partial<BurnInputs> = {}, s: Partial<ProjectionSpec> = {}): BurnInputs => ({
  spec: spec(s),
  buyback: {
    revenueShare: d('1'),
    burn: d('0.7'),
    treasury: d('0.29'),
    execution: d('0.01'),
    maxBuyPctOfFloat: d('0.1'),
  },
  decimals: 0,
  supply: 1000n,
  unlockedBefore: 100n,
  unlocks: [0n, 50n, 0n],
  ...over,
});

describe('buy-and-burn, hand-computed months', () => {
  test('constant revenue and price: $10 a month at $1 buys 10 tokens, split 7 / 3 / 0', () => {
    const m = projectBurn(inputs());
    expect(
      m.map((x) => [
        x.month,
        x.bought,
        x.burned,
        x.toTreasury,
        x.toExecution,
        x.unlocked,
        x.netEmission,
        x.totalSupply,
        x.circulating,
        x.cumulativeBurned,
      ]),
    ).toEqual([
      ['2026-01', 10n, 7n, 3n, 0n, 0n, -7n, 993n, 90n, 7n], // 100 unlocked − 7 burned − 3 to the treasury
      ['2026-02', 10n, 7n, 3n, 0n, 50n, 43n, 986n, 130n, 14n],
      ['2026-03', 10n, 7n, 3n, 0n, 0n, -7n, 979n, 120n, 21n],
    ]);
    expect(m[0].inflationAnnualized).toEqual(d('-1.2')); // (90 − 100) / 100 × 12
    expect(m[0].coverage).toBeUndefined();
    expect(m[1].coverage).toEqual(d('0.14')); // 7 / 50
    expect(netDeflationFrom(m)).toBe('2026-03');
  });
  test('the float cap: at most 10% of circulating a month; unspent USD carries over', () => {
    const m = projectBurn(inputs({}, { revenueStartUsd: d('100') }));
    expect(m[0].bought).toBe(10n); // 10% of the 100 circulating
    expect(toDecimal(m[0].vaultUsd, 6)).toBe('90');
    expect(m[1].bought).toBe(14n); // 10% of 150 − 10 bought
    expect(toDecimal(m[1].vaultUsd, 6)).toBe('176');
  });
  test('revenue grows month on month from month 1', () => {
    expect(revenuePath(spec({ revenueGrowth: d('0.03') })).map((x) => toDecimal(x, 6))).toEqual([
      '10',
      '10.3',
      '10.609',
    ]);
    expect(revenuePath(spec({ revenueGrowth: d('-0.5') })).map((x) => toDecimal(x, 6))).toEqual([
      '10',
      '5',
      '2.5',
    ]);
  });
  test('break-even revenue: unlock × price / (revenue share × burn share)', () => {
    // 189.5M tokens × $0.10 / (100% × 70%) = $27,071,428.57…
    const be = breakEvenRevenue(189_500_000n * 10n ** 18n, 18, d('0.1'), inputs().buyback)!;
    expect(toDecimal(be, 2)).toBe('27071428.57');
  });
  test('net deflation that never holds to the end is "never"', () => {
    expect(
      netDeflationFrom([
        { month: 'a', netEmission: -1n },
        { month: 'b', netEmission: 1n },
      ]),
    ).toBeUndefined();
  });
});

describe('buy-and-burn, properties', () => {
  const arb = fc.record({
    supply: fc.bigInt({ min: 10n ** 6n, max: 10n ** 28n }),
    before: fc.integer({ min: 0, max: 100 }),
    unlocks: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 36 }),
    revenue: fc.integer({ min: 0, max: 10_000_000 }),
    growth: fc.integer({ min: -50, max: 50 }),
    price: fc.integer({ min: 1, max: 1_000_000 }),
    burn: fc.integer({ min: 0, max: 100 }),
    treasury: fc.integer({ min: 0, max: 100 }),
    cap: fc.integer({ min: 1, max: 100 }),
    decimals: fc.integer({ min: 0, max: 18 }),
  });
  test('burned + treasury + execution = bought to the base unit; total supply never rises; nothing goes negative', () => {
    fc.assert(
      fc.property(arb, (a) => {
        fc.pre(a.burn + a.treasury <= 100);
        const pct = (x: number) => rat(BigInt(x), 100n);
        const unlocks = a.unlocks.map((u) => (a.supply * BigInt(u)) / 1000n);
        const months = a.unlocks.map((_, i) => `m${String(i).padStart(3, '0')}`);
        const inp: BurnInputs = {
          spec: spec({
            months,
            revenueStartUsd: rat(BigInt(a.revenue)),
            revenueGrowth: pct(a.growth),
            priceStartUsd: rat(BigInt(a.price), 10000n),
          }),
          buyback: {
            revenueShare: d('1'),
            burn: pct(a.burn),
            treasury: pct(a.treasury),
            execution: pct(100 - a.burn - a.treasury),
            maxBuyPctOfFloat: pct(a.cap),
          },
          decimals: a.decimals,
          supply: a.supply,
          unlockedBefore: (a.supply * BigInt(a.before)) / 1000n,
          unlocks,
        };
        const m = projectBurn(inp);
        let prevSupply = a.supply;
        for (const x of m) {
          expect(x.burned + x.toTreasury + x.toExecution).toBe(x.bought);
          expect(x.totalSupply <= prevSupply).toBe(true);
          expect(x.circulating >= 0n).toBe(true);
          expect(x.vaultUsd.n >= 0n).toBe(true);
          prevSupply = x.totalSupply;
        }
      }),
      { numRuns: 150 },
    );
  });
});

const mc = (over: Partial<McInputs> = {}): McInputs => ({
  runs: 400,
  seed: 7,
  vaultInUsd: Float64Array.from({ length: 24 }, () => 1_000_000),
  unlocks: Float64Array.from({ length: 24 }, (_, k) => (k === 12 ? 1e9 : 5e7)),
  unlockedBefore: 8e8,
  p0: 0.1,
  mu: 0,
  sigma: 0.8,
  maxBuyPctOfFloat: 0.1,
  burn: 0.7,
  treasury: 0.29,
  execution: 0.01,
  treasuryCirculates: false,
  executionCirculates: true,
  ...over,
});

describe('Monte Carlo', () => {
  test('the same seed gives the same bands; another seed different ones', () => {
    const a = runMonteCarlo(mc());
    expect(runMonteCarlo(mc())).toEqual(a);
    expect(runMonteCarlo(mc({ seed: 8 })).price[5]).not.toEqual(a.price[5]);
  });
  test('one run: every percentile is that run, and it is the first run of a larger batch (own stream per run)', () => {
    const one = runMonteCarlo(mc({ runs: 1 }));
    expect(one.price[6].p5).toBe(one.price[6].p95);
    // Seed 7's run 0 gives the same path whether 1 or 2 runs are drawn. With two runs a0 ≤ a1,
    // p5 = a0 + 0.05·(a1 − a0) and p95 = a0 + 0.95·(a1 − a0), so both runs can be read back.
    const two = runMonteCarlo(mc({ runs: 2 }));
    const { p5, p95 } = two.price[6];
    const a0 = (0.95 * p5 - 0.05 * p95) / 0.9;
    const a1 = (0.95 * p95 - 0.05 * p5) / 0.9;
    const x = one.price[6].p50;
    expect(Math.min(Math.abs(x - a0), Math.abs(x - a1))).toBeLessThan(1e-12);
  });
  test('the cells do not depend on how the months are blocked or the runs sliced', () => {
    const inp = mc({ runs: 37 });
    const whole = allocColumns(24, 37);
    simulateRuns(inp, 0, 37, whole);
    for (const [block, cut] of [
      [1, 0],
      [5, 11],
      [7, 36],
      [24, 20],
      [100, 1],
    ]) {
      const parts = allocColumns(24, 37);
      const done: number[] = [];
      simulateRuns(inp, 0, cut, parts, undefined, block);
      simulateRuns(inp, cut, 37, parts, (k) => done.push(k), block);
      expect(parts).toEqual(whole);
      expect(done.at(-1)).toBe(24);
    }
  });
  test('p5 ≤ p50 ≤ p95 every month; month 1 is deterministic', () => {
    const r = runMonteCarlo(mc());
    for (const bands of [r.circulating, r.cumulativeBurned, r.price]) {
      for (const b of bands) {
        expect(b.p5).toBeLessThanOrEqual(b.p50);
        expect(b.p50).toBeLessThanOrEqual(b.p95);
      }
    }
    expect(r.price[0]).toEqual({ p5: 0.1, p50: 0.1, p95: 0.1 });
    expect(r.cumulativeBurned[0].p50).toBeCloseTo(7_000_000, 6); // $1M at $0.10 = 10M bought, 70% burned
  });
  test('with zero volatility every run follows the deterministic path', () => {
    const r = runMonteCarlo(mc({ sigma: 0, runs: 5 }));
    expect(r.price.every((b) => Math.abs(b.p50 - 0.1) < 1e-15)).toBe(true);
    expect(r.cumulativeBurned[23].p5).toBeCloseTo(r.cumulativeBurned[23].p95, 3);
  });
  test('band() equals type-7 quantiles of the sorted values (numpy/d3 linear method)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 300 }),
        (xs) => {
          const sorted = Float64Array.from(xs).sort();
          const b = band(Float64Array.from(xs));
          expect(b.p5).toBeCloseTo(quantileSorted(sorted, 0.05), 6);
          expect(b.p50).toBeCloseTo(quantileSorted(sorted, 0.5), 6);
          expect(b.p95).toBeCloseTo(quantileSorted(sorted, 0.95), 6);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 3000 }),
        (xs) => {
          const sorted = Float64Array.from(xs).sort();
          const b = band(Float64Array.from(xs));
          expect([b.p5, b.p50, b.p95]).toEqual(
            [0.05, 0.5, 0.95].map((p) => quantileSorted(sorted, p)),
          );
        },
      ),
      { numRuns: 200 },
    );
    // numpy.percentile([1, 2, 3, 4], [5, 50, 95]) = [1.15, 2.5, 3.85]
    expect(band(Float64Array.from([4, 1, 3, 2]))).toEqual({
      p5: 1.15,
      p50: 2.5,
      p95: expect.closeTo(3.85, 12),
    });
  });
  test('selectFloat64 puts the k-th smallest at k', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        (xs, kk) => {
          const a = Float64Array.from(xs);
          const k = kk % a.length;
          selectFloat64(a, k);
          expect(a[k]).toBe(Float64Array.from(xs).sort()[k]);
        },
      ),
    );
  });
});

describe('projection inputs from the vesting engine', () => {
  const unlocks = [
    { date: '2026-04-29', amount: 100n },
    { date: '2026-05-29', amount: 10n },
    { date: '2027-04-29', amount: 500n },
    { date: '2027-05-29', amount: 40n },
    { date: '2027-06-29', amount: 45n },
  ];
  test('monthlyUnlocks: everything before month 1, then by YYYY-MM', () => {
    expect(monthlyUnlocks(unlocks, ['2026-05', '2026-06', '2027-04'])).toEqual({
      unlockedBefore: 100n,
      unlocks: [10n, 0n, 500n],
    });
  });
  test('steadyStateUnlock: the largest month strictly after the last cliff', () => {
    expect(steadyStateUnlock(unlocks, ['2027-04', '2026-10'])).toEqual({
      lastCliff: '2027-04',
      amount: 45n,
    });
    expect(steadyStateUnlock(unlocks, [])).toEqual({ lastCliff: undefined, amount: 500n });
  });
  test('mcInputsOf: the Monte Carlo sees the same revenue, unlocks and shares as the exact projection', () => {
    const m = mcInputsOf(
      inputs(
        { decimals: 2, unlockedBefore: 150n, unlocks: [0n, 250n, 0n] },
        { revenueGrowth: d('0.5') },
      ),
      10,
      3,
    );
    expect(Array.from(m.vaultInUsd)).toEqual([10, 15, 22.5]);
    expect(Array.from(m.unlocks)).toEqual([0, 2.5, 0]);
    expect(m.unlockedBefore).toBe(1.5);
    expect([m.burn, m.treasury, m.execution, m.maxBuyPctOfFloat, m.p0, m.sigma]).toEqual([
      0.7, 0.29, 0.01, 0.1, 1, 0.8,
    ]);
  });
});
