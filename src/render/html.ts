/**
 * html: one self-contained page — title, inline SVG chart, every table with its notes, a small
 * inline stylesheet; nothing loaded from elsewhere (no script, font, image or link), so it opens
 * offline. Cells print as in the table and md views (./cells.ts).
 */
import type { Report, Row, Table } from '../core/table.js';
import type { Sink } from './sink.js';
import { drawLineChart } from './terminal-chart.js';
import { displayText, isNumeric } from '../core/cells.js';
import { allRows } from '../core/rows.js';
import { chartOf } from './charts.js';
import { drawSvg } from './draw.js';

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One part of a page: a heading, optional words, the chart (inline SVG) and the tables. */
export interface HtmlSection {
  heading?: string;
  intro?: string;
  svg?: string;
  report: Report;
}

const STYLE = `
body { font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #222; max-width: 1100px; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.5em; margin-bottom: .2em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ddd; } h3 { font-size: 1.05em; margin: 1.4em 0 .4em; }
.meta { color: #666; margin-top: 0; } figure { margin: 1em 0; overflow-x: auto; } figure svg { max-width: 100%; height: auto; }
.scroll { display: inline-block; max-width: 100%; overflow-x: auto; max-height: 36em; overflow-y: auto; border: 1px solid #eee; }
table { border-collapse: collapse; font-size: 12.5px; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 8px; border-bottom: 1px solid #eee; white-space: nowrap; } th { background: #f6f6f6; position: sticky; top: 0; text-align: left; }
td.n, th.n { text-align: right; } tfoot td { font-weight: bold; border-top: 2px solid #ccc; }
ul.notes { color: #555; font-size: 12.5px; max-width: 60em; } nav a { margin-right: 1em; }
@media print { .scroll { max-height: none; overflow: visible; } }`;

async function tableHtml(report: Report, t: Table): Promise<string> {
  const d = report.decimals;
  const cls = (numeric: boolean) => (numeric ? ' class="n"' : '');
  const cells = (r: Row) =>
    t.columns
      .map((c) => `<td${cls(isNumeric(c))}>${escapeHtml(displayText(r[c.key], c, d))}</td>`)
      .join('');
  const rows = await allRows(t);
  const out = [
    `<h3 id="${escapeHtml(`${report.command}-${t.name}`)}">${escapeHtml(t.title ?? t.name)}</h3>`,
    `<div class="scroll"><table data-table="${escapeHtml(t.name)}">`,
    `<thead><tr>${t.columns.map((c) => `<th${cls(isNumeric(c))}>${escapeHtml(c.key)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((r) => `<tr>${cells(r)}</tr>`),
    '</tbody>',
    ...(t.totals ? [`<tfoot><tr>${cells(t.totals)}</tr></tfoot>`] : []),
    '</table></div>',
  ];
  if (t.notes?.length)
    out.push(`<ul class="notes">${t.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
  return out.join('\n');
}

/** A section's HTML: heading, intro, chart and tables. */
export async function sectionHtml(s: HtmlSection): Promise<string> {
  const parts: string[] = [];
  if (s.heading)
    parts.push(`<h2 id="${escapeHtml(slug(s.heading))}">${escapeHtml(s.heading)}</h2>`);
  if (s.intro) parts.push(`<p>${escapeHtml(s.intro)}</p>`);
  if (s.svg) parts.push(`<figure>${s.svg}</figure>`);
  for (const t of s.report.tables) parts.push(await tableHtml(s.report, t));
  for (const c of s.report.lineCharts ?? [])
    parts.push(`<pre>${escapeHtml(drawLineChart(c, false))}</pre>`);
  return parts.join('\n');
}

export const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** A whole page: title, a line saying where the figures come from, optional contents, then the sections. */
export function page(title: string, meta: string, body: string[], nav?: string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}\n</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">${escapeHtml(meta)}</p>`,
    ...(nav?.length
      ? [
          `<nav>${nav.map((h) => `<a href="#${escapeHtml(slug(h))}">${escapeHtml(h)}</a>`).join(' ')}</nav>`,
        ]
      : []),
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The chart of a view as inline SVG, or undefined when the view has none. */
export async function chartSvg(report: Report, table?: string): Promise<string | undefined> {
  const spec = await chartOf(report, table);
  return spec ? drawSvg(spec) : undefined;
}

/** The page of a report: the chart of `table` (else the main table) and the tables of `shown` (the report as --table/--columns narrow it). */
export async function renderHtml(
  report: Report,
  shown: Report,
  sink: Sink,
  table?: string,
): Promise<void> {
  const svg = await chartSvg(report, table);
  const main = shown.tables[0];
  const title = main?.title ?? `ai-econ ${report.command}`;
  const body = await sectionHtml({ svg, report: shown });
  await sink.write(
    page(
      title,
      `ai-econ ${report.command} — parameters: ${String(report.params.config ?? 'built-in')}`,
      [body],
    ),
  );
}
