import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { addOffset, addSpan, daysBetween, parseDate } from '../../src/core/date.js';

describe('calendar dates', () => {
  test('month arithmetic clamps to the month end, always from the anchor', () => {
    expect(addOffset('2026-01-31', 1, 0)).toBe('2026-02-28');
    expect(addOffset('2028-01-31', 1, 0)).toBe('2028-02-29');
    expect(addOffset('2026-01-31', 2, 0)).toBe('2026-03-31');
    expect(addSpan('2026-01-31', { n: 1, unit: 'month' }, 3)).toBe('2026-04-30');
    expect(addSpan('2026-04-29', { n: 1, unit: 'year' })).toBe('2027-04-29');
    expect(addSpan('2024-02-29', { n: 1, unit: 'year' })).toBe('2025-02-28');
    expect(addSpan('2026-04-29', { n: 2, unit: 'week' })).toBe('2026-05-13');
  });
  test('impossible dates are refused', () => {
    expect(() => parseDate('2026-02-30')).toThrow(/does not exist \(February 2026 has 28 days\)/);
    expect(() => parseDate('2026-13-01')).toThrow(/there is no month 13/);
    expect(() => parseDate('26-1-1')).toThrow(/YYYY-MM-DD/);
    expect(parseDate('2028-02-29')).toBe('2028-02-29');
  });
  test('the same whatever the time zone (computed in UTC)', () => {
    // process.env.TZ is read per call by V8 for local-time conversions; our arithmetic never uses them.
    const before = addOffset('2026-03-29', 0, 1);
    process.env.TZ = 'Pacific/Kiritimati';
    expect(addOffset('2026-03-29', 0, 1)).toBe(before);
    process.env.TZ = 'America/Santiago';
    expect(addOffset('2026-03-29', 0, 1)).toBe('2026-03-30');
    delete process.env.TZ;
  });
  test('property: month-end clamping from an anchor day 31 lands on the last day of each month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), (k) => {
        const d = addOffset('2026-01-31', k, 0);
        const next = addOffset(d, 0, 1);
        expect(next.endsWith('-01')).toBe(true);
      }),
    );
  });
  test('property: k months from the anchor never drifts (same day when it exists)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 600 }), (day, k) => {
        const anchor = `2026-01-${String(day).padStart(2, '0')}`;
        expect(addOffset(anchor, k, 0).slice(8)).toBe(anchor.slice(8));
      }),
    );
  });
  test('daysBetween', () => expect(daysBetween('2026-04-29', '2027-04-29')).toBe(365));
});
