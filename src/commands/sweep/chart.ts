/**
 * sweep charts: one varied parameter — a panel per metric, its line over the parameter's values;
 * two — a heatmap of the first metric over the grid; --sensitivity — a tornado per metric (bars
 * from the file's value to the metric at each parameter's low and high, ranked by swing).
 */
import type { Column, Report, Row } from '../../core/table.js';
import {
  type ChartSpec,
  type LoadedTable,
  NUMBER_FORMAT,
  WIDTH,
  frame,
  plotValue,
  round,
  stackedFrame,
  tokenUnit,
} from '../chart.js';

/** At most this many metrics get a panel (the others: name them with --metric). */
export const MAX_PANELS = 6;

/** A metric's scale: how its plotted numbers are divided and labelled. */
interface MetricScale {
  div: number;
  /** The metric and its unit: `cumulative_burned (million tokens)`. */
  title: string;
  /** The unit alone, for a short axis title. */
  unit: string;
  format: string;
}

function scaleOf(c: Column, values: number[]): MetricScale {
  const kind = c.kind;
  if (kind === 'token') {
    const u = tokenUnit(Math.max(...values.map(Math.abs)));
    return { div: u.div, title: `${c.key} (${u.label})`, unit: u.label, format: ',~r' };
  }
  if (kind === 'usd') return { div: 1, title: `${c.key} (USD)`, unit: 'USD', format: '$,.4~s' };
  if (kind === 'pct') return { div: 1, title: c.key, unit: 'percent', format: '.3~%' };
  return {
    div: 1,
    title: c.key,
    unit: c.kind === 'int' ? 'count' : 'value',
    format: NUMBER_FORMAT,
  };
}

/** The metric columns with a number in every given row (months and texts such as `never` are not drawn). */
function numericMetrics(
  columns: readonly Column[],
  rows: readonly Row[],
  decimals: number,
  keys: readonly string[],
): { column: Column; values: number[] }[] {
  return columns
    .filter((c) => keys.includes(c.key))
    .map((column) => ({
      column,
      values: rows.map((r) => plotValue(r[column.key], column, decimals)),
    }))
    .filter(
      (m): m is { column: Column; values: number[] } =>
        m.values.length > 0 && m.values.every((v) => v !== null),
    );
}

const NUMERIC = /^[-+]?\d[\d_]*(\.\d+)?(%?)$/;
/** A --vary value as a number to plot (`8%` → 0.08), or undefined when it is not a plain number (a GPU name). */
const paramNumber = (text: string): number | undefined => {
  const m = NUMERIC.exec(text.trim());
  if (!m) return undefined;
  const n = Number(text.trim().replace(/[_%]/g, ''));
  return m[2] ? n / 100 : n;
};

/** The subtitle's note on metrics left out of the picture. */
const leftOut = (all: readonly string[], drawn: readonly string[]): string => {
  const out = all.filter((k) => !drawn.includes(k));
  return out.length
    ? `; not drawn: ${out.join(', ')} (not numbers at every point, or over ${MAX_PANELS} panels — pick with --metric)`
    : '';
};

function withSubtitleNote(f: Record<string, unknown>, note: string): Record<string, unknown> {
  const title = f.title as { subtitle: string };
  return { ...f, title: { ...title, subtitle: `${title.subtitle}${note}` } };
}

