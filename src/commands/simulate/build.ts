/**
 * `ai-econ simulate`: the closed loop month by month (SPEC §4 simulate) — tables months, ledger,
 * risks, and bands with --runs. A pure builder: (model, options) → Report.
 */
import { band } from '../../core/montecarlo.js';
import {
  economyRisks,
  simulateEconomy,
  GPU_HOUR,
  startPrice,
  type EconomyInputs,
  type EconomyMonth,
  type EconomyRisks,
} from '../../core/economy.js';
import { floatInputsOf, simulateEconomyFloat, type FloatRisks } from '../../core/economy-mc.js';
import { MICRO } from '../../core/pool.js';
import { groupThousands } from '../../core/amount.js';
import { InputError } from '../../core/errors.js';
import { type Rational, rat, formatPercent, toDecimal } from '../../core/rational.js';
import {
  col,
  typed,
  type Cell,
  type Column,
  type Report,
  type Row,
  type Table,
} from '../../core/table.js';
import { economyInputs, type EconomyModel } from '../../params/economy.js';
import { packageVersion } from '../../params/package.js';
import type { BuildEnv, Builder, Progress } from '../env.js';
import type { spec } from './spec.js';

export interface SimulateOptions {
  months?: number;
  scenario?: string;
  allScenarios?: boolean;
  runs?: number;
  seed?: number;
  /** Monte Carlo progress: months done of the total. */
  onProgress?: (done: number, total: number) => void;
  /** Echoed into the JSON `params` (the parameter file, flags as given). */
  source?: Record<string, unknown>;
  /** The tool's version, for the Monte Carlo JSON. */
  version?: string;
}

const micro = (x: bigint): Rational => rat(x, MICRO);
const pct = (x: Rational): string => formatPercent(x, 4);

const MONTH_COLUMNS: Column[] = [
  col('month', 'date'),
  col('demand_gpu_hours', 'number', 0),
  col('capacity_gpu_hours', 'number', 0),
  col('utilization_pct', 'pct', 1),
  col('multiplier', 'number', 4),
  col('fee_usd_per_gpu_hour', 'usd', 4),
  col('revenue_usd', 'usd', 0),
  col('price_usd', 'usd', 4),
  col('unlocked', 'token', 0),
  col('sold_by_holders', 'token', 0),
  col('sold_by_nodes', 'token', 0),
  col('bought_for_fees', 'token', 0),
  col('bought_back', 'token', 0),
  col('burned', 'token', 0),
  col('emitted', 'token', 0),
  col('node_margin_pct', 'pct', 1),
  col('treasury', 'token', 0),
  col('circulating', 'token', 0),
  col('total_supply', 'token', 0),
];

const monthRow = (x: EconomyMonth): Row => ({
  month: x.month,
  demand_gpu_hours: rat(x.requested, GPU_HOUR),
  capacity_gpu_hours: rat(x.capacity, GPU_HOUR),
  utilization_pct: x.utilization,
  multiplier: x.multiplier,
  fee_usd_per_gpu_hour: x.feeUsdPerGpuHour,
  revenue_usd: micro(x.revenue),
  price_usd: x.price,
  unlocked: x.unlocked,
  sold_by_holders: x.soldByHolders,
  sold_by_nodes: x.soldByNodes,
  bought_for_fees: x.boughtForFees,
  bought_back: x.boughtBack,
  burned: x.burned,
  emitted: x.emitted,
  node_margin_pct: x.nodeMargin ?? null,
  treasury: x.treasury,
  circulating: x.circulating,
  total_supply: x.totalSupply,
});

/** `Community Treasury` → `community_treasury`. */
const slug = (name: string): string =>
  name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

function ledgerColumns(inp: EconomyInputs): Column[] {
  const t = (k: string) => col(k, 'token', 0);
  return [
    col('month', 'date'),
    ...inp.categories.map((c) => t(`locked_${slug(c.name)}`)),
    ...inp.categories.flatMap((c, i) => (i === inp.treasury ? [] : [t(`holders_${slug(c.name)}`)])),
    ...['treasury', 'nodes', 'validators', 'pool', 'outside', 'execution', 'burned', 'sum'].map(t),
  ];
}

