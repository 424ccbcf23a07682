/**
 * The parameter file's cross-field rules: what no single field can check (a split adding up to
 * 100%, the default GPU being one of the GPUs, unique node ids, amounts no finer than the token's
 * decimals, sections that go together). Checked when the file is loaded (model.ts), so every
 * command and `ai-econ validate` reject the same files, all problems at once. Free of YAML and zod.
 */
import { toUnits } from '../core/amount.js';
import { checkSplit } from '../core/fees.js';
import { type Rational, add, cmp, ONE } from '../core/rational.js';
import { decimalText, percentText } from '../core/shown.js';
import { type CalDate, MAX_DATE, monthOf, tryAddOffset } from '../core/date.js';
import type { Params } from './schema/index.js';
import type { NodeInput } from './schema/rewards.js';
import { suggestion } from '../core/suggest.js';
import type { Problem as LocatedProblem } from '../core/model.js';
import type { Path } from '../core/errors.js';

/** One problem at a path of the file (its line and column are added where the file is known). */
export type Problem = Pick<LocatedProblem, 'path' | 'message'>;

/** Per-node problems: duplicate ids, compute nodes without tasks or quality, stakes finer than the decimals. */
export function nodeProblems(
  nodes: readonly NodeInput[],
  decimals: number,
): { i: number; col: string; message: string }[] {
  const out: { i: number; col: string; message: string }[] = [];
  const seen = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (seen.has(n.id))
      out.push({
        i,
        col: 'id',
        message: `duplicate id "${n.id}" (also row ${seen.get(n.id)! + 1})`,
      });
    else seen.set(n.id, i);
    if (n.role === 'compute' && n.tasks === undefined)
      out.push({
        i,
        col: 'tasks',
        message: 'a compute node needs tasks (tasks completed this epoch)',
      });
    if (n.role === 'compute' && n.quality === undefined)
      out.push({ i, col: 'quality', message: 'a compute node needs quality (0–100%)' });
    try {
      toUnits(n.stake, decimals, 'stake');
    } catch (e) {
      out.push({ i, col: 'stake', message: (e as Error).message });
    }
  });
  return out;
}

/**
 * Every cross-field problem of the sections after token and allocations (those are resolved in
 * model.ts). `failed`: sections that did not parse (left out of `p`), never reported missing.
 */
export function sectionProblems(
  p: Params,
  decimals: number,
  failed: ReadonlySet<string> = new Set(),
): Problem[] {
  const out: Problem[] = [];
  const at = (path: Path, message: string) => out.push({ path, message });
  const split = (path: Path, s: { nodes: Rational; validators: Rational; treasury: Rational }) => {
    try {
      checkSplit(s);
    } catch (e) {
      at(path, (e as Error).message);
    }
  };
  const units = (path: Path, tokens: Rational | undefined) => {
    if (tokens === undefined) return;
    try {
      toUnits(tokens, decimals, 'the amount');
    } catch (e) {
      at(path, (e as Error).message);
    }
  };

  if (p.fees) {
    const f = p.fees;
    split(['fees', 'split'], f.split);
    const names = Object.keys(f.gpus);
    const lower = new Map<string, string>();
    for (const n of names) {
      const k = n.toLowerCase();
      if (lower.has(k))
        at(
          ['fees', 'gpus', n],
          `GPU class "${n}" differs from "${lower.get(k)}" only in case (GPU classes are case-insensitive)`,
        );
      lower.set(k, n);
    }
    if (!lower.has(f.defaultGpu.trim().toLowerCase())) {
      at(
        ['fees', 'defaultGpu'],
        `unknown GPU "${f.defaultGpu}"${suggestion(f.defaultGpu, names)}; ${names.length ? `known: ${names.join(', ')}` : 'fees.gpus lists none'}`,
      );
    }
  }
  if (p.rewards) {
    const r = p.rewards;
    if (r.split) split(['rewards', 'split'], r.split);
    units(['rewards', 'emissionPerEpoch'], r.emissionPerEpoch);
    units(['rewards', 'epochFees'], r.epochFees);
    units(['rewards', 'stakeMin'], r.stakeMin);
  }
  if (p.nodes)
    for (const n of nodeProblems(p.nodes, decimals)) at(['nodes', n.i, n.col], n.message);
  if (p.buyback) {
    const b = p.buyback;
    const sum = add(add(b.burn, b.treasury), b.execution);
    if (cmp(sum, ONE) !== 0)
      at(
        ['buyback'],
        `burn + treasury + execution add up to ${percentText(sum)}; they must add up to exactly 100%`,
      );
  }
  horizonProblems(p, failed, at);
  if (p.economy) {
    poolDepth(['economy', 'market', 'pool'], p.economy.market.pool, at);
    for (const [name, sc] of Object.entries(p.scenarios ?? {}))
      if (sc.economy?.market?.pool)
        poolDepth(['scenarios', name, 'economy', 'market', 'pool'], sc.economy.market.pool, at);
  }
  if (p.buyback && !p.projection && !failed.has('projection'))
    at(
      ['buyback'],
      'buyback goes with a projection section (start, months, revenue, price) for ai-econ burn',
    );
  if (p.projection && !p.buyback && !failed.has('buyback'))
    at(
      ['projection'],
      'projection goes with a buyback section (revenueShare, burn, treasury, execution) for ai-econ burn',
    );
  if (p.scenarios && !p.projection && !failed.has('projection'))
    at(['scenarios'], 'scenarios override the projection section, which is missing');
  return out;
}