const MONTH = /^(\d{4})-(\d{2})$/;
/** A month as a count of months (year·12 + month − 1), `never` as null; undefined: not a month metric's value. */
const monthIndex = (v: unknown): number | null | undefined => {
  const text =
    v === null || v === undefined
      ? ''
      : String(typeof v === 'object' && 'v' in v ? (v as { v: unknown }).v : v);
  if (text === 'never') return null;
  const m = MONTH.exec(text);
  return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : undefined;
};
const monthText = (i: number): string =>
  `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** A metric whose values are months (YYYY-MM) or `never`, one of them a month: net_deflation_from, emission_runs_out. */
function monthMetric(c: Column, rows: readonly Row[]): (number | null)[] | undefined {
  const xs = rows.map((r) => monthIndex(r[c.key]));
  if (xs.some((x) => x === undefined) || !xs.some((x) => typeof x === 'number')) return undefined;
  return xs as (number | null)[];
}

/** points: a line per metric over one parameter, a heatmap over two; nothing for three or more, or for sensitivity runs. */
export function pointsChart(report: Report, t: LoadedTable): ChartSpec | undefined {
  if (t.rows.length === 0 || report.tables.some((x) => x.name === 'sensitivity')) return undefined;
  const axisCount = axisCountOf(report, t);
  const params = t.columns.slice(0, axisCount).map((c) => c.key);
  const metricKeys = t.columns.slice(axisCount).map((c) => c.key);
  const metrics = numericMetrics(t.columns.slice(axisCount), t.rows, report.decimals, metricKeys);
  if (params.length === 2) {
    // The first metric with numbers or months colours the grid.
    for (const c of t.columns.slice(axisCount)) {
      const m = metrics.find((x) => x.column.key === c.key);
      if (m) return heatmap(report, t, params as [string, string], m, metricKeys);
      const months = monthMetric(c, t.rows);
      if (months) return monthHeatmap(report, t, params as [string, string], c, months, metricKeys);
    }
    return undefined;
  }
  if (metrics.length === 0) return undefined;
  if (params.length === 1) return lineChart(report, t, params[0]!, metrics, metricKeys);
  return undefined;
}

/**
 * A heatmap of a month metric: colour by the month (earlier: darker), `never` (within the horizon)
 * as a grey cell, each cell labelled with its month or `never`.
 */
function monthHeatmap(
  report: Report,
  t: LoadedTable,
  [px, py]: [string, string],
  c: Column,
  months: (number | null)[],
  all: string[],
): ChartSpec {
  const xs = [...new Set(t.rows.map((r) => String(r[px])))];
  const ys = [...new Set(t.rows.map((r) => String(r[py])))];
  const values = t.rows.map((r, i) => ({
    x: String(r[px]),
    y: String(r[py]),
    month: months[i],
    label: months[i] === null ? 'never' : monthText(months[i] as number),
  }));
  const distinct = [...new Set(months.filter((m): m is number => m !== null))].sort(
    (a, b) => a - b,
  );
  // At most 8 legend labels, the first and the last among them.
  const step = Math.ceil(distinct.length / 8);
  const ticks = distinct.filter((_, i) => i % step === 0 || i === distinct.length - 1);
  const never = months.some((m) => m === null);
  const labels = xs.length * ys.length <= 400;
  const f = frame(
    report,
    `Sweep of ${String(report.params.command ?? 'a command')}: ${c.key} over ${px} × ${py}`,
  );
  const others = all.length > 1 ? `; colour: ${c.key} (another: --metric NAME first)` : '';
  return {
    ...withSubtitleNote(
      f,
      `${others}; earlier months darker${never ? '; grey: never within the horizon' : ''}`,
    ),
    data: { values },
    encoding: {
      x: { field: 'x', type: 'ordinal', title: px, sort: xs, axis: { labelAngle: 0 } },
      y: { field: 'y', type: 'ordinal', title: py, sort: [...ys].reverse() },
    },
    layer: [
      {
        transform: [{ filter: 'datum.month !== null' }],
        mark: { type: 'rect' },
        encoding: {
          color: {
            field: 'month',
            type: 'quantitative',
            title: 'month',
            scale: {
              scheme: 'viridis',
              ...(distinct.length === 1 ? { domain: [distinct[0]! - 1, distinct[0]! + 1] } : {}),
            },
            legend: {
              orient: 'right',
              values: ticks,
              labelExpr:
                "floor(datum.value / 12) + '-' + (datum.value % 12 < 9 ? '0' : '') + (datum.value % 12 + 1)",
            },
          },
        },
      },
      ...(never
        ? [
            {
              transform: [{ filter: 'datum.month === null' }],
              mark: { type: 'rect', color: '#d9d9d9' },
            },
          ]
        : []),
      ...(labels
        ? [
            {
              mark: { type: 'text', fontSize: 11 },
              encoding: {
                text: { field: 'label', type: 'nominal' },
                color: {
                  condition: {
                    test: `datum.month === null || datum.month > ${(distinct[0]! + distinct[distinct.length - 1]!) / 2}`,
                    value: 'black',
                  },
                  value: 'white',
                },
              },
            },
          ]
        : []),
    ],
  } as unknown as ChartSpec;
}

/** The sweep's varied paths lead its columns: as many as the JSON params' `vary` lists. */
function axisCountOf(report: Report, t: LoadedTable): number {
  const vary = report.params.vary;
  if (Array.isArray(vary)) return vary.length;
  // Without the echo (a report built in code): the leading text columns whose name is a --set path.
  let n = 0;
  while (n < t.columns.length && t.columns[n]!.kind === 'text' && t.columns[n]!.key.includes('.'))
    n++;
  return n;
}

function lineChart(
  report: Report,
  t: LoadedTable,
  param: string,
  metrics: { column: Column; values: number[] }[],
  all: string[],
): ChartSpec {
  const texts = t.rows.map((r) => String(r[param]));
  const nums = texts.map(paramNumber);
  const numeric = nums.every((n) => n !== undefined);
  const percent = texts.every((s) => s.trim().endsWith('%'));
  const x = numeric
    ? {
        field: 'x',
        type: 'quantitative',
        title: param,
        scale: { zero: false },
        axis: {
          format: percent ? '.3~%' : isUsdPath(param) ? '$,.4~s' : ',.4~r',
          ...(texts.length <= 12 ? { values: nums } : {}),
        },
      }
    : {
        field: 'x',
        type: 'ordinal',
        title: param,
        sort: [...new Set(texts)].map((x) => paramLabel(param, x)),
        axis: { labelAngle: 0 },
      };
  const drawn = metrics.slice(0, MAX_PANELS);
  const colours = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948'];
  return {
    ...withSubtitleNote(
      stackedFrame(
        report,
        `Sweep of ${String(report.params.command ?? 'a command')} over ${param}: each metric against it`,
      ),
      leftOut(
        all,
        drawn.map((m) => m.column.key),
      ),
    ),
    vconcat: drawn.map((m, k) => {
      const s = scaleOf(m.column, m.values);
      return {
        width: WIDTH,
        height: drawn.length > 2 ? 140 : 190,
        data: {
          values: m.values.map((v, i) => ({
            x: numeric ? nums[i] : paramLabel(param, texts[i]),
            value: round(v / s.div),
            metric: m.column.key,
          })),
        },
        // The metric names its panel (a long rotated axis title would push the panels apart).
        title: { text: s.title, anchor: 'start', fontSize: 12 },
        mark: {
          type: 'line',
          strokeWidth: 2,
          color: colours[k % colours.length],
          point: { color: colours[k % colours.length] },
        },
        encoding: {
          x,
          y: {
            field: 'value',
            type: 'quantitative',
            title: s.unit,
            scale: { zero: false },
            axis: { format: s.format },
          },
        },
      };
    }),
  } as unknown as ChartSpec;
}

/** A --vary path whose values are US dollars (`projection.revenue.startUsd`). */
const isUsdPath = (path: string): boolean => /usd$/i.test(path);
/** A parameter value as an axis or bar label: a USD path's values with their `$`. */
const paramLabel = (path: string, v: unknown): string => {
  const text = String(v);
  return isUsdPath(path) && !text.startsWith('$') ? `$${text}` : text;
};

/** Thousands, millions or billions, whichever keeps the largest value readable. */
const bigUnit = (max: number): { div: number; word: string } =>
  max >= 1e9
    ? { div: 1e9, word: 'billion' }
    : max >= 1e6
      ? { div: 1e6, word: 'million' }
      : max >= 1e4
        ? { div: 1e3, word: 'thousand' }
        : { div: 1, word: '' };

/**
 * A heatmap's scale: one precision for every cell — the decimals that give the largest value
 * 3 significant digits and the smallest non-zero one 2 (at most 6) — and USD in thousands,
 * millions or billions with its `$`.
 */
function cellScale(c: Column, values: number[]): MetricScale {
  const s = scaleOf(c, values);
  const max = Math.max(...values.map(Math.abs));
  const u = c.kind === 'usd' ? bigUnit(max) : undefined;
  const div = u ? u.div : s.div;
  const unit = u ? (u.word ? `${u.word} USD` : 'USD') : s.unit;
  const title = u ? `${c.key} (${unit})` : s.title;
  const pct = c.kind === 'pct';
  const shown = values.map((v) => Math.abs((v / div) * (pct ? 100 : 1))).filter((v) => v > 0);
  const dp = shown.length
    ? Math.min(
        6,
        Math.max(
          0,
          2 - Math.floor(Math.log10(Math.max(...shown))),
          1 - Math.floor(Math.log10(Math.min(...shown))),
        ),
      )
    : 0;
  const format = c.kind === 'usd' ? `$,.${dp}f` : pct ? `.${dp}%` : `,.${dp}f`;
  return { div, title, unit, format };
}

function heatmap(
  report: Report,
  t: LoadedTable,
  [px, py]: [string, string],
  m: { column: Column; values: number[] },
  all: string[],
): ChartSpec {
  const s = cellScale(m.column, m.values);
  const xs = [...new Set(t.rows.map((r) => paramLabel(px, r[px])))];
  const ys = [...new Set(t.rows.map((r) => paramLabel(py, r[py])))];
  // Fields x and y: Vega-Lite would read a dotted path (buyback.revenueShare) as nested fields.
  const values = t.rows.map((r, i) => ({
    x: paramLabel(px, r[px]),
    y: paramLabel(py, r[py]),
    value: round(m.values[i]! / s.div),
  }));
  const labels = xs.length * ys.length <= 400;
  const f = frame(
    report,
    `Sweep of ${String(report.params.command ?? 'a command')}: ${s.title} over ${px} × ${py}`,
  );
  return {
    ...withSubtitleNote(
      f,
      all.length > 1
        ? `; colour: the first metric with numbers, ${m.column.key} (another: --metric NAME first)`
        : '',
    ),
    data: { values },
    encoding: {
      x: { field: 'x', type: 'ordinal', title: px, sort: xs, axis: { labelAngle: 0 } },
      y: { field: 'y', type: 'ordinal', title: py, sort: [...ys].reverse() },
    },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: {
            field: 'value',
            type: 'quantitative',
            title: s.unit,
            scale: { scheme: 'viridis' },
            legend: { orient: 'right', format: s.format },
          },
        },
      },
      ...(labels
        ? [
            {
              mark: { type: 'text', fontSize: 11 },
              encoding: {
                text: { field: 'value', type: 'quantitative', format: s.format },
                color: {
                  condition: {
                    test: `datum.value > ${midpoint(values.map((v) => v.value))}`,
                    value: 'black',
                  },
                  value: 'white',
                },
              },
            },
          ]
        : []),
    ],
  } as unknown as ChartSpec;
}

const midpoint = (xs: number[]): number => (Math.min(...xs) + Math.max(...xs)) / 2;

/** sensitivity: a tornado per metric — from the file's value, a bar to the metric at each parameter's low and at its high. */
export function tornadoChart(report: Report, t: LoadedTable): ChartSpec | undefined {
  if (t.rows.length === 0) return undefined;
  const points = report.tables.find((x) => x.name === 'points');
  const base = points && Array.isArray(points.rows) ? (points.rows as Row[])[0] : undefined;
  const order = [...new Set(t.rows.map((r) => String(r.metric)))];
  const d = report.decimals;
  const panels: Record<string, unknown>[] = [];
  const drawnKeys: string[] = [];
  for (const key of order) {
    if (panels.length === MAX_PANELS) break;
    const rows = t.rows.filter((r) => r.metric === key);
    const column = points?.columns.find((c) => c.key === key) ?? { key, kind: 'number' as const };
    const num = (c: unknown) => plotValue(c as Row[string], column, d);
    const lows = rows.map((r) => num(r.metric_at_low));
    const highs = rows.map((r) => num(r.metric_at_high));
    const b = base ? num(base[key]) : null;
    if (b === null || [...lows, ...highs].some((v) => v === null)) continue;
    const s = scaleOf(column, [b, ...(lows as number[]), ...(highs as number[])]);
    const label = (r: Row) => {
      const p = String(r.parameter);
      return `${p} (${paramLabel(p, r.low)} → ${paramLabel(p, r.high)})`;
    };
    const labels = rows.map(label);
    const values = rows.flatMap((r, i) => [
      {
        parameter: labels[i],
        end: 'at the low value',
        base: round(b / s.div),
        value: round((lows[i] as number) / s.div),
      },
      {
        parameter: labels[i],
        end: 'at the high value',
        base: round(b / s.div),
        value: round((highs[i] as number) / s.div),
      },
    ]);
    drawnKeys.push(key);
    panels.push({
      width: WIDTH,
      height: Math.max(60, 34 * rows.length),
      layer: [
        {
          data: { values },
          mark: { type: 'bar', height: { band: 0.7 } },
          encoding: {
            y: {
              field: 'parameter',
              type: 'nominal',
              sort: labels,
              title: null,
              axis: { labelLimit: 320 },
            },
            x: {
              field: 'base',
              type: 'quantitative',
              title: `${s.title}; dashed: the file's value, ${Number((b / s.div).toPrecision(4)).toLocaleString('en-US')}`,
              scale: { zero: false },
              axis: { format: s.format },
            },
            x2: { field: 'value' },
            color: {
              field: 'end',
              type: 'nominal',
              title: null,
              scale: {
                domain: ['at the low value', 'at the high value'],
                range: ['#4e79a7', '#f28e2b'],
              },
              legend: { orient: 'top' },
            },
            yOffset: { field: 'end', sort: ['at the low value', 'at the high value'] },
          },
        },
        {
          data: { values: [{ base: round(b / s.div) }] },
          mark: { type: 'rule', color: '#333', strokeDash: [4, 3] },
          encoding: { x: { field: 'base', type: 'quantitative' } },
        },
      ],
    });
  }
  if (panels.length === 0) return undefined;
  const all = order;
  return {
    ...withSubtitleNote(
      stackedFrame(
        report,
        `Which parameter matters: ${String(report.params.command ?? 'a command')}, one parameter at a time at its low and high (ranked by swing)`,
      ),
      leftOut(all, drawnKeys),
    ),
    vconcat: panels,
  } as unknown as ChartSpec;
}

/** The charts of sweep's tables, by table name. */
export const CHARTS = { points: pointsChart, sensitivity: tornadoChart };
