/**
 * Options given as data (by a library caller) rather than typed on a command line: a value may be
 * the typed value a builder takes (a Rational, a date string) or the text a user would type
 * (`'7B'`, `'48h'`, `'95%'`), which goes through the option's declared parser — so dates, steps and
 * names are checked exactly as the CLI checks them.
 */
import { InputError } from '../core/errors.js';
import { type Rational, rat } from '../core/rational.js';
import { suggestion } from '../core/suggest.js';
import { fractionText, PARSERS } from './parsers.js';
import { flagOf, keyOf, type CommandSpec, type OptionsOf, type OptSpec } from './spec.js';

type Loose<T> = T extends boolean
  ? boolean
  : T extends readonly (infer E)[]
    ? readonly (E | string)[] | string
    : T extends number | { n: bigint; d: bigint }
      ? T | string | number
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

/** What a caller gave, for messages: `the number NaN`, `a Date`, `a list`. */
function given(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'number' || typeof v === 'bigint') return `the number ${String(v)}`;
  if (typeof v === 'boolean') return `the boolean ${v}`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'an invalid Date' : 'a Date';
  return 'an object';
}

/**
 * One option's value, given as data. Text goes through the option's parser; so does a number
 * (`months: 1.5` is "1.5", refused like `--months 1.5`) and a Date (its UTC day); a typed fraction
 * `{ n, d }` goes through the parser's own check (`gpuHours: { n: -1n, d: 1n }` is refused like
 * `--gpu-hours -1`). Every failure is an InputError naming the option `name`.
 */
export function optionValue(o: OptSpec, value: unknown, name: string): unknown {
  const fail = (reason: string) => new InputError(reason, { flag: name });
  if (!o.parse) {
    if (typeof value !== 'boolean') throw fail(`expected true or false; found ${given(value)}`);
    return value;
  }
  const parse = PARSERS[o.parse] as ((t: string, what?: string) => unknown) & {
    typed?: (v: Rational, what?: string) => Rational;
  };
  const what = o.what;
  const one = (v: unknown): unknown => {
    try {
      // A caller's { n, d } is reduced here, with its sign in n: the rational operations take reduced fractions.
      if (isFraction(v)) {
        if (v.d === 0n)
          throw new InputError(`expected a fraction with a non-zero denominator; found ${v.n}/0`);
        const r = rat(v.n, v.d);
        return parse.typed ? parse.typed(r, what) : parse(fractionText(r), what);
      }
      if (typeof v === 'number' || typeof v === 'bigint') return parse(String(v), what);
      if (v instanceof Date) {
        if (Number.isNaN(v.getTime())) throw new InputError(`expected a date; found ${given(v)}`);
        return parse(v.toISOString().slice(0, 10), what);
      }
      if (typeof v !== 'string')
        throw new InputError(`expected ${what ?? 'a value'} as text; found ${given(v)}`);
      return parse(v, what);
    } catch (e) {
      if (e instanceof InputError) throw fail(e.reason);
      throw e;
    }
  };
  // A list option (`--compare H100,A100`) parses its whole text into the list; a list given as one
  // is each name checked.
  if (o.parse === 'list')
    return Array.isArray(value) ? value.flatMap((v) => one(v) as string[]) : one(value);
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
      : v instanceof Date && !Number.isNaN(v.getTime())
        ? v.toISOString().slice(0, 10)
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
