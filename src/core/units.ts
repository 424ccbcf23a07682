/**
 * Parsers for the quantities a user types (in a parameter file, a flag or a CSV cell).
 * Each throws InputError saying what was expected and what was found.
 */
import { InputError } from './errors.js';
import { type Rational, rat, parseDecimal, mul, div, cmp, eq } from './rational.js';
import type { CalDate } from './date.js';
import { parseDate } from './date.js';

const show = (s: string): string => JSON.stringify(s);
const clean = (s: string): string => s.trim().replace(/_/g, '');

const SUFFIX: Record<string, bigint> = { k: 10n ** 3n, K: 10n ** 3n, M: 10n ** 6n, B: 10n ** 9n, b: 10n ** 9n, bn: 10n ** 9n, T: 10n ** 12n };
const AMOUNT = /^(\d+(?:\.\d+)?|\.\d+)\s*(k|K|M|B|b|bn|T)?$/;

/** A non-negative quantity with an optional k/M/B/T suffix: `10_000_000_000`, `10B`, `1.5M`, `250k`. */
export function parseAmount(text: string, what = 'an amount'): Rational {
  const m = AMOUNT.exec(clean(text).replace(/,/g, ''));
  if (!m) throw new InputError(`expected ${what} like 10_000_000, 10B, 1.5M or 250k; found ${show(text)}`);
  const v = parseDecimal(m[1]);
  return m[2] ? mul(v, rat(SUFFIX[m[2]])) : v;
}

/** A USD figure: like an amount, with an optional leading `$`. */
export function parseUsd(text: string, what = 'a USD amount'): Rational {
  return parseAmount(text.trim().replace(/^\$/, ''), what);
}

const PERCENT = /^(\d+(?:\.\d+)?|\.\d+)\s*%$/;
const FRACTION = /^(\d+)\s*\/\s*(\d+)$/;

/** Is this text written as a share (`40.40%` or `a/b`) rather than an amount? */
export const looksLikeShare = (text: string): boolean => /[%/]/.test(text);

/** A share written as a percent (`40.40%`) or an exact fraction (`1/48`). */
export function parseShare(text: string, what = 'a share'): Rational {
  const t = clean(text);
  let m = PERCENT.exec(t);
  if (m) return div(parseDecimal(m[1]), rat(100n));
  m = FRACTION.exec(t);
  if (m) {
    if (BigInt(m[2]) === 0n) throw new InputError(`expected ${what} like 40.40% or 1/48; found ${show(text)} (division by zero)`);
    return rat(BigInt(m[1]), BigInt(m[2]));
  }
  throw new InputError(`expected ${what} as a percent like 40.40% or a fraction like 1/48; found ${show(text)}`);
}

/** A rate that may be negative (a decline), written as a share: `3%`, `-2%`, `-1/100`; above −100%. */
export function parseSignedShare(text: string, what = 'a rate'): Rational {
  const t = text.trim();
  const negative = t.startsWith('-');
  const v = parseShare(negative ? t.slice(1) : t, what);
  if (negative && v.n > v.d) throw new InputError(`expected ${what} above -100%; found ${show(text)}`);
  return negative ? rat(-v.n, v.d) : v;
}

/** A fraction of one: `95%`, `19/20` or a plain decimal `0.95`. */
export function parseFraction(text: string, what = 'a fraction'): Rational {
  const t = clean(text);
  if (looksLikeShare(t)) return parseShare(t, what);
  if (/^(\d+(?:\.\d+)?|\.\d+)$/.test(t)) return parseDecimal(t);
  throw new InputError(`expected ${what} like 95%, 0.95 or 19/20; found ${show(text)}`);
}

/** A plain non-negative decimal number (`989.4`, `2.50`, `1_000`). */
export function parseNumber(text: string, what = 'a number'): Rational {
  const t = clean(text);
  if (/^(\d+(?:\.\d+)?|\.\d+)$/.test(t)) return parseDecimal(t);
  throw new InputError(`expected ${what} (a non-negative decimal like 2.5); found ${show(text)}`);
}

/** A non-negative whole number. */
export function parseInteger(text: string, what = 'a whole number'): number {
  const t = clean(text);
  if (/^\d+$/.test(t) && Number(t) <= Number.MAX_SAFE_INTEGER) return Number(t);
  throw new InputError(`expected ${what} (0, 1, 2, …); found ${show(text)}`);
}

export type DurationUnit = 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';
/** A span of calendar time: `n` units (n may be fractional only for hours and days). */
export interface Duration {
  readonly n: number;
  readonly unit: DurationUnit;
}

