/**
 * Terminal tables: cli-table3 layout, chalk colour (off for NO_COLOR, --no-color or a non-TTY).
 * Rows stream, any number of them, in linear time and constant memory: the columns' widths come
 * from the header, the totals and the first MEASURE_ROWS rows; a later row with a wider cell
 * closes the grid and opens a new one, with its header again, at the wider widths (a cell is
 * never cut).
 */
import Table3 from 'cli-table3';
import type { Column, Report, Row, Table } from '../core/table.js';
import type { Sink } from './sink.js';
import { displayText, isNumeric } from '../core/cells.js';
import { eachChunk } from '../core/rows.js';
import { wrapLines } from './wrap.js';
import { drawLineChart } from './terminal-chart.js';
import { escapeControl } from '../core/text.js';
import { cellText, chooseLayout, headText, layoutNotes, textWidth, wholeLayout } from './fit.js';

/** Rows read before the first is drawn: with the header and the totals, they set the widths. */
export const MEASURE_ROWS = 2048;

type Align = 'left' | 'right';

export interface TableViewOptions {
  colorLevel: 0 | 1 | 2 | 3;
  /** The width to fit (a terminal's, or $COLUMNS); undefined: every column as it is. */
  width?: number;
  /** Fit to `width` (compact numbers, fewer columns); false: every column (--wide, --columns). */
  fit?: boolean;
}

export async function renderTable(
  report: Report,
  sink: Sink,
  opts: TableViewOptions,
): Promise<void> {
  // chalk loads only when there is colour to draw.
  const plain = (x: string) => x;
  const c =
    opts.colorLevel > 0
      ? new (await import('chalk')).Chalk({ level: opts.colorLevel })
      : { bold: plain, cyan: plain, dim: plain };
  const d = report.decimals;
  for (const [i, t] of report.tables.entries()) {
    const chunks = eachChunk(t)[Symbol.asyncIterator]();
    const first: Row[] = [];
    let more = true;
    while (first.length < MEASURE_ROWS) {
      const n = await chunks.next();
      if (n.done) {
        more = false;
        break;
      }
      for (const r of n.value) first.push(r);
    }
    const width = opts.width;
    const layout =
      width !== undefined ? chooseLayout(t, first, d, width, !opts.fit) : wholeLayout(t);
    const cols = layout.columns;
    const cells = (r: Row) => cols.map((col) => cellText(layout, r, col, d));
    const head = cols.map((col) => headText(layout, col.key));
    const grid = new GridWriter(
      head.map((h) => c.cyan(h)),
      cols.map((col): Align => (isNumeric(col) ? 'right' : 'left')),
    );
    const prose: string[] = [];
    const listed = (r: Row) => {
      if (layout.prose) prose.push(proseItem(t, layout.prose, r, d));
    };
    const body = first.map(cells);
    const totals = t.totals && cells(t.totals);
    grid.widen([head, ...body, ...(totals ? [totals] : [])]);
    first.forEach(listed);
    let out = `${i ? '\n' : ''}${c.bold(escapeControl(t.title ?? t.name))}\n${grid.rows(body)}`;
    while (more) {
      const n = await chunks.next();
      if (n.done) break;
      for (const r of n.value) {
        out += grid.rows([cells(r)]);
        listed(r);
      }
      await sink.write(out);
      out = '';
    }
    if (totals) out += grid.rows([totals.map((x) => c.bold(x))]);
    out += grid.end();
    const notes = [
      ...(t.notes ?? []),
      ...(width !== undefined ? layoutNotes(t, layout, width) : []),
    ].map(escapeControl);
    const wrap = async (texts: string[]) =>
      texts.length && width ? wrapLines(texts, width) : texts;
    if (layout.prose) {
      out += `${c.bold(escapeControl(layout.prose.key))}\n`;
      for (const item of await wrapItems(prose, width)) out += `${item}\n`;
    }
    for (const n of await wrap(notes)) out += `${c.dim(n)}\n`;
    await sink.write(out);
  }
  for (const ch of report.lineCharts ?? [])
    await sink.write(`\n${drawLineChart(ch, opts.colorLevel > 0, opts.width)}\n`);
}

