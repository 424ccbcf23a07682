/**
 * Fitting a table to the terminal: every column, if they fit the width; else the columns the table
 * ranks first (`Table.terminal`, then the rest in order), as many as fit, shown in their original
 * order, with a note naming what was left out. Widths are measured once from the display text.
 */
import type { Column, Row, Table } from '../core/table.js';
import { displayText } from '../core/cells.js';

/** cli-table3's compact layout: one space either side of a cell and one border between cells. */
const CELL_EXTRA = 3;

export function columnWidths(
  columns: readonly Column[],
  rows: readonly Row[],
  totals: Row | undefined,
  decimals: number,
): number[] {
  return columns.map((c) => {
    let w = c.key.length;
    for (const r of rows) w = Math.max(w, displayText(r[c.key], c, decimals).length);
    if (totals) w = Math.max(w, displayText(totals[c.key], c, decimals).length);
    return w;
  });
}

/** The columns to show in `width` characters, in table order. */
export function fitColumns(
  t: Table,
  rows: readonly Row[],
  decimals: number,
  width: number,
): Column[] {
  const widths = columnWidths(t.columns, rows, t.totals, decimals);
  const total = widths.reduce((a, w) => a + w + CELL_EXTRA, 1);
  if (total <= width) return t.columns;
  const rank = [
    ...(t.terminal ?? []),
    ...t.columns.map((c) => c.key).filter((k) => !t.terminal?.includes(k)),
  ];
  const keep = new Set<string>();
  let used = 1;
  for (const key of rank) {
    const i = t.columns.findIndex((c) => c.key === key);
    if (i < 0) continue;
    const w = widths[i] + CELL_EXTRA;
    if (used + w <= width || keep.size === 0) {
      keep.add(key);
      used += w;
    }
  }
  return t.columns.filter((c) => keep.has(c.key));
}
