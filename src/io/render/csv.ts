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
  // A row's line. Rows whose cells need no quoting (no comma, quote or line break) are joined
  // directly — exactly what csv-stringify writes for them; any other row goes through csv-stringify.
  // A bigint or finite number prints as a plain number (digits, a point, a leading minus), which
  // needs neither quoting nor neutralising, so big exports skip both for their amounts.
  const n = cols.length;
  const cells: string[] = new Array<string>(n);
  const line = (row: Record<string, unknown>): string => {
    let quote = false;
    for (let k = 0; k < n; k++) {
      const c = cols[k];
      const v = row[c.key];
      const t = exactText(v as never, c, report.decimals);
      if (t === null) cells[k] = '';
      else if (typeof v === 'bigint' || (typeof v === 'number' && Number.isFinite(v))) cells[k] = t;
      else {
        const s = neutralise(t);
        if (NEEDS_QUOTES.test(s)) quote = true;
        cells[k] = s;
      }
    }
    return quote ? stringify([cells]) : cells.join(',') + '\n';
  };
  let out = '';
  let batch = 0;
  for await (const chunk of eachChunk(table)) {
    for (const row of chunk) {
      out += line(row);
      if (++batch >= BATCH) {
        await sink.write(out);
        out = '';
        batch = 0;
      }
    }
  }
  if (opts.totals && table.totals) out += line(table.totals);
  if (out) await sink.write(out);
}
