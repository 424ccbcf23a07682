/** Terminal tables: cli-table3 layout, chalk colour (off for NO_COLOR, --no-color or a non-TTY). */
import Table3 from 'cli-table3';
import { strlen } from 'cli-table3/src/utils.js';
import type { Report } from '../core/table.js';
import type { Sink } from './sink.js';
import { displayText, isNumeric } from '../core/cells.js';
import { allRows } from '../core/rows.js';
import { wrapLines } from './wrap.js';
import { drawLineChart } from './terminal-chart.js';
import { escapeControl } from '../core/text.js';
import { InputError } from '../core/errors.js';

/** The table view lays rows out whole; above this many, csv/json/md (which stream) are the way. */
export const TABLE_ROW_LIMIT = 2000;

export async function renderTable(
  report: Report,
  sink: Sink,
  opts: { colorLevel: 0 | 1 | 2 | 3; width?: number },
): Promise<void> {
  // chalk loads only when there is colour to draw.
  const plain = (x: string) => x;
  const c =
    opts.colorLevel > 0
      ? new (await import('chalk')).Chalk({ level: opts.colorLevel })
      : { bold: plain, cyan: plain, dim: plain };
  for (const [i, t] of report.tables.entries()) {
    const out: string[] = [];
    if (i) out.push('');
    out.push(c.bold(escapeControl(t.title ?? t.name)));
    const head = t.columns.map((col) => c.cyan(escapeControl(col.key)));
    const rows = await allRows(t, TABLE_ROW_LIMIT);
    if (rows.length > TABLE_ROW_LIMIT) {
      throw new InputError(
        `the table view shows at most ${TABLE_ROW_LIMIT.toLocaleString('en-US')} rows and ${t.name} has more: use -f csv, -f json or -f md (they stream), or fewer rows`,
      );
    }
    const body = rows.map((r) =>
      t.columns.map((col) => displayText(r[col.key], col, report.decimals)),
    );
    if (t.totals)
      body.push(
        t.columns.map((col) => c.bold(displayText(t.totals![col.key], col, report.decimals))),
      );
    out.push(
      drawGrid(
        head,
        body,
        t.columns.map((col) => (isNumeric(col) ? 'right' : 'left')),
      ),
    );
    const notes = (t.notes ?? []).map(escapeControl);
    for (const n of notes.length && opts.width ? await wrapLines(notes, opts.width) : notes)
      out.push(c.dim(n));
    await sink.write(out.join('\n') + '\n');
  }
  for (const c of report.lineCharts ?? [])
    await sink.write(`\n${drawLineChart(c, opts.colorLevel > 0)}\n`);
}

/** Rows a cli-table3 grid draws at once (see drawGrid). */
export const GRID_ROWS = 16;
const NO_TOP = { top: '', 'top-left': '', 'top-mid': '', 'top-right': '' };
const NO_BOTTOM = { bottom: '', 'bottom-left': '', 'bottom-mid': '', 'bottom-right': '' };

/**
 * One compact cli-table3 grid (borders, no lines between rows), drawn GRID_ROWS rows at a time:
 * the column widths are measured once, as cli-table3 measures them, and every slice is drawn at
 * those widths, the first with the head and top border, the last with the bottom border, so the
 * slices join into exactly the one grid. cli-table3's layout compares each cell with every cell
 * above it, so a 120-row table drawn whole spends most of its time there.
 */
export function drawGrid(
  head: string[],
  body: string[][],
  colAligns: ('left' | 'right')[],
): string {
  const colWidths = head.map(
    (h, j) => body.reduce((w, r) => Math.max(w, strlen(r[j])), strlen(h)) + 2,
  );
  const slices: string[] = [];
  for (let i = 0; i === 0 || i < body.length; i += GRID_ROWS) {
    const grid = new Table3({
      head: i === 0 ? head : [],
      colWidths,
      colAligns,
      style: { head: [], border: [], compact: true },
      chars: {
        mid: '',
        'left-mid': '',
        'mid-mid': '',
        'right-mid': '',
        ...(i > 0 ? NO_TOP : {}),
        ...(i + GRID_ROWS < body.length ? NO_BOTTOM : {}),
      },
    });
    grid.push(...body.slice(i, i + GRID_ROWS));
    slices.push(grid.toString());
  }
  return slices.join('\n');
}
