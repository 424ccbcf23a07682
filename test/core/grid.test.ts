import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  gridSize,
  parseShard,
  parseValues,
  parseVary,
  pointAt,
  seedFor,
  shardPoints,
  type Axis,
} from '../../src/core/grid.js';
import { parseDecimal, sub, eq, rat } from '../../src/core/rational.js';
import { parseAmount } from '../../src/core/units.js';

const axis = (path: string, values: string[]): Axis => ({
  path,
  text: `${path}=${values.join(',')}`,
  values,
});

describe('sweep values', () => {
  test('a list is taken as written', () => {
    expect(parseValues('0%,3%,8%')).toEqual(['0%', '3%', '8%']);
    expect(parseValues(' 1M , 2.5M ')).toEqual(['1M', '2.5M']);
  });
  test('a range with a step keeps the unit of its ends', () => {
    expect(parseValues('0%..10%:1%')).toEqual([
      '0%',
      '1%',
      '2%',
      '3%',
      '4%',
      '5%',
      '6%',
      '7%',
      '8%',
      '9%',
      '10%',
    ]);
    expect(parseValues('1M..3M:1M')).toEqual(['1M', '2M', '3M']);
    expect(parseValues('-1%..1%:1%')).toEqual(['-1%', '0%', '1%']);
    expect(parseValues('12mo..36mo:12mo')).toEqual(['12mo', '24mo', '36mo']);
  });
  test('exact decimals: 0.1 steps do not drift, and the end is kept only when reached', () => {
    expect(parseValues('0.1..0.3:0.1')).toEqual(['0.1', '0.2', '0.3']);
    expect(parseValues('0..1:0.3')).toEqual(['0', '0.3', '0.6', '0.9']);
    expect(parseValues('0.7..0.9:0.1')).toEqual(['0.7', '0.8', '0.9']);
  });
  test('a range with a count includes both ends', () => {
    expect(parseValues('0.05..0.25~5')).toEqual(['0.05', '0.1', '0.15', '0.2', '0.25']);
    expect(parseValues('1M..2M~3')).toEqual(['1M', '1.5M', '2M']);
    expect(parseValues('5%..5%~1')).toEqual(['5%']);
  });
  test('lists and ranges mix', () => {
    expect(parseValues('0%..2%:1%,8%')).toEqual(['0%', '1%', '2%', '8%']);
  });
  test('refused: empty ranges, steps without an exact decimal, mixed units, thousands commas', () => {
    expect(() => parseValues('5%..1%:1%')).toThrow('the range "5%..1%:1%" is empty (0 points)');
    expect(() => parseValues('0..1~0')).toThrow('is empty (0 points, as ~0 asks)');
    expect(() => parseValues('0..1~4')).toThrow('steps of 0.333333…, which have no exact decimal');
    expect(() => parseValues('0%..1M:1%')).toThrow('ends in different units ("%" and "M")');
    expect(() => parseValues('0%..10%:0%')).toThrow('expected a step above 0');
    expect(() => parseValues('0%..10%')).toThrow('needs a step or a count');
    expect(() => parseValues('1,000')).toThrow('write thousands as 1_000 or 1k');
    expect(() => parseValues('1,,2')).toThrow('found an empty one');
    expect(() => parseValues('0..2000000:1')).toThrow(
      'has 2,000,001 points; at most 1,000,000 are allowed',
    );
  });
  test('one axis may hold any number of values up to the limit (no spread of big arrays)', () => {
    const values = parseValues('0..199999:1');
    expect(values.length).toBe(200_000);
    expect(values.at(-1)).toBe('199999');
    const many = parseVary('projection.months=1..150000:1,7');
    expect(many.values.length).toBe(150_001);
    expect(many.values.at(-1)).toBe('7');
  });
  test('k, M, B and T are one unit: a range may mix them (each value printed in the largest that fits)', () => {
    expect(parseValues('500k..2M:250k')).toEqual([
      '500k',
      '750k',
      '1M',
      '1.25M',
      '1.5M',
      '1.75M',
      '2M',
    ]);
    expect(parseValues('0..1M:250k')).toEqual(['0', '250k', '500k', '750k', '1M']);
    expect(parseValues('1M..2M:500k')).toEqual(['1M', '1.5M', '2M']);
    expect(parseValues('0.5M..1B~3')).toEqual(['0.5M', '500.25M', '1B']);
    expect(parseValues('999..1k:1')).toEqual(['999', '1k']);
    // One unit throughout: printed in it, as before.
    expect(parseValues('1M..2.5M~4')).toEqual(['1M', '1.5M', '2M', '2.5M']);
    expect(parseValues('250k..1000k:250k')).toEqual(['250k', '500k', '750k', '1000k']);
    expect(() => parseValues('0%..1M:1%')).toThrow('ends in different units ("%" and "M")');
    expect(() => parseValues('1M..2M:1%')).toThrow('must be in the same unit as the ends');
  });
  test('with --sensitivity a range without a step is its low and its high', () => {
    expect(parseValues('0%..8%', { pair: true })).toEqual(['0%', '8%']);
    expect(parseValues('500k..2M', { pair: true })).toEqual(['500k', '2M']);
    expect(parseValues('5%..5%', { pair: true })).toEqual(['5%']);
    expect(parseValues('0%..8%:4%', { pair: true })).toEqual(['0%', '4%', '8%']);
    expect(parseVary('x=0.05..0.2', { pair: true }).values).toEqual(['0.05', '0.2']);
    expect(() => parseValues('8%..0%', { pair: true })).toThrow('is empty');
    expect(() => parseValues('0%..8%')).toThrow('(with --sensitivity, a..b is its low and high)');
  });
  test('--vary names the flag in its errors', () => {
    expect(parseVary('buyback.burn=50%,70%')).toEqual({
      path: 'buyback.burn',
      text: 'buyback.burn=50%,70%',
      values: ['50%', '70%'],
    });
    expect(() => parseVary('buyback.burn')).toThrow(
      'option --vary buyback.burn: expected PATH=VALUES',
    );
    expect(() => parseVary('x=3..1:1')).toThrow(
      'option --vary x=3..1:1: the range "3..1:1" is empty',
    );
  });
});

