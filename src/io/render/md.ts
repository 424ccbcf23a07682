/** GitHub-flavoured Markdown: a heading, a table with numbers right-aligned, notes as a list. */
import type { Report } from '../../core/table.js';
import type { Sink } from '../output.js';
import { displayText, isNumeric } from './cells.js';
import { allRows } from './rows.js';

const esc = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export async function renderMd(report: Report, sink: Sink): Promise<void> {
  for (const [i, t] of report.tables.entries()) {
    const lines: string[] = [];
    if (i) lines.push('');
    lines.push(`### ${esc(t.title ?? t.name)}`, '');
    lines.push(`| ${t.columns.map((c) => esc(c.key)).join(' | ')} |`);
    lines.push(`|${t.columns.map((c) => (isNumeric(c) ? ' ---: ' : ' --- ')).join('|')}|`);
    const rows = await allRows(t);
    const line = (r: Record<string, unknown>, bold = false) =>
      `| ${t.columns
        .map((c) => {
          const s = esc(displayText(r[c.key] as never, c, report.decimals));
          return bold && s ? `**${s}**` : s;
        })
        .join(' | ')} |`;
    for (const r of rows) lines.push(line(r));
    if (t.totals) lines.push(line(t.totals, true));
    if (t.notes?.length) lines.push('', ...t.notes.map((n) => `- ${esc(n)}`));
    await sink.write(lines.join('\n') + '\n');
  }
  for (const chart of report.charts ?? []) await sink.write(`\n\`\`\`text\n${chart}\n\`\`\`\n`);
}
