import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { vestingSchedule, type Portion, type Vesting } from '../../src/core/vesting.js';
import { addOffset } from '../../src/core/date.js';
import { rat } from '../../src/core/rational.js';
import type { Step } from '../../src/core/units.js';

const share = (n: bigint, d = 100n): Portion => ({ kind: 'share', r: rat(n, d) });
const mo = (n: number) => ({ n, unit: 'month' as const });
const sum = (xs: { amount: bigint }[]) => xs.reduce((a, x) => a + x.amount, 0n);
const E18 = 10n ** 18n;

describe('vesting engine, hand-computed', () => {
  test('atStart 10% + 48 monthly steps: 100 units -> 10 at start, 90 over 48 steps (1 or 2 each)', () => {
    const u = vestingSchedule(100n, {
      start: '2026-04-29',
      atStart: share(10n),
      linear: mo(48),
      every: 'month',
    });
    expect(u[0]).toEqual({ date: '2026-04-29', amount: 10n });
    expect(u).toHaveLength(49);
    // step k = floor(90k/48) - floor(90(k-1)/48): k=1 -> 1, k=2 -> 3-1 = 2
    expect(u[1]).toEqual({ date: '2026-05-29', amount: 1n });
    expect(u[2]).toEqual({ date: '2026-06-29', amount: 2n });
    expect(u[48]).toEqual({ date: '2030-04-29', amount: 2n });
    expect(sum(u)).toBe(100n);
  });
  test('cliff 12mo, 25% at cliff, 36 monthly steps on 1,000 units', () => {
    const u = vestingSchedule(1000n, {
      start: '2026-04-29',
      cliff: mo(12),
      atCliff: share(25n),
      linear: mo(36),
    });
    expect(u[0]).toEqual({ date: '2027-04-29', amount: 250n });
    expect(u[1]).toEqual({ date: '2027-05-29', amount: 20n }); // floor(750/36) = 20
    expect(u[3]).toEqual({ date: '2027-07-29', amount: 21n }); // floor(750*3/36) - floor(750*2/36) = 62 - 41
    expect(u[36]!.date).toBe('2030-04-29');
    expect(u).toHaveLength(37);
    expect(sum(u)).toBe(1000n);
  });
  test('Arbitrum team + investors (published): 1.11175B at the cliff, then 92,645,833.33… ARB a month for 36 months', () => {
    // ARB: 10B supply; team & advisors 26.94%, investors 17.53%; 1-year cliff from 2023-03-16 with
    // 25% at the cliff (2024-03-16), then monthly over 3 years to 2027-03-16.
    const v: Vesting = {
      start: '2023-03-16',
      cliff: mo(12),
      atCliff: share(25n),
      linear: mo(36),
      every: 'month',
    };
    const team = vestingSchedule(2_694_000_000n * E18, v);
    const inv = vestingSchedule(1_753_000_000n * E18, v);
    expect(team[0]!.date).toBe('2024-03-16');
    expect(team[0]!.amount + inv[0]!.amount).toBe(1_111_750_000n * E18);
    expect(team[1]!.date).toBe('2024-04-16');
    expect(team[1]!.amount + inv[1]!.amount).toBe(92_645_833_333333333333333333n);
    expect(team[1]!.amount).toBe(56_125_000n * E18);
    expect(team[36]!.date).toBe('2027-03-16');
    expect(sum(team)).toBe(2_694_000_000n * E18);
    expect(sum(inv)).toBe(1_753_000_000n * E18);
  });
  test('linear not a whole number of steps: n rounds up, the last step on the span end', () => {
    const u = vestingSchedule(100n, {
      start: '2026-01-01',
      linear: { n: 10, unit: 'day' },
      every: 'week',
    });
    expect(u.map((x) => x.date)).toEqual(['2026-01-08', '2026-01-11']);
    expect(u.map((x) => x.amount)).toEqual([50n, 50n]);
  });
  test('month-end anchor: Jan 31 start steps land on Feb 28, Mar 31, Apr 30', () => {
    const u = vestingSchedule(3n, { start: '2026-01-31', linear: mo(3) });
    expect(u.map((x) => x.date)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
  });
  test('a leap-day anchor with a cliff is computed from the start, not the previous date', () => {
    const u = vestingSchedule(2n, { start: '2024-02-29', cliff: mo(12), linear: mo(2) });
    expect(u.map((x) => x.date)).toEqual(['2025-03-29', '2025-04-29']);
  });
  test('segments (Aptos-like): 3/48 a month for 6 months, then 1/48 a month for 30 months', () => {
    const u = vestingSchedule(4800n, {
      start: '2026-01-01',
      segments: [{ linear: mo(6), share: share(18n, 48n) }, { linear: mo(30) }],
    });
    expect(u.slice(0, 6).every((x) => x.amount === 300n)).toBe(true);
    expect(u[6]).toEqual({ date: '2026-08-01', amount: 100n });
    expect(u).toHaveLength(36);
    expect(sum(u)).toBe(4800n);
  });
  test('segments with token amounts (Starknet-like): 64 a month then 127 a month', () => {
    const u = vestingSchedule(64n * 3n + 127n * 2n, {
      start: '2026-01-15',
      segments: [{ linear: mo(3), share: { kind: 'units', units: 192n } }, { linear: mo(2) }],
    });
    expect(u.map((x) => x.amount)).toEqual([64n, 64n, 64n, 127n, 127n]);
  });
  test('tranches: dates or durations, floor of each, the last takes the dust', () => {
    const u = vestingSchedule(10n, {
      start: '2026-01-01',
      tranches: [
        { at: { kind: 'after', span: mo(6) }, share: share(1n, 3n) },
        { at: { kind: 'date', date: '2027-01-01' }, share: share(2n, 3n) },
      ],
    });
    expect(u).toEqual([
      { date: '2026-07-01', amount: 3n },
      { date: '2027-01-01', amount: 7n },
    ]);
  });
  test('atStart 50% + atCliff 50% on an odd amount: the cliff takes the dust', () => {
    const u = vestingSchedule(11n, {
      start: '2026-01-01',
      atStart: share(50n),
      cliff: mo(1),
      atCliff: share(50n),
    });
    expect(u).toEqual([
      { date: '2026-01-01', amount: 5n },
      { date: '2026-02-01', amount: 6n },
    ]);
  });
  test('bad schedules say what is wrong', () => {
    expect(() =>
      vestingSchedule(100n, {
        start: '2026-01-01',
        atStart: share(60n),
        atCliff: share(50n),
        linear: mo(1),
      }),
    ).toThrow(/110% of the allocation, more than 100%/);
    expect(() => vestingSchedule(100n, { start: '2026-01-01', atStart: share(50n) })).toThrow(
      /releases only 50%/,
    );
    expect(() =>
      vestingSchedule(100n, {
        start: '2026-01-01',
        tranches: [{ at: { kind: 'after', span: mo(1) }, share: share(90n) }],
      }),
    ).toThrow(/only 90%/);
    expect(() => vestingSchedule(100n, { start: '2026-01-01', linear: mo(0) })).toThrow(
      /longer than zero/,
    );
    expect(() =>
      vestingSchedule(100n, {
        start: '2026-01-01',
        linear: { n: 1000, unit: 'year' },
        every: 'day',
      }),
    ).toThrow(/more than 20000 day steps/);
  });
});

const stepArb = fc.constantFrom<Step>('day', 'week', 'month', 'quarter', 'year');
const vestingArb = fc.record({
  start: fc.integer({ min: 0, max: 3000 }).map((d) => addOffset('2024-01-01', 0, d)),
  atStartPct: fc.integer({ min: 0, max: 100 }),
  atCliffPct: fc.integer({ min: 0, max: 100 }),
  cliffMonths: fc.integer({ min: 0, max: 48 }),
  linearMonths: fc.integer({ min: 1, max: 60 }),
  every: stepArb,
  decimals: fc.integer({ min: 0, max: 18 }),
  whole: fc.bigInt({ min: 0n, max: 10n ** 11n }),
  dust: fc.bigInt({ min: 0n, max: 10n ** 18n }),
});

describe('vesting engine, properties', () => {
  test('steps add up exactly to the allocation; cumulative never decreases; nothing between start and cliff', () => {
    fc.assert(
      fc.property(vestingArb, (a) => {
        fc.pre(a.atStartPct + a.atCliffPct <= 100);
        const total = a.whole * 10n ** BigInt(a.decimals) + (a.dust % 10n ** BigInt(a.decimals));
        const v: Vesting = {
          start: a.start,
          atStart: share(BigInt(a.atStartPct)),
          cliff: mo(a.cliffMonths),
          atCliff: share(BigInt(a.atCliffPct)),
          linear: mo(a.linearMonths),
          every: a.every,
        };
        const u = vestingSchedule(total, v);
        expect(sum(u)).toBe(total);
        const cliffEnd = addOffset(a.start, a.cliffMonths, 0);
        for (let i = 0; i < u.length; i++) {
          expect(u[i]!.amount > 0n).toBe(true);
          if (i) expect(u[i]!.date > u[i - 1]!.date).toBe(true);
          expect(u[i]!.date === a.start || u[i]!.date >= cliffEnd).toBe(true);
        }
        if (u.length)
          expect(
            u[u.length - 1]!.date <= addOffset(a.start, a.cliffMonths + a.linearMonths, 0),
          ).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
  test('arbitrary exact shares (a/b) of any allocation still conserve to the base unit', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.integer({ min: 1, max: 97 }),
        fc.integer({ min: 0, max: 97 }),
        fc.integer({ min: 1, max: 100 }),
        (total, d, n, steps) => {
          fc.pre(n <= d);
          const u = vestingSchedule(total, {
            start: '2026-04-29',
            atStart: { kind: 'share', r: rat(BigInt(n), BigInt(d)) },
            linear: mo(steps),
          });
          expect(sum(u)).toBe(total);
        },
      ),
    );
  });
  test('tranches of random shares adding to 100% conserve', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 28n }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 12 }),
        (total, ws) => {
          const W = BigInt(ws.reduce((a, b) => a + b, 0));
          const u = vestingSchedule(total, {
            start: '2026-01-01',
            tranches: ws.map((w, i) => ({
              at: { kind: 'after' as const, span: mo(i) },
              share: { kind: 'share' as const, r: rat(BigInt(w), W) },
            })),
          });
          expect(sum(u)).toBe(total);
        },
      ),
    );
  });
});
