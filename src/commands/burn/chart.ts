/** burn charts: supply lines (one set per scenario) and the Monte Carlo fan. */
import type { Report } from '../../core/table.js';
import {
  type ChartSpec,
  type LoadedTable,
  FAN_LEGEND,
  colour,
  dateX,
  frame,
  narrowBandNote,
  round,
  tokenUnit,
  value,
} from '../chart.js';

const SERIES = [
  ['total_supply', 'total supply'],
  ['circulating', 'circulating'],
  ['cumulative_burned', 'cumulative burned'],
] as const;

/** months: total supply, circulating and cumulative burned; with scenarios, colour = scenario and dash = series. */
export function monthsChart(report: Report, t: LoadedTable): ChartSpec | undefined {
  if (t.rows.length === 0) return undefined;
  const d = report.decimals;
  const scenarios = t.columns.some((c) => c.key === 'scenario')
    ? [...new Set(t.rows.map((r) => String(r.scenario)))]
    : undefined;
  const raw = t.rows.flatMap((r) =>
    SERIES.map(([key, series]) => ({
      month: String(r.month),
      ...(scenarios ? { scenario: String(r.scenario) } : {}),
      series,
      tokens: value(t, r, key, d) ?? 0,
    })),
  );
  const unit = tokenUnit(Math.max(...raw.map((p) => p.tokens)));
  const names = SERIES.map(([, s]) => s);
  const encoding = {
    x: dateX('month', 'month (UTC)'),
    y: { field: 'tokens', type: 'quantitative', title: unit.label, axis: { format: ',~r' } },
    ...(scenarios
      ? {
          color: colour('scenario', 'scenario', scenarios),
          strokeDash: {
            field: 'series',
            type: 'nominal',
            title: 'series',
            sort: names,
            scale: { domain: names },
            legend: { orient: 'top' },
          },
        }
      : { color: colour('series', 'series', names) }),
  };
  return {
    ...frame(
      report,
      scenarios
        ? `Buy-and-burn by scenario: ${scenarios.join(', ')}`
        : 'Buy-and-burn: total supply, circulating and cumulative burned',
    ),
    data: { values: raw.map((p) => ({ ...p, tokens: round(p.tokens / unit.div) })) },
    mark: { type: 'line', strokeWidth: 2 },
    encoding,
  } as ChartSpec;
}

const BANDS = [
  ['circulating', 'circulating'],
  ['cumulative_burned', 'cumulative burned'],
] as const;

/** bands: the p5–p95 fan and the p50 line of circulating and of cumulative burned. */
export function bandsChart(report: Report, t: LoadedTable): ChartSpec | undefined {
  if (t.rows.length === 0) return undefined;
  const d = report.decimals;
  const raw = t.rows.flatMap((r) =>
    BANDS.map(([key, series]) => ({
      month: String(r.month),
      series,
      p5: value(t, r, `p5_${key}`, d) ?? 0,
      p50: value(t, r, `p50_${key}`, d) ?? 0,
      p95: value(t, r, `p95_${key}`, d) ?? 0,
    })),
  );
  const unit = tokenUnit(Math.max(...raw.map((p) => p.p95)));
  const values = raw.map((p) => ({
    ...p,
    p5: round(p.p5 / unit.div),
    p50: round(p.p50 / unit.div),
    p95: round(p.p95 / unit.div),
  }));
  const runs = report.meta?.runs;
  const names = BANDS.map(([, s]) => s);
  const x = dateX('month', 'month (UTC)');
  const color = {
    ...colour('series', 'series (line: p50; band: p5–p95)', names),
    legend: { orient: 'top', direction: 'horizontal', columns: 0, ...FAN_LEGEND },
  };
  const note = narrowBandNote(values.filter((p) => p.series === 'circulating'));
  return {
    ...frame(
      report,
      `Monte Carlo${runs ? ` (${Number(runs).toLocaleString('en-US')} runs, seed ${String(report.meta?.seed)})` : ''}: p5–p95 band and p50 line of circulating and cumulative burned`,
      note && `circulating's ${note}`,
    ),
    data: { values },
    layer: [
      {
        mark: { type: 'area', opacity: 0.25 },
        encoding: {
          x,
          y: { field: 'p5', type: 'quantitative', title: unit.label, axis: { format: ',~r' } },
          y2: { field: 'p95' },
          color,
        },
      },
      {
        mark: { type: 'line', strokeWidth: 2 },
        encoding: { x, y: { field: 'p50', type: 'quantitative' }, color },
      },
    ],
  } as ChartSpec;
}

/** The charts of burn's tables, by table name. */
export const CHARTS = { months: monthsChart, bands: bandsChart };
