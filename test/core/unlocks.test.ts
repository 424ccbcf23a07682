import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  periodRows,
  pointInTime,
  unlockEvents,
  type CategorySchedule,
} from '../../src/core/unlocks.js';
import { vestingSchedule } from '../../src/core/vesting.js';
import { rat } from '../../src/core/rational.js';

const cats: CategorySchedule[] = [
  {
    name: 'A',
    allocation: 100n,
    unlocks: [
      { date: '2026-01-01', amount: 40n },
      { date: '2026-02-01', amount: 30n },
      { date: '2026-03-01', amount: 30n },
    ],
  },
  { name: 'B', allocation: 50n, unlocks: [{ date: '2026-02-15', amount: 50n }] },
];

describe('unlock views', () => {
  test('periods from the anchor until everything is vested', () => {
    const rows = periodRows(cats, { anchor: '2026-01-01', every: 'month' });
    expect(rows.map((r) => [r.date, r.amounts, r.total, r.cumulative])).toEqual([
      ['2026-01-01', [40n, 0n], 40n, 40n],
      ['2026-02-01', [30n, 0n], 30n, 70n],
      ['2026-03-01', [30n, 50n], 80n, 150n],
    ]);
  });
  test('--from/--to window: cumulative still counts earlier unlocks; an off-grid --to closes a short period', () => {
    const rows = periodRows(cats, {
      anchor: '2026-01-01',
      every: 'month',
      from: '2026-02-01',
      to: '2026-02-20',
    });
    expect(rows.map((r) => [r.date, r.total, r.cumulative])).toEqual([
      ['2026-02-01', 30n, 70n],
      ['2026-02-20', 50n, 120n],
    ]);
  });
  test('quarterly periods', () => {
    const rows = periodRows(cats, { anchor: '2026-01-01', every: 'quarter' });
    expect(rows.map((r) => [r.date, r.total])).toEqual([
      ['2026-01-01', 40n],
      ['2026-04-01', 110n],
    ]);
  });
  test('point in time: unlocked on or before, locked, next unlock', () => {
    const p = pointInTime(cats, '2026-02-01');
    expect(p[0]).toEqual({
      name: 'A',
      allocation: 100n,
      unlocked: 70n,
      locked: 30n,
      next: { date: '2026-03-01', amount: 30n },
    });
    expect(p[1]).toEqual({
      name: 'B',
      allocation: 50n,
      unlocked: 0n,
      locked: 50n,
      next: { date: '2026-02-15', amount: 50n },
    });
  });
  test('events carry the supply unlocked strictly before their date', () => {
    expect(unlockEvents(cats).map((e) => [e.date, e.category, e.amount, e.unlockedBefore])).toEqual(
      [
        ['2026-01-01', 'A', 40n, 0n],
        ['2026-02-01', 'A', 30n, 40n],
        ['2026-02-15', 'B', 50n, 70n],
        ['2026-03-01', 'A', 30n, 120n],
      ],
    );
  });
  test('property: the last cumulative equals the allocations; cumulative never decreases', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.bigInt({ min: 0n, max: 10n ** 24n }),
            fc.integer({ min: 0, max: 24 }),
            fc.integer({ min: 1, max: 48 }),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        fc.constantFrom('day', 'week', 'month', 'quarter', 'year' as const),
        (specs, every) => {
          const cs = specs.map(([total, cliff, linear], i) => ({
            name: `c${i}`,
            allocation: total,
            unlocks: vestingSchedule(total, {
              start: '2026-04-29',
              cliff: { n: cliff, unit: 'month' },
              atCliff: { kind: 'share', r: rat(1n, 4n) },
              linear: { n: linear, unit: 'month' },
            }),
          }));
          const rows = periodRows(cs, { anchor: '2026-04-29', every: every as 'month' });
          for (let i = 1; i < rows.length; i++)
            expect(rows[i]!.cumulative >= rows[i - 1]!.cumulative).toBe(true);
          expect(rows[rows.length - 1]!.cumulative).toBe(cs.reduce((a, c) => a + c.allocation, 0n));
          expect(rows.reduce((a, r) => a + r.total, 0n)).toBe(rows[rows.length - 1]!.cumulative);
        },
      ),
      { numRuns: 60 },
    );
  });
});
