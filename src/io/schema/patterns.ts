/**
 * JSON Schema fragments for the parameter file's scalar fields: the grammar of the core's parsers
 * (src/core/units.ts, date.ts) written as patterns on the raw text, plus the field's limits, so a
 * YAML editor flags at the field what `ai-econ validate` flags there. YAML hands an editor plain
 * numbers as numbers (`0.95`, `60`) and everything else as text (`10_000`, `95%`, `12mo`).
 * test/io/jsonschema.test.ts checks with a real validator (ajv) that both flag the same fields.
 */
export type Json = Record<string, unknown>;

/** Case-insensitive letters for a JSON Schema pattern (which has no flags). */
const ci = (word: string): string => word.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
const alt = (words: readonly string[]): string => `(?:${words.map(ci).join('|')})`;
const whole = (body: string): string => `^\\s*${body}\\s*$`;

/** Digits with `_` anywhere, or commas between groups of three. */
const DIGITS = '(?:\\d[\\d_]*|\\d{1,3}(?:,\\d{3})+)';
const NUM = `(?:${DIGITS}(?:\\.[\\d_]+)?|\\.[\\d_]+)`;
const EXP = '[eE][+-]?\\d{1,2}';
const SUFFIX = '(?:k|K|M|B|b|bn|T)';
/** Text of zero in any of those spellings. */
const ZERO_TEXT = whole('\\$?[0_,]*(?:\\.[0_]*)?(?:[eE][+-]?\\d{1,2}|\\s*(?:k|K|M|B|b|bn|T))?');

const str = (pattern: string, extra: Json = {}): Json => ({ type: 'string', pattern, ...extra });
const notZero: Json = { not: { pattern: ZERO_TEXT } };

/** Amounts and USD: `10_000`, `1,000,000`, `1.5M`, `1e3`, `$2.50`; `positive` refuses zero. */
export function amountJson(opts: { usd?: boolean; positive?: boolean } = {}): Json {
  const text = str(whole(`${opts.usd ? '\\$?' : ''}${NUM}(?:${EXP}|\\s*${SUFFIX})?`), opts.positive ? notZero : {});
  return { anyOf: [text, { type: 'number', ...(opts.positive ? { exclusiveMinimum: 0 } : { minimum: 0 }) }] };
}

/** Plain non-negative numbers: `989.4`, `1,000`, `1e3`. */
export function numberJson(opts: { positive?: boolean } = {}): Json {
  const text = str(whole(`${NUM}(?:${EXP})?`), opts.positive ? notZero : {});
  return { anyOf: [text, { type: 'number', ...(opts.positive ? { exclusiveMinimum: 0 } : { minimum: 0 }) }] };
}

/** Whole numbers, within limits when written as numbers. */
export function integerJson(opts: { min?: number; max?: number } = {}): Json {
  return {
    anyOf: [
      str(whole(`${DIGITS}(?:[eE]\\+?\\d{1,2})?`)),
      { type: 'integer', minimum: opts.min ?? 0, ...(opts.max !== undefined ? { maximum: opts.max } : {}) },
    ],
  };
}

/**
 * Percent fields: `95%`, `19/20`, `0.95`, `1.0`, `0`. A bare integer (`50`: 50% or 5000%?) is
 * refused; YAML gives an editor `1.0` as the number 1, so as a number only 0 ≤ x < 1 passes here.
 * `max100` bounds the percent written with `%` (a fraction a/b is checked by validate).
 */
export function shareJson(opts: { max100?: boolean; signed?: boolean; positive?: boolean } = {}): Json {
  const sign = opts.signed ? '-?' : '';
  const pct = opts.max100 ? '(?:100(?:\\.0+)?|\\d{1,2}(?:\\.\\d+)?|\\.\\d+)' : '(?:\\d+(?:\\.\\d+)?|\\.\\d+)';
  const point = opts.max100 ? '(?:0?\\.\\d+|0+(?:\\.\\d+)?|1\\.0+)' : '(?:\\d+\\.\\d+|\\.\\d+|0+)';
  const text = str(whole(`${sign}(?:${pct}\\s*%|\\d+\\s*\\/\\s*\\d+|${point})`), opts.positive ? { not: { pattern: ZERO_SHARE } } : {});
  const num: Json = opts.max100
    ? { type: 'number', ...(opts.positive ? { exclusiveMinimum: 0 } : { minimum: 0 }), exclusiveMaximum: 1 }
    : { type: 'number', ...(opts.signed ? { exclusiveMinimum: -1 } : { minimum: 0 }), anyOf: [{ not: { type: 'integer' } }, { const: 0 }] };
  return { anyOf: [text, num] };
}
/** Text of a zero share: `0%`, `0.0`, `0/5`. */
const ZERO_SHARE = whole('(?:0*(?:\\.0*)?\\s*%?|0+\\s*\\/\\s*\\d+)');

const HOURS = ['h', 'hr', 'hrs', 'hour', 'hours', 'd', 'day', 'days', 'w', 'wk', 'wks', 'week', 'weeks'];
const CALENDAR = ['mo', 'mos', 'month', 'months', 'q', 'quarter', 'quarters', 'y', 'yr', 'yrs', 'year', 'years'];
const DURATION_TEXT = `(?:\\d+(?:\\.\\d+)?\\s*${alt(HOURS)}|\\d+\\s*${alt(CALENDAR)})`;

/** Durations `12mo`, `36 months`, `1y`, `90d`, `48h`, or 0; `hoursOnly`: hours, days or weeks, above 0. */
export function durationJson(opts: { hoursOnly?: boolean } = {}): Json {
  if (opts.hoursOnly) return str(whole(`\\d+(?:\\.\\d+)?\\s*${alt(HOURS)}`), notZero);
  return { anyOf: [str(whole(`(?:${DURATION_TEXT}|0)`)), { const: 0 }] };
}

const DATE_TEXT = '\\d{4}-\\d{2}-\\d{2}';
/** Calendar dates `2026-04-29` (as text: YAML reads 20260601 as a number, which is no date). */
export const dateJson = (): Json => str(whole(DATE_TEXT));

/** A date, or a duration after the start. */
export const dateOrDurationJson = (): Json => ({ anyOf: [str(whole(`(?:${DATE_TEXT}|${DURATION_TEXT}|0)`)), { const: 0 }] });

/** Steps: day | week | month | quarter | year (also plurals, `monthly`, any case). */
export const stepJson = (): Json =>
  str(whole(`(?:${alt(['day', 'days', 'daily', 'week', 'weeks', 'weekly', 'month', 'months', 'monthly', 'quarter', 'quarters', 'quarterly', 'year', 'years', 'yearly', 'annual', 'annually'])})`));

/** Vesting values: a share (`25%`, `1/4`) of the allocation, or a token amount (`125M`). */
export const portionJson = (): Json => ({
  anyOf: [str(whole(`(?:(?:\\d+(?:\\.\\d+)?|\\.\\d+)\\s*%|\\d+\\s*\\/\\s*\\d+)`)), ...(amountJson().anyOf as Json[])],
});
