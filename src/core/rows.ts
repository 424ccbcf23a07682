import type { Row, Table } from './table.js';

const CHUNK = 512;

/**
 * Rows computed the first time a reader asks for them, then kept: the table reads the same every
 * time (a second render, `rowsOf` after a render), and rows no renderer reads (csv prints the main
 * table only) cost nothing.
 */
export function lazyRows(compute: () => Row[]): Iterable<Row> {
  let rows: Row[] | undefined;
  return { [Symbol.iterator]: () => (rows ??= compute())[Symbol.iterator]() };
}

/** Rows a table built from a generator holds as an array (more stream: see rowsFrom). */
export const KEEP_ROWS = 10_000;

/**
 * A table's rows from `make` (a fresh generator each call): an array when there are at most
 * `keep`, else an iterable that runs `make` again for each read, so a table of millions of rows
 * (a daily schedule to 9999) streams in constant memory and still reads the same every time.
 */
export function rowsFrom(make: () => Iterable<Row>, keep = KEEP_ROWS): Row[] | Iterable<Row> {
  const head: Row[] = [];
  for (const r of make()) {
    if (head.length === keep) return { [Symbol.iterator]: () => make()[Symbol.iterator]() };
    head.push(r);
  }
  return head;
}

/** Iterators that are their own iterable (generators) can be read once: the ones read so far. */
const spent = new WeakSet<object>();
const isOneShot = (x: object): boolean => typeof (x as { next?: unknown }).next === 'function';

/**
 * Note a read of a table's rows or chunks. A generator read a second time would give no rows, and
 * a renderer would print an empty table as if that were the answer: that is an error instead.
 */
function claim(t: Table, it: object): void {
  if (!isOneShot(it)) return;
  if (spent.has(it))
    throw new Error(
      `table ${t.name} streams its rows and has been read already: build the report again to read it again`,
    );
  spent.add(it);
}

/** A table's rows in chunks, whether it holds an array, an iterable, an async iterable or chunks. */
export async function* eachChunk(t: Table): AsyncGenerator<readonly Row[]> {
  if (Array.isArray(t.rows)) {
    for (let i = 0; i < t.rows.length; i += CHUNK)
      yield i === 0 && t.rows.length <= CHUNK ? t.rows : t.rows.slice(i, i + CHUNK);
  } else {
    claim(t, t.rows);
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
  if (t.chunks) {
    claim(t, t.chunks);
    yield* t.chunks;
  }
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
