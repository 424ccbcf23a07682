/** GitHub-flavoured Markdown: a heading, a table with numbers right-aligned, notes as a list. Rows stream in chunks, like csv. */
import type { Report } from '../core/table.js';
import { escapeControl } from '../core/text.js';
import type { Sink } from './sink.js';
import { drawLineChart } from './terminal-chart.js';
import { displayText, isNumeric } from '../core/cells.js';
import { eachChunk } from '../core/rows.js';

// Backslashes and pipes escaped; line breaks (also a lone CR) become spaces; other control characters visible escapes.
const esc = (s: string): string =>
  escapeControl(
    s
      .replace(/\\/g, '\\\\')
      .replace(/\|/g, '\\|')
      .replace(/\r\n?|\n/g, ' '),
  );

export async function renderMd(report: Report, sink: Sink): Promise<void> {
  for (const [i, t] of report.tables.entries()) {
    const head: string[] = [];
    if (i) head.push('');
    head.push(`### ${esc(t.title ?? t.name)}`, '');
    head.push(`| ${t.columns.map((c) => esc(c.key)).join(' | ')} |`);
    head.push(`|${t.columns.map((c) => (isNumeric(c) ? ' ---: ' : ' --- ')).join('|')}|`);
    await sink.write(head.join('\n') + '\n');
    const line = (r: Record<string, unknown>, bold = false) =>
      `| ${t.columns
        .map((c) => {
          const s = esc(displayText(r[c.key] as never, c, report.decimals));
          return bold && s ? `**${s}**` : s;
        })
        .join(' | ')} |\n`;
    for await (const chunk of eachChunk(t)) {
      let text = '';
      for (const r of chunk) text += line(r);
      await sink.write(text);
    }
    const tail: string[] = [];
    if (t.totals) tail.push(line(t.totals, true).slice(0, -1));
    if (t.notes?.length) tail.push('', ...t.notes.map((n) => `- ${esc(n)}`));
    if (tail.length) await sink.write(tail.join('\n') + '\n');
  }
  for (const c of report.lineCharts ?? [])
    await sink.write(`\n\`\`\`text\n${drawLineChart(c, false)}\n\`\`\`\n`);
}
