/**
 * The text of one CSV field, without the writer (csv-stringify, which needs Node's Buffer): what
 * `-f csv` prints for a cell, before quoting. The `ai-econ play` page shows its figures as this.
 */
import type { Cell, Column } from '../core/table.js';
import { exactText } from '../core/cells.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$/;
const TRIGGERS = new Set([61, 43, 45, 64, 9, 13]); // = + - @ tab CR
/** Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) and that is no number gets a leading apostrophe (OWASP CSV injection). */
export function neutralise(s: string): string {
  return TRIGGERS.has(s.charCodeAt(0)) && !NUMBER.test(s) ? `'${s}` : s;
}

export const plainNumber = (v: unknown): boolean =>
  typeof v === 'bigint' || (typeof v === 'number' && Number.isFinite(v));

/**
 * A cell's CSV field before quoting: its exact text, neutralised unless it is a plain number; ''
 * for an empty cell.
 */
export function csvText(v: Cell, col: Column, decimals: number): string {
  const e = exactText(v, col, decimals);
  return e === null ? '' : plainNumber(v) ? e : neutralise(e);
}
