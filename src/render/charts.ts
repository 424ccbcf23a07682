/**
 * Every command view's chart, as a Vega-Lite spec built from its report (pure: no Vega here;
 * see ./draw.ts for the SVG). A view is "command/table"; the chart is drawn from that table.
 */
import type { Report } from '../core/table.js';
import { InputError } from '../core/errors.js';
import { allRows } from '../core/rows.js';
import type { ChartBuilder, ChartSpec, LoadedTable } from '../commands/chart.js';
import { atChart, eventsChart, periodsChart } from '../commands/unlocks/chart.js';
import {
  allocationChart,
  breakdownChart,
  compareChart,
  rewardsChart,
} from '../commands/quote/chart.js';
import { bandsChart, monthsChart } from '../commands/burn/chart.js';
import { simulateBandsChart, simulateMonthsChart } from '../commands/simulate/chart.js';
import { pointsChart, tornadoChart } from '../commands/sweep/chart.js';

export type { ChartSpec } from '../commands/chart.js';

/**
 * The charts, by "command/table". To chart a new view, add its builder here — svg, html and
 * `report` pick it up with no other change. (simulate --table risks and ledger have no chart.)
 */
export const CHARTS: Readonly<Record<string, ChartBuilder>> = {
  'unlocks/periods': periodsChart,
  'unlocks/events': eventsChart,
  'unlocks/at': atChart,
  'allocation/allocation': allocationChart,
  'quote/breakdown': breakdownChart,
  'quote/compare': compareChart,
  'quote/jobs': compareChart,
  'rewards/nodes': rewardsChart,
  'burn/months': monthsChart,
  'burn/bands': bandsChart,
  'simulate/months': simulateMonthsChart,
  'simulate/bands': simulateBandsChart,
  'sweep/points': pointsChart,
  'sweep/sensitivity': tornadoChart,
};

/** The table a chart is drawn from: the one --table names, else the report's main table. */
const tableOf = (report: Report, name?: string) =>
  name === undefined ? report.tables[0] : report.tables.find((t) => t.name === name);

/** The Vega-Lite spec of a report's chart, or undefined when that view has none. */
export function chartSpec(report: Report, table: LoadedTable): ChartSpec | undefined {
  const build = CHARTS[`${report.command}/${table.name}`];
  return build ? build(report, table) : undefined;
}

/** Read the charted table's rows and build its spec (undefined: no chart for this view). */
export async function chartOf(report: Report, tableName?: string): Promise<ChartSpec | undefined> {
  const t = tableOf(report, tableName);
  if (!t || !CHARTS[`${report.command}/${t.name}`]) return undefined;
  return chartSpec(report, { ...t, rows: await allRows(t) });
}

/** The view's chart spec, or a user error saying which views have charts. */
export async function requireChart(report: Report, tableName?: string): Promise<ChartSpec> {
  const spec = await chartOf(report, tableName);
  if (spec) return spec;
  const t = tableOf(report, tableName);
  const views = Object.keys(CHARTS)
    .filter((k) => k.startsWith(`${report.command}/`))
    .map((k) => k.split('/')[1]);
  throw new InputError(
    `-f svg: no chart for ${report.command}${t && t.name !== report.tables[0]?.name ? ` --table ${t.name}` : t ? ` (table ${t.name})` : ''}` +
      (views.length ? `; charts exist for its tables ${views.join(', ')}` : '') +
      '; use -f html for the tables, or -f table',
  );
}
