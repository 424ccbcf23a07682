/**
 * The charts of the `ai-econ play` page, as Vega-Lite specs: the commands' own (unlocks stacked by
 * category, simulate's price above supply) and two the page adds from the same tables (tokens
 * burned against tokens unlocked each month, from burn; utilization and the fee multiplier, from
 * simulate).
 */
import type { Report, Table } from '../../core/table.js';
import {
  type ChartSpec,
  type LoadedTable,
  colour,
  dateX,
  frame,
  round,
  tokenUnit,
  value,
} from '../../commands/chart.js';
import { periodsChart } from '../../commands/unlocks/chart.js';
import { simulateMonthsChart } from '../../commands/simulate/chart.js';

export type { ChartSpec } from '../../commands/chart.js';

/** A table whose rows are an array already (the builders' main tables are). */
const loaded = (t: Table | undefined): LoadedTable | undefined =>
  t && Array.isArray(t.rows) ? (t as LoadedTable) : undefined;
const main = (r: Report | undefined, name: string): LoadedTable | undefined =>
  loaded(r?.tables.find((t) => t.name === name));

export function unlocksChart(r: Report): ChartSpec | undefined {
  const t = main(r, 'periods');
  return t && periodsChart(r, t);
}

export function priceChart(r: Report | undefined): ChartSpec | undefined {
  const t = main(r, 'months');
  return r && t && simulateMonthsChart(r, t);
}

const BURN_SERIES = [
  ['unlocked', 'unlocked'],
  ['burned', 'burned'],
] as const;

/** burn's months: tokens burned against tokens unlocked, month by month. */
export function burnVsUnlocksChart(r: Report | undefined): ChartSpec | undefined {
  const t = main(r, 'months');
  if (!r || !t || t.rows.length === 0) return undefined;
  const raw = t.rows.flatMap((row) =>
    BURN_SERIES.map(([key, series]) => ({
      month: String(row.month),
      series,
      tokens: value(t, row, key, r.decimals) ?? 0,
    })),
  );
  const unit = tokenUnit(Math.max(...raw.map((p) => p.tokens)));
  return {
    ...frame(r, 'Buy-and-burn against unlocks: tokens a month'),
    data: { values: raw.map((p) => ({ ...p, tokens: round(p.tokens / unit.div) })) },
    mark: { type: 'line', strokeWidth: 2, interpolate: 'step-after' },
    encoding: {
      x: dateX('month', 'month (UTC)'),
      y: { field: 'tokens', type: 'quantitative', title: unit.label, axis: { format: ',~r' } },
      color: colour(
        'series',
        'series',
        BURN_SERIES.map(([, s]) => s),
      ),
    },
  } as ChartSpec;
}

/** simulate's months: the share of GPU capacity in use and the fee multiplier m(U). */
export function utilizationChart(r: Report | undefined): ChartSpec | undefined {
  const t = main(r, 'months');
  if (!r || !t || t.rows.length === 0) return undefined;
  const names = ['utilization', 'fee multiplier m(U)'];
  const values = t.rows.flatMap((row) => [
    {
      month: String(row.month),
      series: names[0],
      v: round(value(t, row, 'utilization_pct', r.decimals) ?? 0),
    },
    {
      month: String(row.month),
      series: names[1],
      v: round(value(t, row, 'multiplier', r.decimals) ?? 0),
    },
  ]);
  return {
    ...frame(r, 'The closed loop: utilization of GPU capacity and the fee multiplier'),
    height: 220,
    data: { values },
    mark: { type: 'line', strokeWidth: 2 },
    encoding: {
      x: dateX('month', 'month (UTC)'),
      y: {
        field: 'v',
        type: 'quantitative',
        title: 'utilization (share) and multiplier',
        axis: { format: '.2~f' },
      },
      color: colour('series', 'series', names),
    },
  } as ChartSpec;
}
