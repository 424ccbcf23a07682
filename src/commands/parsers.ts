/**
 * The named parsers options refer to (./spec.ts). Each turns the text a user typed into a
 * typed value or throws an InputError saying what was expected and found; the shell prefixes the
 * flag's name. The library's callers pass the typed values directly.
 */
import { InputError } from '../core/errors.js';
import { parseDateFlag } from '../core/dateflag.js';
import { today } from '../inputs/today.js';
import { type Rational, cmp, ONE } from '../core/rational.js';
import * as units from '../core/units.js';
import { MAX_MONTHS } from '../core/date.js';

const show = JSON.stringify;

function wholeNumber(dflt: string, max: number, maxText: string) {
  return (t: string, what = dflt): number => {
    const n = units.parseInteger(t, what);
    if (n === 0) throw new InputError(`expected ${what} of at least 1; found ${show(t)}`);
    if (n > max) throw new InputError(`expected at most ${maxText}; found ${show(t)}`);
    return n;
  };
}

/** A typed exact value as messages show it: `5`, `-1/3`. */
export const fractionText = (v: Rational): string => (v.d === 1n ? `${v.n}` : `${v.n}/${v.d}`);

/**
 * A rational option: `read` turns text into a value, `check` holds its limits. The text a user types
 * and the typed value a library caller gives (`parse.typed`) go through the same check, with the
 * same message; the typed value is shown as `n/d`.
 */
function rational(
  dflt: string,
  read: (t: string, what: string) => Rational,
  check: (v: Rational, shown: string, what: string) => void,
) {
  const parse = (t: string, what = dflt): Rational => {
    const v = read(t, what);
    check(v, show(t), what);
    return v;
  };
  parse.typed = (v: Rational, what = dflt): Rational => {
    check(v, fractionText(v), what);
    return v;
  };
  return parse;
}

/** At least 0 (text cannot be negative; a typed value can). */
const atLeastZero = (v: Rational, shown: string, what: string): void => {
  if (v.n < 0n) throw new InputError(`expected ${what} of at least 0; found ${shown}`);
};
/** Above 0. */
const aboveZero = (v: Rational, shown: string, what: string): void => {
  if (v.n <= 0n) throw new InputError(`expected ${what} above 0; found ${shown}`);
};

function text(t: string): string {
  if (t.trim() === '') throw new InputError('expected a value; found an empty one');
  return t;
}

export const PARSERS = {
  /** Free text (a name, a file): not empty. */
  text,
  /** One name that may hold commas, or names separated by commas (`--category`): some name, kept as typed. */
  names: (t: string): string => {
    if (t.split(',').every((s) => s.trim() === ''))
      throw new InputError(`expected a name, or names separated by commas; found ${show(t)}`);
    return t;
  },
  /** A comma-separated list of names: `H100,A100`. */
  list: (t: string): string[] => {
    const xs = t
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (xs.length === 0)
      throw new InputError(`expected a comma-separated list of names; found ${show(t)}`);
    return xs;
  },
  /** A date, or `today` (the current UTC date; AI_ECON_TODAY pins it). */
  date: (t: string) => parseDateFlag(t, today()),
  step: (t: string) => units.parseStep(t, 'a period'),
  months: wholeNumber('a number of months', MAX_MONTHS, `${MAX_MONTHS} months (100 years)`),
  runs: wholeNumber('a number of runs', 1_000_000, '1,000,000 runs'),
  threads: wholeNumber('a number of threads', 256, '256 threads'),
  seed: (t: string): number => {
    const n = units.parseInteger(t, 'a seed (a whole number)');
    if (n > 0xffffffff)
      throw new InputError(`expected a whole number below 2^32; found ${show(t)}`);
    return n;
  },
  usd: rational('a USD amount', (t, what) => units.parseUsd(t, what), atLeastZero),
  price: rational('a price', (t, what) => units.parseUsd(t, what), aboveZero),
  rate: rational(
    'a monthly growth rate',
    (t, what) => units.parseSignedShare(t, what),
    (v, shown, what) => {
      if (v.n < -v.d) throw new InputError(`expected ${what} above -100%; found ${shown}`);
    },
  ),
  utilization: rational(
    'a utilization',
    (t, what) => units.parseFraction(t, what),
    (v, shown) => {
      if (v.n < 0n || cmp(v, ONE) > 0)
        throw new InputError(`expected a utilization from 0% to 100%; found ${shown}`);
    },
  ),
  /** A positive quantity: `1000`, `7B`, `1.5M`. */
  quantity: rational('a quantity', (t, what) => units.parseAmount(t, what), aboveZero),
  /** A token amount in whole tokens (converted to base units by the builder, which knows the decimals). */
  tokens: rational('a token amount', (t, what) => units.parseAmount(t, what), atLeastZero),
  /** A wall-clock duration in hours: `48h`, `3d`, `2w`. */
  hours: rational(
    'the duration',
    (t, what) => units.durationHours(units.parseDuration(t), what),
    (v, shown) => {
      if (v.n <= 0n) throw new InputError(`expected a duration above zero; found ${shown}`);
    },
  ),
} as const;
