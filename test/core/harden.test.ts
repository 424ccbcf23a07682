/** Issue #15 (1, 8, 9): dates stay within 1970..9999; durations are exact. */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { addOffset, tryAddOffset } from '../../src/core/date.js';
import { durationHours, parseDuration } from '../../src/core/units.js';
import { vestingSchedule } from '../../src/core/vesting.js';
import { periodRows } from '../../src/core/unlocks.js';
import { rat } from '../../src/core/rational.js';

describe('computed dates stay within 1970-01-01..9999-12-31', () => {
  test('a date past 9999 is refused, not printed as 10001-01-31', () => {
    expect(() => addOffset('2026-01-31', 12 * 7975, 0)).toThrow(
      /outside the calendar this tool handles \(1970-01-01 to 9999-12-31\)/,
    );
    expect(tryAddOffset('2026-01-31', 12 * 7975, 0)).toBeUndefined();
    expect(addOffset('2026-01-31', 12 * 7973, 0)).toBe('9999-01-31');
  });
  test('a huge offset is refused, not printed as 0NaN-NaN-NaN', () => {
    expect(() => addOffset('2026-01-31', 12 * 99_999_999_999, 0)).toThrow(/outside the calendar/);
    expect(() => addOffset('2026-01-31', 0, 1e20)).toThrow(/outside the calendar/);
  });
  test('a vesting cliff past 9999 is an error, not an unlock at TGE', () => {
    expect(() =>
      vestingSchedule(1000n, {
        start: '2026-01-31',
        cliff: { n: 7975, unit: 'year' },
        atCliff: { kind: 'share', r: rat(1n) },
      }),
    ).toThrow(/outside the calendar/);
  });
  test('periods after an unlock on 9999-12-31 end on 9999-12-31', () => {
    const unlocks = vestingSchedule(100n, {
      start: '2026-01-01',
      tranches: [
        { at: { kind: 'date', date: '9999-12-31' }, share: { kind: 'share', r: rat(1n) } },
      ],
    });
    const rows = periodRows([{ name: 'A', allocation: 100n, unlocks }], {
      anchor: '2026-01-01',
      every: 'year',
    });
    expect(rows[rows.length - 1]!.date).toBe('9999-12-31');
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.date))).toBe(true);
    expect(rows.reduce((a, r) => a + (r.amounts as bigint[]).reduce((x, y) => x + y, 0n), 0n)).toBe(
      100n,
    );
  });
  test('property: every date addOffset returns has 4 digits and sorts like the calendar', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 130_000 }),
        fc.integer({ min: 0, max: 4_000_000 }),
        (months, days) => {
          const d = tryAddOffset('2026-04-29', months, days);
          if (d !== undefined) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          if (d !== undefined) expect(d >= '2026-04-29').toBe(true);
        },
      ),
    );
  });
});

describe('durations are exact', () => {
  test('1.1d is exactly 26.4 hours', () => {
    expect(durationHours(parseDuration('1.1d'))).toEqual(rat(132n, 5n));
    expect(durationHours(parseDuration('0.1h'))).toEqual(rat(1n, 10n));
  });
  test('400 nines, 99999999999999999999999h and over-long spans are refused, not Infinity or 1e23', () => {
    expect(() => parseDuration('9'.repeat(400) + 'h')).toThrow(
      /at most 87,660,000 hours \(10,000 years\)/,
    );
    expect(() => parseDuration('99999999999999999999999h')).toThrow(/at most/);
    expect(() => parseDuration('10001y')).toThrow(/at most 10,000 years/);
    expect(() => parseDuration('1.00000000000000001d')).toThrow(/at most 15 significant digits/);
    expect(() => parseDuration('0.0000001h')).toThrow(/significant digits/);
    expect(parseDuration('10000y')).toEqual({ n: 10000, unit: 'year' });
  });
});

import { splitNames } from '../../src/core/names.js';
test('splitNames: an exact name (with a comma) wins; other values split on commas', () => {
  expect(splitNames(['Sale, public'], ['Team', 'Sale, public'])).toEqual(['Sale, public']);
  expect(splitNames(['team , Sale, public'], ['Team', 'Sale, public'])).toEqual([
    'team',
    'Sale',
    'public',
  ]);
  expect(splitNames(['Team,', 'Investors'], ['Team', 'Investors'])).toEqual(['Team', 'Investors']);
});

import { usdParts, USD_DIGITS } from '../../src/core/fees.js';
import { toDecimal } from '../../src/core/rational.js';
import { EXACT_DIGITS } from '../../src/core/cells.js';
describe('usdParts: printed parts add up to the printed total', () => {
  test('the 80/15/5 split of 264.791666… at 10 decimals', () => {
    const { total, parts } = usdParts(rat(635500n, 2400n), [
      rat(4n, 5n),
      rat(3n, 20n),
      rat(1n, 20n),
    ]);
    expect(parts.map((p) => toDecimal(p, 10))).toEqual([
      '211.8333333334',
      '39.71875',
      '13.2395833333',
    ]);
    expect(toDecimal(total, 10)).toBe('264.7916666667');
  });
  test('the digits are the ones csv and json print', () =>
    expect(USD_DIGITS).toBe(EXACT_DIGITS.usd));
  test('property: sum of parts = total; each part within 10^-10 of exact', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        fc.array(fc.bigInt({ min: 0n, max: 1000n }), { minLength: 1, maxLength: 5 }),
        (n, d, ws) => {
          fc.pre(ws.some((w) => w > 0n));
          const { total, parts } = usdParts(
            rat(n, d),
            ws.map((w) => rat(w)),
          );
          const scale = 10n ** 10n;
          const sum = parts.reduce((a, p) => a + (p.n * scale) / p.d, 0n);
          expect(sum).toBe((total.n * scale) / total.d);
        },
      ),
    );
  });
});
