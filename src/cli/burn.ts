/** `ai-econ burn`: buy-and-burn of protocol revenue against unlocks — scenarios and Monte Carlo. */
import type { Command } from 'commander';
import type { Report, Row, Table } from '../core/table.js';
import type { Rational } from '../core/rational.js';
import type { BurnMonth, BuybackSplit, ProjectionSpec } from '../core/burn.js';
import type { Model } from '../io/model.js';
import { runReport, type Globals } from './run.js';

interface BurnOptions {
  months?: string;
  revenue?: string;
  growth?: string;
  price?: string;
  scenario?: string;
  allScenarios?: boolean;
  runs?: string;
  seed?: string;
  chart?: boolean;
}

const EXAMPLES = `
Examples:
  $ ai-econ burn                                   the base projection, month by month
  $ ai-econ burn --revenue 1M --growth 0% --months 12
  $ ai-econ burn --all-scenarios --table summary   bear / base / bull side by side
  $ ai-econ burn --runs 10000 --seed 42 --chart    Monte Carlo bands (GBM price) and a chart`;

export function register(program: Command): void {
  program
    .command('burn')
    .description('project buy-and-burn of protocol revenue (70% burned, 29% treasury, 1% execution) against unlocks')
    .option('--months <n>', 'months to project (default: projection.months)')
    .option('--revenue <usd>', 'revenue in month 1, USD (default: projection.revenue.startUsd)')
    .option('--growth <pct>', 'revenue growth per month, e.g. 3% or -1% (default: projection.revenue.growth)')
    .option('--price <usd>', 'token price in month 1, USD (default: projection.price.startUsd)')
    .option('--scenario <name>', 'apply a named scenario from the parameter file (e.g. bear, base, bull)')
    .option('--all-scenarios', 'every scenario side by side')
    .option('--runs <n>', 'Monte Carlo: number of GBM price paths')
    .option('--seed <n>', 'Monte Carlo seed (default 1); the same seed gives the same output on any machine')
    .option('--chart', 'a terminal line chart of circulating and total supply')
    .addHelpText('after', EXAMPLES)
    .action((_o: unknown, cmd: Command) => runReport<BurnOptions>(cmd, async (ctx) => buildBurn(ctx.opts, await ctx.model(), await ctx.source())));
}

