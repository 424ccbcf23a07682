/**
 * Fitting a table to a terminal's width (a terminal, or a pipe when $COLUMNS is set), measured on
 * the rows read before the first is drawn. In this order, each step only when the table does not
 * fit yet:
 * 1. prose: a text column of long cells (an explanation) leaves the grid and is listed under it,
 *    each entry under its row's first cell (also with --wide: the list shows it whole);
 * 2. compact numbers: `1.45B`, `75.8M` (core/cells.ts);
 * 3. headers of several words on two lines;
 * 4. columns left out, the least important first (`Table.terminal` ranks them; the rest follow in
 *    table order); a note names them, and a sum whose parts are partly hidden (`Table.parts`)
 *    says so.
 * Steps 2–4 are skipped with --wide.
 */
import type { Column, Row, Table } from '../core/table.js';
import { compactText, displayText, isCompactable } from '../core/cells.js';
import { strlen } from 'cli-table3/src/utils.js';
import { escapeControl } from '../core/text.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/**
 * Columns a cell's text takes in a cli-table3 grid (its widest line, colour codes not counted),
 * as cli-table3's strlen measures it; printable ASCII from the length (strlen builds a regular
 * expression on every call: a third of a long table view's time).
 */
export const textWidth = (s: string): number => (PRINTABLE_ASCII.test(s) ? s.length : strlen(s));

/** cli-table3's compact layout: one space either side of a cell and one border between cells. */
const CELL_EXTRA = 3;
/** A text column with a cell wider than this is prose, listed under a table that does not fit. */
export const PROSE_WIDTH = 32;

export interface Layout {
  /** The columns in the grid, in table order. */
  columns: Column[];
  /** Numbers in compact form. */
  compact: boolean;
  /** Headers of several words on two lines. */
  wrapHeads: boolean;
  /** A column listed under the grid instead of in it. */
  prose?: Column;
  /** Columns left out. */
  dropped: Column[];
}

/** Every column as it is: the layout off a terminal, or with --columns. */
export const wholeLayout = (t: Table): Layout => ({
  columns: t.columns,
  compact: false,
  wrapHeads: false,
  dropped: [],
});

/** A cell's text in a layout. */
export const cellText = (l: Layout, row: Row, c: Column, decimals: number): string =>
  l.compact && isCompactable(c)
    ? compactText(row[c.key], c, decimals)
    : displayText(row[c.key], c, decimals);

/** A header of several words on two lines, split where the longer line is shortest. */
export function twoLines(key: string): string {
  const words = key.split(' ');
  if (words.length < 2) return key;
  let best = key;
  let bestWidth = Infinity;
  for (let i = 1; i < words.length; i++) {
    const a = words.slice(0, i).join(' ');
    const b = words.slice(i).join(' ');
    const w = Math.max(textWidth(a), textWidth(b));
    if (w < bestWidth) {
      best = `${a}\n${b}`;
      bestWidth = w;
    }
  }
  return best;
}

/** A column's header text in a layout (control characters escaped). */
export const headText = (l: Layout, key: string): string =>
  l.wrapHeads ? twoLines(escapeControl(key)) : escapeControl(key);

/** The width of a grid of columns of these content widths. */
export const gridWidth = (widths: readonly number[]): number =>
  widths.reduce((a, w) => a + w + CELL_EXTRA, 1);

/** Choose how to show `t` in `width` columns, from its first rows (and its totals). */
export function chooseLayout(
  t: Table,
  rows: readonly Row[],
  decimals: number,
  width: number,
  wide: boolean,
): Layout {
  const all = t.totals ? [...rows, t.totals] : rows;
  const widthOf = (l: Layout, c: Column): number => {
    let w = textWidth(headText(l, c.key));
    for (const r of all) w = Math.max(w, textWidth(cellText(l, r, c, decimals)));
    return w;
  };
  const fits = (l: Layout) => gridWidth(l.columns.map((c) => widthOf(l, c))) <= width;
  let l = wholeLayout(t);
  if (fits(l)) return l;
  // 1. Prose under the grid: the widest text column past PROSE_WIDTH (never the first, which
  // names the entries).
  const prose = t.columns
    .slice(1)
    .filter((c) => c.kind === 'text')
    .map((c) => ({ c, w: widthOf(l, c) }))
    .filter((x) => x.w > PROSE_WIDTH)
    .sort((a, b) => b.w - a.w)[0]?.c;
  if (prose) l = { ...l, prose, columns: l.columns.filter((c) => c !== prose) };
  if (wide || fits(l)) return l;
  // 2. Compact numbers; 3. headers on two lines.
  l = { ...l, compact: true };
  if (fits(l)) return l;
  l = { ...l, wrapHeads: true };
  if (fits(l)) return l;
  // 4. The most important columns that fit, in table order.
  const rank = [
    ...(t.terminal ?? []),
    ...l.columns.map((c) => c.key).filter((k) => !t.terminal?.includes(k)),
  ];
  const keep = new Set<string>();
  let used = 1;
  for (const key of rank) {
    const c = l.columns.find((x) => x.key === key);
    if (!c) continue;
    const w = widthOf(l, c) + CELL_EXTRA;
    if (used + w <= width || keep.size === 0) {
      keep.add(key);
      used += w;
    }
  }
  return {
    ...l,
    columns: l.columns.filter((c) => keep.has(c.key)),
    dropped: l.columns.filter((c) => !keep.has(c.key)),
  };
}

/** The notes a layout adds under its table: what it changed, and how to see everything. */
export function layoutNotes(t: Table, l: Layout, width: number): string[] {
  const notes: string[] = [];
  const fit = `to fit ${width} columns`;
  if (l.compact)
    notes.push(
      `Numbers compact ${fit} (3 significant digits; k thousand, M million, B billion, T trillion): exact with --wide or -f csv.`,
    );
  if (l.dropped.length) {
    const left = l.dropped.map((c) => c.key);
    notes.push(`Not shown ${fit}: ${left.join(', ')} (see them with --wide, --columns or -f csv).`);
    const shown = new Set(l.columns.map((c) => c.key));
    const sums = Object.entries(t.parts ?? {}).filter(([sum]) => shown.has(sum));
    const hidden = [...new Set(sums.flatMap(([, parts]) => parts.filter((p) => left.includes(p))))];
    if (hidden.length)
      notes.push(
        `${sums.map(([sum]) => sum).join(' and ')} include${sums.length > 1 ? '' : 's'} ${hidden.join(', ')}, not shown.`,
      );
  }
  return notes;
}
