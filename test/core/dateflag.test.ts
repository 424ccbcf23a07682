import { describe, expect, test } from '@jest/globals';
import { parseDateFlag } from '../../src/core/dateflag.js';
import { today } from '../../src/inputs/today.js';

describe('date flags take today', () => {
  test('today is the date the caller passes, in any case', () => {
    expect(parseDateFlag('today', '2027-04-29')).toBe('2027-04-29');
    expect(parseDateFlag(' Today ', '2026-12-31')).toBe('2026-12-31');
  });
  test('other dates as before; a word that is not today says both forms', () => {
    expect(parseDateFlag('2028-02-29', '2027-04-29')).toBe('2028-02-29');
    expect(() => parseDateFlag('tomorrow', '2027-04-29')).toThrow(
      'expected a date as YYYY-MM-DD (like 2026-04-29) or today; found "tomorrow"',
    );
    expect(() => parseDateFlag('2027-02-30', '2027-04-29')).toThrow(/2027-02-30 does not exist/);
  });
  test('the current UTC date, whatever the time zone; AI_ECON_TODAY pins it', () => {
    // 23:30 on Dec 31 in UTC is already Jan 1 east of Greenwich, still Dec 31 in UTC.
    expect(today({}, new Date(Date.UTC(2026, 11, 31, 23, 30)))).toBe('2026-12-31');
    expect(today({}, new Date(Date.UTC(2027, 0, 1, 0, 5)))).toBe('2027-01-01');
    expect(today({ AI_ECON_TODAY: '2027-04-29' }, new Date(Date.UTC(2030, 0, 1)))).toBe(
      '2027-04-29',
    );
    expect(() => today({ AI_ECON_TODAY: '29.04.2027' })).toThrow(
      /^environment variable AI_ECON_TODAY: expected a date as YYYY-MM-DD/,
    );
  });
});
