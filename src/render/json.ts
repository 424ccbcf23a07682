/**
 * JSON: {"command", "params", "tables": [{"name", "columns", "rows", "totals"}]}, amounts as exact
 * decimal strings. Rows are written one at a time, so big exports stream.
 */
import type { Report, Row, Table } from '../core/table.js';
import type { Sink } from './sink.js';
import { jsonValue } from '../core/cells.js';
import { eachChunk } from '../core/rows.js';

const plain = (v: unknown): unknown =>
  JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x)));

export async function renderJson(report: Report, sink: Sink): Promise<void> {
  const head = {
    command: report.command,
    ...(report.meta ? (plain(report.meta) as object) : {}),
    params: plain(report.params),
  };
  const headText = JSON.stringify(head, null, 2);
  await sink.write(`${headText.slice(0, -2)},\n  "tables": [`);
  for (const [i, t] of report.tables.entries()) {
    await sink.write(`${i ? ',' : ''}\n    ${tableHead(t)}, "rows": [`);
    let first = true;
    for await (const chunk of eachChunk(t)) {
      let text = '';
      for (const row of chunk) {
        text += `${first ? '' : ','}\n      ${JSON.stringify(obj(report, t, row))}`;
        first = false;
      }
      await sink.write(text);
    }
    await sink.write(`${first ? '' : '\n    '}]`);
    if (t.totals) await sink.write(`, "totals": ${JSON.stringify(obj(report, t, t.totals))}`);
    if (t.notes?.length) await sink.write(`, "notes": ${JSON.stringify(t.notes)}`);
    await sink.write('}');
  }
  await sink.write('\n  ]\n}\n');
}

function tableHead(t: Table): string {
  const h = JSON.stringify({
    name: t.name,
    ...(t.title ? { title: t.title } : {}),
    columns: t.columns.map((c) => c.key),
  });
  return h.slice(0, -1);
}

function obj(report: Report, t: Table, row: Row): Record<string, unknown> {
  // No prototype: a column named __proto__ (a user's category) is an ordinary key.
  const o: Record<string, unknown> = Object.create(null);
  for (const c of t.columns)
    if (Object.hasOwn(row, c.key)) o[c.key] = jsonValue(row[c.key], c, report.decimals);
  return o;
}
