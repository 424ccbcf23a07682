import type { Row, Table } from '../../core/table.js';

/** All rows of a table, whether it holds an array, an iterable or an async iterable. */
export async function* eachRow(t: Table): AsyncGenerator<Row> {
  yield* t.rows as AsyncIterable<Row> | Iterable<Row>;
}

export async function allRows(t: Table): Promise<Row[]> {
  if (Array.isArray(t.rows)) return t.rows;
  const out: Row[] = [];
  for await (const r of eachRow(t)) out.push(r);
  return out;
}
