/**
 * `ai-econ report` pages: one self-contained HTML page (inline SVG charts, tables, notes), or
 * Markdown with the charts as SVG files beside it (for a repository wiki).
 */
import type { EconomyReport } from '../commands/report/build.js';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../core/errors.js';
import { fileSink, type Sink } from '../runtime/output.js';
import { chartSvg, page, sectionHtml } from './html.js';
import { renderMd } from './md.js';

/** A sink that keeps what is written, for renderers that build a larger document. */
export function textSink(): Sink & { text(): string } {
  let buf = '';
  return {
    isTTY: false,
    write: (c) => void (buf += c),
    close: async () => {},
    abort: async () => {},
    text: () => buf,
  };
}

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
    const sink = textSink();
    await renderMd({ ...s.report, charts: undefined }, sink);
    out.push(sink.text());
  }
  const skipped = skippedLine(r);
  if (skipped) out.push(`_${skipped}_`, '');
  return [{ name: 'report.md', text: out.join('\n') }, ...files];
}

/** Write files into a folder (created if missing), each atomically. */
export async function writeFiles(
  dir: string,
  files: { name: string; text: string }[],
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const f of files) {
    const sink = fileSink(join(dir, f.name));
    try {
      await sink.write(f.text);
      await sink.close();
    } catch (e) {
      await sink.abort();
      throw e;
    }
  }
}

/** Check up front that -o names a folder that exists, or a new one whose parent exists. */
export function checkFolder(dir: string): void {
  const st = (p: string) => {
    try {
      return statSync(p);
    } catch {
      return undefined;
    }
  };
  const s = st(dir);
  if (s && !s.isDirectory())
    throw new InputError(
      `option -o, --output: ${dir} is a file; -f md writes a folder (report.md and SVG files)`,
    );
  if (!s && !st(dirname(dir))?.isDirectory())
    throw new InputError(
      `option -o, --output: cannot create folder ${dir}: ${dirname(dir)} does not exist`,
    );
}
