/**
 * A mistake in the user's input (a flag, a parameter file, a data file), as data: what is wrong and
 * where (`Where`), written out by one formatter. The shell maps it to one clear line on stderr and
 * exit code 2; the library's callers read `where` and `reason`.
 */

/** Keys and indexes into a parameter file, like ['allocations', 2, 'vesting', 'cliff']. */
export type Path = readonly (string | number)[];

/** Where a mistake is: a flag, a place in a parameter file, or a cell of a CSV data file. */
export interface Where {
  /** The flag the value came from: `option --months`, `option --set projection.months=0`. */
  readonly flag?: string;
  /** The file as messages name it. */
  readonly file?: string;
  /** 1-based line (and column) in the file. */
  readonly line?: number;
  readonly col?: number;
  /** Keys and indexes into a parameter file; [] for the whole file. */
  readonly path?: Path;
  /** A CSV data row (1-based, the header not counted) and its column name. */
  readonly row?: number;
  readonly column?: string;
}

/** `allocations[2].vesting.cliff`. */
export const pathString = (path: Path): string =>
  path.reduce<string>(
    (s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : String(p)),
    '',
  );

/**
 * The one way a location is written: `option --flag`; `file:line:col: path` (parameter file);
 * `file:line: row N, column C` (CSV); or as much of these as is known.
 */
export function whereText(w: Where): string {
  if (w.flag !== undefined) return w.flag;
  const parts: string[] = [];
  if (w.file !== undefined)
    parts.push(
      `${w.file}${w.line !== undefined ? `:${w.line}${w.col !== undefined ? `:${w.col}` : ''}` : ''}`,
    );
  if (w.row !== undefined || w.column !== undefined)
    parts.push(
      [w.row !== undefined && `row ${w.row}`, w.column !== undefined && `column ${w.column}`]
        .filter(Boolean)
        .join(', '),
    );
  const path = w.path ? pathString(w.path) : '';
  if (path) parts.push(path);
  return parts.join(': ');
}

/** `where: reason`, or the reason alone. */
export const located = (reason: string, where?: Where): string => {
  const w = where ? whereText(where) : '';
  return w ? `${w}: ${reason}` : reason;
};

export class InputError extends Error {
  /** What is wrong, without the location. */
  readonly reason: string;
  readonly where: Where | undefined;
  constructor(reason: string, where?: Where) {
    super(located(reason, where));
    this.name = 'InputError';
    this.reason = reason;
    this.where = where;
  }
}
