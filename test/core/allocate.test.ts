import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { allocate, evenSteps } from '../../src/core/allocate.js';

describe('allocate (largest remainder)', () => {
  test('hand-computed: 100 by 1:1:1 gives 34, 33, 33', () => {
    expect(allocate(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
  });
  test('hand-computed: 10 by 5:3:2 is exact', () => {
    expect(allocate(10n, [5n, 3n, 2n])).toEqual([5n, 3n, 2n]);
  });
  test('largest remainder wins the dust: 7 by 1:2:4 = 1, 2, 4; 8 by 1:2:4 -> 1.14,2.29,4.57 -> 1,2,5', () => {
    expect(allocate(7n, [1n, 2n, 4n])).toEqual([1n, 2n, 4n]);
    expect(allocate(8n, [1n, 2n, 4n])).toEqual([1n, 2n, 5n]);
  });
  test('zero weights with a zero total give zeros; with a positive total they refuse', () => {
    expect(allocate(0n, [0n, 0n])).toEqual([0n, 0n]);
    expect(() => allocate(5n, [0n, 0n])).toThrow(/all zero/);
  });
  test('property: parts add up to the total, to the base unit, and each is within 1 of its exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 20 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0n));
          const parts = allocate(total, weights);
          const W = weights.reduce((a, b) => a + b, 0n);
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(total);
          parts.forEach((p, i) => {
            const floor = (total * weights[i]!) / W;
            expect(p === floor || p === floor + 1n).toBe(true);
          });
        },
      ),
    );
  });
});

describe('evenSteps', () => {
  test('hand-computed: 10 in 3 steps is 3, 3, 4', () => {
    expect(evenSteps(10n, 3)).toEqual([3n, 3n, 4n]);
    // floor(90k/48) - floor(90(k-1)/48): 1, 2 (3-1), 2 (5-3), 2 (7-5)
    expect(evenSteps(90n, 48).slice(0, 4)).toEqual([1n, 2n, 2n, 2n]);
  });
  test('property: step k is exactly floor(rest·k/n) − floor(rest·(k−1)/n), the definition, in bigints', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.integer({ min: 1, max: 20_000 }),
        (rest, n) => {
          const N = BigInt(n);
          const steps = evenSteps(rest, n);
          for (const k of [1, 2, Math.ceil(n / 3), n - 1, n].filter((k) => k >= 1 && k <= n)) {
            expect(steps[k - 1]).toBe((rest * BigInt(k)) / N - (rest * BigInt(k - 1)) / N);
          }
          let cum = 0n;
          steps.forEach((s, i) => {
            cum += s;
            if (i % 97 === 0 || i === n - 1) expect(cum).toBe((rest * BigInt(i + 1)) / N);
          });
        },
      ),
    );
  });
  test('property: n steps add up to the rest exactly and differ by at most 1', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 28n }),
        fc.integer({ min: 1, max: 400 }),
        (rest, n) => {
          const steps = evenSteps(rest, n);
          expect(steps.reduce((a, b) => a + b, 0n)).toBe(rest);
          const lo = rest / BigInt(n);
          steps.forEach((s) => expect(s === lo || s === lo + 1n).toBe(true));
        },
      ),
    );
  });
});
