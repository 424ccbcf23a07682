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
import { eachChunk } from './rows.js';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$/;
const TRIGGERS = new Set([61, 43, 45, 64, 9, 13]); // = + - @ tab CR
export function neutralise(s: string): string {
  return TRIGGERS.has(s.charCodeAt(0)) && !NUMBER.test(s) ? `'${s}` : s;
}

const BATCH = 2048;
const NEEDS_QUOTES = /[",\r\n]/;

export async function renderCsv(report: Report, table: Table, sink: Sink, opts: { bom?: boolean; totals?: boolean } = {}): Promise<void> {
  const cols = table.columns;
  const header = cols.map((c) => neutralise(c.key));
  await sink.write((opts.bom ? '\ufeff' : '') + stringify([header]));
  const line = (row: Record<string, unknown>): string[] =>
    cols.map((c) => {
      const t = exactText(row[c.key] as never, c, report.decimals);
      return t === null ? '' : neutralise(t);
    });
  // Rows whose cells need no quoting (no comma, quote or line break) are joined directly — exactly
  // what csv-stringify writes for them; any other row goes through csv-stringify.
  const text = (cells: string[]): string => (cells.some((c) => NEEDS_QUOTES.test(c)) ? stringify([cells]) : cells.join(',') + '\n');
  let out = '';
  let n = 0;
  for await (const chunk of eachChunk(table)) {
    for (const row of chunk) {
      out += text(line(row));
      if (++n >= BATCH) {
        await sink.write(out);
        out = '';
        n = 0;
      }
    }
  }
  if (opts.totals && table.totals) out += text(line(table.totals));
  if (out) await sink.write(out);
}
