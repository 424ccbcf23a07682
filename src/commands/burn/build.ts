/** `burn`: buy-and-burn of protocol revenue against unlocks — scenarios and Monte Carlo. */
import { checkRuns, checkScenario } from '../messages.js';
import { InputError } from '../../core/errors.js';
import * as R from '../../core/rational.js';
import {
  col,
  defineTable,
  typed,
  type Cell,
  type LineChart,
  type Report,
  type Table,
} from '../../core/table.js';
import {
  breakEvenRevenue,
  monthlyUnlocks,
  netDeflationFrom,
  projectBurn,
  steadyStateUnlock,
  type BurnMonth,
  type BuybackSplit,
  type ProjectionSpec,
} from '../../core/burn.js';
import { mcInputsOf, runMonteCarlo } from '../../core/montecarlo.js';
import { addSpan, monthLabels, monthOf } from '../../core/date.js';
import { groupThousands } from '../../core/amount.js';
import type { Model } from '../../params/model.js';
import type { BuildEnv, Builder } from '../env.js';
import type { OptionsOf } from '../spec.js';
import type { spec } from './spec.js';

type BurnOptions = OptionsOf<typeof spec>;
const pct = (x: R.Rational): string => R.formatPercent(x, 4);

/** The months table: each column once, with how to read it from a projected month. */
const MONTHS = defineTable<BurnMonth>([
  { key: 'month', kind: 'date', get: (x) => x.month },
  { key: 'revenue_usd', kind: 'usd', get: (x) => x.revenueUsd },
  { key: 'vault_usd', kind: 'usd', get: (x) => x.vaultUsd },
  { key: 'price_usd', kind: 'usd', dp: 4, get: (x) => x.priceUsd },
  { key: 'bought', kind: 'token', dp: 0, get: (x) => x.bought },
  { key: 'burned', kind: 'token', dp: 0, get: (x) => x.burned },
  { key: 'to_treasury', kind: 'token', dp: 0, get: (x) => x.toTreasury },
  { key: 'to_execution', kind: 'token', dp: 0, get: (x) => x.toExecution },
  { key: 'unlocked', kind: 'token', dp: 0, get: (x) => x.unlocked },
  { key: 'net_emission', kind: 'token', dp: 0, get: (x) => x.netEmission },
  { key: 'total_supply', kind: 'token', dp: 0, get: (x) => x.totalSupply },
  { key: 'circulating', kind: 'token', dp: 0, get: (x) => x.circulating },
  { key: 'cumulative_burned', kind: 'token', dp: 0, get: (x) => x.cumulativeBurned },
  { key: 'inflation_annualized_pct', kind: 'pct', get: (x) => x.inflationAnnualized ?? null },
  { key: 'coverage_pct', kind: 'pct', get: (x) => x.coverage ?? null },
]);
/** What a terminal shows first of the months table. */
const MONTHS_TERMINAL = [
  'month',
  'revenue_usd',
  'unlocked',
  'burned',
  'circulating',
  'total_supply',
  'coverage_pct',
  'price_usd',
  'net_emission',
];

/** What `burn` computes from a model and its options, before any table is laid out. */
export interface BurnSetup {
  buyback: BuybackSplit;
  scenarios: string[];
  specOf(scenario?: string): ProjectionSpec;
  inputsFor(spec: ProjectionSpec): Parameters<typeof projectBurn>[0];
  steady: bigint;
  lastCliff?: string;
}

