/** unlocks charts: cumulative unlocks stacked by category (cliffs marked), events, and one date. */
import type { Report } from '../../core/table.js';
import {
  type ChartSpec,
  type LoadedTable,
  colour,
  dateX,
  frame,
  round,
  tokenUnit,
  value,
} from '../chart.js';

const categoriesOf = (t: LoadedTable, skip: string[]): string[] =>
  t.columns.filter((c) => c.kind === 'token' && !skip.includes(c.key)).map((c) => c.key);

/**
 * The periods table as running totals per category (whole tokens, floats for drawing), and the
 * cliffs: dates of a category's first unlock after periods in which it had unlocked nothing.
 */
export function cumulativeByCategory(
  report: Report,
  t: LoadedTable,
): { cats: string[]; dates: string[]; cumulative: number[][]; cliffs: Map<string, string[]> } {
  const cats = categoriesOf(t, ['total', 'cumulative']);
  const dates = t.rows.map((r) => String(r.date));
  const cumulative = cats.map(() => [] as number[]);
  const cliffs = new Map<string, string[]>();
  t.rows.forEach((r, i) => {
    cats.forEach((c, k) => {
      const before = cumulative[k]![i - 1] ?? 0;
      const amount = value(t, r, c, report.decimals) ?? 0;
      if (i > 0 && before === 0 && amount > 0)
        cliffs.set(dates[i]!, [...(cliffs.get(dates[i]!) ?? []), c]);
      cumulative[k]!.push(before + amount);
    });
  });
  return { cats, dates, cumulative, cliffs };
}

/**
 * Periods: one stacked area per category of tokens unlocked so far; a rule at every cliff (the
 * first unlock of a category that had nothing unlocked in the periods before it).
 */
export function periodsChart(report: Report, t: LoadedTable): ChartSpec | undefined {
  const { cats, dates, cumulative, cliffs } = cumulativeByCategory(report, t);
  if (dates.length === 0 || cats.length === 0) return undefined;
  const unit = tokenUnit(cumulative.reduce((a, s) => a + (s.at(-1) ?? 0), 0));
  const values = dates.flatMap((date, i) =>
    cats.map((category, k) => ({
      date,
      category,
      cumulative: round(cumulative[k]![i]! / unit.div),
    })),
  );
  const marks = [...cliffs].map(([date, names]) => ({ date, label: `cliff: ${names.join(', ')}` }));
  return {
    ...frame(report, 'Cumulative unlocked tokens by category'),
    layer: [
      {
        data: { values },
        mark: { type: 'area', line: { strokeWidth: 1 }, opacity: 0.85, interpolate: 'step-after' },
        encoding: {
          x: dateX('date', 'period end (UTC)'),
          y: {
            field: 'cumulative',
            type: 'quantitative',
            stack: 'zero',
            title: `unlocked so far (${unit.label})`,
            axis: { format: ',~r' },
          },
          color: colour('category', 'category', cats),
          order: { field: 'order', type: 'quantitative' },
        },
        transform: [{ calculate: `indexof(${JSON.stringify(cats)}, datum.category)`, as: 'order' }],
      },
      ...(marks.length
        ? [
            {
              data: { values: marks },
              layer: [
                {
                  mark: { type: 'rule', strokeDash: [6, 4], color: '#333' },
                  encoding: { x: dateX('date', 'period end (UTC)') },
                },
                {
                  mark: {
                    type: 'text',
                    align: 'left',
                    baseline: 'top',
                    dx: 4,
                    dy: 4,
                    fontSize: 11,
                    color: '#333',
                  },
                  encoding: {
                    x: dateX('date', 'period end (UTC)'),
                    y: { value: 0 },
                    text: { field: 'label' },
                  },
                },
              ],
            },
          ]
        : []),
    ],
  } as ChartSpec;
}

/** Events: each unlock as a bar on its date, stacked and coloured by category. */
export function eventsChart(report: Report, t: LoadedTable): ChartSpec | undefined {
  if (t.rows.length === 0) return undefined;
  const d = report.decimals;
  const raw = t.rows.map((r) => ({
    date: String(r.date),
    category: String(r.category),
    amount: value(t, r, 'amount', d) ?? 0,
  }));
  const cats = [...new Set(raw.map((e) => e.category))];
  const byDate = new Map<string, number>();
  for (const e of raw) byDate.set(e.date, (byDate.get(e.date) ?? 0) + e.amount);
  const unit = tokenUnit(Math.max(...byDate.values()));
  const width = Math.max(2, Math.min(18, Math.floor((800 / Math.max(1, byDate.size)) * 0.6)));
  return {
    ...frame(report, 'Unlock events by date and category'),
    data: { values: raw.map((e) => ({ ...e, amount: round(e.amount / unit.div) })) },
    mark: { type: 'bar', width },
    encoding: {
      x: dateX('date', 'unlock date (UTC)'),
      y: {
        field: 'amount',
        type: 'quantitative',
        stack: 'zero',
        title: `unlocked on the date (${unit.label})`,
        axis: { format: ',~r' },
      },
      color: colour('category', 'category', cats),
    },
  } as ChartSpec;
}

/** At a date: unlocked and locked tokens per category, one horizontal bar each. */
export function atChart(report: Report, t: LoadedTable): ChartSpec | undefined {
  if (t.rows.length === 0) return undefined;
  const d = report.decimals;
  const cats = t.rows.map((r) => String(r.category));
  const unit = tokenUnit(Math.max(...t.rows.map((r) => value(t, r, 'allocation', d) ?? 0)));
  const values = t.rows.flatMap((r) =>
    (['unlocked', 'locked'] as const).map((status) => ({
      category: String(r.category),
      status,
      tokens: round((value(t, r, status, d) ?? 0) / unit.div),
    })),
  );
  const at = String(report.params.at ?? '');
  return {
    ...frame(report, `Unlocked and locked tokens per category${at ? ` on ${at}` : ''}`),
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'category', type: 'nominal', sort: cats, title: null },
      x: {
        field: 'tokens',
        type: 'quantitative',
        stack: 'zero',
        title: unit.label,
        axis: { format: ',~r', tickCount: 10 },
      },
      color: colour('status', 'status', ['unlocked', 'locked']),
      order: { field: 'status', sort: 'descending' },
    },
  } as ChartSpec;
}

/** The charts of unlocks's tables, by table name. */
export const CHARTS = { periods: periodsChart, events: eventsChart, at: atChart };
