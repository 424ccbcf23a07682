/**
 * Reading per-beneficiary grants from CSV as a stream (constant memory):
 * `beneficiary,category,amount[,start,cliff,at_cliff,linear,every]`. Each bad cell is reported
 * with the file, row, line and column.
 */
import {
  closeSync,
  createReadStream,
  createWriteStream,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { InputError } from '../core/errors.js';
import type { Column } from '../core/table.js';
import type { CalDate } from '../core/date.js';
import { toUnits } from '../core/amount.js';
import { memoByText } from '../core/memo.js';
import { parseDate } from '../core/date.js';
import { type Grant, grantVesting } from '../core/grants.js';
import {
  looksLikeShare,
  parseAmount,
  parseDuration,
  parseShare,
  parseStep,
  quoted,
} from '../core/units.js';
import { vestingSchedule, type Portion, type Unlock } from '../core/vesting.js';
import type { Model } from '../params/load.js';
import { suggestion } from '../core/suggest.js';
import { CSV_OPTIONS, CsvRow, csvError, headerCheck, readError } from './csvfile.js';

export const GRANT_COLUMNS = [
  'beneficiary',
  'category',
  'amount',
  'start',
  'cliff',
  'at_cliff',
  'linear',
  'every',
] as const;
export const GRANT_REQUIRED = ['beneficiary', 'category', 'amount'] as const;

export interface GrantRow {
  grant: Grant;
  unlocks: Unlock[];
  /** 1-based data row and its line in the file. */
  row: number;
  line: number;
}

// A pipe or FIFO can be read only once, but grants may be read twice (check, then write): such an
// input is copied once into a temporary file and read from there. The file's name goes as soon as
// it is open, so nothing is left in $TMPDIR however the process ends (^C, a kill); it is read
// through its descriptor, which the process keeps until it exits.
const spooled = new Map<string, number>();
async function rereadable(file: string): Promise<{ path: string } | { fd: number }> {
  let st;
  try {
    st = statSync(file);
  } catch {
    return { path: file }; // the read below reports it
  }
  if (st.isFile() || st.isDirectory()) return { path: file };
  const hit = spooled.get(file);
  if (hit !== undefined) return { fd: hit };
  const dir = mkdtempSync(join(tmpdir(), 'ai-econ-grants-'));
  let fd: number;
  try {
    fd = openSync(join(dir, 'grants.csv'), 'w+', 0o600);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  try {
    // /dev/stdin may be a socket, which cannot be opened by name: read the process's own stdin.
    await pipeline(
      file === '/dev/stdin' ? process.stdin : createReadStream(file),
      createWriteStream('', { fd, autoClose: false }),
    );
  } catch (e) {
    closeSync(fd);
    throw readError('--grants', file, e);
  }
  spooled.set(file, fd);
  return { fd };
}

/** What reading grants needs of the model (plain data: a worker thread gets a copy). */
export type GrantsModel = Pick<Model, 'file' | 'decimals' | 'categories'>;

/**
 * Part of a grants file (src/runtime/grants-split.ts): the bytes from `start` (a record's first byte) to
 * `end`, read with the header's `columns`; its rows and lines are numbered after `row0` rows and
 * `line0` lines of the file.
 */
export interface GrantsRange {
  start: number;
  end?: number;
  columns?: string[];
  row0?: number;
  line0?: number;
  /** The file's line break, for a part that does not start with the header. */
  recordDelimiter?: string;
}

export async function* readGrants(
  file: string,
  m: GrantsModel,
  range: GrantsRange = { start: 0 },
): AsyncGenerator<GrantRow> {
  const source = await rereadable(file);
  const bounds = { start: range.start, ...(range.end !== undefined ? { end: range.end - 1 } : {}) };
  // A spooled copy is read by position through its descriptor, which stays open for the next read.
  const input =
    'fd' in source
      ? createReadStream('', { fd: source.fd, autoClose: false, ...bounds })
      : createReadStream(source.path, bounds);
  if ('path' in source) {
    await new Promise<void>((resolve, reject) => {
      input.once('open', () => resolve());
      input.once('error', (e) => reject(readError('--grants', file, e)));
    });
  }
  const parser = input.pipe(
    parse({
      ...CSV_OPTIONS,
      columns: range.columns ?? headerCheck(file, GRANT_COLUMNS, GRANT_REQUIRED),
      ...(range.recordDelimiter ? { record_delimiter: range.recordDelimiter } : {}),
    }),
  );
  const byName = new Map(m.categories.map((c) => [c.name.toLowerCase(), c]));
  const names = m.categories.map((c) => c.name);
  // Most grants repeat a few texts (`12mo`, `25%`, `month`, a handful of start dates): each text is
  // read once. Only values are remembered; a text that fails is read (and fails) again each time.
  const startOf = memoByText(parseDate);
  const durationOf = memoByText(parseDuration);
  const stepOf = memoByText(parseStep);
  const atCliffOf = memoByText((t): Portion =>
    looksLikeShare(t)
      ? { kind: 'share', r: parseShare(t) }
      : { kind: 'units', units: toUnits(parseAmount(t, 'a token amount'), m.decimals, 'at_cliff') },
  );
  let row = range.row0 ?? 0;
  const line0 = range.line0 ?? 0;
  try {
    for await (const rec of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      row++;
      const r = new CsvRow(file, rec.record, row, line0 + rec.info.lines);
      const category = r.cells.category ?? '';
      if (!r.cells.beneficiary)
        throw r.error('beneficiary', 'expected a name; found an empty cell');
      const cat = byName.get(category.toLowerCase());
      if (!cat)
        throw r.error(
          'category',
          `no category ${quoted(category)} in ${m.file}${suggestion(category, names)}; expected one of ${names.join(', ')}`,
        );
      const amount = r.required(
        'amount',
        (t) => toUnits(parseAmount(t, 'a token amount'), m.decimals, 'amount'),
        'a token amount',
      );
      const grant: Grant = {
        beneficiary: r.cells.beneficiary,
        category: cat.name,
        amount,
        start: r.cell('start', startOf),
        cliff: r.cell('cliff', durationOf),
        atCliff: r.cell('at_cliff', atCliffOf),
        linear: r.cell('linear', durationOf),
        every: r.cell('every', stepOf),
      };
      let unlocks: Unlock[];
      try {
        unlocks = vestingSchedule(amount, grantVesting(cat.vesting, grant));
      } catch (e) {
        if (e instanceof InputError) throw r.error('vesting', e.message);
        throw e;
      }
      yield { grant, unlocks, row, line: r.line };
    }
  } catch (e) {
    input.destroy();
    if (e instanceof InputError) throw e;
    throw csvError(file, e, row + 1, line0, range.row0);
  }
}

/** Where the second part starts, with what the worker needs to read it. */
export interface Split {
  start: number;
  columns: string[];
  /** Lines of the file before `start`. */
  line0: number;
  /** The file's line break (the header's), which the second part's reader cannot guess from its own first line. */
  recordDelimiter: '\n' | '\r\n';
}

/** What a worker that reads (and with `out`, writes) a part of a grants file is given. */
export interface GrantsJob {
  file: string;
  model: GrantsModel;
  range: GrantsRange;
  categories: string[];
  from?: CalDate;
  to?: CalDate;
  columns: Column[];
  decimals: number;
  /** Where to write the CSV lines: a file descriptor, open for writing, of a file whose name is already gone; none: only check the rows. */
  out?: number;
}
/** What a worker sends back once done. */
export type GrantsReply = { granted: [string, bigint][] } | { failed: string };
