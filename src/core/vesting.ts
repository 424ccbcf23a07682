/**
 * The vesting engine (SPEC §3): a declarative schedule in, dated unlocks out, conserving the
 * allocation to the base unit.
 *
 * Rounding: `atStart`, `atCliff`, segment and tranche shares are floor(allocation × share);
 * linear step k of n releases floor(rest·k/n) − floor(rest·(k−1)/n). When the shares of a
 * schedule with no open remainder add up to exactly 100%, the last part takes the dust.
 */
import { memo } from './memo.js';
import { evenSteps } from './allocate.js';
import { type CalDate, addOffset, spanOffset } from './date.js';
import { InputError } from './errors.js';
import { type Rational, rat, add, cmp, formatPercent, mul, mulFloor, ZERO } from './rational.js';
import type { DateOrDuration, Duration, Step } from './units.js';

/** A share of the allocation, or an amount of base units. */
export type Portion = { kind: 'share'; r: Rational } | { kind: 'units'; units: bigint };

export interface Segment {
  linear: Duration;
  share?: Portion;
  every?: Step;
}
export interface Tranche {
  at: DateOrDuration;
  share: Portion;
}
/** What every schedule kind has: when it starts. */
interface Start {
  start: CalDate;
}
/** A release at start, a cliff with a release at its end, and a step size: the linear and segment kinds share them. */
interface Steps extends Start {
  atStart?: Portion;
  cliff?: Duration;
  atCliff?: Portion;
  every?: Step;
  tranches?: never;
}
/** One linear span after the cliff (or none: everything at start / at the cliff). */
export interface LinearVesting extends Steps {
  linear?: Duration;
  segments?: never;
}
/** Consecutive linear pieces after the cliff (Aptos-, Starknet-style piecewise rates). */
export interface SegmentsVesting extends Steps {
  segments: readonly Segment[];
  linear?: never;
}
/** Explicit releases instead of all the above. */
export interface TranchesVesting extends Start {
  tranches: readonly Tranche[];
  atStart?: never;
  cliff?: never;
  atCliff?: never;
  linear?: never;
  every?: never;
  segments?: never;
}
/**
 * A vesting schedule: one of its kinds, so impossible combinations (tranches with a cliff, linear
 * with segments) are type errors; the loader refuses them in a file with the field's line.
 */
export type Vesting = LinearVesting | SegmentsVesting | TranchesVesting;
export interface Unlock {
  date: CalDate;
  amount: bigint;
}

/** Guard against schedules that would list millions of steps (e.g. daily steps over centuries). */
export const MAX_STEPS = 20_000;

const STEP_OFFSET: Record<Step, { months: number; days: number }> = {
  day: { months: 0, days: 1 },
  week: { months: 0, days: 7 },
  month: { months: 1, days: 0 },
  quarter: { months: 3, days: 0 },
  year: { months: 12, days: 0 },
};

const portionUnits = (total: bigint, p: Portion | undefined): bigint =>
  !p ? 0n : p.kind === 'units' ? p.units : mulFloor(total, p.r);
const portionExact = (total: bigint, p: Portion | undefined): Rational =>
  !p ? ZERO : p.kind === 'units' ? rat(p.units) : mul(rat(total), p.r);
const pct = (x: Rational, total: bigint): string =>
  total === 0n ? '0%' : formatPercent(mul(x, rat(1n, total)));

interface Offset {
  months: number;
  days: number;
}

// Step dates depend only on (start, offset, span, step): many grants share them, so they are
// remembered (a pure cache: same inputs, same dates; bounded so it cannot grow without limit).
const stepDates = memo<{ dates: CalDate[]; end: Offset }>(4096);

/** Dates of the linear steps of `span` after `from`, each `from + k·every`, the last on the span's end. */
function linearDates(
  start: CalDate,
  from: Offset,
  span: Duration,
  every: Step,
): { dates: readonly CalDate[]; end: Offset } {
  return stepDates(`${start}|${from.months}|${from.days}|${span.n}${span.unit}|${every}`, () =>
    computeLinearDates(start, from, span, every),
  );
}

function computeLinearDates(
  start: CalDate,
  from: Offset,
  span: Duration,
  every: Step,
): { dates: CalDate[]; end: Offset } {
  const s = spanOffset(span);
  if (s.months === 0 && s.days === 0) throw new InputError('linear must be longer than zero');
  const end: Offset = { months: from.months + s.months, days: from.days + s.days };
  const endDate = addOffset(start, end.months, end.days);
  const st = STEP_OFFSET[every];
  const dates: CalDate[] = [];
  for (let k = 1; ; k++) {
    const d = addOffset(start, from.months + k * st.months, from.days + k * st.days);
    if (d >= endDate) break;
    dates.push(d);
    if (dates.length > MAX_STEPS)
      throw new InputError(`vesting has more than ${MAX_STEPS} ${every} steps; use a longer step`);
  }
  dates.push(endDate);
  return { dates, end };
}

