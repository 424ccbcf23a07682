/** quote: the fee lines, and one bar per GPU class with --compare (or --jobs). */
import type { Report } from '../../core/table.js';
import {
  type ChartSpec,
  type LoadedTable,
  USD_FORMAT,
  colour,
  frame,
  round,
  value,
} from '../chart.js';
const LINES = ['compute', 'tasks', 'duration'] as const;

/** Quote: the fee lines in USD, one bar each. */
export function breakdownChart(report: Report, t: LoadedTable): ChartSpec | undefined {
  const rows = t.rows.filter((r) => r.item !== 'total');
  if (rows.length === 0) return undefined;
  const items = rows.map((r) => String(r.item));
  const values = rows.map((r) => ({
    item: String(r.item),
    usd: round(value(t, r, 'usd', report.decimals) ?? 0),
  }));
  return {
    ...frame(report, 'Quote: fee lines in USD'),
    data: { values },
    encoding: {
      y: { field: 'item', type: 'nominal', sort: items, title: 'fee line' },
      x: {
        field: 'usd',
        type: 'quantitative',
        title: 'USD',
        axis: { format: USD_FORMAT, tickCount: 8 },
      },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: { color: { ...colour('item', 'fee line', items), legend: null } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 12 },
        encoding: { text: { field: 'usd', type: 'quantitative', format: '$,.2f' } },
      },
    ],
  } as ChartSpec;
}

/** Quote --compare (one bar per GPU class) and --jobs (one per job): total USD stacked by fee line. */
export function compareChart(report: Report, t: LoadedTable): ChartSpec | undefined {
  if (t.rows.length === 0) return undefined;
  const key = t.columns.some((c) => c.key === 'id') ? 'id' : 'gpu';
  const names = t.rows.map((r) => String(r[key]));
  const values = t.rows.flatMap((r) =>
    LINES.map((line) => ({
      [key]: String(r[key]),
      line,
      usd: round(value(t, r, `${line}_usd`, report.decimals) ?? 0),
    })),
  );
  return {
    ...frame(
      report,
      key === 'gpu'
        ? 'Quote per GPU class: total USD by fee line'
        : 'Quote per job: total USD by fee line',
    ),
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: key,
        type: 'nominal',
        sort: names,
        title: key === 'gpu' ? 'GPU class' : 'job',
        axis: { labelAngle: 0 },
      },
      y: {
        field: 'usd',
        type: 'quantitative',
        stack: 'zero',
        title: 'USD',
        axis: { format: USD_FORMAT },
      },
      color: colour('line', 'fee line', [...LINES]),
      order: { field: 'order', type: 'quantitative' },
    },
    transform: [{ calculate: `indexof(${JSON.stringify(LINES)}, datum.line)`, as: 'order' }],
  } as ChartSpec;
}

/** The charts of quote's tables, by table name. */
export const CHARTS = { breakdown: breakdownChart, compare: compareChart, jobs: compareChart };
