/**
 * Scalar field types of the parameter file. Each accepts the text a user writes (YAML numbers
 * arrive as their source text, so `0.10` stays exactly 1/10) and turns it into an exact core value,
 * checking the field's own limits (at most 100%, above 0, at least 1 month, ...). Their
 * descriptions and JSON fragments (patterns.ts) become the JSON Schema an editor checks with.
 */
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import {
  parseAmount,
  parseDuration,
  parseInteger,
  parseNumber,
  parseShare,
  parseSignedShare,
  parseStep,
  parseUsd,
  looksLikeShare,
  parseDateOrDuration,
  durationHours,
  STEPS,
  type Duration,
} from '../../core/units.js';
import { parseDate } from '../../core/date.js';
import { type Rational, cmp, ONE } from '../../core/rational.js';
import {
  type Json,
  amountJson,
  dateJson,
  dateOrDurationJson,
  durationJson,
  integerJson,
  numberJson,
  portionJson,
  shareJson,
  stepJson,
} from './patterns.js';

export const found = (v: unknown): string =>
  v === null || v === undefined
    ? 'nothing'
    : Array.isArray(v)
      ? 'a list'
      : typeof v === 'object'
        ? 'a mapping'
        : typeof v === 'boolean'
          ? `the boolean ${v}`
          : JSON.stringify(v);

/**
 * A scalar written as text or a number, parsed by `parse`; errors say what was expected and found.
 * `json` is the field's JSON Schema (what an editor checks); the description is added to it.
 */
export function scalar<T>(
  parse: (text: string) => T,
  what: string,
  description: string,
  json: Json = {},
) {
  return z
    .union([z.string(), z.number()], {
      error: (iss) => `expected ${what}; found ${found(iss.input)}`,
    })
    .transform((v, ctx): T => {
      try {
        return parse(String(v));
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        ctx.addIssue({ code: 'custom', message: e.message, input: v });
        return z.NEVER;
      }
    })
    .meta({ description, ...(json.anyOf ? json : { anyOf: [json] }) });
}

const show = (t: string): string => JSON.stringify(t);

/** Limits on a rational field, checked after parsing. */
export interface Limits {
  /** Refuse 0 (prices, supplies, TFLOPS, ...). */
  positive?: boolean;
  /** At most 100% (shares of a split, utilization, uptime, ...). */
  max100?: boolean;
}
const limited =
  (parse: (t: string) => Rational, lim: Limits, zeroWhat: string) =>
  (t: string): Rational => {
    const v = parse(t);
    if (lim.positive && v.n === 0n)
      throw new InputError(`expected ${zeroWhat} above 0; found ${show(t)}`);
    if (lim.max100 && cmp(v, ONE) > 0)
      throw new InputError(`expected 0% to 100%; found ${t.trim()}`);
    return v;
  };

export const amount = (description: string, lim: Limits = {}) =>
  scalar(
    limited((t) => parseAmount(t, 'a token amount'), lim, 'an amount'),
    'a token amount like 10B or 250_000',
    description,
    amountJson(lim),
  );
export const usd = (description: string, lim: Limits = {}) =>
  scalar(
    limited((t) => parseUsd(t), lim, 'a price'),
    'a USD amount like 2.50 or 2M',
    description,
    amountJson({ ...lim, usd: true }),
  );
/** A share of a whole, 0 to 100% (`40.40%`, `1/48`, `0.95`); `positive` refuses 0. */
export const share = (description: string, lim: Omit<Limits, 'max100'> = {}) =>
  scalar(
    limited((t) => parseShare(t), { ...lim, max100: true }, 'a share'),
    'a share like 40.40%, 1/48 or 0.95',
    description,
    shareJson({ ...lim, max100: true }),
  );
/** A percent with no upper bound (an annual volatility may exceed 100%). */
export const percent = (description: string) =>
  scalar(
    (t) => parseShare(t, 'a percent'),
    'a percent like 80%, 4/5 or 0.8',
    description,
    shareJson(),
  );