function spread(rest: bigint, dates: readonly CalDate[], out: Unlock[]): void {
  evenSteps(rest, dates.length).forEach((amount, i) => out.push({ date: dates[i]!, amount }));
}

function trancheSchedule(total: bigint, v: TranchesVesting): Unlock[] {
  const tr = v.tranches;
  if (tr.length === 0) throw new InputError('tranches must list at least one tranche');
  const exact = tr.reduce((acc, t) => add(acc, portionExact(total, t.share)), ZERO);
  const c = cmp(exact, rat(total));
  if (c > 0)
    throw new InputError(
      `tranches add up to ${pct(exact, total)} of the allocation, more than 100%`,
    );
  if (c < 0)
    throw new InputError(
      `tranches add up to only ${pct(exact, total)} of the allocation; they must add up to 100%`,
    );
  const amounts = tr.map((t) => portionUnits(total, t.share));
  amounts[amounts.length - 1]! += total - amounts.reduce((a, b) => a + b, 0n);
  return tr.map((t, i) => ({
    date:
      t.at.kind === 'date'
        ? t.at.date
        : addOffset(v.start, spanOffset(t.at.span).months, spanOffset(t.at.span).days),
    amount: amounts[i]!,
  }));
}

/** The unlocks (objects made for this schedule, so they may be changed) sorted by date, one per date, none of zero. */
function mergeByDate(unlocks: Unlock[]): Unlock[] {
  unlocks.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const out: Unlock[] = [];
  for (const u of unlocks) {
    if (u.amount === 0n) continue;
    const last = out[out.length - 1];
    if (last && last.date === u.date) last.amount += u.amount;
    else out.push(u);
  }
  return out;
}

/** Every unlock of an allocation of `total` base units, by date, zero-amount steps dropped. */
export function vestingSchedule(total: bigint, v: Vesting): Unlock[] {
  if (total < 0n) throw new InputError('an allocation cannot be negative');
  if (v.tranches) return mergeByDate(trancheSchedule(total, v));

  const atStart = portionUnits(total, v.atStart);
  const atCliff = portionUnits(total, v.atCliff);
  const fixedExact = add(portionExact(total, v.atStart), portionExact(total, v.atCliff));
  if (cmp(fixedExact, rat(total)) > 0) {
    throw new InputError(
      `atStart and atCliff add up to ${pct(fixedExact, total)} of the allocation, more than 100%`,
    );
  }
  let rest = total - atStart - atCliff;
  const cliff: Offset = v.cliff ? spanOffset(v.cliff) : { months: 0, days: 0 };
  const out: Unlock[] = [];
  const startAmount = { date: v.start, amount: atStart };
  const cliffAmount = { date: addOffset(v.start, cliff.months, cliff.days), amount: atCliff };
  out.push(startAmount, cliffAmount);

  if (v.linear) {
    spread(rest, linearDates(v.start, cliff, v.linear, v.every ?? 'month').dates, out);
  } else if (v.segments && v.segments.length > 0) {
    const segs = v.segments;
    segs.forEach((s, i) => {
      if (!s.share && i !== segs.length - 1)
        throw new InputError(
          `segment ${i + 1} needs a share; only the last segment may take the rest`,
        );
    });
    const open = !segs[segs.length - 1]!.share;
    const exact = segs.reduce((acc, s) => add(acc, portionExact(total, s.share)), fixedExact);
    const c = cmp(exact, rat(total));
    if (c > 0)
      throw new InputError(
        `atStart, atCliff and segments add up to ${pct(exact, total)} of the allocation, more than 100%`,
      );
    if (c < 0 && !open) {
      throw new InputError(
        `atStart, atCliff and segments add up to only ${pct(exact, total)} of the allocation; make them add up to 100% or leave the last segment's share out to take the rest`,
      );
    }
    const amounts = segs.map((s) => portionUnits(total, s.share));
    const others = amounts.slice(0, -1).reduce((a, b) => a + b, 0n);
    amounts[amounts.length - 1] = rest - others;
    if (amounts[amounts.length - 1]! < 0n)
      throw new InputError('segments add up to more than the allocation');
    let from = cliff;
    segs.forEach((s, i) => {
      const { dates, end } = linearDates(v.start, from, s.linear, s.every ?? v.every ?? 'month');
      spread(amounts[i]!, dates, out);
      from = end;
    });
  } else if (rest > 0n) {
    if (cmp(fixedExact, rat(total)) < 0) {
      throw new InputError(
        `vesting releases only ${pct(fixedExact, total)} of the allocation; add linear (or segments) for the rest, or make the shares add up to 100%`,
      );
    }
    // Shares add up to exactly 100%: the last fixed part takes the rounding dust.
    (v.atCliff ? cliffAmount : startAmount).amount += rest;
    rest = 0n;
  }
  return mergeByDate(out);
}
