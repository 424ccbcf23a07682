/** allocation: a bar per category with its share of the supply. */
import type { Report } from '../../core/table.js';
import { type ChartSpec, type LoadedTable, colour, frame, round, value } from '../chart.js';
/** Allocation: each category's share of the supply, labelled with its percent. */
export function allocationChart(report: Report, t: LoadedTable): ChartSpec | undefined {
  if (t.rows.length === 0) return undefined;
  const d = report.decimals;
  const cats = t.rows.map((r) => String(r.category));
  const values = t.rows.map((r) => ({
    category: String(r.category),
    share: round(value(t, r, 'share_pct', d) ?? 0),
    tokens: round(value(t, r, 'tokens', d) ?? 0),
  }));
  const y = { field: 'category', type: 'nominal', sort: cats, title: null };
  return {
    ...frame(report, 'Allocation: share of the total supply per category'),
    data: { values },
    encoding: {
      y,
      x: {
        field: 'share',
        type: 'quantitative',
        title: 'share of total supply',
        axis: { format: '.0%', tickCount: 10 },
      },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: { color: { ...colour('category', 'category', cats), legend: null } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 12 },
        encoding: { text: { field: 'share', type: 'quantitative', format: '.2~%' } },
      },
    ],
  } as ChartSpec;
}

/** The charts of allocation's tables, by table name. */
export const CHARTS = { allocation: allocationChart };
