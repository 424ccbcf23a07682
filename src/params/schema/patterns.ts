/**
 * JSON Schema fragments for the parameter file's scalar fields: the grammar of the core's parsers
 * (src/core/units.ts, date.ts) written as patterns on the raw text, plus the field's limits, so a
 * YAML editor flags at the field what `ai-econ validate` flags there. YAML hands an editor plain
 * numbers as numbers (`0.95`, `60`) and everything else as text (`10_000`, `95%`, `12mo`).
 * test/params/jsonschema.test.ts checks with a real validator (ajv) that both flag the same fields.
 */
import { STEP_WORDS, STEPS } from '../../core/units.js';

export type Json = Record<string, unknown>;

/** Case-insensitive letters for a JSON Schema pattern (which has no flags). */
const ci = (word: string): string => word.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
const alt = (words: readonly string[]): string => `(?:${words.map(ci).join('|')})`;
const whole = (body: string): string => `^\\s*${body}\\s*$`;

/** Digits with `_` between two digits, or commas between groups of three. */
const DIGITS = '(?:\\d+(?:_\\d+)*|\\d{1,3}(?:,\\d{3})+)';
const NUM = `\\+?(?:${DIGITS}(?:\\.(?:\\d+(?:_\\d+)*)?)?|\\.\\d+(?:_\\d+)*)`;
const EXP = '[eE][+-]?\\d(?:_?\\d)*';
const SUFFIX = '(?:k|K|M|B|b|bn|T)';
/** Text of zero in any of those spellings (the mantissa's digits all 0). */
const ZERO_TEXT = whole(
  '\\$?\\s*\\+?[0_,]*(?:\\.[0_]*)?(?:[eE][+-]?[\\d_]+|\\s*(?:k|K|M|B|b|bn|T))?',
);

/** The largest number a parser reads with an exponent (10^99; YAML reads 1e120 as a number too). */
const MAX = 1e99;

const str = (pattern: string, extra: Json = {}): Json => ({ type: 'string', pattern, ...extra });
const notZero: Json = { not: { pattern: ZERO_TEXT } };

/** Amounts and USD: `10_000`, `1,000,000`, `1.5M`, `1e3`, `$2.50`; `positive` refuses zero. */
export function amountJson(opts: { usd?: boolean; positive?: boolean } = {}): Json {
  const text = str(
    whole(`${opts.usd ? '\\$?\\s*' : ''}${NUM}(?:${EXP}|\\s*${SUFFIX})?`),
    opts.positive ? notZero : {},
  );
  return {
    anyOf: [
      text,
      {
        type: 'number',
        ...(opts.positive ? { exclusiveMinimum: 0 } : { minimum: 0 }),
        maximum: MAX,
      },
    ],
  };
}

/** Plain non-negative numbers: `989.4`, `1,000`, `1e3`. */
export function numberJson(opts: { positive?: boolean } = {}): Json {
  const text = str(whole(`${NUM}(?:${EXP})?`), opts.positive ? notZero : {});
  return {
    anyOf: [
      text,
      {
        type: 'number',
        ...(opts.positive ? { exclusiveMinimum: 0 } : { minimum: 0 }),
        maximum: MAX,
      },
    ],
  };
}

/**
 * Whole numbers. With limits, only a plain YAML number passes here (a text such as `1_201` cannot
 * be bounded by a pattern; validate reads it).
 */
export function integerJson(opts: { min?: number; max?: number } = {}): Json {
  const num: Json = {
    type: 'integer',
    minimum: opts.min ?? 0,
    maximum: opts.max ?? Number.MAX_SAFE_INTEGER,
  };
  if (opts.max !== undefined) return { anyOf: [num] };
  return {
    anyOf: [
      str(
        whole(`\\+?${DIGITS}(?:\\.0*)?(?:[eE]\\+?\\d(?:_?\\d)*)?`),
        (opts.min ?? 0) > 0 ? notZero : {},
      ),
      num,
    ],
  };
}

/** A percent, at most 100% when `max100`. */
const pctText = (max100: boolean): string =>
  max100 ? '0*(?:100(?:\\.0+)?|\\d{1,2}(?:\\.\\d+)?|\\.\\d+)' : '(?:\\d+(?:\\.\\d+)?|\\.\\d+)';
/** A decimal fraction written with a point, or 0; at most 1 when `max100`. */
const pointText = (max100: boolean): string =>
  max100 ? '(?:0*\\.\\d+|0+(?:\\.\\d+)?|0*1\\.0+)' : '(?:\\d+\\.\\d+|\\.\\d+|0+)';
