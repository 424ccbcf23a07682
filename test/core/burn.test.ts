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
  allocBuffers,
  band,
  bandBracketed,
  bandSelected,
  bandsOf,
  BRACKET_MIN,
  initRuns,
  mcInputsOf,
  mcLayout,
  mcMemoryBytes,
  normalPair,
  quantileSorted,
  reduceMonth,
  runMonteCarlo,
  runStreams,
  selectFloat64,
  simulateBlock,
  type McBands,
  type McInputs,
} from '../../src/core/montecarlo.js';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
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
    expect(m[0]!.inflationAnnualized).toEqual(d('-1.2')); // (90 − 100) / 100 × 12
    expect(m[0]!.coverage).toBeUndefined();
    expect(m[1]!.coverage).toEqual(d('0.14')); // 7 / 50
    expect(netDeflationFrom(m)).toBe('2026-03');
  });
  test('the float cap: at most 10% of circulating a month; unspent USD carries over', () => {
    const m = projectBurn(inputs({}, { revenueStartUsd: d('100') }));
    expect(m[0]!.bought).toBe(10n); // 10% of the 100 circulating
    expect(toDecimal(m[0]!.vaultUsd, 6)).toBe('90');
    expect(m[1]!.bought).toBe(14n); // 10% of 150 − 10 bought
    expect(toDecimal(m[1]!.vaultUsd, 6)).toBe('176');
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

/** The model written plainly: each run whole, pure-rand's generator and normalPair, every month sorted. */
function referenceMonteCarlo(inp: McInputs): McBands {
  const M = inp.unlocks.length;
  const R = inp.runs;
  const cols = [0, 1, 2].map(() => Array.from({ length: M }, () => new Float64Array(R)));
  const deflation = new Float64Array(M);
  const streams = runStreams(inp.seed, 0, R);
  const pair = new Float64Array(2);
  const keepT = inp.treasuryCirculates ? 0 : 1;
  const keepE = inp.executionCirculates ? 0 : 1;
  for (let r = 0; r < R; r++) {
    let [p, vault, cumBurn, cumT, cumE, unlocked, spare] = [
      inp.p0,
      0,
      0,
      0,
      0,
      inp.unlockedBefore,
      NaN,
    ];
    for (let k = 0; k < M; k++) {
      if (k > 0) {
        let z = spare;
        if (Number.isNaN(spare)) {
          normalPair(streams[r]!, pair);
          [z, spare] = [pair[0]!, pair[1]!];
        } else spare = NaN;
        p *= Math.exp(
          (inp.mu - (inp.sigma * inp.sigma) / 2) * (1 / 12) + inp.sigma * Math.sqrt(1 / 12) * z,
        );
      }
      unlocked += inp.unlocks[k]!;
      const cash = vault + inp.vaultInUsd[k]!;
      const float = unlocked - cumBurn - keepT * cumT - keepE * cumE;
      const bought = Math.max(0, Math.min(cash / p, float * inp.maxBuyPctOfFloat));
      vault = cash - bought * p;
      const burned = bought * inp.burn;
      cumBurn += burned;
      cumT += bought * inp.treasury;
      cumE += bought * inp.execution;
      cols[0]![k]![r] = unlocked - cumBurn - keepT * cumT - keepE * cumE;
      cols[1]![k]![r] = cumBurn;
      cols[2]![k]![r] = p;
      if (inp.unlocks[k]! - burned <= 0) deflation[k]!++;
    }
  }
  const bands = (q: number) =>
    cols[q]!.map((c) => {
      const sorted = c.slice().sort();
      const [p5 = NaN, p50 = NaN, p95 = NaN] = [0.05, 0.5, 0.95].map((x) =>
        quantileSorted(sorted, x),
      );
      return { p5, p50, p95 };
    });
  return {
    months: M,
    runs: R,
    circulating: bands(0),
    cumulativeBurned: bands(1),
    price: bands(2),
    pNetDeflation: deflation.map((c) => c / R),
  };
}

describe('Monte Carlo', () => {
  test('the same seed gives the same bands; another seed different ones', () => {
    const a = runMonteCarlo(mc());
    expect(runMonteCarlo(mc())).toEqual(a);
    expect(runMonteCarlo(mc({ seed: 8 })).price[5]).not.toEqual(a.price[5]);
  });
  test('one run: every percentile is that run, and it is the first run of a larger batch (own stream per run)', () => {
    const one = runMonteCarlo(mc({ runs: 1 }));
    expect(one.price[6]!.p5).toBe(one.price[6]!.p95);
    // Seed 7's run 0 gives the same path whether 1 or 2 runs are drawn. With two runs a0 ≤ a1,
    // p5 = a0 + 0.05·(a1 − a0) and p95 = a0 + 0.95·(a1 − a0), so both runs can be read back.
    const two = runMonteCarlo(mc({ runs: 2 }));
    const { p5, p95 } = two.price[6]!;
    const a0 = (0.95 * p5 - 0.05 * p95) / 0.9;
    const a1 = (0.95 * p95 - 0.05 * p5) / 0.9;
    const x = one.price[6]!.p50;
    expect(Math.min(Math.abs(x - a0), Math.abs(x - a1))).toBeLessThan(1e-12);
  });
  test('equals a plain reference: every run whole with pure-rand, every month sorted', () => {
    for (const inp of [mc(), mc({ runs: 37, seed: -3 }), mc({ runs: 1, treasuryCirculates: true })])
      expect(runMonteCarlo(inp)).toEqual(referenceMonteCarlo(inp));
  });
  test('the bands do not depend on how the months are blocked, the runs sliced or the slots reused', () => {
    const inp = mc({ runs: 37 });
    const whole = runMonteCarlo(inp);
    for (const [block, slots, cut] of [
      [1, 1, 0],
      [5, 2, 11],
      [7, 3, 36],
      [24, 1, 20],
      [100, 2, 1],
    ]) {
      const l = mcLayout(37, 24, slots!, block);
      const buf = allocBuffers(l);
      initRuns(inp, buf);
      // Blocks in order, each block's two slices in either order, a block reduced only once it is
      // simulated, and only while its slot has not been reused.
      for (let b = 0; b * block! < 24; b++) {
        if (b % 2) simulateBlock(inp, l, buf, b, cut!, 37);
        simulateBlock(inp, l, buf, b, 0, cut!);
        if (!(b % 2)) simulateBlock(inp, l, buf, b, cut!, 37);
        for (let k = b * block!; k < Math.min(24, (b + 1) * block!); k++) reduceMonth(l, buf, k);
      }
      expect(bandsOf(l, buf)).toEqual(whole);
    }
  });
  test("memory does not grow with the months: the block slots and each run's state", () => {
    const bytes = (months: number) => mcMemoryBytes(mcLayout(100_000, months, 3));
    expect(bytes(1200) - bytes(120)).toBe(80 * 1080); // the bands, 80 bytes a month
    expect(bytes(120)).toBeLessThan(60 * 1024 ** 2);
    expect(mcMemoryBytes(mcLayout(1_000_000, 1200, 3))).toBeLessThan(150 * 1024 ** 2);
  });
  test("each run's stream is pure-rand's generator jumped once per run (jumps by table)", () => {
    for (const seed of [0, 1, -7, 2 ** 31 - 1]) {
      const buf = allocBuffers(mcLayout(300, 1, 1));
      initRuns(mc({ runs: 300, seed }), buf);
      const g = xoroshiro128plus(seed);
      for (let r = 0; r < 300; r++, g.jump())
        expect(Array.from(buf.rng.subarray(4 * r, 4 * r + 4))).toEqual(g.getState());
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
    expect(r.cumulativeBurned[0]!.p50).toBeCloseTo(7_000_000, 6); // $1M at $0.10 = 10M bought, 70% burned
  });
  test('with zero volatility every run follows the deterministic path', () => {
    const r = runMonteCarlo(mc({ sigma: 0, runs: 5 }));
    expect(r.price.every((b) => Math.abs(b.p50 - 0.1) < 1e-15)).toBe(true);
    expect(r.cumulativeBurned[23]!.p5).toBeCloseTo(r.cumulativeBurned[23]!.p95, 3);
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
  test('band() on large columns (brackets from a sample) is exact; odd columns fall back to selection', () => {
    const type7 = (a: Float64Array) => {
      const sorted = a.slice().sort();
      const [p5, p50, p95] = [0.05, 0.5, 0.95].map((p) => quantileSorted(sorted, p));
      return { p5, p50, p95 };
    };
    fc.assert(
      fc.property(
        fc.integer({ min: BRACKET_MIN, max: 3 * BRACKET_MIN }),
        fc.integer(),
        fc.constantFrom('uniform', 'lognormal', 'ties', 'sorted', 'reversed', 'nan'),
        (n, seed, shape) => {
          const g = xoroshiro128plus(seed);
          const u = () => (g.next() >>> 0) / 2 ** 32;
          const a = Float64Array.from({ length: n }, (_, i) =>
            shape === 'lognormal'
              ? Math.exp(3 * (u() + u() + u() - 1.5))
              : shape === 'ties'
                ? Math.floor(u() * 5)
                : shape === 'sorted'
                  ? i
                  : shape === 'reversed'
                    ? -i
                    : u() * 1e9 - 5e8,
          );
          if (shape === 'nan') a[n >> 1] = NaN;
          const viaBrackets = bandBracketed(a.slice());
          // Exact when the sample brackets the order statistics; a NaN, or a sample unlike the
          // column (sorted data), leaves it to selection.
          if (shape === 'uniform' || shape === 'lognormal') expect(viaBrackets).toEqual(type7(a));
          else if (shape === 'nan' || shape === 'sorted') expect(viaBrackets).toBeUndefined();
          else if (viaBrackets) expect(viaBrackets).toEqual(type7(a));
          expect(band(a.slice())).toEqual(shape === 'nan' ? bandSelected(a.slice()) : type7(a));
        },
      ),
      { numRuns: 40 },
    );
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
