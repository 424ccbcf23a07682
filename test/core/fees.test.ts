import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  checkSplit,
  demandMultiplier,
  gpuHoursFor,
  quoteJob,
  trainingFlops,
  usdToUnits,
  type FeeModel,
  type Gpu,
} from '../../src/core/fees.js';
import { parseDecimal as d, rat, toDecimal } from '../../src/core/rational.js';

const market = { target: d('0.8'), belowSlope: d('0.5'), aboveSlope: d('3'), floor: d('0.25') };
const H100: Gpu = { name: 'H100', pricePerHourUsd: d('2.99'), tflops: d('989.4') };
const model: FeeModel = {
  mfu: d('0.4'),
  maxTaskGpuHours: d('100'),
  baseFeePerTaskUsd: d('5'),
  durationFeePerHourUsd: d('1'),
  market,
  split: { nodes: d('0.8'), validators: d('0.15'), treasury: d('0.05') },
};

describe('demand multiplier m(U)', () => {
  test.each([
    ['0.8', '1'], // at the target
    ['0.4', '0.75'], // 1 - 0.5·(0.8-0.4)/0.8
    ['0', '0.5'], // 1 - 0.5
    ['0.9', '2.5'], // 1 + 3·0.1/0.2
    ['1', '4'], // 1 + 3·0.2/0.2
  ])('U = %s -> %s (kinked at the target)', (u, m) =>
    expect(toDecimal(demandMultiplier(d(u), market), 10)).toBe(m),
  );
  test('never below the floor', () => {
    expect(demandMultiplier(d('0'), { ...market, belowSlope: d('2') })).toEqual(d('0.25'));
  });
  test('property: monotonic in U', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const ml = demandMultiplier(rat(BigInt(lo), 1000n), market);
        const mh = demandMultiplier(rat(BigInt(hi), 1000n), market);
        expect(ml.n * mh.d <= mh.n * ml.d).toBe(true);
      }),
    );
  });
});

describe('GPU-hours and the quote', () => {
  test('6·N·D: 7B params on 140B tokens = 5.88e21 FLOPs = 4,127.08 H100-hours at 40% MFU', () => {
    const flops = trainingFlops(d('7e9'), d('140e9'));
    expect(flops).toEqual(rat(5_880_000_000_000_000_000_000n));
    // 5.88e21 / (989.4e12 · 0.4 · 3600) = 5.88e21 / 1.424736e18
    expect(toDecimal(gpuHoursFor(flops, H100, model.mfu), 4)).toBe('4127.0804');
  });
  test('hand-computed quote: 1,000 GPU-hours on H100 within 48 h at 95% utilization, $0.10 a token', () => {
    const q = quoteJob(
      {
        gpu: H100,
        gpuHours: d('1000'),
        hours: d('48'),
        utilization: d('0.95'),
        priceUsd: d('0.1'),
        decimals: 18,
      },
      model,
    );
    // m = 1 + 3·0.15/0.2 = 3.25; compute 1000 · 2.99 · 3.25 = 9,717.50; tasks 10 · 5 = 50; duration 48 · 1 = 48
    expect(q.multiplier).toEqual(d('3.25'));
    expect(q.lines.map((l) => toDecimal(l.usd, 6))).toEqual(['9717.5', '50', '48']);
    expect(toDecimal(q.totalUsd, 6)).toBe('9815.5');
    expect(q.totalTokens).toBe(98_155n * 10n ** 18n);
    expect(q.lineTokens).toEqual([97_175n * 10n ** 18n, 500n * 10n ** 18n, 480n * 10n ** 18n]);
    expect(q.split.map((s) => s.tokens)).toEqual([
      78_524n * 10n ** 18n,
      14_723_250000000000000000n,
      4_907_750000000000000000n,
    ]);
    expect(q.tasks).toBe(10n);
    expect(q.gpusNeeded).toBe(21n); // ceil(1000 / 48)
  });
  test('tasks round up: 101 GPU-hours is 2 tasks', () => {
    expect(
      quoteJob(
        {
          gpu: H100,
          gpuHours: d('101'),
          hours: d('1'),
          utilization: d('0.8'),
          priceUsd: d('1'),
          decimals: 0,
        },
        model,
      ).tasks,
    ).toBe(2n);
  });
  test('usdToUnits floors to the base unit', () => {
    expect(usdToUnits(d('1'), d('0.3'), 2)).toBe(333n);
  });
  test('the split must add up to 100%', () => {
    expect(() =>
      checkSplit({ nodes: d('0.8'), validators: d('0.15'), treasury: d('0.04') }),
    ).toThrow('the split adds up to 99%');
  });
  test('property: line tokens and split parts add up to the total exactly, for any amounts and shares', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 18 }),
        fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
        fc.integer({ min: 0, max: 100 }),
        (hours, priceMicros, decimals, [a, b], u) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const split = {
            nodes: rat(BigInt(lo), 100n),
            validators: rat(BigInt(hi - lo), 100n),
            treasury: rat(BigInt(100 - hi), 100n),
          };
          const q = quoteJob(
            {
              gpu: H100,
              gpuHours: rat(BigInt(hours), 7n),
              hours: d('3'),
              utilization: rat(BigInt(u), 100n),
              priceUsd: rat(BigInt(priceMicros), 1_000_000n),
              decimals,
            },
            { ...model, split },
          );
          expect(q.lineTokens.reduce((x, y) => x + y, 0n)).toBe(q.totalTokens);
          expect(q.split.reduce((x, s) => x + s.tokens, 0n)).toBe(q.totalTokens);
        },
      ),
      { numRuns: 200 },
    );
  });
});