function ledgerRow(inp: EconomyInputs, x: EconomyMonth): Row {
  const l = x.ledger;
  const row: Row = { month: x.month };
  inp.categories.forEach((c, i) => (row[`locked_${slug(c.name)}`] = l.locked[i]));
  inp.categories.forEach(
    (c, i) => i !== inp.treasury && (row[`holders_${slug(c.name)}`] = l.holders[i]),
  );
  Object.assign(row, {
    treasury: l.treasury,
    nodes: l.nodes,
    validators: l.validators,
    pool: l.pool,
    outside: l.outside,
    execution: l.execution,
    burned: l.burned,
  });
  row.sum = [
    ...l.locked,
    ...l.holders,
    l.treasury,
    l.nodes,
    l.validators,
    l.pool,
    l.outside,
    l.execution,
    l.burned,
  ].reduce((a, b) => a + b, 0n);
  return row;
}

/** The risks, in SPEC's order: [metric, value, what it means]. */
function riskRows(r: EconomyRisks): [string, Cell, string][] {
  return [
    [
      'reward_dependence_pct',
      typed('pct', r.rewardDependence ?? null, 1),
      "Share of the nodes' income (valued at each month's price) that came from emission rather than fees: high means nodes are paid by new tokens, not by customers.",
    ],
    [
      'emission_runs_out',
      typed('text', r.emissionRunsOut ?? 'never'),
      'First month the emission source could not pay the full monthly emission.',
    ],
    [
      'utilization_min_pct',
      typed('pct', r.utilizationMin, 1),
      'Lowest share of GPU capacity in use in a month: low means more GPUs than work (nodes earn little from fees).',
    ],
    [
      'utilization_max_pct',
      typed('pct', r.utilizationMax, 1),
      'Highest share of GPU capacity in use: 100% means some training demand went unserved.',
    ],
    [
      'months_nodes_unprofitable',
      typed('int', r.monthsNodesUnprofitable),
      "Months in which the nodes' token income was worth less than what their GPUs cost them.",
    ],
    [
      'fee_volatility_pct',
      typed('pct', r.feeVolatility, 2),
      'How much the fee per GPU-hour swings from month to month (standard deviation of its monthly change).',
    ],
    [
      'worst_month_price_change_pct',
      typed('pct', r.worstPriceChange, 1),
      'The largest one-month fall (or smallest rise) of the token price in the pool.',
    ],
    [
      'worst_month_price_change_month',
      typed('text', r.worstPriceChangeMonth),
      'The month of that price change.',
    ],
    [
      'unlock_sold_vs_pool_pct',
      typed('pct', r.unlockSoldVsPool ?? null, 1),
      `In the month of the largest unlock (${r.largestUnlockMonth}), what holders sold as a share of the tokens in the pool: high means unlocks swamp the market.`,
    ],
    [
      'cumulative_burned',
      typed('token', r.cumulativeBurned, 0),
      'Tokens destroyed by buy-and-burn over the whole horizon.',
    ],
    [
      'burned_vs_emitted_and_unlocked_pct',
      typed('pct', r.burnedVsEmittedAndUnlocked ?? null, 1),
      'Tokens burned as a share of the tokens unlocked and emitted: below 100% means supply reaching the market outpaces the burn.',
    ],
    [
      'net_deflation_from',
      typed('text', r.netDeflationFrom ?? 'never'),
      'First month from which each month burns at least as much as unlocks, to the end of the horizon.',
    ],
  ];
}

function pRiskRows(f: FloatRisks): [string, Cell, string][] {
  return [
    [
      'p_emission_runs_out',
      typed('pct', f.emissionRunsOut / f.runs, 1),
      'Share of simulated futures in which the emission source runs short.',
    ],
    [
      'p_nodes_unprofitable_3_months',
      typed('pct', f.nodesUnprofitable3 / f.runs, 1),
      'Share of simulated futures in which nodes lose money 3 or more months in a row.',
    ],
    [
      'p_net_deflation',
      typed('pct', f.netDeflation / f.runs, 1),
      'Share of simulated futures in which the last month burns at least as much as unlocks.',
    ],
  ];
}

const RISK_NOTE =
  'Risks over the horizon from the exact run; fee_volatility_pct is computed in floating point.';

