/**
 * The `economy` section resolved for the core (src/core/economy.ts): a scenario's overrides merged
 * in, category names turned into indexes, tokens into base units, unlocks month by month from the
 * vesting engine. Every cross-field rule is checked here when the model loads (resolveParams), for
 * the section itself and for every scenario's overrides, so `validate` rejects what `simulate` would.
 */
import { toUnits } from '../core/amount.js';
import { monthlyUnlocks } from '../core/burn.js';
import { MAX_MONTHS, monthLabels, monthOf } from '../core/date.js';
import type { EconomyInputs } from '../core/economy.js';
import { InputError } from '../core/errors.js';
import { type Rational, cmp, formatPercent, ONE, ZERO } from '../core/rational.js';
import { problemText, type Category, type Locator, type Problem } from '../core/model.js';
import type { Path } from '../core/errors.js';
import type { Params } from './schema/index.js';
import type { Economy, EconomyOverride } from './schema/economy.js';

type Liquidity = NonNullable<Economy['market']['liquidity']>;

/** The economy with a scenario's overrides on top, section by section. */
export function mergeEconomy(e: Economy, o: EconomyOverride | undefined): Economy {
  if (!o) return e;
  return {
    start: o.start ?? e.start,
    months: o.months ?? e.months,
    treasury: o.treasury ?? e.treasury,
    demand: { ...e.demand, ...o.demand },
    supply: { ...e.supply, ...o.supply },
    holders: { sellShare: { ...e.holders?.sellShare, ...o.holders?.sellShare } },
    emission: { ...e.emission, ...o.emission },
    market: {
      pool: { ...e.market.pool, ...o.market?.pool },
      ...(e.market.liquidity || o.market?.liquidity
        ? { liquidity: { ...e.market.liquidity, ...o.market?.liquidity } as Liquidity }
        : {}),
      volatility: o.market?.volatility ?? e.market.volatility,
    },
  };
}

/** Where a field of the (merged) economy was written: in the scenario when it overrides it. */
function locate(o: EconomyOverride | undefined, scenario: string | undefined) {
  return (field: Path): Path => {
    let v: unknown = o;
    for (const p of field)
      v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
    return v !== undefined && scenario !== undefined
      ? ['scenarios', scenario, 'economy', ...field]
      : ['economy', ...field];
  };
}

const findCategory = (cats: readonly Category[], name: string): number =>
  cats.findIndex((c) => c.name.trim().toLowerCase() === name.trim().toLowerCase());

interface Resolved {
  start: string;
  months: number;
  treasury: number;
  emissionFrom: number;
  poolFrom: number;
  /** The liquidity providers' category (marketCap), else undefined. */
  liquidityFrom?: number;
}