/** A rate that may be negative (a decline): `3%`, `-2%`, `1/100`, `-0.02`. */
export const signedShare = (description: string) =>
  scalar(
    (t) => parseSignedShare(t),
    'a rate like 3% or -2%',
    description,
    shareJson({ signed: true }),
  );
export const number = (description: string, lim: Omit<Limits, 'max100'> = {}) =>
  scalar(
    limited((t) => parseNumber(t), lim, 'a number'),
    'a non-negative number',
    description,
    numberJson(lim),
  );
export const integer = (
  description: string,
  lim: { min?: number; max?: number; unit?: string } = {},
) =>
  scalar(
    (t) => {
      const n = parseInteger(t);
      const u = (k: number) => (lim.unit ? ` ${lim.unit}${k === 1 ? '' : 's'}` : '');
      if (lim.min !== undefined && n < lim.min)
        throw new InputError(`expected at least ${lim.min}${u(lim.min)}; found ${n}`);
      if (lim.max !== undefined && n > lim.max)
        throw new InputError(`expected at most ${lim.max}${u(lim.max)}; found ${n}`);
      return n;
    },
    'a whole number',
    description,
    integerJson(lim),
  );
export const duration = (description: string) =>
  scalar((t) => parseDuration(t), 'a duration like 12mo, 1y or 90d', description, durationJson());
/** A duration in hours, days or weeks, above 0 (a job's wall-clock time). */
export const hoursDuration = (description: string) =>
  scalar(
    (t): Duration => {
      const d = parseDuration(t);
      if (durationHours(d, 'a job duration').n === 0n)
        throw new InputError(`expected a duration above 0; found ${show(t)}`);
      return d;
    },
    'a duration like 48h, 3d or 2w',
    description,
    durationJson({ hoursOnly: true }),
  );
export const date = (description: string) =>
  scalar((t) => parseDate(t), 'a date YYYY-MM-DD', description, dateJson());
export const step = (description: string) =>
  scalar((t) => parseStep(t), `one of ${STEPS.join(', ')}`, description, stepJson());
export const dateOrDuration = (description: string) =>
  scalar(
    (t) => parseDateOrDuration(t),
    'a date (2027-04-29) or a duration after the start (18mo)',
    description,
    dateOrDurationJson(),
  );

/** In vesting fields: `25%` or `1/4` is a share of the allocation; a plain number is a token amount. */
export type PortionInput = { kind: 'share'; r: Rational } | { kind: 'tokens'; tokens: Rational };
export const portion = (description: string) =>
  scalar<PortionInput>(
    (t) =>
      looksLikeShare(t)
        ? { kind: 'share', r: parseShare(t) }
        : { kind: 'tokens', tokens: parseAmount(t, 'a token amount') },
    'a share (25%, 1/4) or a token amount (125M)',
    description,
    portionJson(),
  );

/**
 * A mapping from user-chosen names (scenarios, GPU classes) to values, as an object without a
 * prototype: a name like `constructor` or `toString` is only ever the user's own entry. `__proto__`
 * and the `reserved` names (fixed columns beside the named ones) are refused, never dropped.
 */
export function namedRecord<T extends z.ZodType>(
  value: T,
  what: string,
  reserved: readonly string[] = [],
) {
  const bad = (k: string) => k === '__proto__' || reserved.includes(k.trim().toLowerCase());
  return z
    .record(
      z
        .string()
        .refine((k) => k.trim() !== '', {
          error: (iss) => `${what} needs a name; found ${found(iss.input)}`,
        })
        .refine((k) => !bad(k), {
          error: (iss) =>
            `"${String(iss.input)}" cannot name ${what}${reserved.length ? ` (reserved: __proto__, ${reserved.join(', ')})` : ' (reserved: __proto__)'}; choose another name`,
        }),
      value,
    )
    .transform((r) => Object.assign(Object.create(null) as Record<string, z.output<T>>, r));
}