/** A row's entry in the list under the grid: its first cell, then its prose cell. */
const proseItem = (t: Table, prose: Column, r: Row, decimals: number): string => {
  const first = t.columns[0];
  const name = first ? displayText(r[first.key], first, decimals) : '';
  return escapeControl(`${name}: ${displayText(r[prose.key], prose, decimals)}`);
};

/** List items as `- text`, wrapped at `width` with their later lines indented under the text. */
async function wrapItems(items: string[], width: number | undefined): Promise<string[]> {
  if (!width || width < 20) return items.map((x) => `- ${x}`);
  const wrapped = await wrapLines(items, width - 2);
  return wrapped.map((w) =>
    w
      .split('\n')
      .map((line, k) => `${k ? '  ' : '- '}${line}`)
      .join('\n'),
  );
}

const NO_BOTTOM = { bottom: '', 'bottom-left': '', 'bottom-mid': '', 'bottom-right': '' };

/**
 * One compact cli-table3 grid (borders, no lines between rows) drawn a row at a time at fixed
 * widths: cli-table3 draws the top border and the head; each row is then its cells padded to the
 * widths between the borders, line by line for a cell of several lines, and the bottom border
 * closes it — byte for byte the grid cli-table3 draws whole (test/render/table-render.test.ts
 * holds the two to it). cli-table3 itself takes about half a millisecond a row (its layout
 * compares each cell with every cell above it): 18 s for 36,525 rows, where this takes under one.
 * A row wider than the widths so far ends the grid and starts a new one, head included.
 */
export class GridWriter {
  private widths: number[];
  private started = false;

  constructor(
    private readonly head: string[],
    private readonly aligns: Align[],
  ) {
    this.widths = head.map(() => 0);
  }

  /** Make the columns at least as wide as these rows' cells (before any row is drawn). */
  widen(rows: readonly string[][]): void {
    for (const r of rows)
      r.forEach((x, j) => (this.widths[j] = Math.max(this.widths[j] ?? 0, textWidth(x))));
  }

  /** The text of these rows (with a line break after each line drawn). */
  rows(body: readonly string[][]): string {
    let out = '';
    for (const r of body) {
      const width = r.map((x) => textWidth(x));
      if (width.some((w, j) => w > (this.widths[j] ?? 0))) {
        if (this.started) out += this.bottom();
        this.started = false;
        this.widen([r]);
      }
      if (!this.started) out += this.top();
      out += this.line(r, width);
    }
    return out;
  }

  /** The rest of the grid and its bottom border. */
  end(): string {
    return (this.started ? '' : this.top()) + this.bottom();
  }

  /** The top border and the head, drawn by cli-table3. */
  private top(): string {
    this.started = true;
    const grid = new Table3({
      head: this.head,
      colWidths: this.widths.map((w) => w + 2),
      colAligns: this.aligns,
      style: { head: [], border: [], compact: true },
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '', ...NO_BOTTOM },
    });
    return `${grid.toString()}
`;
  }

  /** A row's lines: each cell padded to its column's width, one space either side. */
  private line(r: readonly string[], width: readonly number[]): string {
    if (!r.some((x) => x.includes('\n'))) {
      let out = '│';
      r.forEach((x, j) => (out += ` ${this.pad(x, width[j] ?? 0, j)} │`));
      return `${out}\n`;
    }
    const lines = r.map((x) => x.split('\n'));
    const height = Math.max(...lines.map((l) => l.length));
    let out = '';
    for (let k = 0; k < height; k++) {
      out += '│';
      lines.forEach((l, j) => {
        const x = l[k] ?? '';
        out += ` ${this.pad(x, textWidth(x), j)} │`;
      });
      out += '\n';
    }
    return out;
  }

  private pad(x: string, w: number, j: number): string {
    const fill = ' '.repeat(Math.max(0, (this.widths[j] ?? 0) - w));
    return this.aligns[j] === 'right' ? fill + x : x + fill;
  }

  private bottom(): string {
    return `└${this.widths.map((w) => '─'.repeat(w + 2)).join('┴')}┘\n`;
  }
}

/** One grid of these rows, as GridWriter draws it (widths from every row), without a final line break. */
export function drawGrid(head: string[], body: string[][], colAligns: Align[]): string {
  const g = new GridWriter(head, colAligns);
  g.widen([head, ...body]);
  return (g.rows(body) + g.end()).slice(0, -1);
}
