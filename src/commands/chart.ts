/**
 * Shared pieces of the Vega-Lite chart specs: plot values from table cells (exact bigint and
 * rational cells become floats here, for drawing only), human token units, the common frame
 * (title naming the parameter file, 800×400, tableau10 colours) and UTC date axes.
 */
import type { TopLevelSpec } from 'vega-lite';
import { formatUnits } from '../core/amount.js';
import { toNumber } from '../core/rational.js';
import type { Cell, Column, Report, Row, Table } from '../core/table.js';
import { isRational, untype } from '../core/cells.js';

export type ChartSpec = TopLevelSpec;
/** A table whose rows have been read into memory. */
export type LoadedTable = Omit<Table, 'rows'> & { rows: Row[] };
/** Builds a command view's chart from its (main) table; undefined when there is nothing to draw. */
export type ChartBuilder = (report: Report, table: LoadedTable) => ChartSpec | undefined;

export const WIDTH = 800;
export const HEIGHT = 400;

/** A cell as a number to plot: tokens in whole tokens, rationals and percents as fractions. */
export function plotValue(cell: Cell, column: Column, decimals: number): number | null {
  const [c, col] = untype(cell, column);
  if (c === null || c === undefined) return null;
  if (typeof c === 'number') return Number.isFinite(c) ? c : null;
  if (typeof c === 'bigint')
    return col.kind === 'token' ? Number(formatUnits(c, decimals)) : Number(c);
  if (isRational(c)) return toNumber(c);
  const n = Number(c);
  return Number.isFinite(n) ? n : null;
}

/** The value of `key` in a row, using the table's column for its kind. */
export function value(t: LoadedTable, row: Row, key: string, decimals: number): number | null {
  const column = t.columns.find((c) => c.key === key) ?? { key, kind: 'number' as const };
  return plotValue(row[key], column, decimals);
}

export interface TokenUnit {
  /** Divide whole tokens by this to plot. */
  div: number;
  /** Axis words, e.g. "billion tokens". */
  label: string;
}

/** Billions or millions of tokens, whichever keeps the largest value readable (plain tokens below a million). */
export function tokenUnit(max: number): TokenUnit {
  const a = Math.abs(max);
  if (a >= 1e9) return { div: 1e9, label: 'billion tokens' };
  if (a >= 1e6) return { div: 1e6, label: 'million tokens' };
  return { div: 1, label: 'tokens' };
}

/** Round a plotted number so specs stay small and stable (9 significant digits: cents of thousands of USD). */
export const round = (x: number): number => (x === 0 ? 0 : Number(x.toPrecision(9)));

/** Where the figures come from: the parameter file of the report. */
export const source = (report: Report): string =>
  String(report.params.config ?? 'built-in parameters');

/** The frame every chart shares (`note`: words after the subtitle's source). */
export function frame(report: Report, title: string, note?: string): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: title,
      subtitle: `ai-econ ${report.command} — ${source(report)}${note ? `; ${note}` : ''}`,
      anchor: 'start',
    },
    width: WIDTH,
    height: HEIGHT,
    background: 'white',
    padding: 8,
    config: {
      range: { category: { scheme: 'tableau10' } },
      font: 'Helvetica, Arial, sans-serif',
      title: { fontSize: 15, subtitleFontSize: 11, subtitleColor: '#555' },
      axis: { labelFontSize: 11, titleFontSize: 12 },
      // Legends readable when a page shows the chart narrower than 800 pixels (the report).
      legend: {
        labelFontSize: 13,
        titleFontSize: 13,
        symbolSize: 160,
        labelLimit: 260,
        titleLimit: 480,
      },
    },
  };
}

/** The frame of panels stacked one above the other (vconcat): width and height go on each panel, not on the whole. */
export function stackedFrame(report: Report, title: string): Record<string, unknown> {
  const { width: _w, height: _h, ...rest } = frame(report, title);
  return { ...rest, spacing: 24 };
}

/** A date (YYYY-MM-DD or YYYY-MM) x axis, read and printed in UTC whatever the machine's time zone. */
export function dateX(field: string, title: string, format = '%b %Y'): Record<string, unknown> {
  return {
    field,
    type: 'temporal',
    title,
    scale: { type: 'utc' },
    axis: { format, labelAngle: 0, tickCount: 8 },
  };
}

/** A colour channel with tableau10 and the given order of categories. */
export const colour = (
  field: string,
  title: string,
  domain?: string[],
): Record<string, unknown> => ({
  field,
  type: 'nominal',
  title,
  ...(domain ? { scale: { domain }, sort: domain } : {}),
  legend: { orient: 'top', direction: 'horizontal', columns: 0 },
});

/** Format for axis labels of plotted numbers with thousands separators. */
export const NUMBER_FORMAT = ',.4~r';
export const USD_FORMAT = '$,.4~s';

/** The legend of a fan's series: solid line swatches (the band's pale fill would be the swatch). */
export const FAN_LEGEND = {
  symbolType: 'stroke',
  symbolOpacity: 1,
  symbolStrokeWidth: 3,
};

/**
 * A band narrower than this share of its panel's height cannot be seen: the panel says so.
 */
export const NARROW_BAND = 0.02;

/**
 * When a p5–p95 band is too thin to see on its axis, the words that say how wide it is at most
 * (`p5–p95 within 0.8% of the median: too narrow to see`); else undefined.
 */
export function narrowBandNote(
  points: readonly { p5: number; p50: number; p95: number }[],
  zero = true,
): string | undefined {
  if (points.length === 0) return undefined;
  const top = Math.max(...points.map((p) => p.p95));
  const bottom = zero
    ? Math.min(0, ...points.map((p) => p.p5))
    : Math.min(...points.map((p) => p.p5));
  const range = top - bottom;
  const widest = Math.max(...points.map((p) => p.p95 - p.p5));
  if (!(range > 0) || widest / range >= NARROW_BAND) return undefined;
  const rel = Math.max(...points.map((p) => (p.p50 ? (p.p95 - p.p5) / Math.abs(p.p50) : 0)));
  return `p5–p95 band at most ${Number((rel * 100).toPrecision(2))}% of the median wide: too narrow to see at this scale`;
}
