/**
 * CSV: a header of column keys, one line per row, exact values. csv-stringify does the quoting;
 * cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) and that are not
 * numbers get a leading apostrophe (OWASP CSV injection). Rows are written in batches, so big
 * exports stream in constant memory.
 */
import { stringify } from 'csv-stringify/sync';
import type { Report, Table } from '../../core/table.js';
import type { Sink } from '../output.js';
import { exactText } from './cells.js';
import { eachRow } from './rows.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$/;
export function neutralise(s: string): string {
  return /^[=+\-@\t\r]/.test(s) && !NUMBER.test(s) ? `'${s}` : s;
}

const BATCH = 2048;

export async function renderCsv(report: Report, table: Table, sink: Sink, opts: { bom?: boolean } = {}): Promise<void> {
  const cols = table.columns;
  const header = cols.map((c) => neutralise(c.key));
  await sink.write((opts.bom ? '\ufeff' : '') + stringify([header]));
  let batch: string[][] = [];
  const line = (row: Record<string, unknown>): string[] =>
    cols.map((c) => {
      const t = exactText(row[c.key] as never, c, report.decimals);
      return t === null ? '' : neutralise(t);
    });
  for await (const row of eachRow(table)) {
    batch.push(line(row));
    if (batch.length >= BATCH) {
      await sink.write(stringify(batch));
      batch = [];
    }
  }
  if (table.totals) batch.push(line(table.totals));
  if (batch.length) await sink.write(stringify(batch));
}
