/**
 * Scalar field types of the parameter file. Each accepts the text a user writes (YAML numbers
 * arrive as their source text, so `0.10` stays exactly 1/10) and turns it into an exact core value.
 * Their descriptions become the JSON Schema's hover help.
 */
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import {
  parseAmount, parseDuration, parseFraction, parseInteger, parseNumber, parseShare, parseStep,
  parseUsd, looksLikeShare, parseDateOrDuration, STEPS,
} from '../../core/units.js';
import { parseDate } from '../../core/date.js';
import type { Rational } from '../../core/rational.js';

export const found = (v: unknown): string =>
  v === null || v === undefined ? 'nothing' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : typeof v === 'boolean' ? `the boolean ${v}` : JSON.stringify(v);

/** A scalar written as text or a number, parsed by `parse`; errors say what was expected and found. */
export function scalar<T>(parse: (text: string) => T, what: string, description: string) {
  return z
    .union([z.string(), z.number()], { error: (iss) => `expected ${what}; found ${found(iss.input)}` })
    .transform((v, ctx): T => {
      try {
        return parse(String(v));
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        ctx.addIssue({ code: 'custom', message: e.message, input: v });
        return z.NEVER;
      }
    })
    .describe(description);
}

export const amount = (description: string) =>
  scalar((t) => parseAmount(t, 'a token amount'), 'a token amount like 10B or 250_000', description);
export const usd = (description: string) => scalar((t) => parseUsd(t), 'a USD amount like 2.50 or 2M', description);
export const share = (description: string) =>
  scalar((t) => parseShare(t), 'a share like 40.40% or 1/48', description);
export const fraction = (description: string) =>
  scalar((t) => parseFraction(t), 'a fraction like 95%, 0.95 or 19/20', description);
export const number = (description: string) => scalar((t) => parseNumber(t), 'a non-negative number', description);
export const integer = (description: string) => scalar((t) => parseInteger(t), 'a whole number', description);
export const duration = (description: string) =>
  scalar((t) => parseDuration(t), 'a duration like 12mo, 1y or 90d', description);
export const date = (description: string) => scalar((t) => parseDate(t), 'a date YYYY-MM-DD', description);
export const step = (description: string) =>
  scalar((t) => parseStep(t), `one of ${STEPS.join(', ')}`, description);
export const dateOrDuration = (description: string) =>
  scalar((t) => parseDateOrDuration(t), 'a date (2027-04-29) or a duration after the start (18mo)', description);

/** In vesting fields: `25%` or `1/4` is a share of the allocation; a plain number is a token amount. */
export type PortionInput = { kind: 'share'; r: Rational } | { kind: 'tokens'; tokens: Rational };
export const portion = (description: string) =>
  scalar<PortionInput>(
    (t) => (looksLikeShare(t) ? { kind: 'share', r: parseShare(t) } : { kind: 'tokens', tokens: parseAmount(t, 'a token amount') }),
    'a share (25%, 1/4) or a token amount (125M)',
    description,
  );

/**
 * A mapping from user-chosen names (scenarios, GPU classes) to values, as an object without a
 * prototype: a name like `constructor` or `toString` is only ever the user's own entry. `__proto__`
 * and the `reserved` names (fixed columns beside the named ones) are refused, never dropped.
 */
export function namedRecord<T extends z.ZodType>(value: T, what: string, reserved: readonly string[] = []) {
  const bad = (k: string) => k === '__proto__' || reserved.includes(k.trim().toLowerCase());
  return z
    .record(
      z.string().refine((k) => !bad(k), {
        error: (iss) => `"${String(iss.input)}" cannot name ${what}${reserved.length ? ` (reserved: __proto__, ${reserved.join(', ')})` : ' (reserved: __proto__)'}; choose another name`,
      }),
      value,
    )
    .transform((r) => Object.assign(Object.create(null) as Record<string, z.output<T>>, r));
}
