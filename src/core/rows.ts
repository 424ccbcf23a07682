import type { Row, Table } from './table.js';

const CHUNK = 512;

/** A table's rows in chunks, whether it holds an array, an iterable, an async iterable or chunks. */
export async function* eachChunk(t: Table): AsyncGenerator<readonly Row[]> {
  if (Array.isArray(t.rows)) {
    if (t.rows.length) yield t.rows;
  } else {
    let chunk: Row[] = [];
    for await (const r of t.rows as AsyncIterable<Row> | Iterable<Row>) {
      chunk.push(r);
      if (chunk.length >= CHUNK) {
        yield chunk;
        chunk = [];
      }
    }
    if (chunk.length) yield chunk;
  }
  if (t.chunks) yield* t.chunks;
}

/** A table's rows in one array; with `limit`, stops once it holds more than `limit` rows. */
export async function allRows(t: Table, limit = Infinity): Promise<Row[]> {
  if (Array.isArray(t.rows) && !t.chunks) return t.rows;
  const out: Row[] = [];
  for await (const c of eachChunk(t)) {
    for (const r of c) out.push(r);
    if (out.length > limit) break;
  }
  return out;
}