async function buildBurn(o: BurnOptions & Globals, m: Model, source: Record<string, unknown>): Promise<Report> {
  const { flag } = await import('./flags.js');
  const { InputError } = await import('../core/errors.js');
  const units = await import('../core/units.js');
  const R = await import('../core/rational.js');
  const burn = await import('../core/burn.js');
  const { addOffset, addSpan, monthOf } = await import('../core/date.js');
  const { suggestion } = await import('../io/suggest.js');
  const { col, typed } = await import('../core/table.js');
  const { rat } = R;

  const p = m.params;
  if (!p.buyback || !p.projection) throw new InputError(`${m.file} has no ${!p.buyback ? 'buyback' : 'projection'} section; ai-econ burn needs buyback and projection (see ai-econ init)`);
  const bbIn = p.buyback;
  const splitSum = R.add(R.add(bbIn.burn, bbIn.treasury), bbIn.execution);
  if (R.cmp(splitSum, R.ONE) !== 0) throw m.errorAt(['buyback'], `burn + treasury + execution add up to ${R.formatPercent(splitSum)}; they must add up to exactly 100%`);
  for (const k of ['revenueShare', 'maxBuyPctOfFloat'] as const) {
    const v = bbIn[k];
    if (v && R.cmp(v, R.ONE) > 0) throw m.errorAt(['buyback', k], `expected at most 100%; found ${R.formatPercent(v)}`);
  }
  const bb: BuybackSplit = { revenueShare: bbIn.revenueShare, burn: bbIn.burn, treasury: bbIn.treasury, execution: bbIn.execution, maxBuyPctOfFloat: bbIn.maxBuyPctOfFloat ?? rat(1n, 10n) };
  const pr = p.projection;
  if (pr.months === 0) throw m.errorAt(['projection', 'months'], 'expected at least 1 month; found 0');
  if (pr.price.startUsd.n === 0n) throw m.errorAt(['projection', 'price', 'startUsd'], 'expected a price above 0; found 0');

  const scenarios = p.scenarios ?? {};
  const names = Object.keys(scenarios);
  if (o.scenario && o.allScenarios) throw new InputError('options --scenario and --all-scenarios cannot be used together');
  if (o.scenario && !Object.hasOwn(scenarios, o.scenario)) {
    throw new InputError(`option --scenario: no scenario "${o.scenario}" in ${m.file}${suggestion(o.scenario, names)}${names.length ? `; expected one of ${names.join(', ')}` : ' (it has no scenarios section)'}`);
  }
  if (o.allScenarios && names.length === 0) throw new InputError(`option --all-scenarios: ${m.file} has no scenarios section`);
  for (const [name, s] of Object.entries(scenarios)) {
    if (s.months === 0) throw m.errorAt(['scenarios', name, 'months'], 'expected at least 1 month; found 0');
    if (s.price?.startUsd && s.price.startUsd.n === 0n) throw m.errorAt(['scenarios', name, 'price', 'startUsd'], 'expected a price above 0; found 0');
  }

  const positiveInt = (what: string) => (t: string) => {
    const n = units.parseInteger(t, what);
    if (n === 0) throw new InputError(`expected ${what} of at least 1; found ${JSON.stringify(t)}`);
    return n;
  };
  const months = flag('--months', o.months, positiveInt('a number of months'), true);
  if (months !== undefined && months > 1200) throw new InputError('option --months: expected at most 1200 months (100 years)');
  const revenue = flag('--revenue', o.revenue, (t) => units.parseUsd(t, 'a monthly revenue in USD'), true);
  const growth = flag('--growth', o.growth, (t) => units.parseSignedShare(t, 'a monthly growth rate'), true);
  const price = flag('--price', o.price, (t) => {
    const v = units.parseUsd(t, 'a token price in USD');
    if (v.n === 0n) throw new InputError(`expected a price above 0; found ${JSON.stringify(t)}`);
    return v;
  }, true);
  const runs = flag('--runs', o.runs, positiveInt('a number of runs'), true);
  if (runs !== undefined && runs > 1_000_000) throw new InputError('option --runs: expected at most 1,000,000 runs');
  const seed = flag('--seed', o.seed, (t) => units.parseInteger(t, 'a seed (a whole number)'), true);
  if (seed !== undefined && seed > 0xffffffff) throw new InputError('option --seed: expected a whole number below 2^32');
  if (seed !== undefined && runs === undefined) throw new InputError('option --seed goes with --runs N (Monte Carlo)');
  if (runs !== undefined && o.allScenarios) throw new InputError('options --runs and --all-scenarios cannot be used together');

  /** The projection spec of a scenario (or of the projection itself), with the flags on top. */
  const specOf = (scenario?: string): ProjectionSpec => {
    const s = scenario ? scenarios[scenario] : {};
    const n = months ?? s.months ?? pr.months;
    const labels = Array.from({ length: n }, (_, k) => monthOf(addOffset(pr.start, k, 0)));
    return {
      months: labels,
      revenueStartUsd: revenue ?? s.revenue?.startUsd ?? pr.revenue.startUsd,
      revenueGrowth: growth ?? s.revenue?.growth ?? pr.revenue.growth,
      priceModel: s.price?.model ?? pr.price.model,
      priceStartUsd: price ?? s.price?.startUsd ?? pr.price.startUsd,
      drift: s.price?.drift ?? pr.price.drift ?? R.ZERO,
      volatility: s.price?.volatility ?? pr.price.volatility ?? rat(4n, 5n),
      treasuryCirculates: s.circulating?.treasury ?? pr.circulating?.treasury ?? false,
      executionCirculates: s.circulating?.execution ?? pr.circulating?.execution ?? true,
    };
  };

  // Unlocks from the same vesting engine as `unlocks`.
  const all = m.categories.flatMap((c) => c.unlocks);
  const inputsFor = (spec: ProjectionSpec) => ({ spec, buyback: bb, decimals: m.decimals, supply: m.supply, ...burn.monthlyUnlocks(all, spec.months) });
  const cliffEnds = m.categories.filter((c) => c.vesting.cliff && c.vesting.cliff.n > 0).map((c) => monthOf(addSpan(c.vesting.start, c.vesting.cliff!)));
  const { lastCliff, amount: steady } = burn.steadyStateUnlock(all, cliffEnds);

  const params = { ...source, months, revenue: o.revenue, growth: o.growth, price: o.price, scenario: o.scenario, all_scenarios: o.allScenarios || undefined, runs, seed: runs ? (seed ?? 1) : undefined };
  const notes = [
    `Each month: the vault receives revenue × ${pct(R, bb.revenueShare)}, buys at that month's price (at most ${pct(R, bb.maxBuyPctOfFloat)} of the circulating float; unspent USD carries over in vault_usd), and splits what it bought ${pct(R, bb.burn)} burned / ${pct(R, bb.treasury)} treasury / ${pct(R, bb.execution)} execution by largest remainder, to the base unit.`,
    'circulating = unlocked so far − burned − bought into the treasury (treasury holdings do not circulate unless projection.circulating.treasury; execution rewards do unless projection.circulating.execution is false). inflation_annualized_pct = month-on-month change of circulating × 12; coverage_pct = burned / unlocked.',
    'USD exact, rounded to 10⁻¹² USD a month; tokens exact to the base unit.',
  ];
  if (m.builtin) notes.push('Revenue, price and scenarios are ASSUMPTIONS (see configs/gensyn.yaml); the 70/29/1 split is published.');

  const monthCols = [
    col('month', 'date'), col('revenue_usd', 'usd'), col('vault_usd', 'usd'), col('price_usd', 'usd', 4), col('bought', 'token', 0), col('burned', 'token', 0),
    col('to_treasury', 'token', 0), col('to_execution', 'token', 0), col('unlocked', 'token', 0), col('net_emission', 'token', 0), col('total_supply', 'token', 0),
    col('circulating', 'token', 0), col('cumulative_burned', 'token', 0), col('inflation_annualized_pct', 'pct'), col('coverage_pct', 'pct'),
  ];
  const monthRow = (x: BurnMonth): Row => ({
    month: x.month, revenue_usd: x.revenueUsd, vault_usd: x.vaultUsd, price_usd: x.priceUsd, bought: x.bought, burned: x.burned, to_treasury: x.toTreasury,
    to_execution: x.toExecution, unlocked: x.unlocked, net_emission: x.netEmission, total_supply: x.totalSupply, circulating: x.circulating,
    cumulative_burned: x.cumulativeBurned, inflation_annualized_pct: x.inflationAnnualized ?? null, coverage_pct: x.coverage ?? null,
  });
  const summaryOf = (rows: BurnMonth[], spec: ProjectionSpec): Record<string, Row[string]> => {
    const last = rows[rows.length - 1];
    const be = burn.breakEvenRevenue(steady, m.decimals, spec.priceStartUsd, bb);
    return {
      cumulative_burned: typed('token', last.cumulativeBurned, 0),
      final_total_supply: typed('token', last.totalSupply, 0),
      final_circulating: typed('token', last.circulating, 0),
      net_deflation_from: typed('text', burn.netDeflationFrom(rows) ?? 'never'),
      steady_state_unlock: typed('token', steady, 0),
      break_even_revenue_usd: typed('usd', be ?? null),
    };
  };
  const summaryNotes = [
    `net_deflation_from: the first month from which net emission (unlocked − burned) stays ≤ 0 to the end. break_even_revenue_usd: monthly revenue whose burn offsets the steady-state unlock (the largest monthly unlock after the last cliff${lastCliff ? `, ${lastCliff}` : ''}) at the start price: unlock × price / (revenue share × burn share).`,
  ];
  const charts: string[] = [];
  const chart = async (series: { label: string; values: number[] }[]) => {
    if (!o.chart) return;
    const { drawChart } = await import('../io/chart.js');
    const text = drawChart(series, { color: o.format === 'table' && o.color !== false && !process.env.NO_COLOR && !o.output && Boolean(process.stdout.isTTY) });
    if (o.format === 'csv' || o.format === 'json') process.stderr.write(`${text}\n`);
    else charts.push(text);
  };

  if (runs !== undefined) {
    const { runMonteCarloThreads } = await import('../io/mc-threads.js');
    const { mcInputsOf } = await import('../core/montecarlo.js');
    const { packageVersion } = await import('../io/paths.js');
    const spec = specOf(o.scenario);
    const toTokens = (u: bigint) => Number(u) / 10 ** m.decimals;
    const s = seed ?? 1;
    const progress = await progressBar(runs, spec.months.length);
    const res = await runMonteCarloThreads(
      mcInputsOf(inputsFor(spec), runs, s),
      progress?.update,
    );
    progress?.stop();
    const rows: Row[] = spec.months.map((month, k) => {
      const [c, b, pz] = [res.circulating[k], res.cumulativeBurned[k], res.price[k]];
      return {
        month, p5_circulating: c.p5, p50_circulating: c.p50, p95_circulating: c.p95, p5_cumulative_burned: b.p5, p50_cumulative_burned: b.p50, p95_cumulative_burned: b.p95,
        p5_price_usd: pz.p5, p50_price_usd: pz.p50, p95_price_usd: pz.p95, p_net_deflation: res.pNetDeflation[k],
      };
    });
    const fl = (k: string) => col(k, 'float', 0);
    const last = rows[rows.length - 1];
    await chart([
      { label: 'p50 circulating', values: rows.map((r) => r.p50_circulating as number) },
      { label: 'total supply (cap − p50 burned)', values: rows.map((r) => toTokens(m.supply) - (r.p50_cumulative_burned as number)) },
    ]);
    return {
      command: 'burn',
      params,
      decimals: m.decimals,
      meta: { seed: s, runs, version: packageVersion() },
      charts,
      tables: [
        {
          name: 'bands',
          title: `Monte Carlo: ${runs.toLocaleString('en-US')} GBM price paths, seed ${s}, ${spec.months.length} months${o.scenario ? `, scenario ${o.scenario}` : ''} — ${m.file}`,
          columns: [col('month', 'date'), fl('p5_circulating'), fl('p50_circulating'), fl('p95_circulating'), fl('p5_cumulative_burned'), fl('p50_cumulative_burned'), fl('p95_cumulative_burned'),
            col('p5_price_usd', 'usd', 4), col('p50_price_usd', 'usd', 4), col('p95_price_usd', 'usd', 4), col('p_net_deflation', 'pct', 1)],
          rows,
          notes: [
            `Price: geometric Brownian motion from $${R.toDecimal(spec.priceStartUsd, 6)}, drift ${pct(R, spec.drift)} and volatility ${pct(R, spec.volatility)} a year, monthly steps; revenue and unlocks as in the deterministic projection.`,
            'Statistics in floating point (whole tokens): percentiles by linear interpolation (Hyndman–Fan type 7); p_net_deflation = share of runs whose net emission that month is ≤ 0.',
            `Each run draws from its own xoroshiro128+ stream (the seed's generator jumped once per run, pure-rand): the same seed gives the same bands on any machine.`,
          ],
        },
        {
          name: 'summary',
          title: 'Monte Carlo summary (last month)',
          columns: [col('metric'), col('value', 'float', 0)],
          rows: [
            { metric: 'runs', value: typed('int', runs) },
            { metric: 'seed', value: typed('int', s) },
            { metric: 'p5_cumulative_burned', value: last.p5_cumulative_burned },
            { metric: 'p50_cumulative_burned', value: last.p50_cumulative_burned },
            { metric: 'p95_cumulative_burned', value: last.p95_cumulative_burned },
            { metric: 'p50_circulating', value: last.p50_circulating },
            { metric: 'p_net_deflation_last_month', value: typed('pct', last.p_net_deflation as number, 1) },
          ],
        },
      ],
    };
  }

  const runOne = (name?: string) => {
    const spec = specOf(name);
    const rows = burn.projectBurn(inputsFor(spec));
    return { name, spec, rows };
  };
  const supplySeries = (rows: BurnMonth[]) => [
    { label: 'circulating', values: rows.map((r) => Number(r.circulating / 10n ** BigInt(m.decimals))) },
    { label: 'total supply', values: rows.map((r) => Number(r.totalSupply / 10n ** BigInt(m.decimals))) },
  ];

  if (o.allScenarios) {
    const results = names.map((n) => runOne(n));
    const summaries = results.map((r) => summaryOf(r.rows, r.spec));
    const metrics = Object.keys(summaries[0]);
    await chart(results.map((r) => ({ label: `circulating (${r.name})`, values: supplySeries(r.rows)[0].values })));
    const tables: Table[] = [
      {
        name: 'months',
        title: `Buy-and-burn by scenario: ${names.join(', ')} — ${m.file}`,
        columns: [col('scenario'), ...monthCols],
        rows: results.flatMap((r) => r.rows.map((x) => ({ scenario: r.name, ...monthRow(x) }))),
        notes,
      },
      {
        name: 'summary',
        title: 'Scenarios side by side',
        columns: [col('metric'), ...names.map((n) => col(n, 'number'))],
        rows: metrics.map((k) => ({ metric: k, ...Object.fromEntries(names.map((n, i) => [n, summaries[i][k]])) })),
        notes: summaryNotes,
      },
    ];
    return { command: 'burn', params, decimals: m.decimals, tables, charts };
  }

  const r = runOne(o.scenario);
  await chart(supplySeries(r.rows));
  return {
    command: 'burn',
    params,
    decimals: m.decimals,
    charts,
    tables: [
      {
        name: 'months',
        title: `Buy-and-burn, ${r.spec.months[0]} to ${r.spec.months.at(-1)}${o.scenario ? `, scenario ${o.scenario}` : ''} — ${m.file}`,
        columns: monthCols,
        rows: r.rows.map(monthRow),
        notes,
      },
      {
        name: 'summary',
        title: 'Summary',
        columns: [col('metric'), col('value', 'number')],
        rows: Object.entries(summaryOf(r.rows, r.spec)).map(([metric, value]) => ({ metric, value })),
        notes: summaryNotes,
      },
    ],
  };
}

function pct(R: typeof import('../core/rational.js'), x: Rational): string {
  return R.formatPercent(x, 4);
}

/** A progress bar on stderr for long Monte Carlo runs, only on a terminal. */
async function progressBar(runs: number, months: number): Promise<{ update: (n: number) => void; stop: () => void } | undefined> {
  if (!process.stderr.isTTY || runs * months < 2_000_000) return undefined;
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: `Monte Carlo, ${runs} runs [{bar}] {percentage}% | month {value}/{total}`, hideCursor: true }, cliProgress.Presets.shades_classic);
  bar.start(months, 0);
  return { update: (n) => bar.update(n), stop: () => bar.stop() };
}