/** Check one (merged) economy; push located problems; the resolved names when they all hold. */
function check(
  p: Params,
  e: Economy,
  cats: readonly Category[],
  at: (field: Path) => Path,
  report: (path: Path, msg: string) => void,
): Resolved | undefined {
  let bad = 0;
  const problem = (path: Path, msg: string) => {
    bad++;
    report(path, msg);
  };
  const pct = (x: Rational) => formatPercent(x);
  const atMost100 = (x: Rational, field: Path) => {
    if (cmp(x, ONE) > 0) problem(at(field), `expected 0% to 100%; found ${pct(x)}`);
  };
  const names = cats.map((c) => c.name);
  const category = (name: string, field: Path): number => {
    const i = findCategory(cats, name);
    if (i < 0)
      problem(
        at(field),
        `no category "${name}" in allocations; expected one of ${names.join(', ')}`,
      );
    return i;
  };
  const start = e.start ?? p.projection?.start;
  if (!start)
    problem(
      ['economy'],
      'missing start (a date like 2026-05-01); there is no projection.start to default to',
    );
  const months = e.months ?? p.projection?.months;
  if (months === undefined)
    problem(['economy'], 'missing months (like 60); there is no projection.months to default to');
  else if (months === 0 || months > MAX_MONTHS)
    problem(at(['months']), `expected 1 to ${MAX_MONTHS} months; found ${months}`);
  if (e.supply.gpuHours.n === 0n)
    problem(at(['supply', 'gpuHours']), 'expected a capacity above 0 GPU-hours; found 0');
  if (cmp(e.supply.maxChange, ONE) >= 0)
    problem(
      at(['supply', 'maxChange']),
      `expected below 100% (capacity never falls to zero in a month); found ${pct(e.supply.maxChange)}`,
    );
  atMost100(e.supply.sellShare, ['supply', 'sellShare']);
  for (const [name, share] of Object.entries(e.holders?.sellShare ?? {})) {
    category(name, ['holders', 'sellShare', name]);
    atMost100(share, ['holders', 'sellShare', name]);
  }
  const emissionFrom = category(e.emission.from, ['emission', 'from']);
  const poolFrom = category(e.market.pool.from, ['market', 'pool', 'from']);
  const treasury = e.treasury !== undefined ? category(e.treasury, ['treasury']) : emissionFrom;
  const liq = e.market.liquidity;
  let liquidityFrom: number | undefined;
  if (liq) {
    if (liq.model === undefined)
      problem(at(['market', 'liquidity']), 'missing model: fixed or marketCap');
    else if (liq.model === 'marketCap') {
      if (liq.share === undefined)
        problem(
          at(['market', 'liquidity']),
          "model marketCap needs share (like 20%): the pool's tokens as a share of the circulating supply",
        );
      else if (liq.share.n === 0n || cmp(liq.share, ONE) >= 0)
        problem(
          at(['market', 'liquidity', 'share']),
          `expected above 0% and below 100%; found ${pct(liq.share)}`,
        );
      liquidityFrom = category(
        liq.from ?? e.market.pool.from,
        liq.from ? ['market', 'liquidity', 'from'] : ['market', 'pool', 'from'],
      );
    } else if (liq.from !== undefined) category(liq.from, ['market', 'liquidity', 'from']);
  }
  const pool = e.market.pool;
  if (pool.usd.n === 0n)
    problem(at(['market', 'pool', 'usd']), 'expected USD above 0 in the pool; found 0');
  let poolTokens = 0n;
  try {
    poolTokens = toUnits(pool.tokens, p.token.decimals, 'market.pool.tokens');
  } catch (err) {
    problem(at(['market', 'pool', 'tokens']), (err as Error).message);
  }
  if (pool.tokens.n === 0n)
    problem(at(['market', 'pool', 'tokens']), 'expected tokens above 0 in the pool; found 0');
  try {
    toUnits(e.emission.perMonth, p.token.decimals, 'emission.perMonth');
  } catch (err) {
    problem(at(['emission', 'perMonth']), (err as Error).message);
  }
  if (start && poolFrom >= 0 && poolTokens > 0n) {
    const c = cats[poolFrom]!;
    const had = monthlyUnlocks(c.unlocks, [monthOf(start)]).unlockedBefore;
    if (poolTokens > had) {
      problem(
        at(['market', 'pool', 'tokens']),
        `the pool needs ${tokens(poolTokens, p.token.decimals)} tokens but ${c.name} has unlocked only ${tokens(had, p.token.decimals)} before ${monthOf(start)}`,
      );
    }
  }
  // The fees and buyback sections the loop runs on are checked for every command (rules.ts).
  if (bad > 0 || !start || months === undefined) return undefined;
  return { start, months, treasury, emissionFrom, poolFrom, liquidityFrom };
}

const tokens = (units: bigint, decimals: number): string => {
  const s = (units / 10n ** BigInt(decimals)).toString();
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
};

