/**
 * Resolve a parameter file's validated values into the model every command works on
 * (src/core/model.ts): allocations and vesting in base units, every cross-field rule checked.
 */
import { InputError, pathString } from '../core/errors.js';
import { toUnits } from '../core/amount.js';
import { allocate } from '../core/allocate.js';
import { type Rational, rat, add, cmp, mul, ZERO } from '../core/rational.js';
import { percentText } from '../core/shown.js';
import { vestingSchedule, type Portion, type Unlock, type Vesting } from '../core/vesting.js';
import {
  ParamFileError,
  RESERVED_CATEGORY_NAMES,
  type Category,
  type Locator,
  type Problem,
} from '../core/model.js';
import type { Path } from '../core/errors.js';
import type { Model } from './types.js';
import type { Params } from './schema/index.js';
import type { PortionInput } from './schema/fields.js';
import { sectionProblems } from './rules.js';
import { economyProblems } from './economy.js';

export type { Model } from './types.js';
export {
  ParamFileError,
  problemText,
  RESERVED_CATEGORY_NAMES,
  type Category,
  type Locator,
  type Problem,
} from '../core/model.js';
export type { Path } from '../core/errors.js';
export { pathString } from '../core/errors.js';

const pctOf = (x: Rational): string => percentText(x);

/**
 * Resolve validated parameters into base units and vesting schedules, checking every cross-field
 * rule of the file (here and in rules.ts); problems carry positions and are reported all at once.
 * `same`: a model resolved before from parameters whose `token` and `allocations` may be the very
 * same objects as these (a sweep's points share the sections no override touched); if they are, its
 * supply and vesting schedules are reused instead of derived again.
 */
export function resolveParams(
  params: Params,
  src: Locator,
  builtin = false,
  same?: Pick<Model, 'params' | 'supply' | 'categories'>,
): Model {
  const { problems, supply, categories } = checkParams(params, src, same);
  if (problems.length) throw new ParamFileError(inFileOrder(problems, src.file));
  return {
    file: src.file,
    builtin,
    params,
    decimals: params.token.decimals,
    supply,
    tge: params.token.tge,
    priceUsd: params.token.priceUsd,
    symbol: params.token.symbol,
    categories,
    where: (path) => src.at(path),
    errorAt: (path, message) => new ParamFileError([src.problem(path, message)]),
  };
}

/**
 * Every cross-field problem of the parameters, located, without stopping at the first kind (a
 * file with a split that does not add up, unknown economy names and a pool too deep hears of all
 * three at once). `failed`: top-level sections that did not parse and are left out of `params`;
 * the rules that pair sections or read a failed one are skipped rather than misreport it missing.
 */
export function checkParams(
  params: Params,
  src: Locator,
  same?: Pick<Model, 'params' | 'supply' | 'categories'>,
  failed: ReadonlySet<string> = new Set(),
): { problems: Problem[]; supply: bigint; categories: Category[] } {
  const decimals = params.token.decimals;
  if (decimals > 30)
    throw new ParamFileError([
      src.problem(['token', 'decimals'], `expected 0 to 30; found ${decimals}`),
    ]);
  const problems: Problem[] = sectionProblems(params, decimals, failed).map((p) =>
    src.problem(p.path, p.message),
  );
  const reuse =
    same && same.params.token === params.token && same.params.allocations === params.allocations;
  const { supply, categories } = reuse ? same : resolveCategories(params, src, problems);
  // The economy's cross-field rules (simulate), on the resolved categories; not when a section
  // they read did not parse.
  if (!['economy', 'projection', 'scenarios'].some((k) => failed.has(k)))
    problems.push(...economyProblems(params, categories, src));
  return { problems, supply, categories };
}

/**
 * The supply and each category's size and vesting schedule in base units; problems are added to
 * `problems`, and only a supply that cannot be read stops here. A category whose shares do not add
 * up keeps the size its share gives, and one whose vesting is wrong unlocks at its start, so the
 * rules after these (the economy's) still run on what the file says.
 */
