import { describe, expect, test } from '@jest/globals';
import {
  durationHours,
  formatDuration,
  parseAmount,
  parseDateOrDuration,
  parseDuration,
  parseFraction,
  parseInteger,
  parseNumber,
  parseShare,
  parseSignedShare,
  parseStep,
  parseUsd,
} from '../../src/core/units.js';
import { parseDecimal, rat } from '../../src/core/rational.js';

describe('units', () => {
  test.each([
    ['10_000_000_000', rat(10n ** 10n)],
    ['10B', rat(10n ** 10n)],
    ['1.5M', rat(1_500_000n)],
    ['250k', rat(250_000n)],
    ['510_217_359.767', parseDecimal('510217359.767')],
    ['2T', rat(2n * 10n ** 12n)],
    ['1,000,000', rat(1_000_000n)],
    ['1,500', rat(1500n)],
    ['1,234.5', parseDecimal('1234.5')],
    ['1e3', rat(1000n)],
    ['7e9', rat(7_000_000_000n)],
    ['7E9', rat(7_000_000_000n)],
    ['2.5e3', rat(2500n)],
    ['1e-3', rat(1n, 1000n)],
  ])('amount %s', (text, value) => expect(parseAmount(text)).toEqual(value));
  test('bad amounts say what was expected and found', () => {
    expect(() => parseAmount('-5')).toThrow(/expected an amount .* found "-5"/);
    expect(() => parseAmount('ten')).toThrow(/found "ten"/);
    expect(() => parseAmount('5X')).toThrow(/found "5X"/);
  });
  test('commas only between groups of three: 1,5 is refused with the decimal reading, never fifteen', () => {
    expect(() => parseAmount('1,5')).toThrow(
      'expected an amount like 10_000_000, 10B, 1.5M, 250k or 1e3; found "1,5": commas may only separate groups of three digits, like 1,000,000 (for a decimal, write 1.5)',
    );
    expect(() => parseAmount('1,5M')).toThrow(/write 1\.5M\)$/);
    expect(() => parseAmount('12,50')).toThrow(/write 12\.50\)$/);
    expect(() => parseAmount('1,00,000')).toThrow(/groups of three digits, like 1,000,000$/);
    expect(() => parseAmount('1000,000')).toThrow(/groups of three/);
    expect(() => parseAmount('1.5,000')).toThrow(/groups of three/);
    expect(() => parseUsd('$1,5')).toThrow(/write 1\.5\)/);
    expect(() => parseNumber('2,5')).toThrow(/write 2\.5\)/);
  });
  test('exponents: no suffix on top, no huge powers, m is not milli', () => {
    expect(() => parseAmount('1e3k')).toThrow(/found "1e3k"/);
    expect(() => parseAmount('1e999')).toThrow(/found "1e999"/);
    expect(() => parseAmount('5m')).toThrow(/found "5m"/);
  });
  test('what YAML reads as a number reads the same: 7., +5, 1e099; underscores only between digits', () => {
    expect(parseAmount('7.')).toEqual(rat(7n));
    expect(parseAmount('+5')).toEqual(rat(5n));
    expect(parseAmount('1e099')).toEqual(rat(10n ** 99n));
    expect(parseShare('0.')).toEqual(rat(0n));
    expect(() => parseAmount('_5')).toThrow(
      'expected an amount like 10_000_000, 10B, 1.5M, 250k or 1e3; found "_5": an underscore may only stand between two digits, like 10_000',
    );
    expect(() => parseAmount('5_')).toThrow(/underscore may only stand between two digits/);
    expect(() => parseAmount('1_000,000')).toThrow(
      /use either underscores or commas to group digits, not both/,
    );
    expect(() => parseShare('1_0%')).toThrow(/found "1_0%"/);
  });
  test('numbers and whole numbers take the same grouping and exponents', () => {
    expect(parseNumber('1,000.5')).toEqual(parseDecimal('1000.5'));
    expect(parseNumber('1e3')).toEqual(rat(1000n));
    expect(parseInteger('1e4')).toBe(10_000);
    expect(parseInteger('10,000')).toBe(10_000);
    expect(() => parseInteger('1.5')).toThrow('expected a whole number (0, 1, 2, …); found "1.5"');
    expect(() => parseInteger('1e-1')).toThrow(/found "1e-1"/);
    expect(() => parseInteger('1,5')).toThrow(/write 1\.5/);
  });
  test('shares: percents and exact fractions; a third is a third', () => {
    expect(parseShare('40.40%')).toEqual(rat(101n, 250n));
    expect(parseShare('1/48')).toEqual(rat(1n, 48n));
    expect(parseShare('1/3')).toEqual(rat(1n, 3n));
    expect(parseShare('0.4')).toEqual(rat(2n, 5n));
    expect(parseShare('1.0')).toEqual(rat(1n));
    expect(parseShare('.5')).toEqual(rat(1n, 2n));
    expect(parseShare('0')).toEqual(rat(0n));
    expect(() => parseShare('1/0')).toThrow(/division by zero/);
    expect(() => parseShare('ten')).toThrow(
      'expected a share like 95%, 19/20 or 0.95; found "ten"',
    );
  });
  test('a bare integer in a percent field is refused with both readings', () => {
    expect(() => parseShare('1')).toThrow(
      'expected a share like 95%, 19/20 or 0.95; found "1", which is ambiguous: 1% or 100%? Write 1% for 1%, or 1.0 for 100%',
    );
    expect(() => parseFraction('50', 'a utilization')).toThrow(
      'expected a utilization like 95%, 19/20 or 0.95; found "50", which is ambiguous: 50% or 5000%? Write 50% for 50%, or 50.0 for 5000%',
    );
    expect(() => parseSignedShare('-3')).toThrow(/3% or 300%\?/);
  });
  test('signed rates: declines allowed, not below -100%', () => {
    expect(parseSignedShare('3%')).toEqual(rat(3n, 100n));
    expect(parseSignedShare('-2%')).toEqual(rat(-1n, 50n));
    expect(parseSignedShare('-1/4')).toEqual(rat(-1n, 4n));
    expect(() => parseSignedShare('-150%')).toThrow('expected a rate above -100%; found "-150%"');
    expect(parseSignedShare('-0.02')).toEqual(rat(-1n, 50n));
    expect(() => parseSignedShare('3')).toThrow(/3% or 300%\?/);
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

describe('units: properties', () => {
  test('an integer grouped in threes reads back exactly; with a decimal comma it is refused, never misread', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 24n }), (n) => {
        const grouped = n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
        expect(parseAmount(grouped)).toEqual(rat(n));
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999 }),
        fc.stringMatching(/^\d{1,2}$|^\d{4,6}$/),
        (a, b) => {
          expect(() => parseAmount(`${a},${b}`)).toThrow(`write ${a}.${b})`);
        },
      ),
    );
  });
});

