/**
 * CSV: a header of column keys, one line per row, exact values. csv-stringify does the quoting;
 * cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) and that are not
 * numbers get a leading apostrophe (OWASP CSV injection). Rows are written in batches, so big
 * exports stream in constant memory.
 */
import { stringify } from 'csv-stringify/sync';
import type { Column, Report, Row, Table } from '../core/table.js';
import { formatUnits } from '../core/amount.js';
import type { Sink } from './sink.js';
import { csvText, neutralise, plainNumber } from './csv-text.js';
import { eachChunk } from '../core/rows.js';

export { csvText, neutralise } from './csv-text.js';

/** Rows a write holds (big exports stream in writes of this many lines). */
export const BATCH = 2048;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * A row's CSV line (with its line break), for `cols`. Rows whose cells need no quoting (no comma,
 * quote or line break) are joined directly — exactly what csv-stringify writes for them; any other
 * row goes through csv-stringify. A bigint or finite number prints as a plain number (digits, a
 * point, a leading minus), which needs neither quoting nor neutralising, so big exports skip both
 * for their amounts. Consecutive rows often repeat a text cell (a grant's beneficiary, category):
 * each column remembers its last text and what it became, and a token column its last two amounts.
 */
export function csvLine(cols: readonly Column[], decimals: number): (row: Row) => string {
  const n = cols.length;
  const keys = cols.map((c) => c.key);
  const tokens = cols.map((c) => c.kind === 'token');
  const cells: string[] = new Array<string>(n).fill('');
  const lastIn: unknown[] = new Array<unknown>(n).fill(undefined);
  const lastOut: string[] = new Array<string>(n).fill('');
  const lastQuote: boolean[] = new Array<boolean>(n).fill(false);
  const prevIn: unknown[] = new Array<unknown>(n).fill(undefined);
  const prevOut: string[] = new Array<string>(n).fill('');
  return (row) => {
    let quote = false;
    let line = '';
    for (let k = 0; k < n; k++) {
      const v = row[keys[k]!];
      let t: string;
      if (typeof v === 'bigint' && tokens[k]) {
        // An amount repeats too (the even steps of a grant take turns between two): the last two are kept.
        if (v === lastIn[k]) t = lastOut[k]!;
        else if (v === prevIn[k]) t = prevOut[k]!;
        else {
          t = formatUnits(v, decimals);
          prevIn[k] = lastIn[k];
          prevOut[k] = lastOut[k]!;
          lastIn[k] = v;
          lastOut[k] = t;
        }
      } else if (typeof v === 'string' && v === lastIn[k]) {
        t = lastOut[k]!;
        if (lastQuote[k]) quote = true;
      } else {
        t = csvText(v, cols[k]!, decimals);
        if (t !== '' && !plainNumber(v)) {
          const q = NEEDS_QUOTES.test(t);
          if (q) quote = true;
          if (typeof v === 'string') {
            lastIn[k] = v;
            lastOut[k] = t;
            lastQuote[k] = q;
          }
        }
      }
      cells[k] = t;
      line = k === 0 ? t : line + ',' + t;
    }
    return quote ? stringify([cells]) : line + '\n';
  };
}

export async function renderCsv(
  report: Report,
  table: Table,
  sink: Sink,
  opts: { bom?: boolean; totals?: boolean } = {},
): Promise<void> {
  const cols = table.columns;
  const header = cols.map((c) => neutralise(c.key));
  await sink.write((opts.bom ? '\ufeff' : '') + stringify([header]));
  const line = csvLine(cols, report.decimals);
  // Claimed before the rows are read: the other thread starts on its part at once.
  const tail = table.csvTail?.(cols, report.decimals);
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
  if (tail) {
    if (out) await sink.write(out);
    out = '';
    for await (const text of tail) await sink.write(text);
  }
  if (opts.totals && table.totals) out += line(table.totals);
  if (out) await sink.write(out);
}
