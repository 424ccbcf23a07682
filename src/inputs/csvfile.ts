/**
 * Data files in CSV (grants, jobs, nodes): header checks and cell parsing whose errors name the
 * file, line, row and column. csv-parse does the parsing; small files are read whole, big ones
 * (grants) are streamed by the caller with the same helpers.
 */
import { parse } from 'csv-parse/sync';
import { InputError } from '../core/errors.js';
import { suggestion } from '../core/suggest.js';
import { MAX_INPUT_BYTES, readTextLimited, TooLargeError } from '../params/readfile.js';

/**
 * The csv-parse `columns` option: lower-cased names, unknown and missing ones refused; `aliases`
 * are other words for columns, for "did you mean".
 */
export function headerCheck(
  file: string,
  allowed: readonly string[],
  required: readonly string[],
  aliases?: Readonly<Record<string, string>>,
) {
  return (header: string[]): string[] => {
    const cols = header.map((h) => h.trim().toLowerCase());
    cols.forEach((c, i) => {
      if (!allowed.includes(c))
        throw new InputError(
          `unknown column "${header[i]}"${suggestion(c, allowed, aliases)}; expected ${allowed.join(', ')}`,
          { file, line: 1 },
        );
    });
    const missing = required.filter((r) => !cols.includes(r));
    if (missing.length)
      throw new InputError(
        `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; expected ${allowed.join(', ')}`,
        { file, line: 1 },
      );
    const dup = cols.find((c, i) => cols.indexOf(c) !== i);
    if (dup) throw new InputError(`column "${dup}" appears twice`, { file, line: 1 });
    return cols;
  };
}

/** One data row: its cells by column, with errors located at file:line, row and column. */
export class CsvRow {
  constructor(
    readonly file: string,
    readonly cells: Record<string, string>,
    /** 1-based data row (the header is not counted). */
    readonly row: number,
    /** Line in the file where the row ends. */
    readonly line: number,
  ) {}

  error(col: string, message: string): InputError {
    return new InputError(message, {
      file: this.file,
      line: this.line,
      row: this.row,
      column: col,
    });
  }

  /** The parsed cell, or undefined when empty; a parse error names the cell. */
  cell<T>(col: string, parse: (text: string) => T): T | undefined {
    const t = this.cells[col];
    if (t === undefined || t === '') return undefined;
    try {
      return parse(t);
    } catch (e) {
      if (e instanceof InputError) throw this.error(col, e.reason);
      throw e;
    }
  }

  /** Like cell(), but an empty cell is an error. */
  required<T>(col: string, parse: (text: string) => T, what: string): T {
    const v = this.cell(col, parse);
    if (v === undefined) throw this.error(col, `expected ${what}; found an empty cell`);
    return v;
  }
}

/**
 * How every data file is parsed. A record (a row, with its cells) holds at most 16 MB, the limit of
 * a whole parameter or node file: a streamed grants file is bounded per row instead of in total.
 */
export const CSV_OPTIONS = {
  bom: true,
  trim: true,
  skip_empty_lines: true,
  info: true,
  max_record_size: MAX_INPUT_BYTES,
} as const;

/**
 * csv-parse's own errors (ragged rows, bad quotes): a located InputError `file:line: row N, column C: invalid CSV: …`.
 * `line0` and `row0`: the lines and rows of the file before the part that was parsed.
 */
export function csvError(
  file: string,
  e: unknown,
  fallbackLine: number,
  line0 = 0,
  row0 = 0,
): unknown {
  const err = e as Error & {
    code?: string;
    lines?: number;
    records?: number;
    column?: string | number;
  };
  // csv-parse's CsvError: codes like CSV_QUOTE_NOT_CLOSED and INVALID_OPENING_QUOTE, with the line reached.
  if (
    typeof err?.code === 'string' &&
    /^[A-Z_]+$/.test(err.code) &&
    typeof err.lines === 'number' &&
    'records' in err
  ) {
    // A quote error sits in one cell: name its row and column (a ragged row has no one column).
    const inCell =
      /QUOTE/.test(err.code) &&
      err.column !== undefined &&
      err.column !== null &&
      typeof err.records === 'number';
    const message =
      err.code === 'CSV_MAX_RECORD_SIZE'
        ? `a row longer than ${MAX_INPUT_BYTES / (1024 * 1024)} MB, the limit for a row of a data file`
        : err.message.replace(/^Invalid Record Length: /, '').replace(/ (at|on) line \d+/, '');
    return new InputError(`invalid CSV: ${message}`, {
      file,
      line: err.lines !== undefined ? line0 + err.lines : fallbackLine,
      ...(inCell ? { row: row0 + err.records! + 1, column: String(err.column) } : {}),
    });
  }
  return e;
}

/** `option --flag: cannot read FILE: why`. */
export function readError(flag: string, file: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    e instanceof TooLargeError
      ? e.message
      : code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (e as Error).message;
  return new InputError(`option ${flag}: cannot read ${file}: ${why}`);
}

/** A whole data file's text, at most 16 MB. */
export function readFileText(file: string, flag: string): string {
  try {
    return readTextLimited(file);
  } catch (e) {
    throw readError(flag, file, e);
  }
}

/** A whole (small) CSV file as rows. */
export function readCsvFile(
  file: string,
  flag: string,
  allowed: readonly string[],
  required: readonly string[],
  aliases?: Readonly<Record<string, string>>,
): CsvRow[] {
  const text = readFileText(file, flag);
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      ...CSV_OPTIONS,
      columns: headerCheck(file, allowed, required, aliases),
    }) as never;
  } catch (e) {
    throw csvError(file, e, 1);
  }
  return records.map((r, i) => new CsvRow(file, r.record, i + 1, r.info.lines));
}
