/**
 * Calendar dates (no time zone) as ISO strings `YYYY-MM-DD`, which sort as text.
 * Arithmetic is date-fns on UTC dates (@date-fns/utc), so results never depend on the
 * machine's time zone. Month arithmetic clamps to the month's end (Jan 31 + 1 month = Feb 28/29).
 */
import { memo } from './memo.js';
import { addDays, addMonths } from 'date-fns';
import { UTCDateMini } from '@date-fns/utc/date/mini';
import { InputError } from './errors.js';

export type CalDate = string;

export type DurationUnit = 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';
/** A span of calendar time: `n` units (n may be fractional only for hours and days). */
export interface Duration {
  readonly n: number;
  readonly unit: DurationUnit;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtc(d: CalDate): Date {
  const m = ISO.exec(d)!;
  return new UTCDateMini(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function fromUtc(d: Date): CalDate {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A real calendar date `YYYY-MM-DD` (rejects 2026-02-30, 2026-13-01, 26-1-1). */
export function parseDate(text: string, what = 'a date'): CalDate {
  const t = text.trim();
  const m = ISO.exec(t);
  if (!m)
    throw new InputError(
      `expected ${what} as YYYY-MM-DD (like 2026-04-29); found ${JSON.stringify(text)}`,
    );
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) throw new InputError(`${t} does not exist (there is no month ${mo})`);
  if (d < 1 || d > daysInMonth(y, mo))
    throw new InputError(
      `${t} does not exist (${MONTHS[mo - 1]} ${y} has ${daysInMonth(y, mo)} days)`,
    );
  if (t < MIN_DATE || t > MAX_DATE)
    throw new InputError(`${what} ${t} is out of range (${MIN_DATE} to ${MAX_DATE})`);
  return t;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The last and first dates a given or computed date may take: one calendar for what is typed and
 * what is derived (so a message never names a range the other refuses); a 4-digit year, so dates
 * sort as text.
 */
export const MAX_DATE: CalDate = '9999-12-31';
/** The longest projection, in the file as on the command line (--months): 1200 months, 100 years. */
export const MAX_MONTHS = 1200;
export const MIN_DATE: CalDate = '1970-01-01';

/** `date` plus `months` calendar months (clamped to the month's end), then plus `days` days; undefined outside MIN_DATE..MAX_DATE. */
export function tryAddOffset(date: CalDate, months: number, days: number): CalDate | undefined {
  if (
    !Number.isSafeInteger(months) ||
    !Number.isSafeInteger(days) ||
    Math.abs(months) > 12 * 10_000 ||
    Math.abs(days) > 366 * 10_000
  )
    return undefined;
  let d: Date = toUtc(date);
  if (months) d = addMonths(d, months);
  if (days) d = addDays(d, days);
  if (Number.isNaN(d.getTime())) return undefined;
  // By the year first: a year of five digits would sort before 9999 as text.
  const y = d.getUTCFullYear();
  if (y < 1970 || y > 9999) return undefined;
  const out = fromUtc(d);
  return out < MIN_DATE ? undefined : out;
}

/** `date` plus `months` calendar months (clamped to the month's end), then plus `days` days; a date past 9999-12-31 is an InputError. */
export function addOffset(date: CalDate, months: number, days: number): CalDate {
  // A pure function of its arguments that a grants export calls for every grant's cliff (most
  // share a few start dates): remembered, bounded.
  return offsets(`${date}|${months}|${days}`, () => {
    const d = tryAddOffset(date, months, days);
    if (d === undefined) {
      const span = [months ? `${months} months` : '', days ? `${days} days` : '']
        .filter(Boolean)
        .join(' and ');
      throw new InputError(
        `${date} plus ${span} is outside the calendar this tool handles (${MIN_DATE} to ${MAX_DATE})`,
      );
    }
    return d;
  });
}
const offsets = memo<CalDate>(8192);

/** Calendar offset of a duration as (months, days); hours must make whole days. */
export function spanOffset(span: Duration, k = 1): { months: number; days: number } {
  switch (span.unit) {
    case 'year':
      return { months: 12 * span.n * k, days: 0 };
    case 'quarter':
      return { months: 3 * span.n * k, days: 0 };
    case 'month':
      return { months: span.n * k, days: 0 };
    case 'week':
      return { months: 0, days: 7 * span.n * k };
    case 'day':
      if (!Number.isInteger(span.n))
        throw new InputError(`a calendar span must be whole days; found ${span.n} days`);
      return { months: 0, days: span.n * k };
    case 'hour':
      if (span.n % 24 !== 0)
        throw new InputError(`a calendar span must be whole days; found ${span.n} hours`);
      return { months: 0, days: (span.n / 24) * k };
  }
}

/** `date` plus k times a duration, always computed from the anchor date. */
export function addSpan(date: CalDate, span: Duration, k = 1): CalDate {
  const o = spanOffset(span, k);
  return addOffset(date, o.months, o.days);
}

/** `YYYY-MM` of a date. */
export const monthOf = (d: CalDate): string => d.slice(0, 7);

/** The last monthLabels answer: a sweep asks for the same months at every point. */
let lastLabels: { start: CalDate; n: number; labels: readonly string[] } | undefined;
/** YYYY-MM labels of the `n` months from `start`'s month on (the months of a projection). */
export function monthLabels(start: CalDate, n: number): string[] {
  if (lastLabels?.start !== start || lastLabels.n !== n)
    lastLabels = {
      start,
      n,
      labels: Array.from({ length: n }, (_, k) => monthOf(addOffset(start, k, 0))),
    };
  return [...lastLabels.labels];
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: CalDate, b: CalDate): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}

export const minDate = (a: CalDate, b: CalDate): CalDate => (a <= b ? a : b);
export const maxDate = (a: CalDate, b: CalDate): CalDate => (a >= b ? a : b);