describe('the grid', () => {
  test('the first --vary varies slowest', () => {
    const axes = [axis('a', ['1', '2']), axis('b', ['x', 'y', 'z'])];
    expect(gridSize(axes)).toBe(6);
    expect([0, 1, 2, 3, 4, 5].map((i) => pointAt(axes, i).join(''))).toEqual([
      '1x',
      '1y',
      '1z',
      '2x',
      '2y',
      '2z',
    ]);
  });
  test('a grid over 1,000,000 points is refused with its count', () => {
    const big = (n: number) =>
      axis(
        'p',
        Array.from({ length: n }, (_, i) => String(i)),
      );
    expect(gridSize([big(1000), big(1000)])).toBe(1_000_000);
    expect(() => gridSize([big(1001), big(1000)])).toThrow(
      'the grid has 1,001,000 points (1001 × 1000); at most 1,000,000 are allowed',
    );
  });
  test('--shard: whole numbers, at most 1,000,000 shards', () => {
    expect(parseShard('3/1000000')).toEqual({ index: 3, count: 1_000_000 });
    expect(() => parseShard('0/1e21')).toThrow('option --shard: expected I/N');
    expect(() => parseShard('1.5/4')).toThrow('option --shard: expected I/N');
    expect(() => parseShard('0/1000000000000000000000')).toThrow(
      'option --shard: expected at most 1,000,000 shards (a grid has at most 1,000,000 points); found "0/1000000000000000000000"',
    );
    expect(() => parseShard('0/1000001')).toThrow('expected at most 1,000,000 shards');
  });
  test('shards: points i ≡ I mod N', () => {
    expect(shardPoints(10, parseShard('1/4'))).toEqual([1, 5, 9]);
    expect(shardPoints(3, parseShard('3/4'))).toEqual([]);
    expect(() => parseShard('4/4')).toThrow('shards of 4 are numbered 0 to 3');
    expect(() => parseShard('1of4')).toThrow('expected I/N');
  });
  test('property: the shards of a grid partition its points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 12 }), (total, n) => {
        const all = Array.from({ length: n }, (_, i) => shardPoints(total, { index: i, count: n }))
          .flat()
          .sort((a, b) => a - b);
        expect(all).toEqual(Array.from({ length: total }, (_, i) => i));
      }),
    );
  });
  test('property: every point of the grid is a different combination, in lexicographic order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }),
        (sizes) => {
          const axes = sizes.map((n, k) =>
            axis(
              `p${k}`,
              Array.from({ length: n }, (_, i) => String(i)),
            ),
          );
          const total = gridSize(axes);
          const keys = Array.from({ length: total }, (_, i) => pointAt(axes, i).map(Number));
          for (let i = 1; i < total; i++) {
            const [a, b] = [keys[i - 1]!, keys[i]!];
            const j = a.findIndex((x, k) => x !== b[k]!);
            expect(a[j]!).toBeLessThan(b[j]!);
          }
        },
      ),
    );
  });
  test('property: a stepped range is exact — equal steps from the start, never past the end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 97 }),
        fc.integer({ min: 0, max: 3 }),
        (a, span, s, dp) => {
          const scale = 10 ** dp;
          const txt = (x: number) => `${(x / scale).toFixed(dp)}%`;
          const vs = parseValues(`${txt(a)}..${txt(a + span)}:${txt(s)}`);
          expect(vs.length).toBe(Math.floor(span / s) + 1);
          const num = (v: string) => parseDecimal(v.slice(0, -1));
          vs.forEach((v, k) =>
            expect(
              eq(
                sub(num(v), parseDecimal((a / scale).toFixed(dp))),
                rat(BigInt(k * s), BigInt(scale)),
              ),
            ).toBe(true),
          );
        },
      ),
    );
  });
  test('property: a range mixing k, M and none steps exactly, each value read back as the amount it is', () => {
    const units = [
      ['', 1n],
      ['k', 1000n],
      ['M', 1_000_000n],
    ] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom(...units),
        fc.constantFrom(...units),
        fc.constantFrom(...units),
        (a, h, s, ua, ub, us) => {
          // Ends and step in thousandths of their unit, so each is an exact decimal.
          const [lo, hi, step] = [BigInt(a) * ua[1], BigInt(h) * ub[1], BigInt(s) * us[1]];
          fc.pre(lo <= hi && (hi - lo) / step < 500n);
          const txt = (x: number, u: string) => `${x / 1000}${u}`;
          const vs = parseValues(`${txt(a, ua[0])}..${txt(h, ub[0])}:${txt(s, us[0])}`);
          expect(BigInt(vs.length)).toBe((hi - lo) / step + 1n);
          vs.forEach((v, k) =>
            expect(eq(parseAmount(v), rat(lo + BigInt(k) * step, 1000n))).toBe(true),
          );
        },
      ),
    );
  });
  test("a point's seed depends only on the seed and the point", () => {
    expect(seedFor(42, 7)).toBe(seedFor(42, 7));
    const seeds = new Set(Array.from({ length: 1000 }, (_, i) => seedFor(1, i)));
    expect(seeds.size).toBe(1000);
    for (const s of seeds) expect(s >= 0 && s < 2 ** 32 && Number.isInteger(s)).toBe(true);
    expect(seedFor(1, 0)).not.toBe(seedFor(2, 0));
  });
});