/** An exact fraction a/b, b not zero (a/b above 1 in a field of at most 100% is left to validate). */
const FRACTION_TEXT = '\\d+\\s*\\/\\s*0*[1-9]\\d*';
/** Text of a zero share: `0%`, `0.0`, `0/5`. */
const ZERO_SHARE = whole('(?:0*(?:\\.0*)?\\s*%?|0+\\s*\\/\\s*\\d+)');

/**
 * Percent fields: `95%`, `19/20`, `0.95`, `1.0`, `0`. A bare integer (`50`: 50% or 5000%?) is
 * refused; YAML gives an editor `1.0` as the number 1, so as a number only 0 ≤ x < 1 passes here.
 * `signed`: a decline down to -100% may be written with a leading `-`.
 */
export function shareJson(
  opts: { max100?: boolean; signed?: boolean; positive?: boolean } = {},
): Json {
  const body = (max100: boolean) =>
    `(?:${pctText(max100)}\\s*%|${FRACTION_TEXT}|${pointText(max100)})`;
  const text = str(
    whole(opts.signed ? `(?:-\\s*${body(true)}|${body(false)})` : body(Boolean(opts.max100))),
    opts.positive ? { not: { pattern: ZERO_SHARE } } : {},
  );
  const num: Json = opts.max100
    ? {
        type: 'number',
        ...(opts.positive ? { exclusiveMinimum: 0 } : { minimum: 0 }),
        exclusiveMaximum: 1,
      }
    : {
        type: 'number',
        minimum: opts.signed ? -1 : 0,
        anyOf: [{ not: { type: 'integer' } }, { const: 0 }],
      };
  return { anyOf: [text, num] };
}

/** Units that take a fractional count (hours, days), and those that take whole ones. */
const FINE = ['h', 'hr', 'hrs', 'hour', 'hours', 'd', 'day', 'days'];
const WEEKS = ['w', 'wk', 'wks', 'week', 'weeks'];
const CALENDAR = [
  'mo',
  'mos',
  'month',
  'months',
  'q',
  'quarter',
  'quarters',
  'y',
  'yr',
  'yrs',
  'year',
  'years',
];
const DURATION_TEXT = `(?:\\d+(?:\\.\\d+)?\\s*${alt(FINE)}|\\d+(?:\\.0+)?\\s*${alt([...WEEKS, ...CALENDAR])})`;
const ZERO_DURATION = whole('0*(?:\\.0*)?\\s*[a-zA-Z]*');

/** Durations `12mo`, `36 months`, `1y`, `90d`, `48h`, or 0; `hoursOnly`: hours, days or weeks, above 0. */
export function durationJson(opts: { hoursOnly?: boolean } = {}): Json {
  if (opts.hoursOnly)
    return str(whole(`(?:\\d+(?:\\.\\d+)?\\s*${alt(FINE)}|\\d+(?:\\.0+)?\\s*${alt(WEEKS)})`), {
      not: { pattern: ZERO_DURATION },
    });
  return { anyOf: [str(whole(`(?:${DURATION_TEXT}|0)`)), { const: 0 }] };
}

const DATE_TEXT = '\\d{4}-\\d{2}-\\d{2}';
/** Calendar dates `2026-04-29` (as text: YAML reads 20260601 as a number, which is no date). */
export const dateJson = (): Json => str(whole(DATE_TEXT));

/** A date, or a duration after the start. */
export const dateOrDurationJson = (): Json => ({
  anyOf: [str(whole(`(?:${DATE_TEXT}|${DURATION_TEXT}|0)`)), { const: 0 }],
});

/**
 * Steps: an enum of every word the parser reads (`day`, `monthly`, `annually`, …), which editors
 * complete; the same words in another case (`Month`), which validate reads too, as a pattern.
 */
export const stepJson = (): Json => {
  const words = STEPS.flatMap((s) => STEP_WORDS[s]);
  return { anyOf: [{ enum: words }, str(whole(alt(words)))] };
};

/** Vesting values: a share (`25%`, `1/4`) of the allocation, or a token amount (`125M`). */
export const portionJson = (): Json => ({
  anyOf: [
    str(whole(`(?:${pctText(false)}\\s*%|${FRACTION_TEXT})`)),
    ...(amountJson().anyOf as Json[]),
  ],
});