/**
 * A horizon (projection or economy: a start month and a number of months, and every scenario's)
 * must stay within the calendar, and start no earlier than the TGE's month: before it the token
 * does not exist (burn bought nothing in those months, and simulate's pool had nothing unlocked).
 */
function horizonProblems(
  p: Params,
  failed: ReadonlySet<string>,
  at: (path: Path, message: string) => void,
): void {
  const tge = monthOf(p.token.tge);
  const check = (
    section: 'projection' | 'economy',
    start: { date: CalDate; path: Path },
    months: { n: number; path: Path },
  ) => {
    if (monthOf(start.date) < tge)
      at(
        start.path,
        `${section} starts in ${monthOf(start.date)}, before the token exists (token.tge ${p.token.tge}); start in ${tge} or later`,
      );
    else if (tryAddOffset(start.date, months.n - 1, 0) === undefined)
      at(
        months.path,
        `${months.n} months from ${monthOf(start.date)} run past ${MAX_DATE}, the end of the calendar this tool handles`,
      );
  };
  const pr = p.projection;
  if (pr) {
    check(
      'projection',
      { date: pr.start, path: ['projection', 'start'] },
      {
        n: pr.months,
        path: ['projection', 'months'],
      },
    );
    for (const [name, sc] of Object.entries(p.scenarios ?? {}))
      if (sc.months !== undefined && sc.months !== pr.months)
        check(
          'projection',
          { date: pr.start, path: ['projection', 'start'] },
          {
            n: sc.months,
            path: ['scenarios', name, 'months'],
          },
        );
  }
  const e = p.economy;
  if (!e || failed.has('projection')) return;
  const horizon = (o?: { start?: CalDate; months?: number }, scenario?: string) => {
    const at = (k: string): Path =>
      scenario !== undefined && o?.[k as 'start' | 'months'] !== undefined
        ? ['scenarios', scenario, 'economy', k]
        : e[k as 'start' | 'months'] !== undefined
          ? ['economy', k]
          : ['projection', k];
    const date = o?.start ?? e.start ?? pr?.start;
    const n = o?.months ?? e.months ?? pr?.months;
    // A missing start or months is the economy rules' own problem (economy.ts).
    if (date === undefined || n === undefined || n < 1) return;
    check('economy', { date, path: at('start') }, { n, path: at('months') });
  };
  horizon();
  for (const [name, sc] of Object.entries(p.scenarios ?? {}))
    if (sc.economy && (sc.economy.start !== undefined || sc.economy.months !== undefined))
      horizon(sc.economy, name);
}

/** The shallowest pool `simulate` runs on: at least this many USD and whole tokens at the start. */
export const MIN_POOL_USD = 1n;
export const MIN_POOL_TOKENS = 1n;

/**
 * A pool shallower than $1 or 1 token is no market: its price is kept in millionths of a dollar and
 * base units, and a pool of $1e-30 has no price at all (simulate divided by zero). Zero is the
 * economy rules' own problem (economy.ts), not repeated here.
 */
function poolDepth(
  path: Path,
  pool: { tokens?: Rational; usd?: Rational },
  at: (path: Path, message: string) => void,
): void {
  const below = (x: Rational | undefined, min: bigint) => x && x.n > 0n && x.n < min * x.d;
  if (below(pool.usd, MIN_POOL_USD))
    at(
      [...path, 'usd'],
      `expected at least $${MIN_POOL_USD} in the pool (a shallower pool has no usable price); found $${decimalText(pool.usd!)}`,
    );
  if (below(pool.tokens, MIN_POOL_TOKENS))
    at(
      [...path, 'tokens'],
      `expected at least ${MIN_POOL_TOKENS} token in the pool (a shallower pool has no usable price); found ${decimalText(pool.tokens!)}`,
    );
}

/**
 * What is valid but likely a mistake, for `validate` to say: two reference prices that differ
 * (`quote` converts USD to tokens at token.priceUsd; `burn` starts its price at
 * projection.price.startUsd; `simulate` trades at its pool's price).
 */
export function fileWarnings(p: Params): string[] {
  const out: string[] = [];
  const usd = (x: Rational) => `$${decimalText(x)}`;
  const start = p.projection?.price.startUsd;
  if (start && cmp(start, p.token.priceUsd) !== 0)
    out.push(
      `token.priceUsd (${usd(p.token.priceUsd)}) and projection.price.startUsd (${usd(start)}) differ: quote converts USD to tokens at token.priceUsd, burn starts its price at projection.price.startUsd`,
    );
  return out;
}

/**
 * What a valid file lacks for some commands (a section is optional, but the command that needs it
 * stops without it): `validate` says so rather than a bare "valid".
 */
export function missingForCommands(p: Params): string[] {
  const out: string[] = [];
  if (!p.fees) out.push('ai-econ quote needs a fees section');
  if (!p.rewards) out.push('ai-econ rewards needs a rewards section');
  else if (!p.nodes?.length) out.push('ai-econ rewards needs a nodes list (or --nodes FILE)');
  if (!p.buyback || !p.projection) out.push('ai-econ burn needs buyback and projection sections');
  if (!p.economy || !p.fees || !p.buyback)
    out.push('ai-econ simulate needs economy, fees and buyback sections');
  return out;
}