/** The vault split, the scenarios and the projection spec of each, with the options on top. */
export function burnSetup(m: Model, o: BurnOptions): BurnSetup {
  const p = m.params;
  if (!p.buyback || !p.projection)
    throw new InputError(
      `${m.file} has no ${!p.buyback ? 'buyback' : 'projection'} section; ai-econ burn needs buyback and projection (see ai-econ init)`,
    );
  // Splits adding up, shares and months in range, prices above 0: checked when the file loads (src/params/model.ts).
  const bbIn = p.buyback;
  const buyback: BuybackSplit = {
    revenueShare: bbIn.revenueShare,
    burn: bbIn.burn,
    treasury: bbIn.treasury,
    execution: bbIn.execution,
    maxBuyPctOfFloat: bbIn.maxBuyPctOfFloat,
  };
  const pr = p.projection;
  const scenarios = p.scenarios ?? {};
  const names = Object.keys(scenarios);
  checkScenario(m.file, scenarios, o);
  const specOf = (scenario?: string): ProjectionSpec => {
    const s = scenario ? scenarios[scenario] : {};
    const n = o.months ?? s!.months ?? pr.months;
    return {
      months: monthLabels(pr.start, n),
      revenueStartUsd: o.revenue ?? s!.revenue?.startUsd ?? pr.revenue.startUsd,
      revenueGrowth: o.growth ?? s!.revenue?.growth ?? pr.revenue.growth,
      priceModel: s!.price?.model ?? pr.price.model,
      priceStartUsd: o.price ?? s!.price?.startUsd ?? pr.price.startUsd,
      drift: s!.price?.drift ?? pr.price.drift,
      volatility: s!.price?.volatility ?? pr.price.volatility,
      treasuryCirculates: s!.circulating?.treasury ?? pr.circulating?.treasury ?? false,
      executionCirculates: s!.circulating?.execution ?? pr.circulating?.execution ?? true,
    };
  };
  // Unlocks from the same vesting engine as `unlocks`.
  const all = m.categories.flatMap((c) => c.unlocks);
  const cliffEnds = m.categories
    .filter((c) => c.vesting.cliff && c.vesting.cliff.n > 0)
    .map((c) => monthOf(addSpan(c.vesting.start, c.vesting.cliff!)));
  const { lastCliff, amount: steady } = steadyStateUnlock(all, cliffEnds);
  return {
    buyback,
    scenarios: names,
    specOf,
    inputsFor: (spec) => ({
      spec,
      buyback,
      decimals: m.decimals,
      supply: m.supply,
      ...monthlyUnlocks(all, spec.months),
    }),
    steady,
    lastCliff,
  };
}