function resolveCategories(
  params: Params,
  src: Locator,
  problems: Problem[],
): { supply: bigint; categories: Category[] } {
  const decimals = params.token.decimals;
  const fail = (path: Path, e: unknown): void => {
    if (!(e instanceof InputError)) throw e;
    problems.push(src.problem(path, e.message));
  };
  const units = (path: Path, tokens: Rational): bigint | undefined => {
    try {
      return toUnits(tokens, decimals, pathString(path));
    } catch (e) {
      fail(path, e);
      return undefined;
    }
  };
  const supply = units(['token', 'totalSupply'], params.token.totalSupply) ?? 0n;
  if (supply === 0n) {
    if (!problems.some((p) => p.path.join('.') === 'token.totalSupply'))
      problems.push(src.problem(['token', 'totalSupply'], 'expected a positive supply; found 0'));
    throw new ParamFileError(inFileOrder(problems, src.file));
  }

  // Allocation sizes: exact shares of the supply, rounded by largest remainder so they add up.
  const seen = new Map<string, number>();
  const exact: Rational[] = params.allocations.map((a, i) => {
    const key = a.name.trim().toLowerCase();
    if ((RESERVED_CATEGORY_NAMES as readonly string[]).includes(key)) {
      problems.push(
        src.problem(
          ['allocations', i, 'name'],
          `"${a.name}" is the name of a fixed column of unlocks (reserved: ${RESERVED_CATEGORY_NAMES.join(', ')}); choose another category name`,
        ),
      );
    }
    if (seen.has(key))
      problems.push(
        src.problem(
          ['allocations', i, 'name'],
          `duplicate category "${a.name}" (also allocations[${seen.get(key)}])`,
        ),
      );
    seen.set(key, i);
    if (a.share && a.amount)
      problems.push(src.problem(['allocations', i], 'give either share or amount, not both'));
    if (!a.share && !a.amount)
      problems.push(
        src.problem(['allocations', i], 'missing share (like 25%) or amount (like 2.5B)'),
      );
    if (a.share) return mul(rat(supply), a.share);
    const u = a.amount ? units(['allocations', i, 'amount'], a.amount) : undefined;
    return u !== undefined ? rat(u) : ZERO;
  });
  const total = exact.reduce(add, ZERO);
  const c = cmp(total, rat(supply));
  let sizes: bigint[];
  if (c !== 0) {
    const share = mul(total, rat(1n, supply));
    problems.push(
      src.problem(
        ['allocations'],
        `allocations add up to ${pctOf(share)} of totalSupply; they must add up to exactly 100% (${c < 0 ? 'short by' : 'over by'} ${pctOf(c < 0 ? { n: share.d - share.n, d: share.d } : { n: share.n - share.d, d: share.d })})`,
      ),
    );
    sizes = exact.map((e) => e.n / e.d);
  } else {
    const D = exact.reduce((acc, e) => (acc * e.d) / gcd(acc, e.d), 1n);
    sizes = allocate(
      supply,
      exact.map((e) => (e.n * D) / e.d),
    );
  }

  const categories: Category[] = params.allocations.map((a, i) => {
    const v = a.vesting;
    const path = ['allocations', i, 'vesting'];
    const size = sizes[i] ?? 0n;
    let bad = false;
    const portion = (p: PortionInput | undefined, at: Path): Portion | undefined => {
      if (!p) return undefined;
      if (p.kind === 'share') return p;
      const u = units(at, p.tokens);
      if (u === undefined) bad = true;
      return { kind: 'units', units: u ?? 0n };
    };
    let vesting: Vesting = { start: params.token.tge, atStart: { kind: 'share', r: rat(1n) } };
    let unlocks: Unlock[] = [];
    try {
      if (v) {
        // The file's flat fields become one kind of schedule; a combination no kind allows is refused here.
        const start = v.start ?? params.token.tge;
        if (v.tranches) {
          const other = (
            ['atStart', 'cliff', 'atCliff', 'linear', 'every', 'segments'] as const
          ).filter((k) => v[k] !== undefined);
          if (other.length)
            throw new InputError(`tranches replace ${other.join(', ')}; use one or the other`);
          vesting = {
            start,
            tranches: v.tranches.map((t, j) => ({
              at: t.at,
              share: portion(t.share, [...path, 'tranches', j, 'share'])!,
            })),
          };
        } else {
          if (v.linear && v.segments)
            throw new InputError('use either linear or segments, not both');
          const steps = {
            start,
            atStart: portion(v.atStart, [...path, 'atStart']),
            cliff: v.cliff,
            atCliff: portion(v.atCliff, [...path, 'atCliff']),
            every: v.every,
          };
          vesting = v.segments
            ? {
                ...steps,
                segments: v.segments.map((s, j) => ({
                  ...s,
                  share: portion(s.share, [...path, 'segments', j, 'share']),
                })),
              }
            : { ...steps, linear: v.linear };
        }
      }
      if (!bad) unlocks = vestingSchedule(size, vesting);
    } catch (e) {
      fail(v ? path : ['allocations', i], e);
      bad = true;
    }
    // A schedule that cannot be made: the later rules see the allocation unlocked at its start.
    if (bad) unlocks = size > 0n ? [{ date: vesting.start, amount: size }] : [];
    return {
      name: a.name,
      share: mul(exact[i] ?? ZERO, rat(1n, supply)),
      allocation: size,
      vesting,
      unlocks,
    };
  });
  return { supply, categories };
}

/** Problems sorted by their line and column in the file (those without a position keep their order, first). */
export function inFileOrder(problems: readonly Problem[], _file?: string): Problem[] {
  const pos = (p: Problem): number => (p.line !== undefined ? p.line * 1e6 + (p.col ?? 0) : 0);
  return problems
    .map((p, i) => ({ p, i, at: pos(p) }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((x) => x.p);
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}
