/**
 * Parsers for the quantities a user types (in a parameter file, a flag or a CSV cell).
 * Each throws InputError saying what was expected and what was found.
 */
import { InputError } from './errors.js';
import { type Rational, rat, parseDecimal, mul, div, cmp, eq } from './rational.js';
import { parseDate, type CalDate, type Duration, type DurationUnit } from './date.js';

/** The longest value a parser reads, in characters (a thousand digits is past any amount, and keeps big-number arithmetic quick). */
export const MAX_VALUE_CHARS = 1000;
/** How much of a longer text a message shows. */
const SHOWN_CHARS = 60;

/**
 * Text in quotes, as JSON writes it, with the line separators JSON leaves raw escaped too; a text
 * longer than a line (a 16 MB CSV cell) is cut, with its length.
 */
export const quoted = (s: string): string => {
  const cut = s.length > SHOWN_CHARS * 2;
  const q = JSON.stringify(cut ? s.slice(0, SHOWN_CHARS) : s).replace(
    /[\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16)}`,
  );
  return cut ? `${q.slice(0, -1)}…" (${s.length.toLocaleString('en-US')} characters)` : q;
};
const show = quoted;

/** A line break or another control character inside a value (its ends are trimmed). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const LINE_BREAK = /[\n\r\u000b\u000c\u0085\u2028\u2029]/;

/**
 * The trimmed text of a value, refused when it holds a line break or a control character inside
 * (`1\n%`, a CSV cell `"1\n000"`: never read around, as the user cannot see such a number on one
 * line) or is longer than any value (a 15 MB cell of digits).
 */
export function valueText(text: string, what: string): string {
  const t = text.trim();
  if (t.length > MAX_VALUE_CHARS)
    throw new InputError(
      `expected ${what} of at most ${MAX_VALUE_CHARS} characters; found ${show(text)}`,
    );
  const c = CONTROL.exec(t);
  if (c)
    throw new InputError(
      `expected ${what} on one line; found ${show(text)}, with ${LINE_BREAK.test(c[0]) ? 'a line break' : c[0] === '\t' ? 'a tab' : 'a control character'} inside`,
    );
  return t;
}
const clean = (s: string, what: string): string => valueText(s, what).replace(/_/g, '');

/** Amount suffixes and what they multiply by (`1.5M`); a sweep's ranges may mix them (`500k..2M`). */
export const SUFFIX: Readonly<Record<string, bigint>> = {
  k: 10n ** 3n,
  K: 10n ** 3n,
  M: 10n ** 6n,
  B: 10n ** 9n,
  b: 10n ** 9n,
  bn: 10n ** 9n,
  T: 10n ** 12n,
};
/**
 * A non-negative decimal with an optional exponent (`1e3`, `7e9`, `2.5e-3`; at most 10^±99) or an
 * optional k/M/B/T suffix. `7.` and a leading `+` are read too, as YAML reads them as numbers.
 */
const AMOUNT = /^(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?0*\d{1,2})|\s*(k|K|M|B|b|bn|T))?$/;
const DECIMAL = /^(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?0*\d{1,2}))?$/;

/**
 * Thousands separators out: a comma may only stand between groups of three digits (`1,000,000`).
 * `1,5` is refused with the reading a decimal comma would give (`1.5`), never read as fifteen.
 */
function ungroup(t: string, text: string, what: string, like: string): string {
  const m = /^([\d,]*)(.*)$/.exec(t)!;
  const [head, rest] = [m[1], m[2]];
  if (!head!.includes(',') && !rest!.includes(',')) return t;
  if (/^\d{1,3}(?:,\d{3})+$/.test(head!) && !rest!.includes(','))
    return head!.replace(/,/g, '') + rest;
  const single = /^(\d+),(\d+)$/.exec(head!);
  const hint =
    single && !rest!.includes(',') && !rest!.startsWith('.')
      ? ` (for a decimal, write ${single[1]}.${single[2]}${rest})`
      : '';
  throw new InputError(
    `expected ${what} like ${like}; found ${show(text)}: commas may only separate groups of three digits, like 1,000,000${hint}`,
  );
}

/** Digit separators out: `_` only between two digits (`10_000`), commas only between groups of three. */
function separators(text: string, what: string, like: string): string {
  const t = valueText(text, what).replace(/^\+(?=[\d.])/, '');
  if (t.includes('_') && t.includes(','))
    throw new InputError(
      `expected ${what} like ${like}; found ${show(text)}: use either underscores or commas to group digits, not both`,
    );
  if (/(?<!\d)_|_(?!\d)/.test(t))
    throw new InputError(
      `expected ${what} like ${like}; found ${show(text)}: an underscore may only stand between two digits, like 10_000`,
    );
  return ungroup(t.replace(/_/g, ''), text, what, like);
}

