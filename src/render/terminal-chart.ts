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
  s.label === 'total' ? asciichart.default : PALETTE[i % PALETTE.length];
/** Plain-text symbols, one per series, when there is no colour. */
export const SYMBOLS = ['*', '+', 'o', 'x', '#', '@', '=', '%'];

export interface Series {
  label: string;
  values: number[];
}

/** Draw series of equal length, sampled down to `width` points; a legend below. */
export function drawChart(
  series: Series[],
  opts: { color: boolean; width?: number; height?: number; period?: string },
): string {
  const width = opts.width ?? 72;
  const n = series[0]?.values.length ?? 0;
  const step = Math.max(1, Math.ceil(n / width));
  const sample = (v: number[]) =>
    v.filter((_, i) => i % step === 0 || i === n - 1).map((x) => x / 1e6);
  const data = series.map((s) => sample(s.values));
  const config = {
    height: opts.height ?? 14,
    format: (x: number) => `${x.toFixed(0).padStart(8)}M `,
  };
  const period = opts.period ?? 'month';
  const unit = ` (millions of tokens; one column = ${step} ${period}${step > 1 ? 's' : ''})`;
  if (opts.color) {
    const plot = asciichart.plot(data, {
      ...config,
      colors: series.map(colourOf),
    });
    const legend = series
      .map((s, i) => `${colourOf(s, i)}━━${asciichart.reset} ${s.label}`)
      .join('   ');
    return `${plot}\n${' '.repeat(10)}${legend}${unit}`;
  }
  const plot = overlay(data, config);
  const legend = series.map((s, i) => `${SYMBOLS[i % SYMBOLS.length]} ${s.label}`).join('   ');
  return `${plot}\n${' '.repeat(10)}${legend}${unit}`;
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
      data[0].map(() => scale.min),
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
          if (x >= start[y] && ch !== ' ') grid[y][x] = SYMBOLS[k % SYMBOLS.length];
          else if (x === start[y] - 1 && ch === '┼') grid[y][x] = ch; // a series' first value, marked on the axis
        });
      });
  });
  // The baseline series only drew the axis; wipe its line, keeping what the series wrote.
  return grid
    .map((chars, y) =>
      chars
        .map((ch, x) => (x >= start[y] && !SYMBOLS.includes(ch) ? ' ' : ch))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

/** A report's line chart as text (colour: ANSI colours; otherwise one symbol per series). */
export const drawLineChart = (c: LineChart, color: boolean): string =>
  drawChart(c.series, { color, period: c.period });
