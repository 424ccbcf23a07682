/** Terminal line charts (asciichart), several series on one axis, in millions of tokens. */
import asciichart from 'asciichart';

const PALETTE = [asciichart.blue, asciichart.red, asciichart.green, asciichart.yellow, asciichart.cyan];

/** Draw series of equal length, sampled down to `width` points; a legend below. */
export function drawChart(series: { label: string; values: number[] }[], opts: { color: boolean; width?: number; height?: number }): string {
  const width = opts.width ?? 72;
  const n = series[0]?.values.length ?? 0;
  const step = Math.max(1, Math.ceil(n / width));
  const sample = (v: number[]) => v.filter((_, i) => i % step === 0 || i === n - 1).map((x) => x / 1e6);
  const data = series.map((s) => sample(s.values));
  const plot = asciichart.plot(data, {
    height: opts.height ?? 14,
    colors: opts.color ? data.map((_, i) => PALETTE[i % PALETTE.length]) : undefined,
    format: (x) => `${x.toFixed(0).padStart(8)}M `,
  });
  const legend = series.map((s, i) => (opts.color ? `${PALETTE[i % PALETTE.length]}━━${asciichart.reset} ${s.label}` : s.label)).join(opts.color ? '   ' : ', ');
  return `${plot}\n${' '.repeat(10)}${legend} (millions of tokens; one column = ${step} month${step > 1 ? 's' : ''})`;
}
