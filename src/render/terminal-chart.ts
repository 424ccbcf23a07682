/**
 * Terminal line charts (asciichart), several series on one axis, in millions of tokens. In colour
 * each series has its colour; without colour each draws with its own symbol, so the chart reads
 * in a log file or on paper too.
 */
import asciichart from 'asciichart';
import type { LineChart } from '../core/table.js';

// Six colours before one repeats; a chart's last series (the total, where there is one) is drawn
// in the terminal's default colour so it never shares a category's.
const PALETTE = [
  asciichart.blue,
  asciichart.red,
  asciichart.green,
  asciichart.yellow,
  asciichart.cyan,
  asciichart.magenta,
];
const colourOf = (s: Series, i: number): string =>
  s.label === 'total' ? asciichart.default : PALETTE[i % PALETTE.length]!;
/** Plain-text symbols, one per series, when there is no colour. */
export const SYMBOLS = ['*', '+', 'o', 'x', '#', '@', '=', '%'];

export interface Series {
  label: string;
  values: number[];
}

/** Columns left of the plot: the axis labels (`   10000M `) and the axis itself. */
const AXIS_WIDTH = 11;

/**
 * Draw series of equal length in `width` columns at most (the axis included, default 80): more
 * points than fit are sampled down, fewer are stretched (each point a few columns) so a quarterly
 * chart is as wide as a monthly one; the legend below wraps at `width`.
 */
export function drawChart(
  series: Series[],
  opts: { color: boolean; width?: number; height?: number; period?: string },
): string {
  const width = Math.max(AXIS_WIDTH + 12, opts.width ?? 80);
  const room = width - AXIS_WIDTH;
  const n = series[0]?.values.length ?? 0;
  const step = Math.max(1, Math.ceil(n / room));
  const repeat = step === 1 && n > 1 ? Math.max(1, Math.floor((room - 1) / (n - 1))) : 1;
  const sample = (v: number[]) =>
    v
      .filter((_, i) => i % step === 0 || i === n - 1)
      .flatMap((x, i) => Array<number>(i === 0 ? 1 : repeat).fill(x / 1e6));
  const data = series.map((s) => sample(s.values));
  const config = {
    height: opts.height ?? 14,
    format: (x: number) => `${x.toFixed(0).padStart(8)}M `,
  };
  const period = opts.period ?? 'month';
  const unit =
    repeat > 1
      ? `(millions of tokens; ${repeat} columns = 1 ${period})`
      : `(millions of tokens; one column = ${step} ${period}${step > 1 ? 's' : ''})`;
  const plot = opts.color
    ? asciichart.plot(data, { ...config, colors: series.map(colourOf) })
    : overlay(data, config);
  const keys = series.map((s, i) =>
    opts.color
      ? { text: `${colourOf(s, i)}━━${asciichart.reset} ${s.label}`, width: s.label.length + 3 }
      : { text: `${SYMBOLS[i % SYMBOLS.length]} ${s.label}`, width: s.label.length + 2 },
  );
  return `${plot}\n${legendLines([...keys, { text: unit, width: unit.length }], width)}`;
}

/** Legend entries three spaces apart, on as many lines as `width` needs, under the plot. */
function legendLines(keys: { text: string; width: number }[], width: number): string {
  const indent = ' '.repeat(10);
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const k of keys) {
    if (used > 0 && 10 + used + 3 + k.width > width) {
      lines.push(indent + line);
      line = '';
      used = 0;
    }
    line += (used > 0 ? '   ' : '') + k.text;
    used += (used > 0 ? 3 : 0) + k.width;
  }
  if (used > 0) lines.push(indent + line);
  return lines.join('\n');
}

/**
 * One plot of every series on the same axis, each series' line drawn with its own symbol: each
 * series is plotted alone on the shared scale, and where its line passes its symbol is written.
 */
function overlay(
  data: number[][],
  config: { height: number; format: (x: number) => string },
): string {
  const all = data.flat();
  const scale = { ...config, min: Math.min(...all), max: Math.max(...all) };
  const axis = asciichart
    .plot(
      data[0]!.map(() => scale.min),
      scale,
    )
    .split('\n');
  const grid = axis.map((line) => [...line]);
  const start = axis.map((line) => Math.max(line.indexOf('┤'), line.indexOf('┼')) + 1);
  data.forEach((values, k) => {
    asciichart
      .plot(values, scale)
      .split('\n')
      .forEach((line, y) => {
        [...line].forEach((ch, x) => {
          if (!grid[y]) return;
          if (x >= start[y]! && ch !== ' ') grid[y]![x] = SYMBOLS[k % SYMBOLS.length]!;
          else if (x === start[y]! - 1 && ch === '┼') grid[y]![x] = ch; // a series' first value, marked on the axis
        });
      });
  });
  // The baseline series only drew the axis; wipe its line, keeping what the series wrote.
  return grid
    .map((chars, y) =>
      chars
        .map((ch, x) => (x >= start[y]! && !SYMBOLS.includes(ch) ? ' ' : ch))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * A report's line chart as text (colour: ANSI colours; otherwise one symbol per series), in
 * `width` columns (a terminal's; default 80).
 */
export const drawLineChart = (c: LineChart, color: boolean, width?: number): string =>
  drawChart(c.series, { color, period: c.period, ...(width ? { width } : {}) });
