/**
 * `ai-econ simulate`: the closed loop month by month (SPEC §4 simulate) — tables months, ledger,
 * risks, and bands with --runs. A pure builder: (model, options) → Report.
 */
import { checkRuns, checkScenario } from '../messages.js';
import { band } from '../../core/montecarlo.js';
import {
  buyPrice,
  economyRisks,
  simulateEconomy,
  FEE_CYCLE_RUN,
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
  NEVER,
  typed,
  type Cell,
  type Column,
  type Report,
  type Row,
  type Table,
} from '../../core/table.js';
import { economyInputs, type EconomyModel } from '../../params/economy.js';
import { lazyRows } from '../../core/rows.js';
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
  col('buy_price_usd', 'usd', 4),
  col('unlocked', 'token', 0),
  col('sold_by_holders', 'token', 0),
  col('sold_by_nodes', 'token', 0),
  col('bought_for_fees', 'token', 0),
  col('bought_back', 'token', 0),
  col('burned', 'token', 0),
  col('vault_usd', 'usd', 0),
  col('emitted', 'token', 0),
  col('node_margin_pct', 'pct', 1),
  col('treasury', 'token', 0),
  col('circulating', 'token', 0),
  col('total_supply', 'token', 0),
];

/** The months columns a narrow terminal keeps first, most important first. */
const MONTHS_TERMINAL = [
  'month',
  'price_usd',
  'revenue_usd',
  'utilization_pct',
  'circulating',
  'burned',
  'emitted',
  'unlocked',
  'node_margin_pct',
  'fee_usd_per_gpu_hour',
  'demand_gpu_hours',
  'capacity_gpu_hours',
];

/** The bands columns a narrow terminal keeps first: the price band, then the other medians. */
const BANDS_TERMINAL = [
  'month',
  'p5_price_usd',
  'p50_price_usd',
  'p95_price_usd',
  'p50_utilization_pct',
  'p50_circulating',
  'p50_cumulative_burned',
  'p50_capacity_gpu_hours',
];

