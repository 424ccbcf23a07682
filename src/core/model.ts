/**
 * The resolved model every command works on, as types: a parameter file's values (`P`, the
 * schema's output, defined in src/params) with allocations and vesting in base units; and a
 * problem with a parameter file, as data.
 */
import { InputError, located } from './errors.js';
import type { Rational } from './rational.js';
import type { Unlock, Vesting } from './vesting.js';
import type { CalDate } from './date.js';
import type { Path } from './errors.js';

export type { Path } from './errors.js';

export interface Category {
  name: string;
  /** Exact share of the total supply. */
  share: Rational;
  allocation: bigint;
  vesting: Vesting;
  unlocks: Unlock[];
}

export interface ModelOf<P> {
  /** The file as the user named it, or `built-in configs/gensyn.yaml`. */
  file: string;
  builtin: boolean;
  params: P;
  decimals: number;
  supply: bigint;
  tge: CalDate;
  priceUsd: Rational;
  symbol: string;
  categories: Category[];
  /** `file:line:col` of a path in the document (for errors raised after loading). */
  where(path: Path): string;
  /** An InputError located at `path` in the parameter file. */
  errorAt(path: Path, message: string): InputError;
}

/**
 * One problem with a parameter file, as data: where (keys and indexes into the file; its line and
 * column when the file has positions; or the flag that set the value) and what.
 */
export interface Problem {
  /** Keys and indexes into the parameter file, like ['allocations', 2, 'vesting', 'cliff']; [] for the whole file. */
  readonly path: Path;
  readonly message: string;
  /** The file as messages name it (absent for a problem in a flag alone). */
  readonly file?: string;
  /** 1-based line and column, when the file has positions (absent for the built-in snapshot and for flags). */
  readonly line?: number;
  readonly col?: number;
  /** The flag the value came from instead of the file: `option --set projection.months=0`. */
  readonly flag?: string;
}

/** A problem written out: `file:line:col: path: message`, or `flag: message` (the one formatter, core/errors.ts). */
export const problemText = (p: Problem): string => located(p.message, p);

/** A parameter file with one or more problems, each as data (`problems`); the message has one line per problem. */
export class ParamFileError extends InputError {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    super(problems.map(problemText).join('\n'));
    this.name = 'ParamFileError';
    this.problems = problems;
  }
}

/** Says where a path is in the parameter file (`file:line:col`) and phrases a problem there. */
export interface Locator {
  /** The file as messages name it. */
  readonly file: string;
  at(path: Path, key?: string): string;
  /** A problem at `path` (or at its key `key`, when the key itself is the problem). */
  problem(path: Path, message: string, key?: string): Problem;
}

/** Fixed columns printed beside one column per category (`unlocks` periods): no category may take their names. */
export const RESERVED_CATEGORY_NAMES = ['date', 'total', 'cumulative', 'unlocked_pct'] as const;
