/**
 * The named parsers options refer to (src/reports/spec.ts). Each turns the text a user typed into a
 * typed value or throws an InputError saying what was expected and found; the shell prefixes the
 * flag's name. The library's callers pass the typed values directly.
 */
import { InputError } from '../core/errors.js';
import { parseDateFlag } from '../core/dateflag.js';
import { today } from '../inputs/today.js';
import { type Rational, cmp, ONE } from '../core/rational.js';
import * as units from '../core/units.js';

const show = JSON.stringify;

function wholeNumber(dflt: string, max: number, maxText: string) {
  return (t: string, what = dflt): number => {
    const n = units.parseInteger(t, what);
    if (n === 0) throw new InputError(`expected ${what} of at least 1; found ${show(t)}`);
    if (n > max) throw new InputError(`expected at most ${maxText}; found ${show(t)}`);
    return n;
  };
}

function positive(dflt: string, parse: (t: string, what: string) => Rational) {
  return (t: string, what = dflt): Rational => {
    const v = parse(t, what);
    if (v.n === 0n) throw new InputError(`expected ${what} above 0; found ${show(t)}`);
    return v;
  };
}

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
  months: wholeNumber('a number of months', 1200, '1200 months (100 years)'),
  runs: wholeNumber('a number of runs', 1_000_000, '1,000,000 runs'),
  threads: wholeNumber('a number of threads', 256, '256 threads'),
  seed: (t: string): number => {
    const n = units.parseInteger(t, 'a seed (a whole number)');
    if (n > 0xffffffff)
      throw new InputError(`expected a whole number below 2^32; found ${show(t)}`);
    return n;
  },
  usd: (t: string, what = 'a USD amount') => units.parseUsd(t, what),
  price: positive('a price', (t, what) => units.parseUsd(t, what)),
  rate: (t: string, what = 'a monthly growth rate') => units.parseSignedShare(t, what),
  utilization: (t: string): Rational => {
    const u = units.parseFraction(t, 'a utilization');
    if (cmp(u, ONE) > 0)
      throw new InputError(`expected a utilization from 0% to 100%; found ${show(t)}`);
    return u;
  },
  /** A positive quantity: `1000`, `7B`, `1.5M`. */
  quantity: positive('a quantity', (t, what) => units.parseAmount(t, what)),
  /** A token amount in whole tokens (converted to base units by the builder, which knows the decimals). */
  tokens: (t: string, what = 'a token amount') => units.parseAmount(t, what),
  /** A wall-clock duration in hours: `48h`, `3d`, `2w`. */
  hours: (t: string): Rational => {
    const h = units.durationHours(units.parseDuration(t), 'the duration');
    if (h.n === 0n) throw new InputError(`expected a duration above zero; found ${show(t)}`);
    return h;
  },
} as const;