const monthRow = (x: EconomyMonth, decimals: number): Row => ({
  month: x.month,
  demand_gpu_hours: rat(x.requested, GPU_HOUR),
  capacity_gpu_hours: rat(x.capacity, GPU_HOUR),
  utilization_pct: x.utilization,
  multiplier: x.multiplier,
  fee_usd_per_gpu_hour: x.feeUsdPerGpuHour,
  revenue_usd: micro(x.revenue),
  price_usd: x.price,
  buy_price_usd: buyPrice(x, decimals) ?? null,
  unlocked: x.unlocked,
  sold_by_holders: x.soldByHolders,
  sold_by_nodes: x.soldByNodes,
  bought_for_fees: x.boughtForFees,
  bought_back: x.boughtBack,
  burned: x.burned,
  vault_usd: micro(x.vault),
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

/** `sum` adds up every place a token can be. */
const ledgerParts = (inp: EconomyInputs) => ({
  sum: ledgerColumns(inp)
    .map((c) => c.key)
    .filter((k) => k !== 'month' && k !== 'sum'),
});

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

/** A month, or `never`: typed as a date so that a sweep charts it and 'never' stays a word. */
const monthCell = (m: string | undefined) => typed('date', m ?? NEVER);

/** The month after `m` (YYYY-MM). */
const nextMonth = (m: string): string => {
  const [y, mo] = m.split('-').map(Number);
  return mo === 12 ? `${y! + 1}-01` : `${y}-${String(mo! + 1).padStart(2, '0')}`;
};

/** The risks in SPEC's order, the binding constraints before net_deflation_from (which they explain): [metric, value, what it means]. */
function riskRows(r: EconomyRisks): [string, Cell, string][] {
  const vestingEnd = r.lastUnlockMonth ? nextMonth(r.lastUnlockMonth) : undefined;
  const onlyAfterVesting = r.netDeflationFrom !== undefined && r.netDeflationFrom === vestingEnd;
  return [
    [
      'reward_dependence_pct',
      typed('pct', r.rewardDependence ?? null, 1),
      "Share of the nodes' income (valued at each month's price) that came from emission rather than fees: high means nodes are paid by new tokens, not by customers.",
    ],
    [
      'emission_runs_out',
      monthCell(r.emissionRunsOut),
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
      `How much the fee per GPU-hour swings from month to month (standard deviation of its monthly change)${r.feeCycleMonths ? '; much of it is the cycle of fee_cycle_months, not market risk' : ''}.`,
    ],
    [
      'worst_month_price_change_pct',
      typed('pct', r.worstPriceChange, 1),
      'The largest one-month fall (or smallest rise) of the token price in the pool.',
    ],
    [
      'worst_month_price_change_month',
      monthCell(r.worstPriceChangeMonth),
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
      'burned_value_usd',
      typed('usd', micro(r.burnedValue), 0),
      'The burned tokens at the price of the month they were burned (month-end, as price_usd): the market value the burn took off the market.',
    ],
    [
      'fee_cycle_months',
      typed('int', r.feeCycleMonths),
      r.feeCycleFrom
        ? `The fee alternated up and down by 1% or more every month for ${r.feeCycleMonths} months from ${r.feeCycleFrom}: a cycle of m(U) answering last month's utilization, not market risk; fees.market.adjustment (partial adjustment) damps it.`
        : `Months in the longest stretch in which the fee alternated up and down by 1% or more every month (0: never ${FEE_CYCLE_RUN} in a row): such a cycle comes from m(U) answering last month's utilization; fees.market.adjustment damps it.`,
    ],
    [
      'months_float_cap_bound',
      typed('int', r.monthsCapBound),
      'Months in which the vault bought exactly its cap (buyback.maxBuyPctOfFloat of the float) and kept USD unspent: the float, not revenue, limited the burn.',
    ],
    [
      'vault_usd_unspent',
      typed('usd', micro(r.vaultUnspent), 0),
      `USD left in the vault at the end${r.vaultMax > 0n ? ` (at most $${groupThousands(toDecimal(micro(r.vaultMax), 0))}, in ${r.vaultMaxMonth})` : ''}: revenue the float cap kept from buying.`,
    ],
    [
      'pool_tokens_min_vs_start_pct',
      typed('pct', r.poolTokensMin, 1),
      `The pool's token side at its lowest (${r.poolTokensMinMonth}, after the month's trades) as a share of its start: low means a thin market where every trade moves the price more.`,
    ],
    [
      'liquidity_usd_net',
      typed('usd', micro(r.liquidityUsdNet), 0),
      'USD liquidity providers put into the pool, less what they took out (economy.market.liquidity; 0 with a fixed pool).',
    ],
    [
      'last_unlock_month',
      monthCell(r.lastUnlockMonth),
      'The last month of the horizon in which tokens unlock (never: none do).',
    ],
    [
      'net_deflation_from',
      monthCell(r.netDeflationFrom),
      `First month from which each month burns at least as much as unlocks, to the end of the horizon${onlyAfterVesting ? `; it is the month after the last unlock (${r.lastUnlockMonth}): net deflation came only with the end of vesting, not because the burn outgrew the unlocks` : ''}.`,
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
  checkScenario(m.file, scenarios, o);
  checkRuns(o);
  const params = {
    ...o.source,
    months: o.months,
    scenario: o.scenario,
    all_scenarios: o.allScenarios || undefined,
    runs: o.runs,
    seed: o.runs ? (o.seed ?? 1) : undefined,
  };
  const base = { command: 'simulate', params, decimals: m.decimals };
  const notes = (inp: EconomyInputs) => {
    const fd = inp.feeDynamics;
    const dyn = [
      fd.adjustment ? `closing ${pct(fd.adjustment)} of the gap from last month's m` : '',
      fd.maxChangePerMonth ? `moving at most ${pct(fd.maxChangePerMonth)} of it a month` : '',
    ].filter(Boolean);
    const liq = inp.liquidity;
    return [
      `Each month: (1) unlocks move from locked to their holders, who set aside their share for sale; (2) emission to the nodes; (3) the fee = list price × m, m from last month's utilization${dyn.length ? ` (${dyn.join(', ')})` : ''}, demand_gpu_hours = demand · m^(−${toDecimal(inp.demand.elasticity, 6)}), served = min(demand, capacity); ${liq.model === 'marketCap' ? `(4) liquidity providers bring the pool's tokens to ${pct(liq.share)} of the circulating supply at the pool price (from and to ${inp.categories[liq.from]!.name}); ` : ''}(5) the month's trades run evenly over the month, nobody first: holders sell their share, nodes sell ${pct(inp.supplySide.sellShare)} of their income (the fee part netted: paid to them in USD), fee payers buy the revenue's tokens, the vault spends ${pct(inp.buyback.revenueShare)} of revenue plus what it carried (at most ${pct(inp.buyback.maxBuyPctOfFloat)} of the float; the rest stays in vault_usd); every buyer pays the same average, buy_price_usd; (6) fee tokens ${pct(inp.feeSplit.nodes)} nodes / ${pct(inp.feeSplit.validators)} validators / ${pct(inp.feeSplit.treasury)} treasury, the vault's ${pct(inp.buyback.burn)} burned / ${pct(inp.buyback.treasury)} treasury / ${pct(inp.buyback.execution)} execution; (7) node_margin_pct = income at the end price / (capacity × cost) − 1 moves next month's capacity (× responsiveness, capped at ±${pct(inp.supplySide.maxChange)}).`,
      `Pool x·y = k from ${toDecimal(rat(inp.pool.tokens, 10n ** BigInt(inp.decimals)), 2)} tokens and $${toDecimal(inp.pool.usd, 2)} ($${toDecimal(startPrice(inp), 6)} a token); over the month it follows dx/dt = S − B·x²/k (S tokens sold, B USD spent in the month), which has a closed form (taken in double precision, then rounded to the base unit); buyers get the rounded-down tokens, split by their USD, and the pool ends at ⌈k / x⌉ USD, so k never falls. price_usd: the pool after the month. circulating = supply − locked − treasury − burned. Tokens exact to the base unit; GPU-hours to 10⁻¹²; a fractional elasticity's power in double precision.`,
    ];
  };
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
      name.endsWith('_price_usd')
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
          terminal: BANDS_TERMINAL,
          notes: [
            `Demand gets a lognormal shock each month (volatility ${pct(inp.demand.volatility)} a month, mean 1); an exogenous order joins each month's batch, one that alone would move the price by the market's move (volatility ${pct(inp.marketVolatility)} a year): traders buy into outside or sell from outside and the holders. Everything else as in the exact loop.`,
            'Statistics in floating point (whole tokens, USD): percentiles by linear interpolation (Hyndman–Fan type 7). capacity in GPU-hours.',
            "Each run draws from its own xoroshiro128+ stream (the seed's generator jumped once per run, pure-rand): the same seed gives the same bands on any machine.",
          ],
        },
        {
          name: 'risks',
          title: 'Risks: the exact run, and the share of Monte Carlo runs (p_)',
          columns: [col('metric'), col('value', 'number'), col('what_it_means')],
          rows: lazyRows(() =>
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
    const first = runs[0]!;
    const tables: Table[] = [
      {
        name: 'months',
        title: `The closed loop by scenario: ${names.join(', ')} — ${m.file}`,
        columns: [col('scenario'), ...MONTH_COLUMNS],
        rows: runs.flatMap((r) =>
          r.months.map((x) => ({ scenario: r.name, ...monthRow(x, m.decimals) })),
        ),
        terminal: ['scenario', ...MONTHS_TERMINAL],
        notes: notes(first.inp),
      },
      {
        name: 'ledger',
        title: 'Where every token is, by scenario (the places add up to the supply)',
        columns: [col('scenario'), ...ledgerColumns(first.inp)],
        parts: ledgerParts(first.inp),
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
          ...Object.fromEntries(runs.map((r) => [r.name, r.risks[i]![1]])),
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
        rows: months.map((x) => monthRow(x, m.decimals)),
        terminal: MONTHS_TERMINAL,
        notes: notes(inp),
      },
      {
        name: 'ledger',
        title:
          'Where every token is at the end of each month (the places add up to the supply, to the base unit)',
        columns: ledgerColumns(inp),
        rows: lazyRows(() => months.map((x) => ledgerRow(inp, x))),
        parts: ledgerParts(inp),
        notes: [
          "locked_: not yet vested; holders_: unlocked and not sold; treasury: the treasury category's unlocked tokens plus its fee and buyback shares, less emission (and less its liquidity with market.liquidity from it); pool: in the x·y = k pool; outside: bought by traders (Monte Carlo only); execution: execution rewards; burned: destroyed.",
        ],
      },
      {
        name: 'risks',
        title: 'Risks: the exact run, as numbers',
        columns: [col('metric'), col('value', 'number'), col('what_it_means')],
        rows: lazyRows(() =>
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

const BAND_NAMES = {
  price: 'price_usd',
  capacity: 'capacity_gpu_hours',
  utilization: 'utilization_pct',
  circulating: 'circulating',
  cumulativeBurned: 'cumulative_burned',
} as const;

/** The command's builder: declared options (./spec.ts), progress through the runner. */
export const simulateReport: Builder<typeof spec> = async (m, o, env: BuildEnv = {}) => {
  let bar: Progress | undefined;
  // The version is recorded in Monte Carlo reports; the package file is read only for those.
  const version =
    o.runs === undefined ? undefined : (await import('../../params/package.js')).packageVersion();
  try {
    return buildSimulate(m, {
      ...o,
      version,
      onProgress: (done, total) => {
        bar ??= env.progress?.(`Monte Carlo, ${groupThousands(String(o.runs ?? 0))} runs`, total);
        bar?.update(done);
      },
    });
  } finally {
    bar?.stop();
  }
};
