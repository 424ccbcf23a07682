/**
 * Every command view's chart, as a Vega-Lite spec built from its report (pure: no Vega here;
 * see ./draw.ts for the SVG). A view is "command/table"; the chart is drawn from that table.
 */
import type { Report } from '../core/table.js';
import { InputError } from '../core/errors.js';
import { allRows } from '../core/rows.js';
import type { ChartBuilder, ChartSpec } from '../commands/chart.js';
import { commandOf } from '../commands/registry.js';

export type { ChartSpec } from '../commands/chart.js';

/**
 * A command's charts by table name (from its folder's chart.ts, through the registry): svg, html
 * and `report` draw what a command declares, with no list here. (simulate --table risks and ledger
 * have no chart.)
 */
export async function chartsOf(command: string): Promise<Readonly<Record<string, ChartBuilder>>> {
  const c = commandOf(command);
  return (await c?.charts?.()) ?? {};
}

/** The table a chart is drawn from: the one --table names, else the report's main table. */
const tableOf = (report: Report, name?: string) =>
  name === undefined ? report.tables[0] : report.tables.find((t) => t.name === name);

/**
 * The most rows a chart is drawn from: Vega lays out every point in memory (27,000 daily rows of
 * unlocks took 11 s and 440 MB), and a longer table is no more readable as a chart.
 */
export const CHART_MAX_ROWS = 20_000;

/** Read the charted table's rows and build its spec (undefined: no chart for this view). */
export async function chartOf(report: Report, tableName?: string): Promise<ChartSpec | undefined> {
  const t = tableOf(report, tableName);
  const build = t && (await chartsOf(report.command))[t.name];
  if (!t || !build) return undefined;
  const rows = await allRows(t, CHART_MAX_ROWS);
  if (rows.length > CHART_MAX_ROWS)
    throw new InputError(
      `the chart of ${report.command} (table ${t.name}) would draw more than ${CHART_MAX_ROWS.toLocaleString('en-US')} rows: use -f csv, -f json or -f md (they stream any number of rows), or ask for fewer rows`,
    );
  return build(report, { ...t, rows });
}

/** The view's chart spec, or a user error saying which views have charts. */
export async function requireChart(report: Report, tableName?: string): Promise<ChartSpec> {
  const spec = await chartOf(report, tableName);
  if (spec) return spec;
  const t = tableOf(report, tableName);
  const views = Object.keys(await chartsOf(report.command));
  throw new InputError(
    `-f svg: no chart for ${report.command}${t && t.name !== report.tables[0]?.name ? ` --table ${t.name}` : t ? ` (table ${t.name})` : ''}` +
      (views.length ? `; charts exist for its tables ${views.join(', ')}` : '') +
      '; use -f html for the tables, or -f table',
  );
}