/** Mantissa times ten to the exponent, exactly. */
const scaled = (mantissa: string, exponent: string | undefined): Rational => {
  const v = parseDecimal(mantissa.replace(/\.$/, ''));
  if (!exponent) return v;
  const e = Number(exponent);
  return e >= 0 ? mul(v, rat(10n ** BigInt(e))) : div(v, rat(10n ** BigInt(-e)));
};

/** A non-negative quantity: `10_000_000_000`, `1,000,000`, `10B`, `1.5M`, `250k`, `1e3`, `7e9`. */
export function parseAmount(text: string, what = 'an amount'): Rational {
  const like = '10_000_000, 10B, 1.5M, 250k or 1e3';
  const m = AMOUNT.exec(separators(text, what, like));
  if (!m) throw new InputError(`expected ${what} like ${like}; found ${show(text)}`);
  const v = scaled(m[1]!, m[2]);
  return m[3] ? mul(v, rat(SUFFIX[m[3]]!)) : v;
}

/** A USD figure: like an amount, with an optional leading `$`. */
export function parseUsd(text: string, what = 'a USD amount'): Rational {
  return parseAmount(valueText(text, what).replace(/^\$/, ''), what);
}

const PERCENT = /^(\d+(?:\.\d+)?|\.\d+)\s*%$/;
const FRACTION = /^(\d+)\s*\/\s*(\d+)$/;
const POINT = /^(\d+\.\d*|\.\d+)$/;

/** Is this text written as a share (`40.40%` or `a/b`) rather than an amount? */
export const looksLikeShare = (text: string): boolean => /[%/]/.test(text);

/**
 * A share (a percent field): a percent `40.40%`, an exact fraction `1/48`, or a decimal fraction
 * written with a point (`0.95`, `1.0`); `0` is zero. A bare integer such as `1` or `50` is refused
 * with both readings (1% or 100%?): no input is read in a way the message would not show.
 */
export function parseShare(text: string, what = 'a share'): Rational {
  const t = valueText(text, what);
  const like = '95%, 19/20 or 0.95';
  let m = PERCENT.exec(t);
  if (m) return div(parseDecimal(m[1]!), rat(100n));
  m = FRACTION.exec(t);
  if (m) {
    if (BigInt(m[2]!) === 0n)
      throw new InputError(`expected ${what} like ${like}; found ${show(text)} (division by zero)`);
    return rat(BigInt(m[1]!), BigInt(m[2]!));
  }
  if (POINT.test(t)) return parseDecimal(t.replace(/\.$/, ''));
  if (/^0+$/.test(t)) return rat(0n);
  if (/^\d+$/.test(t)) {
    const n = BigInt(t);
    throw new InputError(
      `expected ${what} like ${like}; found ${show(text)}, which is ambiguous: ${n}% or ${n * 100n}%? Write ${n}% for ${n}%, or ${n}.0 for ${n * 100n}%`,
    );
  }
  throw new InputError(`expected ${what} like ${like}; found ${show(text)}`);
}

/** Same grammar as parseShare (kept for callers that read a fraction of one: utilization, MFU, uptime). */
export const parseFraction = (text: string, what = 'a fraction'): Rational =>
  parseShare(text, what);

/** A rate that may be negative (a decline), written as a share: `3%`, `-2%`, `-1/100`, `-0.02`; above −100%. */
export function parseSignedShare(text: string, what = 'a rate'): Rational {
  const t = valueText(text, what);
  const negative = t.startsWith('-');
  const v = parseShare(negative ? t.slice(1) : t, what);
  if (negative && v.n > v.d)
    throw new InputError(`expected ${what} above -100%; found ${show(text)}`);
  return negative ? rat(-v.n, v.d) : v;
}

/** A plain non-negative decimal number (`989.4`, `2.50`, `1_000`, `1,000`, `1e3`). */
export function parseNumber(text: string, what = 'a number'): Rational {
  const like = '2.5, 1,000 or 1e3';
  const m = DECIMAL.exec(separators(text, what, like));
  if (m) return scaled(m[1]!, m[2]);
  throw new InputError(
    `expected ${what} (a non-negative decimal like ${like}); found ${show(text)}`,
  );
}

