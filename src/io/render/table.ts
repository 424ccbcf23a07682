/** Terminal tables: cli-table3 layout, chalk colour (off for NO_COLOR, --no-color or a non-TTY). */
import Table3 from 'cli-table3';
import type { Report } from '../../core/table.js';
import type { Sink } from '../output.js';
import { displayText, isNumeric } from './cells.js';
import { allRows } from './rows.js';
import { escapeControl } from '../../core/text.js';
import { InputError } from '../../core/errors.js';

/** The table view lays rows out whole; above this many, csv/json/md (which stream) are the way. */
export const TABLE_ROW_LIMIT = 2000;

export async function renderTable(report: Report, sink: Sink, opts: { colorLevel: 0 | 1 | 2 | 3 }): Promise<void> {
  // chalk loads only when there is colour to draw.
  const plain = (x: string) => x;
  const c = opts.colorLevel > 0 ? new (await import('chalk')).Chalk({ level: opts.colorLevel }) : { bold: plain, cyan: plain, dim: plain };
  for (const [i, t] of report.tables.entries()) {
    const out: string[] = [];
    if (i) out.push('');
    out.push(c.bold(escapeControl(t.title ?? t.name)));
    const grid = new Table3({
      head: t.columns.map((col) => c.cyan(escapeControl(col.key))),
      colAligns: t.columns.map((col) => (isNumeric(col) ? 'right' : 'left')),
      style: { head: [], border: [], compact: true },
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    });
    const rows = await allRows(t, TABLE_ROW_LIMIT);
    if (rows.length > TABLE_ROW_LIMIT) {
      throw new InputError(`the table view shows at most ${TABLE_ROW_LIMIT.toLocaleString('en-US')} rows and ${t.name} has more: use -f csv, -f json or -f md (they stream), or fewer rows`);
    }
    for (const r of rows) grid.push(t.columns.map((col) => displayText(r[col.key], col, report.decimals)));
    if (t.totals) grid.push(t.columns.map((col) => c.bold(displayText(t.totals![col.key], col, report.decimals))));
    out.push(grid.toString());
    for (const n of t.notes ?? []) out.push(c.dim(escapeControl(n)));
    await sink.write(out.join('\n') + '\n');
  }
  for (const chart of report.charts ?? []) await sink.write(`\n${chart}\n`);
}