describe('a line break or control character inside a value is refused (issue 21.9)', () => {
  const parsers: [string, (t: string) => unknown][] = [
    ['parseAmount', (t) => parseAmount(t)],
    ['parseUsd', (t) => parseUsd(t)],
    ['parseNumber', (t) => parseNumber(t)],
    ['parseInteger', (t) => parseInteger(t)],
    ['parseShare', (t) => parseShare(t)],
    ['parseSignedShare', (t) => parseSignedShare(t)],
    ['parseDuration', (t) => parseDuration(t)],
    ['parseStep', (t) => parseStep(t)],
    ['parseDateOrDuration', (t) => parseDateOrDuration(t)],
  ];
  test.each(parsers)('%s', (_name, parse) => {
    for (const t of [
      '1\n%',
      '1,0\n00',
      '1\n000',
      '1\r\n2mo',
      '$\n5',
      'mon\nth',
      '1\u2028%',
      '5\t%',
    ])
      expect(() => parse(t)).toThrow(/on one line; found ".*", with a (line break|tab) inside/);
    expect(() => parse('5\u0000')).toThrow(/with a control character inside/);
  });
  test('the ends are trimmed as before', () => {
    expect(parseAmount('1,000\n')).toEqual(rat(1000n));
    expect(parseShare('\n5%\n')).toEqual(rat(1n, 20n));
  });
});