export function buildSimulate(m: EconomyModel, o: SimulateOptions = {}): Report {
  const scenarios = m.params.scenarios ?? {};
  const names = Object.keys(scenarios);
  if (!m.params.economy)
    throw new InputError(
      `${m.file} has no economy section; ai-econ simulate needs one (see ai-econ init)`,
    );
  if (o.scenario && o.allScenarios)
    throw new InputError('options --scenario and --all-scenarios cannot be used together');
  if (o.scenario && !Object.hasOwn(scenarios, o.scenario)) {
    throw new InputError(
      `option --scenario: no scenario "${o.scenario}" in ${m.file}${names.length ? `; expected one of ${names.join(', ')}` : ' (it has no scenarios section)'}`,
    );
  }
  if (o.allScenarios && names.length === 0)
    throw new InputError(`option --all-scenarios: ${m.file} has no scenarios section`);
  if (o.seed !== undefined && o.runs === undefined)
    throw new InputError('option --seed goes with --runs N (Monte Carlo)');
  if (o.runs !== undefined && o.allScenarios)
    throw new InputError('options --runs and --all-scenarios cannot be used together');
  const params = {
    ...o.source,
    months: o.months,
    scenario: o.scenario,
    all_scenarios: o.allScenarios || undefined,
    runs: o.runs,
    seed: o.runs ? (o.seed ?? 1) : undefined,
  };
  const base = { command: 'simulate', params, decimals: m.decimals };
  const notes = (inp: EconomyInputs) => [
    `Each month: (1) unlocks move from locked to their holders; (2) holders sell their share into the pool; (3) the fee = list price × m(last month's utilization), demand_gpu_hours = demand · m^(−${toDecimal(inp.demand.elasticity, 6)}), served = min(demand, capacity); (4) fee payers buy the revenue's tokens from the pool, split ${pct(inp.feeSplit.nodes)} nodes / ${pct(inp.feeSplit.validators)} validators / ${pct(inp.feeSplit.treasury)} treasury; (5) the vault buys back ${pct(inp.buyback.revenueShare)} of revenue (at most ${pct(inp.buyback.maxBuyPctOfFloat)} of the float; unspent USD carries over), ${pct(inp.buyback.burn)} burned / ${pct(inp.buyback.treasury)} treasury / ${pct(inp.buyback.execution)} execution; (6) emission to the nodes; (7) nodes sell ${pct(inp.supplySide.sellShare)} of their income; (8) node_margin_pct = income at the end price / (capacity × cost) − 1 moves next month's capacity (× responsiveness, capped at ±${pct(inp.supplySide.maxChange)}).`,
    `Pool x·y = k from ${toDecimal(rat(inp.pool.tokens, 10n ** BigInt(inp.decimals)), 2)} tokens and $${toDecimal(inp.pool.usd, 2)} ($${toDecimal(startPrice(inp), 6)} a token); trades floor to the base unit and to 10⁻⁶ USD, the pool keeps the dust. circulating = supply − locked − treasury − burned. Tokens exact to the base unit; GPU-hours to 10⁻¹²; a fractional elasticity's power in double precision.`,
  ];
  const title = (inp: EconomyInputs, scenario?: string) =>
    `${inp.months[0]} to ${inp.months.at(-1)}${scenario ? `, scenario ${scenario}` : ''} — ${m.file}`;

  if (o.runs !== undefined) {
    const inp = economyInputs(m, o.scenario, o.months);
    const fi = floatInputsOf(inp);
    const seed = o.seed ?? 1;
    const keys = ['price', 'capacity', 'utilization', 'circulating', 'cumulativeBurned'] as const;
    const bandRows: Row[] = [];
    const risks = simulateEconomyFloat(fi, o.runs, seed, (k, month) => {
      const row: Row = { month: inp.months[k] };
      for (const key of keys) {
        const b = band(month[key]);
        const name = BAND_NAMES[key];
        row[`p5_${name}`] = b.p5;
        row[`p50_${name}`] = b.p50;
        row[`p95_${name}`] = b.p95;
      }
      bandRows.push(row);
      o.onProgress?.(k + 1, inp.months.length);
    });
    const bandCol = (name: string): Column =>
      name === 'price_usd'
        ? col(name, 'usd', 4)
        : name.endsWith('utilization_pct')
          ? col(name, 'pct', 1)
          : col(name, 'float', 0);
    return {
      ...base,
      meta: { seed, runs: o.runs, version: o.version },
      tables: [
        {
          name: 'bands',
          title: `Monte Carlo: ${groupThousands(String(o.runs))} runs, seed ${seed}, ${title(inp, o.scenario)}`,
          columns: [
            col('month', 'date'),
            ...Object.values(BAND_NAMES).flatMap((n) =>
              ['p5', 'p50', 'p95'].map((p) => bandCol(`${p}_${n}`)),
            ),
          ],
          rows: bandRows,
          notes: [
            `Demand gets a lognormal shock each month (volatility ${pct(inp.demand.volatility)} a month, mean 1); an exogenous trade moves the pool's price each month (volatility ${pct(inp.marketVolatility)} a year): traders buy into outside or sell from outside and the holders. Everything else as in the exact loop.`,
            'Statistics in floating point (whole tokens, USD): percentiles by linear interpolation (Hyndman–Fan type 7). capacity in GPU-hours.',
            "Each run draws from its own xoroshiro128+ stream (the seed's generator jumped once per run, pure-rand): the same seed gives the same bands on any machine.",
          ],
        },
        {
          name: 'risks',
          title: 'Risks: the exact run, and the share of Monte Carlo runs (p_)',
          columns: [col('metric'), col('value', 'number'), col('what_it_means')],
          rows: lazy(() =>
            [...riskRows(economyRisks(inp, simulateEconomy(inp))), ...pRiskRows(risks)].map(
              ([metric, value, what_it_means]) => ({ metric, value, what_it_means }),
            ),
          ),
          notes: [RISK_NOTE, 'p_ figures: share of the Monte Carlo runs, in floating point.'],
        },
      ],
    };
  }

  if (o.allScenarios) {
    const runs = names.map((name) => {
      const inp = economyInputs(m, name, o.months);
      const months = simulateEconomy(inp);
      return { name, inp, months, risks: riskRows(economyRisks(inp, months)) };
    });
    const first = runs[0];
    const tables: Table[] = [
      {
        name: 'months',
        title: `The closed loop by scenario: ${names.join(', ')} — ${m.file}`,
        columns: [col('scenario'), ...MONTH_COLUMNS],
        rows: runs.flatMap((r) => r.months.map((x) => ({ scenario: r.name, ...monthRow(x) }))),
        notes: notes(first.inp),
      },
      {
        name: 'ledger',
        title: 'Where every token is, by scenario (the places add up to the supply)',
        columns: [col('scenario'), ...ledgerColumns(first.inp)],
        rows: runs.flatMap((r) =>
          r.months.map((x) => ({ scenario: r.name, ...ledgerRow(r.inp, x) })),
        ),
      },
      {
        name: 'risks',
        title: 'Risks, scenarios side by side',
        columns: [col('metric'), ...names.map((n) => col(n, 'number')), col('what_it_means')],
        rows: first.risks.map(([metric, , what], i) => ({
          metric,
          ...Object.fromEntries(runs.map((r) => [r.name, r.risks[i][1]])),
          what_it_means: what,
        })),
        notes: [RISK_NOTE],
      },
    ];
    return { ...base, tables };
  }

  const inp = economyInputs(m, o.scenario, o.months);
  const months = simulateEconomy(inp);
  return {
    ...base,
    tables: [
      {
        name: 'months',
        title: `The closed loop, ${title(inp, o.scenario)}`,
        columns: MONTH_COLUMNS,
        rows: months.map(monthRow),
        notes: notes(inp),
      },
      {
        name: 'ledger',
        title:
          'Where every token is at the end of each month (the places add up to the supply, to the base unit)',
        columns: ledgerColumns(inp),
        rows: lazy(() => months.map((x) => ledgerRow(inp, x))),
        notes: [
          "locked_: not yet vested; holders_: unlocked and not sold; treasury: the treasury category's unlocked tokens plus its fee and buyback shares, less emission; pool: in the x·y = k pool; outside: bought by traders (Monte Carlo only); execution: execution rewards; burned: destroyed.",
        ],
      },
      {
        name: 'risks',
        title: 'Risks: the exact run, as numbers',
        columns: [col('metric'), col('value', 'number'), col('what_it_means')],
        rows: lazy(() =>
          riskRows(economyRisks(inp, months)).map(([metric, value, what_it_means]) => ({
            metric,
            value,
            what_it_means,
          })),
        ),
        notes: [RISK_NOTE],
      },
    ],
  };
}

/** Rows computed only if a renderer reads them (csv prints the main table only). */
function* lazy(rows: () => Row[]): Iterable<Row> {
  yield* rows();
}

const BAND_NAMES = {
  price: 'price_usd',
  capacity: 'capacity_gpu_hours',
  utilization: 'utilization_pct',
  circulating: 'circulating',
  cumulativeBurned: 'cumulative_burned',
} as const;

/** The command's builder: declared options (src/reports/specs.ts), progress through the runner. */
export const simulateReport: Builder<typeof spec> = (m, o, env: BuildEnv = {}) => {
  let bar: Progress | undefined;
  try {
    return buildSimulate(m, {
      ...o,
      version: packageVersion(),
      onProgress: (done, total) => {
        bar ??= env.progress?.(`Monte Carlo, ${groupThousands(String(o.runs ?? 0))} runs`, total);
        bar?.update(done);
      },
    });
  } finally {
    bar?.stop();
  }
};
