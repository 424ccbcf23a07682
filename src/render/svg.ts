/** svg: the view's chart, drawn with Vega-Lite (a user error when the view has no chart). */
import type { Report } from '../core/table.js';
import type { Sink } from './sink.js';
import { requireChart } from './charts.js';
import { drawSvg } from './draw.js';

export async function renderSvg(report: Report, sink: Sink, table?: string): Promise<void> {
  const svg = await drawSvg(await requireChart(report, table));
  await sink.write(`${svg}\n`);
}