export const buildBurn: Builder<typeof spec> = async (
  m: Model,
  o: BurnOptions,
  env: BuildEnv = {},
): Promise<Report> => {
  checkRuns(o);
  const setup = burnSetup(m, o);
  const bb = setup.buyback;
  const notes = [
    `Each month: the vault receives revenue × ${pct(bb.revenueShare)}, buys at that month's price (at most ${pct(bb.maxBuyPctOfFloat)} of the circulating float; unspent USD carries over in vault_usd), and splits what it bought ${pct(bb.burn)} burned / ${pct(bb.treasury)} treasury / ${pct(bb.execution)} execution by largest remainder, to the base unit.`,
    'circulating = unlocked so far − burned − bought into the treasury (treasury holdings do not circulate unless projection.circulating.treasury; execution rewards do unless projection.circulating.execution is false). inflation_annualized_pct = month-on-month change of circulating × 12; coverage_pct = burned / unlocked.',
    'USD exact, rounded to 10⁻¹² USD a month; tokens exact to the base unit.',
  ];
  if (m.builtin)
    notes.push(
      'Revenue, price and scenarios are ASSUMPTIONS (see configs/gensyn.yaml); the 70/29/1 split is published.',
    );
  const summaryOf = (rows: BurnMonth[], spec: ProjectionSpec): Record<string, Cell> => {
    const last = rows[rows.length - 1]!;
    const be = breakEvenRevenue(setup.steady, m.decimals, spec.priceStartUsd, bb);
    return {
      cumulative_burned: typed('token', last.cumulativeBurned, 0),
      final_total_supply: typed('token', last.totalSupply, 0),
      final_circulating: typed('token', last.circulating, 0),
      net_deflation_from: typed('text', netDeflationFrom(rows) ?? 'never'),
      steady_state_unlock: typed('token', setup.steady, 0),
      break_even_revenue_usd: typed('usd', be ?? null),
    };
  };
  const summaryNotes = [
    `net_deflation_from: the first month from which net emission (unlocked − burned) stays ≤ 0 to the end. break_even_revenue_usd: monthly revenue whose burn offsets the steady-state unlock (the largest monthly unlock after the last cliff${setup.lastCliff ? `, ${setup.lastCliff}` : ''}) at the start price: unlock × price / (revenue share × burn share).`,
  ];
  const lineCharts: LineChart[] = [];
  // The series only when a chart is drawn (a sweep runs thousands of reports without one).
  const chart = (series: () => { label: string; values: number[] }[]) => {
    if (o.chart) lineCharts.push({ series: series() });
  };
  const toTokens = (u: bigint) => Number(u / 10n ** BigInt(m.decimals));
  const report = (tables: Table[], meta?: Record<string, unknown>): Report => ({
    command: 'burn',
    params: {},
    decimals: m.decimals,
    tables,
    ...(lineCharts.length ? { lineCharts } : {}),
    ...(meta ? { meta } : {}),
  });

  if (o.runs !== undefined) {
    const runs = o.runs;
    const spec = setup.specOf(o.scenario);
    const seed = o.seed ?? 1;
    // Recorded in the report; the package file is read only for a Monte Carlo.
    const version = (await import('../../params/package.js')).packageVersion();
    const progress =
      runs * spec.months.length >= 2_000_000
        ? env.progress?.(`Monte Carlo, ${groupThousands(String(runs))} runs`, spec.months.length)
        : undefined;
    let res;
    try {
      const inp = mcInputsOf(setup.inputsFor(spec), runs, seed);
      res = env.exec?.monteCarlo
        ? await env.exec.monteCarlo(inp, progress?.update)
        : runMonteCarlo(inp, progress?.update);
    } finally {
      progress?.stop();
    }
    const rows = spec.months.map((month, k) => {
      const [c, b, pz] = [res.circulating[k], res.cumulativeBurned[k], res.price[k]];
      return {
        month,
        p5_circulating: c!.p5,
        p50_circulating: c!.p50,
        p95_circulating: c!.p95,
        p5_cumulative_burned: b!.p5,
        p50_cumulative_burned: b!.p50,
        p95_cumulative_burned: b!.p95,
        p5_price_usd: pz!.p5,
        p50_price_usd: pz!.p50,
        p95_price_usd: pz!.p95,
        p_net_deflation: res.pNetDeflation[k],
      };
    });
    const fl = (k: string) => col(k, 'float', 0);
    const last = rows[rows.length - 1]!;
    chart(() => [
      { label: 'p50 circulating', values: rows.map((r) => r.p50_circulating) },
      {
        label: 'total supply (cap − p50 burned)',
        values: rows.map((r) => Number(m.supply) / 10 ** m.decimals - r.p50_cumulative_burned),
      },
    ]);
    return {
      ...report(
        [
          {
            name: 'bands',
            title: `Monte Carlo: ${groupThousands(String(runs))} GBM price paths, seed ${seed}, ${spec.months.length} months${o.scenario ? `, scenario ${o.scenario}` : ''} — ${m.file}`,
            columns: [
              col('month', 'date'),
              fl('p5_circulating'),
              fl('p50_circulating'),
              fl('p95_circulating'),
              fl('p5_cumulative_burned'),
              fl('p50_cumulative_burned'),
              fl('p95_cumulative_burned'),
              col('p5_price_usd', 'usd', 4),
              col('p50_price_usd', 'usd', 4),
              col('p95_price_usd', 'usd', 4),
              col('p_net_deflation', 'pct', 1),
            ],
            rows,
            terminal: [
              'month',
              'p5_circulating',
              'p50_circulating',
              'p95_circulating',
              'p50_price_usd',
              'p_net_deflation',
            ],
            notes: [
              `Price: geometric Brownian motion from $${R.toDecimal(spec.priceStartUsd, 6)}, drift ${pct(spec.drift)} and volatility ${pct(spec.volatility)} a year, monthly steps; revenue and unlocks as in the deterministic projection.`,
              'Statistics in floating point (whole tokens): percentiles by linear interpolation (Hyndman–Fan type 7); p_net_deflation = share of runs whose net emission that month is ≤ 0.',
              "Each run draws from its own xoroshiro128+ stream (the seed's generator jumped once per run, pure-rand): the same seed gives the same bands on any machine.",
            ],
          },
          {
            name: 'summary',
            title: 'Monte Carlo summary (last month)',
            columns: [col('metric'), col('value', 'float', 0)],
            rows: [
              { metric: 'runs', value: typed('int', runs) },
              { metric: 'seed', value: typed('int', seed) },
              { metric: 'p5_cumulative_burned', value: last.p5_cumulative_burned },
              { metric: 'p50_cumulative_burned', value: last.p50_cumulative_burned },
              { metric: 'p95_cumulative_burned', value: last.p95_cumulative_burned },
              { metric: 'p50_circulating', value: last.p50_circulating },
              {
                metric: 'p_net_deflation_last_month',
                value: typed('pct', last.p_net_deflation, 1),
              },
            ],
          },
        ],
        { seed, runs, version },
      ),
      params: { seed },
    };
  }

  const runOne = (name?: string) => {
    const spec = setup.specOf(name);
    return { name, spec, rows: projectBurn(setup.inputsFor(spec)) };
  };
  const supplySeries = (rows: BurnMonth[]) => [
    { label: 'circulating', values: rows.map((r) => toTokens(r.circulating)) },
    { label: 'total supply', values: rows.map((r) => toTokens(r.totalSupply)) },
  ];

  if (o.allScenarios) {
    const names = setup.scenarios;
    const results = names.map((n) => runOne(n));
    const summaries = results.map((r) => summaryOf(r.rows, r.spec));
    chart(() =>
      results.map((r) => ({
        label: `circulating (${r.name})`,
        values: supplySeries(r.rows)[0]!.values,
      })),
    );
    return report([
      {
        name: 'months',
        title: `Buy-and-burn by scenario: ${names.join(', ')} — ${m.file}`,
        columns: [col('scenario'), ...MONTHS.columns],
        terminal: ['scenario', ...MONTHS_TERMINAL],
        rows: results.flatMap((r) => r.rows.map((x) => ({ scenario: r.name, ...MONTHS.row(x) }))),
        notes,
      },
      {
        name: 'summary',
        title: 'Scenarios side by side',
        columns: [col('metric'), ...names.map((n) => col(n, 'number'))],
        rows: Object.keys(summaries[0]!).map((k) => ({
          ...Object.fromEntries(names.map((n, i) => [n, summaries[i]![k]])),
          metric: k,
        })),
        notes: summaryNotes,
      },
    ]);
  }

  const r = runOne(o.scenario);
  chart(() => supplySeries(r.rows));
  return report([
    {
      name: 'months',
      title: `Buy-and-burn, ${r.spec.months[0]} to ${r.spec.months.at(-1)}${o.scenario ? `, scenario ${o.scenario}` : ''} — ${m.file}`,
      columns: MONTHS.columns,
      terminal: MONTHS_TERMINAL,
      // Its coverage and inflation fractions are most of a sweep point's arithmetic: made only if read.
      rows: !env.tables || env.tables.has('months') ? r.rows.map(MONTHS.row) : [],
      notes,
    },
    {
      name: 'summary',
      title: 'Summary',
      columns: [col('metric'), col('value', 'number')],
      rows: Object.entries(summaryOf(r.rows, r.spec)).map(([metric, value]) => ({ metric, value })),
      notes: summaryNotes,
    },
  ]);
};