/** A non-negative whole number (`60`, `10_000`, `1e4`). */
export function parseInteger(text: string, what = 'a whole number'): number {
  const m = DECIMAL.exec(separators(text, what, '0, 1, 2, …'));
  const v = m ? scaled(m[1]!, m[2]) : undefined;
  if (v && v.d === 1n && v.n <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(v.n);
  throw new InputError(`expected ${what} (0, 1, 2, …); found ${show(text)}`);
}

export type { Duration, DurationUnit } from './date.js';

const DURATION_UNITS: Record<string, DurationUnit> = {
  h: 'hour',
  hr: 'hour',
  hrs: 'hour',
  hour: 'hour',
  hours: 'hour',
  d: 'day',
  day: 'day',
  days: 'day',
  w: 'week',
  wk: 'week',
  wks: 'week',
  week: 'week',
  weeks: 'week',
  mo: 'month',
  mos: 'month',
  month: 'month',
  months: 'month',
  q: 'quarter',
  quarter: 'quarter',
  quarters: 'quarter',
  y: 'year',
  yr: 'year',
  yrs: 'year',
  year: 'year',
  years: 'year',
};
const DURATION = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i;

/** The longest duration accepted, in each unit: 10,000 years (so a date plus a duration stays within a few calendars of 1970..9999). */
const MAX_DURATION: Record<DurationUnit, number> = {
  hour: 87_660_000,
  day: 3_652_500,
  week: 521_786,
  month: 120_000,
  quarter: 40_000,
  year: 10_000,
};

/**
 * `12mo`, `36 months`, `1y`, `2w`, `90d`, `48h`, `4q`; `0` is the empty span. The count is kept
 * exactly: a value with more digits than a double holds exactly (`1.00000000000000001d`) or
 * longer than 10,000 years is refused, never rounded.
 */
export function parseDuration(text: string, what = 'a duration'): Duration {
  const t = clean(text, what);
  if (t === '0') return { n: 0, unit: 'day' };
  const m = DURATION.exec(t);
  const unit = m ? DURATION_UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || !unit) {
    throw new InputError(
      `expected ${what} like 12mo, 36 months, 1y, 2w, 90d or 48h; found ${show(text)}`,
    );
  }
  const exact = parseDecimal(m[1]!);
  if (cmp(exact, rat(BigInt(MAX_DURATION[unit]))) > 0) {
    throw new InputError(
      `expected ${what} of at most ${MAX_DURATION[unit].toLocaleString('en-US')} ${unit}s (10,000 years); found ${show(text)}`,
    );
  }
  const n = Number(m[1]);
  if (/e/i.test(String(n)) || !eq(parseDecimal(String(n)), exact))
    throw new InputError(
      `expected ${what} with at most 15 significant digits; found ${show(text)}`,
    );
  if (!Number.isInteger(n) && unit !== 'hour' && unit !== 'day') {
    throw new InputError(`expected ${what} in whole ${unit}s; found ${show(text)}`);
  }
  return { n, unit };
}

/** Hours in a duration of hours, days or weeks, exactly (months and years have no fixed length in hours). */
export function durationHours(d: Duration, what = 'duration'): Rational {
  const n = parseDecimal(String(d.n));
  switch (d.unit) {
    case 'hour':
      return n;
    case 'day':
      return mul(n, rat(24n));
    case 'week':
      return mul(n, rat(24n * 7n));
    default:
      throw new InputError(
        `${what} must be in hours, days or weeks (like 48h, 3d, 2w); months and years vary in length`,
      );
  }
}

export type Step = 'day' | 'week' | 'month' | 'quarter' | 'year';
export const STEPS: readonly Step[] = ['day', 'week', 'month', 'quarter', 'year'];
/** Every word read as a step (any case): the steps, their plurals and adverbs. */
export const STEP_WORDS: Readonly<Record<Step, readonly string[]>> = {
  day: ['day', 'days', 'daily'],
  week: ['week', 'weeks', 'weekly'],
  month: ['month', 'months', 'monthly'],
  quarter: ['quarter', 'quarters', 'quarterly'],
  year: ['year', 'years', 'yearly', 'annual', 'annually'],
};
const STEP_OF = new Map(STEPS.flatMap((s) => STEP_WORDS[s].map((w) => [w, s] as const)));
/** The other words, for messages: `days, daily, weeks, …`. */
const STEP_ALIASES = STEPS.flatMap((s) => STEP_WORDS[s].slice(1));

/** A vesting / period step: day | week | month | quarter | year, or one of STEP_WORDS, any case. */
export function parseStep(text: string, what = 'a step'): Step {
  const step = STEP_OF.get(valueText(text, what).toLowerCase());
  if (step) return step;
  throw new InputError(
    `expected ${what}: one of ${STEPS.join(', ')} (also ${STEP_ALIASES.join(', ')}); found ${show(text)}`,
  );
}

/** A date, or a duration after an anchor date. */
export type DateOrDuration = { kind: 'date'; date: CalDate } | { kind: 'after'; span: Duration };

export function parseDateOrDuration(text: string, what = 'a date or a duration'): DateOrDuration {
  const t = valueText(text, what);
  if (/^\d{4}-/.test(t)) return { kind: 'date', date: parseDate(t, what) };
  try {
    return { kind: 'after', span: parseDuration(t, what) };
  } catch {
    throw new InputError(`expected ${what} like 2027-04-29 or 18mo; found ${show(text)}`);
  }
}

const SHORT: Record<DurationUnit, string> = {
  hour: 'h',
  day: 'd',
  week: 'w',
  month: 'mo',
  quarter: 'q',
  year: 'y',
};
/** Short text of a duration: `12mo`, `90d`, `1y`. */
export const formatDuration = (d: Duration): string => `${d.n}${SHORT[d.unit]}`;
