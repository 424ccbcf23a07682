/**
 * `ai-econ report`: the whole economy of a parameter file as sections, each a command's report
 * (its chart and tables), composed from the same builders the commands use. Rendering the page
 * (html, or md with SVG files) is src/render/page.ts; the shell is ./action.ts.
 */
import { rat } from '../../core/rational.js';
import type { Report, Row } from '../../core/table.js';
import type { Model } from '../../params/model.js';
import { buildAllocation } from '../allocation/build.js';
import { buildUnlocks } from '../unlocks/build.js';
import { buildQuote } from '../quote/build.js';
import { buildRewards } from '../rewards/build.js';
import { buildBurn } from '../burn/build.js';
import { simulateReport } from '../simulate/build.js';
import type { BuildEnv } from '../env.js';
import type { OptionsOf } from '../spec.js';
import type { spec } from './spec.js';

/** One section of the page: the chart is drawn from `chart` (default: `report`), the tables shown are `report`'s. */
export interface Section {
  /** Short name: the anchor on the page and the SVG file's name with -f md. */
  id: string;
  heading: string;
  intro?: string;
  report: Report;
  chart?: Report;
}

export interface EconomyReport {
  title: string;
  source: string;
  sections: Section[];
  /** Sections left out, and why (e.g. the file has no fees section). */
  skipped: string[];
}

/** The reference job of the quote section (SPEC §4 report): a 7B model on 140B tokens. */
export const REFERENCE_JOB = {
  params: 7_000_000_000n,
  tokens: 140_000_000_000n,
  text: '--params 7B --tokens 140B',
} as const;
const LARGEST_EVENTS = 10;

export async function buildEconomyReport(
  m: Model,
  o: OptionsOf<typeof spec> = {},
  env: BuildEnv = {},
): Promise<EconomyReport> {
  const p = m.params;
  const sections: Section[] = [];
  const skipped: string[] = [];
  const runs = o.runs ?? 1000;
  const seed = o.seed ?? 1;
  // The builders leave `params` to their shell; the charts' titles name the file from it.
  const sourced = async (
    r: Report | Promise<Report>,
    params: Record<string, unknown> = {},
  ): Promise<Report> => ({ ...(await r), params: { config: m.file, ...params } });

  sections.push({
    id: 'allocation',
    heading: 'Allocation',
    intro: "How the total supply is divided, and each category's vesting terms.",
    report: await sourced(buildAllocation(m, {}, env)),
  });

  const periods = await sourced(buildUnlocks(m, {}, env));
  const events = await sourced(buildUnlocks(m, { events: true }, env), { events: true });
  sections.push({
    id: 'unlocks',
    heading: 'Unlocks',
    intro: `Tokens unlocked so far, stacked by category, month by month (cliffs marked); below, the ${LARGEST_EVENTS} largest unlock events.`,
    chart: periods,
    report: largestEvents(events, LARGEST_EVENTS),
  });

  if (p.fees) {
    const gpus = Object.keys(p.fees.gpus);
    const job = { params: rat(REFERENCE_JOB.params), tokens: rat(REFERENCE_JOB.tokens) };
    sections.push({
      id: 'quote',
      heading: 'Reference quote',
      intro: `Training a 7B-parameter model on 140B tokens on the default GPU (ai-econ quote ${REFERENCE_JOB.text}).`,
      report: await sourced(buildQuote(m, job, env)),
    });
    sections.push({
      id: 'gpus',
      heading: 'The same job on every GPU class',
      intro: `ai-econ quote ${REFERENCE_JOB.text} --compare ${gpus.join(',')}`,
      report: await sourced(buildQuote(m, { ...job, compare: gpus }, env)),
    });
  } else skipped.push('quote: the file has no fees section');

  if (p.rewards) {
    sections.push({
      id: 'rewards',
      heading: 'Rewards of the example epoch',
      intro: "ai-econ rewards: the epoch's fees and emission split among the file's nodes.",
      report: await sourced(buildRewards(m, {}, env)),
    });
  } else skipped.push('rewards: the file has no rewards section');

  if (p.buyback && p.projection) {
    const hasScenarios = Object.keys(p.scenarios ?? {}).length > 0;
    sections.push({
      id: 'burn',
      heading: hasScenarios ? 'Buy-and-burn scenarios' : 'Buy-and-burn projection',
      intro: hasScenarios
        ? 'ai-econ burn --all-scenarios: total supply, circulating and cumulative burned per scenario.'
        : 'ai-econ burn: total supply, circulating and cumulative burned.',
      report: await sourced(buildBurn(m, hasScenarios ? { allScenarios: true } : {}, env)),
    });
    sections.push({
      id: 'montecarlo',
      heading: 'Monte Carlo bands',
      intro: `ai-econ burn --runs ${runs} --seed ${seed}: the price as geometric Brownian motion; p5–p95 bands and the median.`,
      report: await sourced(buildBurn(m, { runs, seed }, env)),
    });
  } else skipped.push('burn: the file has no buyback or projection section');

  if (p.economy) {
    const loop = await sourced(simulateReport(m, {}, env));
    const mc = await sourced(simulateReport(m, { runs, seed }, env), { runs, seed });
    const only = (r: Report, name: string): Report => ({
      ...r,
      tables: r.tables.filter((t) => t.name === name),
    });
    sections.push({
      id: 'simulate',
      heading: 'The closed loop: risks (simulate)',
      intro: `ai-econ simulate: demand, GPU capacity, fees, the pool price, unlocks, emission and buy-and-burn, month by month. The chart: the token price above circulating and total supply. The risks: the exact run's figures, and the share of ${runs.toLocaleString('en-US')} Monte Carlo runs (p_, seed ${seed}).`,
      chart: loop,
      report: only(mc, 'risks'),
    });
    sections.push({
      id: 'simulate-bands',
      heading: 'The closed loop: Monte Carlo bands',
      intro: `ai-econ simulate --runs ${runs} --seed ${seed}: demand shocks and market moves; p5–p95 bands and the median of price, supply and utilization.`,
      report: only(mc, 'bands'),
    });
  } else skipped.push('simulate: the file has no economy section');

  return { title: `${p.token.name} (${m.symbol}) economy`, source: m.file, sections, skipped };
}

/** The events report cut to its `n` largest events (ties: the earlier first), in date order. */
function largestEvents(events: Report, n: number): Report {
  const t = events.tables[0]!;
  const rows = t.rows as Row[];
  const amount = (r: Row) => r.amount as bigint;
  const top = rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (amount(b.r) > amount(a.r) ? 1 : amount(b.r) < amount(a.r) ? -1 : a.i - b.i))
    .slice(0, n)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.r);
  const { totals: _totals, ...rest } = t;
  return {
    ...events,
    tables: [
      {
        ...rest,
        title: `The ${top.length} largest unlock events — ${events.params.config}`,
        rows: top,
        notes: [
          `The ${top.length} largest of ${rows.length} unlock events, in date order (ai-econ unlocks --events lists them all).`,
          ...(t.notes ?? []),
        ],
      },
    ],
  };
}
