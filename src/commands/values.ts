/**
 * Options given as data (by a library caller) rather than typed on a command line: a value may be
 * the typed value a builder takes (a Rational, a date string) or the text a user would type
 * (`'7B'`, `'48h'`, `'95%'`), which goes through the option's declared parser — so dates, steps and
 * names are checked exactly as the CLI checks them.
 */
import { InputError } from '../core/errors.js';
import { rat } from '../core/rational.js';
import { suggestion } from '../core/suggest.js';
import { PARSERS } from './parsers.js';
import { flagOf, keyOf, type CommandSpec, type OptionsOf, type OptSpec } from './spec.js';

type Loose<T> = T extends boolean
  ? boolean
  : T extends readonly (infer E)[]
    ? readonly (E | string)[] | string
    : T | string;

/** A command's options as a caller may give them: each typed value, or its text as a user types it. */
export type OptionsInput<C extends CommandSpec> = {
  [K in keyof OptionsOf<C>]?: Loose<NonNullable<OptionsOf<C>[K]>>;
};

const isFraction = (v: unknown): v is { n: bigint; d: bigint } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { n?: unknown }).n === 'bigint' &&
  typeof (v as { d?: unknown }).d === 'bigint';

/** One option's value: text goes through the declared parser (a bad value names the option `name`); typed values pass. */
export function optionValue(o: OptSpec, value: unknown, name: string): unknown {
  if (!o.parse) return value;
  const parse = PARSERS[o.parse] as (t: string, what?: string) => unknown;
  const one = (v: unknown): unknown => {
    // A caller's { n, d } is reduced here, with its sign in n: the rational operations take reduced fractions.
    if (isFraction(v)) {
      if (v.d === 0n)
        throw new InputError(`expected a fraction with a non-zero denominator; found ${v.n}/0`, {
          flag: name,
        });
      return rat(v.n, v.d);
    }
    if (typeof v !== 'string') return v;
    try {
      return parse(v, o.what);
    } catch (e) {
      if (e instanceof InputError) throw new InputError(e.reason, { flag: name });
      throw e;
    }
  };
  // A list option (`--compare H100,A100`) parses its whole text into the list.
  if (o.parse === 'list' && !Array.isArray(value)) return one(value);
  if (o.repeatable) return (Array.isArray(value) ? value : [value]).map(one);
  return one(value);
}

/** Every given option through optionValue; unknown option names are an InputError listing the known ones. */
export function optionsFrom<C extends CommandSpec>(
  spec: C,
  given: OptionsInput<C> | undefined,
): OptionsOf<C> {
  const known = new Map(spec.options.map((o) => [keyOf(o.flags), o]));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(given ?? {})) {
    if (v === undefined) continue;
    const o = known.get(k);
    if (!o)
      throw new InputError(
        `${spec.name}: no option "${k}"${suggestion(k, [...known.keys()])}; expected ${known.size ? `one of ${[...known.keys()].join(', ')}` : 'none'}`,
      );
    out[k] = optionValue(o, v, `${spec.name} option ${k}`);
  }
  return out as OptionsOf<C>;
}

/** Options given as data, echoed like the CLI's JSON `params` (snake_case flag names; exact values: text as given, a Rational as `n` or `n/d`). */
export function optionsEcho<C extends CommandSpec>(
  spec: C,
  given: OptionsInput<C> | undefined,
): Record<string, unknown> {
  const show = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(show)
      : v && typeof v === 'object' && 'n' in v && 'd' in v
        ? v.d === 1n
          ? String(v.n)
          : `${String(v.n)}/${String(v.d)}`
        : v;
  const out: Record<string, unknown> = {};
  for (const o of spec.options) {
    const v = (given as Record<string, unknown> | undefined)?.[keyOf(o.flags)];
    if (v !== undefined) out[flagOf(o.flags).slice(2).replace(/-/g, '_')] = show(v);
  }
  return out;
}
