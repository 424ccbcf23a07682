/**
 * `ai-econ report` pages: one self-contained HTML page (inline SVG charts, tables, notes), or
 * Markdown with the charts as SVG files beside it (for a repository wiki).
 */
import type { EconomyReport } from '../commands/report/build.js';
import { stringSink } from './sink.js';
import { chartSvg, page, sectionHtml } from './html.js';
import { renderMd } from './md.js';

const meta = (r: EconomyReport): string => `ai-econ report — parameters: ${r.source}`;
const skippedLine = (r: EconomyReport): string | undefined =>
  r.skipped.length ? `Not shown: ${r.skipped.join('; ')}.` : undefined;

export async function reportHtml(r: EconomyReport): Promise<string> {
  const body: string[] = [];
  for (const s of r.sections) {
    const svg = await chartSvg(s.chart ?? s.report);
    body.push(await sectionHtml({ heading: s.heading, intro: s.intro, svg, report: s.report }));
  }
  const skipped = skippedLine(r);
  if (skipped)
    body.push(`<p class="meta">${skipped.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`);
  return page(
    r.title,
    meta(r),
    body,
    r.sections.map((s) => s.heading),
  );
}

/** Markdown (report.md) and one SVG per charted section (`<id>.svg`), as files to write into a folder. */
export async function reportMd(r: EconomyReport): Promise<{ name: string; text: string }[]> {
  const files: { name: string; text: string }[] = [];
  const out: string[] = [`# ${r.title}`, '', `_${meta(r)}_`, ''];
  for (const s of r.sections) {
    out.push(`## ${s.heading}`, '');
    if (s.intro) out.push(s.intro, '');
    const svg = await chartSvg(s.chart ?? s.report);
    if (svg) {
      files.push({ name: `${s.id}.svg`, text: `${svg}\n` });
      out.push(`![${s.heading}](${s.id}.svg)`, '');
    }
    const sink = stringSink();
    await renderMd({ ...s.report, lineCharts: undefined }, sink);
    out.push(sink.text());
  }
  const skipped = skippedLine(r);
  if (skipped) out.push(`_${skipped}_`, '');
  return [{ name: 'report.md', text: out.join('\n') }, ...files];
}
