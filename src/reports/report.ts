/**
 * `ai-econ report`: the whole economy of a parameter file as sections, each a command's report
 * (its chart and tables), composed from the same builders the commands use. Rendering the page
 * (html, or md with SVG files) is src/io/render/page.ts.
 */
import type { Report, Row } from '../core/table.js';
import type { Model } from '../io/model.js';
import { buildAllocation } from '../cli/allocation.js';
import { buildUnlocks } from '../cli/unlocks.js';
import { buildQuote } from '../cli/quote.js';
import { buildRewards } from '../cli/rewards.js';
import { buildBurn } from '../cli/burn.js';

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

export interface EconomyOptions {
  /** Monte Carlo runs for the burn bands (default 1000) and the seed (default 1), as given (the burn command checks them). */
  runs?: string;
  seed?: string;
}

/** The reference job of the quote section (SPEC §4 report). */
export const REFERENCE_JOB = { params: '7B', tokens: '140B' } as const;
export const DEFAULT_RUNS = '1000';
const LARGEST_EVENTS = 10;

export async function buildEconomyReport(m: Model, source: Record<string, unknown>, o: EconomyOptions = {}): Promise<EconomyReport> {
  const p = m.params;
  const sections: Section[] = [];
  const skipped: string[] = [];
  const runs = o.runs ?? DEFAULT_RUNS;
  const seed = o.seed ?? '1';
  const model = async () => m;
  const src = async () => source;

  sections.push({ id: 'allocation', heading: 'Allocation', intro: 'How the total supply is divided, and each category\'s vesting terms.', report: await buildAllocation(m, source) });

  const periods = await buildUnlocks({}, model, src);
  const events = await buildUnlocks({ events: true }, model, src);
  sections.push({
    id: 'unlocks',
    heading: 'Unlocks',
    intro: `Tokens unlocked so far, stacked by category, month by month (cliffs marked); below, the ${LARGEST_EVENTS} largest unlock events.`,
    chart: periods,
    report: largestEvents(events, LARGEST_EVENTS),
  });

  if (p.fees) {
    const gpus = Object.keys(p.fees.gpus);
    sections.push({
      id: 'quote',
      heading: 'Reference quote',
      intro: `Training a ${REFERENCE_JOB.params}-parameter model on ${REFERENCE_JOB.tokens} tokens on the default GPU (ai-econ quote --params ${REFERENCE_JOB.params} --tokens ${REFERENCE_JOB.tokens}).`,
      report: await buildQuote({ ...REFERENCE_JOB }, m, source),
    });
    sections.push({
      id: 'gpus',
      heading: 'The same job on every GPU class',
      intro: `ai-econ quote --params ${REFERENCE_JOB.params} --tokens ${REFERENCE_JOB.tokens} --compare ${gpus.join(',')}`,
      report: await buildQuote({ ...REFERENCE_JOB, compare: gpus.join(',') }, m, source),
    });
  } else skipped.push('quote: the file has no fees section');

  if (p.rewards) {
    sections.push({ id: 'rewards', heading: 'Rewards of the example epoch', intro: 'ai-econ rewards: the epoch\'s fees and emission split among the file\'s nodes.', report: await buildRewards({}, m, source) });
  } else skipped.push('rewards: the file has no rewards section');

  if (p.buyback && p.projection) {
    const hasScenarios = Object.keys(p.scenarios ?? {}).length > 0;
    const burnOpts = { format: 'html' as const, color: false };
    sections.push({
      id: 'burn',
      heading: hasScenarios ? 'Buy-and-burn scenarios' : 'Buy-and-burn projection',
      intro: hasScenarios ? 'ai-econ burn --all-scenarios: total supply, circulating and cumulative burned per scenario.' : 'ai-econ burn: total supply, circulating and cumulative burned.',
      report: await buildBurn({ ...burnOpts, allScenarios: hasScenarios || undefined }, m, source),
    });
    sections.push({
      id: 'montecarlo',
      heading: 'Monte Carlo bands',
      intro: `ai-econ burn --runs ${runs} --seed ${seed}: the price as geometric Brownian motion; p5–p95 bands and the median.`,
      report: await buildBurn({ ...burnOpts, runs, seed }, m, source),
    });
  } else skipped.push('burn: the file has no buyback or projection section');

  // simulate (being built): its risks with their bands go here, e.g.
  //   sections.push({ id: 'risks', heading: 'Risks (simulate)', report: await buildSimulate({ runs, seed }, m, source) });
  // and its chart in src/io/charts/index.ts (CHARTS['simulate/<table>']).

  return { title: `${p.token.name} (${m.symbol}) economy`, source: String(source.config ?? m.file), sections, skipped };
}

/** The events report cut to its `n` largest events (ties: the earlier first), in date order. */
function largestEvents(events: Report, n: number): Report {
  const t = events.tables[0];
  const rows = t.rows as Row[];
  const amount = (r: Row) => r.amount as bigint;
  const top = rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (amount(b.r) > amount(a.r) ? 1 : amount(b.r) < amount(a.r) ? -1 : a.i - b.i))
    .slice(0, n)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.r);
  const { totals: _totals, ...rest } = t;
  return { ...events, tables: [{ ...rest, name: 'events', title: `The ${top.length} largest unlock events — ${events.params.config}`, rows: top, notes: [`The ${top.length} largest of ${rows.length} unlock events, in date order (ai-econ unlocks --events lists them all).`, ...(t.notes ?? [])] }] };
}
