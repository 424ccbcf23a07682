/** Views over vesting schedules: per-period unlocks, a point in time, discrete unlock events. */
import { type CalDate, addOffset, tryAddOffset, MAX_DATE } from './date.js';
import type { Step } from './units.js';
import type { Unlock } from './vesting.js';

export interface CategorySchedule {
  name: string;
  allocation: bigint;
  unlocks: readonly Unlock[];
}

const STEP: Record<Step, [number, number]> = {
  day: [0, 1],
  week: [0, 7],
  month: [1, 0],
  quarter: [3, 0],
  year: [12, 0],
};

/** The k-th period boundary: anchor + k steps, computed from the anchor (month ends clamp). */
export const boundary = (anchor: CalDate, every: Step, k: number): CalDate =>
  addOffset(anchor, STEP[every][0] * k, STEP[every][1] * k);

export const lastUnlockDate = (cats: readonly CategorySchedule[]): CalDate | undefined =>
  cats.reduce<CalDate | undefined>((acc, c) => {
    const d = c.unlocks[c.unlocks.length - 1]?.date;
    return d && (!acc || d > acc) ? d : acc;
  }, undefined);

export interface PeriodRow {
  /** Period end (inclusive). */
  date: CalDate;
  /** Unlocked in (previous boundary, date], one entry per category. */
  amounts: bigint[];
  total: bigint;
  /** Everything unlocked on or before `date`, over the given categories. */
  cumulative: bigint;
}

/**
 * One row per period: boundaries anchor + k·every (k ≥ 0) from `from` to `to` (default: the
 * first boundary on or after the last unlock); a `to` between boundaries closes a last, shorter
 * period. The first boundary's row (k = 0) holds everything unlocked up to the anchor.
 */
export function periodRows(
  cats: readonly CategorySchedule[],
  opts: { anchor: CalDate; every: Step; from?: CalDate; to?: CalDate },
): PeriodRow[] {
  return [...eachPeriodRow(cats, opts)];
}

/** periodRows one row at a time, in constant memory (a daily table to 9999 has millions). */
export function* eachPeriodRow(
  cats: readonly CategorySchedule[],
  opts: { anchor: CalDate; every: Step; from?: CalDate; to?: CalDate },
): Generator<PeriodRow> {
  const last = lastUnlockDate(cats) ?? opts.anchor;
  const idx = cats.map(() => 0);
  const cum = cats.map(() => 0n);
  /** The row of the period ending on `end` (undefined before `from`: only counted). */
  const rowTo = (end: CalDate): PeriodRow | undefined => {
    const amounts = cats.map((c, i) => {
      let a = 0n;
      while (idx[i]! < c.unlocks.length && c.unlocks[idx[i]!]!.date <= end)
        a += c.unlocks[idx[i]!++]!.amount;
      cum[i]! += a;
      return a;
    });
    if (opts.from !== undefined && end < opts.from) return undefined;
    return {
      date: end,
      amounts,
      total: amounts.reduce((a, b) => a + b, 0n),
      cumulative: cum.reduce((a, b) => a + b, 0n),
    };
  };
  let prev: CalDate | undefined;
  for (let k = 0; ; k++) {
    // Past the calendar's end (9999-12-31) the last period closes on that day.
    const b =
      tryAddOffset(opts.anchor, STEP[opts.every][0] * k, STEP[opts.every][1] * k) ?? MAX_DATE;
    if (b === MAX_DATE && prev === MAX_DATE) break;
    if (opts.to !== undefined ? b > opts.to : k > 0 && prev !== undefined && prev >= last) {
      if (opts.to !== undefined && (prev === undefined || prev < opts.to)) {
        const r = rowTo(opts.to);
        if (r) yield r;
      }
      break;
    }
    const r = rowTo(b);
    if (r) yield r;
    prev = b;
  }
}

export interface PointRow {
  name: string;
  allocation: bigint;
  unlocked: bigint;
  locked: bigint;
  next?: Unlock;
}

/** Each category at a date: unlocked (on or before it), locked, and the next unlock after it. */
export function pointInTime(cats: readonly CategorySchedule[], at: CalDate): PointRow[] {
  return cats.map((c) => {
    let unlocked = 0n;
    let next: Unlock | undefined;
    for (const u of c.unlocks) {
      if (u.date <= at) unlocked += u.amount;
      else {
        next = u;
        break;
      }
    }
    return {
      name: c.name,
      allocation: c.allocation,
      unlocked,
      locked: c.allocation - unlocked,
      next,
    };
  });
}

export interface UnlockEvent {
  date: CalDate;
  category: string;
  amount: bigint;
  /** Everything unlocked strictly before this date, over all categories given. */
  unlockedBefore: bigint;
}

/** Every discrete unlock, by date then category order. */
export function unlockEvents(cats: readonly CategorySchedule[]): UnlockEvent[] {
  const all = cats.flatMap((c, ci) => c.unlocks.map((u) => ({ ...u, ci, category: c.name })));
  all.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.ci - b.ci));
  const out: UnlockEvent[] = [];
  let before = 0n;
  let dayTotal = 0n;
  let day: CalDate | undefined;
  for (const e of all) {
    if (e.date !== day) {
      before += dayTotal;
      dayTotal = 0n;
      day = e.date;
    }
    dayTotal += e.amount;
    out.push({ date: e.date, category: e.category, amount: e.amount, unlockedBefore: before });
  }
  return out;
}
