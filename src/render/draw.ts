/** Vega-Lite spec -> SVG, headless (no canvas, no browser, no network). Vega loads only here, on first use. */
import type { ChartSpec } from '../commands/chart.js';
import { vegaTextWidth } from './text-width.js';

export async function drawSvg(spec: ChartSpec): Promise<string> {
  // One after the other: they share modules (and jest's ESM loader trips over parallel links).
  const vega = await import('vega');
  const vl = await import('vega-lite');
  // Widths of the charts' font, not vega's headless estimate (./text-width.ts).
  (vega as unknown as { textMetrics: { width: typeof vegaTextWidth } }).textMetrics.width =
    vegaTextWidth;
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
