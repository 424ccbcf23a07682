/** Terminal tables: cli-table3 layout, chalk colour (off for NO_COLOR, --no-color or a non-TTY). */
import Table3 from 'cli-table3';
import type { Report } from '../../core/table.js';
import type { Sink } from '../output.js';
import { displayText, isNumeric } from './cells.js';
import { allRows } from './rows.js';

export async function renderTable(report: Report, sink: Sink, opts: { colorLevel: 0 | 1 | 2 | 3; width?: number }): Promise<void> {
  // chalk loads only when there is colour to draw.
  const plain = (x: string) => x;
  const c = opts.colorLevel > 0 ? new (await import('chalk')).Chalk({ level: opts.colorLevel }) : { bold: plain, cyan: plain, dim: plain };
  for (const [i, t] of report.tables.entries()) {
    const out: string[] = [];
    if (i) out.push('');
    out.push(c.bold(t.title ?? t.name));
    const grid = new Table3({
      head: t.columns.map((col) => c.cyan(col.key)),
      colAligns: t.columns.map((col) => (isNumeric(col) ? 'right' : 'left')),
      style: { head: [], border: [], compact: true },
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    });
    const rows = await allRows(t);
    for (const r of rows) grid.push(t.columns.map((col) => displayText(r[col.key], col, report.decimals)));
    if (t.totals) grid.push(t.columns.map((col) => c.bold(displayText(t.totals![col.key], col, report.decimals))));
    out.push(grid.toString());
    const wrap = t.notes?.length && opts.width ? (await import('wrap-ansi')).default : undefined;
    for (const n of t.notes ?? []) out.push(c.dim(wrap ? wrap(n, opts.width!, { hard: true }) : n));
    await sink.write(out.join('\n') + '\n');
  }
  for (const chart of report.charts ?? []) await sink.write(`\n${chart}\n`);
}
