import { describe, expect, test } from '@jest/globals';
import { durationHours, formatDuration, parseAmount, parseDateOrDuration, parseDuration, parseFraction, parseShare, parseSignedShare, parseStep, parseUsd } from '../../src/core/units.js';
import { parseDecimal, rat } from '../../src/core/rational.js';

describe('units', () => {
  test.each([
    ['10_000_000_000', rat(10n ** 10n)],
    ['10B', rat(10n ** 10n)],
    ['1.5M', rat(1_500_000n)],
    ['250k', rat(250_000n)],
    ['510_217_359.767', parseDecimal('510217359.767')],
    ['2T', rat(2n * 10n ** 12n)],
  ])('amount %s', (text, value) => expect(parseAmount(text)).toEqual(value));
  test('bad amounts say what was expected and found', () => {
    expect(() => parseAmount('-5')).toThrow(/expected an amount .* found "-5"/);
    expect(() => parseAmount('ten')).toThrow(/found "ten"/);
    expect(() => parseAmount('5X')).toThrow(/found "5X"/);
  });
  test('shares: percents and exact fractions; a third is a third', () => {
    expect(parseShare('40.40%')).toEqual(rat(101n, 250n));
    expect(parseShare('1/48')).toEqual(rat(1n, 48n));
    expect(parseShare('1/3')).toEqual(rat(1n, 3n));
    expect(() => parseShare('0.4')).toThrow(/percent like 40.40% or a fraction/);
    expect(() => parseShare('1/0')).toThrow(/division by zero/);
  });
  test('signed rates: declines allowed, not below -100%', () => {
    expect(parseSignedShare('3%')).toEqual(rat(3n, 100n));
    expect(parseSignedShare('-2%')).toEqual(rat(-1n, 50n));
    expect(parseSignedShare('-1/4')).toEqual(rat(-1n, 4n));
    expect(() => parseSignedShare('-150%')).toThrow('expected a rate above -100%; found "-150%"');
    expect(() => parseSignedShare('3')).toThrow(/percent like 40.40%/);
  });
  test('fractions accept plain decimals too', () => {
    expect(parseFraction('0.95')).toEqual(rat(19n, 20n));
    expect(parseFraction('95%')).toEqual(rat(19n, 20n));
  });
  test('usd accepts $ and suffixes', () => {
    expect(parseUsd('$2.50')).toEqual(rat(5n, 2n));
    expect(parseUsd('2M')).toEqual(rat(2_000_000n));
  });
  test.each([
    ['12mo', { n: 12, unit: 'month' }],
    ['36 months', { n: 36, unit: 'month' }],
    ['1y', { n: 1, unit: 'year' }],
    ['2w', { n: 2, unit: 'week' }],
    ['90d', { n: 90, unit: 'day' }],
    ['48h', { n: 48, unit: 'hour' }],
    ['4q', { n: 4, unit: 'quarter' }],
  ])('duration %s', (text, d) => expect(parseDuration(text)).toEqual(d));
  test('bad durations', () => {
    expect(() => parseDuration('12 moons')).toThrow(/expected a duration like 12mo/);
    expect(() => parseDuration('1.5mo')).toThrow(/whole months/);
  });
  test('hours of a duration; months refused', () => {
    expect(durationHours(parseDuration('2d'))).toEqual({ n: 48n, d: 1n });
    expect(() => durationHours(parseDuration('1mo'))).toThrow(/hours, days or weeks/);
  });
  test('steps', () => {
    expect(parseStep('monthly')).toBe('month');
    expect(parseStep('days')).toBe('day');
    expect(parseStep('Quarter')).toBe('quarter');
    expect(() => parseStep('fortnight')).toThrow(/one of day, week, month, quarter, year/);
  });
  test('date or duration', () => {
    expect(parseDateOrDuration('2027-04-29')).toEqual({ kind: 'date', date: '2027-04-29' });
    expect(parseDateOrDuration('18mo')).toEqual({ kind: 'after', span: { n: 18, unit: 'month' } });
    expect(() => parseDateOrDuration('soon')).toThrow(/date or a duration/);
  });
  test('formatDuration', () => expect(formatDuration({ n: 12, unit: 'month' })).toBe('12mo'));
});