/** Every problem of the economy section and of every scenario's economy overrides, located. */
export function economyProblems(p: Params, cats: readonly Category[], src: Locator): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  const problem = (path: Path, msg: string) => {
    const pr = src.problem(path, msg);
    const line = problemText(pr);
    if (!seen.has(line)) out.push(pr);
    seen.add(line);
  };
  const scenarios = Object.entries(p.scenarios ?? {});
  if (!p.economy) {
    for (const [name, s] of scenarios)
      if (s.economy)
        problem(
          ['scenarios', name, 'economy'],
          'there is no economy section for this scenario to override',
        );
    return out;
  }
  check(p, p.economy, cats, locate(undefined, undefined), problem);
  for (const [name, s] of scenarios)
    if (s.economy)
      check(p, mergeEconomy(p.economy, s.economy), cats, locate(s.economy, name), problem);
  return out;
}

export interface EconomyModel {
  params: Params;
  decimals: number;
  supply: bigint;
  categories: readonly Category[];
  file: string;
}

/** The core's inputs for a scenario (or the economy itself), `months` overriding the file's. */
export function economyInputs(
  m: EconomyModel,
  scenario?: string,
  monthsFlag?: number,
): EconomyInputs {
  const p = m.params;
  for (const section of ['economy', 'fees', 'buyback'] as const) {
    if (!p[section])
      throw new InputError(
        `${m.file} has no ${section} section; ai-econ simulate needs economy, fees and buyback (see ai-econ init)`,
      );
  }
  const e = mergeEconomy(p.economy!, scenario ? p.scenarios?.[scenario]?.economy : undefined);
  const fail = (_path: Path, msg: string) => {
    throw new InputError(`${m.file}: ${msg}`);
  };
  const r = check(p, e, m.categories, locate(undefined, undefined), fail)!;
  const fees = p.fees!;
  const bb = p.buyback!;
  const n = monthsFlag ?? r.months;
  const labels = monthLabels(r.start, n);
  const sells = e.holders?.sellShare ?? {};
  const sellOf = (name: string): Rational =>
    Object.entries(sells).find(
      ([k]) => k.trim().toLowerCase() === name.trim().toLowerCase(),
    )?.[1] ?? ZERO;
  const gpu = Object.entries(fees.gpus).find(
    ([g]) => g.toLowerCase() === fees.defaultGpu.toLowerCase(),
  )![1];
  return {
    months: labels,
    decimals: m.decimals,
    supply: m.supply,
    categories: m.categories.map((c) => {
      const u = monthlyUnlocks(c.unlocks, labels);
      return {
        name: c.name,
        allocation: c.allocation,
        unlockedBefore: u.unlockedBefore,
        unlocks: u.unlocks,
        sellShare: sellOf(c.name),
      };
    }),
    treasury: r.treasury,
    emission: { from: r.emissionFrom, perMonth: toUnits(e.emission.perMonth, m.decimals) },
    pool: {
      from: r.poolFrom,
      tokens: toUnits(e.market.pool.tokens, m.decimals),
      usd: e.market.pool.usd,
    },
    demand: {
      gpuHours: e.demand.gpuHours,
      growth: e.demand.growth,
      elasticity: e.demand.elasticity,
      volatility: e.demand.volatility ?? ZERO,
    },
    supplySide: e.supply,
    marketVolatility: e.market.volatility ?? ZERO,
    listPriceUsd: gpu.pricePerHourUsd,
    market: fees.market,
    feeDynamics: {
      maxChangePerMonth: fees.market.maxChangePerMonth,
      adjustment: fees.market.adjustment,
    },
    liquidity:
      r.liquidityFrom !== undefined && e.market.liquidity?.share
        ? { model: 'marketCap', share: e.market.liquidity.share, from: r.liquidityFrom }
        : { model: 'fixed' },
    startUtilization: fees.market.utilization,
    feeSplit: fees.split,
    buyback: {
      revenueShare: bb.revenueShare,
      burn: bb.burn,
      treasury: bb.treasury,
      execution: bb.execution,
      maxBuyPctOfFloat: bb.maxBuyPctOfFloat,
    },
  };
}