const DURATION_UNITS: Record<string, DurationUnit> = {
  h: 'hour', hr: 'hour', hrs: 'hour', hour: 'hour', hours: 'hour',
  d: 'day', day: 'day', days: 'day',
  w: 'week', wk: 'week', wks: 'week', week: 'week', weeks: 'week',
  mo: 'month', mos: 'month', month: 'month', months: 'month',
  q: 'quarter', quarter: 'quarter', quarters: 'quarter',
  y: 'year', yr: 'year', yrs: 'year', year: 'year', years: 'year',
};
const DURATION = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i;

/** The longest duration accepted, in each unit: 10,000 years (every date stays within 0001..9999). */
const MAX_DURATION: Record<DurationUnit, number> = { hour: 87_660_000, day: 3_652_500, week: 521_786, month: 120_000, quarter: 40_000, year: 10_000 };

/**
 * `12mo`, `36 months`, `1y`, `2w`, `90d`, `48h`, `4q`; `0` is the empty span. The count is kept
 * exactly: a value with more digits than a double holds exactly (`1.00000000000000001d`) or
 * longer than 10,000 years is refused, never rounded.
 */
export function parseDuration(text: string, what = 'a duration'): Duration {
  const t = clean(text);
  if (t === '0') return { n: 0, unit: 'day' };
  const m = DURATION.exec(t);
  const unit = m ? DURATION_UNITS[m[2].toLowerCase()] : undefined;
  if (!m || !unit) {
    throw new InputError(`expected ${what} like 12mo, 36 months, 1y, 2w, 90d or 48h; found ${show(text)}`);
  }
  const exact = parseDecimal(m[1]);
  if (cmp(exact, rat(BigInt(MAX_DURATION[unit]))) > 0) {
    throw new InputError(`expected ${what} of at most ${MAX_DURATION[unit].toLocaleString('en-US')} ${unit}s (10,000 years); found ${show(text)}`);
  }
  const n = Number(m[1]);
  if (/e/i.test(String(n)) || !eq(parseDecimal(String(n)), exact)) throw new InputError(`expected ${what} with at most 15 significant digits; found ${show(text)}`);
  if (!Number.isInteger(n) && unit !== 'hour' && unit !== 'day') {
    throw new InputError(`expected ${what} in whole ${unit}s; found ${show(text)}`);
  }
  return { n, unit };
}

/** Hours in a duration of hours, days or weeks, exactly (months and years have no fixed length in hours). */
export function durationHours(d: Duration, what = 'duration'): Rational {
  const n = parseDecimal(String(d.n));
  switch (d.unit) {
    case 'hour': return n;
    case 'day': return mul(n, rat(24n));
    case 'week': return mul(n, rat(24n * 7n));
    default:
      throw new InputError(`${what} must be in hours, days or weeks (like 48h, 3d, 2w); months and years vary in length`);
  }
}

export type Step = 'day' | 'week' | 'month' | 'quarter' | 'year';
export const STEPS: readonly Step[] = ['day', 'week', 'month', 'quarter', 'year'];

/** A vesting / period step: day | week | month | quarter | year (plurals and "monthly" also read). */
export function parseStep(text: string, what = 'a step'): Step {
  const t = text.trim().toLowerCase();
  const base = t.replace(/ly$/, '').replace(/s$/, '').replace(/^dai$/, 'day').replace(/^annual$/, 'year');
  if ((STEPS as readonly string[]).includes(base)) return base as Step;
  throw new InputError(`expected ${what}: one of ${STEPS.join(', ')}; found ${show(text)}`);
}

/** A date, or a duration after an anchor date. */
export type DateOrDuration = { kind: 'date'; date: CalDate } | { kind: 'after'; span: Duration };

export function parseDateOrDuration(text: string, what = 'a date or a duration'): DateOrDuration {
  const t = text.trim();
  if (/^\d{4}-/.test(t)) return { kind: 'date', date: parseDate(t, what) };
  try {
    return { kind: 'after', span: parseDuration(t, what) };
  } catch {
    throw new InputError(`expected ${what} like 2027-04-29 or 18mo; found ${show(text)}`);
  }
}

const SHORT: Record<DurationUnit, string> = { hour: 'h', day: 'd', week: 'w', month: 'mo', quarter: 'q', year: 'y' };
/** Short text of a duration: `12mo`, `90d`, `1y`. */
export const formatDuration = (d: Duration): string => `${d.n}${SHORT[d.unit]}`;
