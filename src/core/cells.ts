/** How a cell prints: exactly (csv, json) or for reading (table, md). */
import { formatUnits, groupThousands, unitScale } from './amount.js';
import { type Rational, rat, mul, toDecimal, toNumber, fractionToDecimal } from './rational.js';
import type { Cell, Column, TypedCell } from './table.js';
import { escapeControl } from './text.js';

export const isRational = (c: Cell): c is Rational =>
  typeof c === 'object' && c !== null && 'n' in c && 'd' in c;
const isTyped = (c: Cell): c is TypedCell => typeof c === 'object' && c !== null && 'as' in c;
/** A typed cell's value and the column it prints as. */
export const untype = (c: Cell, column: Column): [Cell, Column] =>
  isTyped(c)
    ? [c.v, { key: column.key, kind: c.as, ...(c.dp !== undefined ? { dp: c.dp } : {}) }]
    : [c, column];
const asRational = (c: Cell): Rational | undefined =>
  isRational(c) ? c : typeof c === 'bigint' ? rat(c) : undefined;

/** Fractional digits csv/json keep for exact rationals that do not terminate sooner. */
export const EXACT_DIGITS = { usd: 10, pct: 8, number: 10 } as const;

const num = (x: number, dp: number): string =>
  Number.isInteger(x) ? String(x) : x.toFixed(dp).replace(/\.?0+$/, '');

/** Exact text of a cell for csv (and json strings); null for an empty cell. */
export function exactText(cell: Cell, col: Column, decimals: number): string | null {
  const [c, column] = untype(cell, col);
  if (c === null || c === undefined) return null;
  switch (column.kind) {
    case 'token':
      return typeof c === 'bigint'
        ? formatUnits(c, decimals)
        : isRational(c)
          ? toDecimal(mul(c, rat(1n, unitScale(decimals))), decimals)
          : String(c);
    case 'usd':
      return isRational(c)
        ? toDecimal(c, EXACT_DIGITS.usd)
        : typeof c === 'number'
          ? num(c, 6)
          : String(c);
    case 'pct':
      return isRational(c)
        ? toDecimal(mul(c, rat(100n)), EXACT_DIGITS.pct)
        : typeof c === 'number'
          ? num(c * 100, 6)
          : String(c);
    case 'number':
      return isRational(c)
        ? toDecimal(c, EXACT_DIGITS.number)
        : typeof c === 'number'
          ? num(c, 10)
          : String(c);
    case 'float':
      return typeof c === 'number' ? num(c, 6) : isRational(c) ? toDecimal(c, 6) : String(c);
    case 'int':
      return isRational(c) ? toDecimal(c, 0) : String(c);
    default:
      return isRational(c) ? toDecimal(c, 10) : String(c);
  }
}

/**
 * A floating-point fraction as the percent every format prints (`0.25` → `25`): 100 × x, to the 15
 * significant digits a double holds, so the multiplication adds no noise (`0.07` → `7`, not
 * `7.000000000000001`).
 */
export const floatPercent = (x: number): number => Number((x * 100).toPrecision(15));

/**
 * JSON value of a cell: exact decimal strings for tokens, USD, percents and exact numbers; numbers
 * for counts and statistics. A percent is a percent in every format (`40.4` means 40.4%): exact ones
 * as decimal strings, floating-point ones as numbers (floatPercent).
 */
export function jsonValue(cell: Cell, col: Column, decimals: number): string | number | null {
  const [c, column] = untype(cell, col);
  if (c === null || c === undefined) return null;
  if (
    (column.kind === 'int' || column.kind === 'float') &&
    (typeof c === 'number' ||
      (typeof c === 'bigint' &&
        c <= BigInt(Number.MAX_SAFE_INTEGER) &&
        c >= -BigInt(Number.MAX_SAFE_INTEGER)))
  ) {
    return Number(c);
  }
  if (typeof c === 'number' && column.kind !== 'text' && column.kind !== 'date')
    return Number.isFinite(c) ? (column.kind === 'pct' ? floatPercent(c) : c) : null;
  return exactText(c, column, decimals);
}

const DEFAULT_DP: Record<Column['kind'], number> = {
  text: 0,
  date: 0,
  int: 0,
  token: 2,
  usd: 2,
  pct: 2,
  number: 4,
  float: 2,
};

/**
 * The display rule for USD (table, md, html): a USD amount shows its column's decimals (`dp`, 2 by
 * default) and at least USD_SIGNIFICANT significant digits: a smaller amount gets the decimals it
 * needs (at most EXACT_DIGITS.usd), trimmed of trailing zeros beyond the column's. So a $0.0696
 * price never shows as $0.07 or 0, and $0.1 in a 4-decimal column stays $0.1000.
 */
export const USD_SIGNIFICANT = 3;

/** Decimals the display rule gives a USD amount of magnitude `abs` in a column of `dp` decimals. */
export function usdDecimals(abs: number, dp: number): number {
  if (!(abs > 0) || abs >= 10 ** (USD_SIGNIFICANT - 1)) return dp;
  const lead = Math.floor(Math.log10(abs));
  return Math.min(EXACT_DIGITS.usd, Math.max(dp, USD_SIGNIFICANT - 1 - lead));
}

/** `digits` with the decimals beyond the first `dp` trimmed of trailing zeros (and the point, if none are left). */
const trimBeyond = (digits: string, dp: number): string => {
  const point = digits.indexOf('.');
  if (point < 0) return digits;
  const keep = point + (dp > 0 ? dp + 1 : 0);
  let end = digits.length;
  while (end > keep && digits[end - 1] === '0') end--;
  if (end === point + 1) end = point;
  return digits.slice(0, end);
};

/** A USD amount as the table, md and html views show it (see USD_SIGNIFICANT). */
function usdText(c: number | Rational, dp: number): string {
  const negative = typeof c === 'number' ? c < 0 : c.n < 0n;
  const abs = typeof c === 'number' ? Math.abs(c) : rat(negative ? -c.n : c.n, c.d);
  const d = usdDecimals(typeof abs === 'number' ? abs : toNumber(abs), dp);
  const digits = typeof abs === 'number' ? abs.toFixed(d) : toDecimal(abs, d, { fixed: true });
  const text = groupThousands(d > dp ? trimBeyond(digits, dp) : digits);
  return (negative && /[1-9]/.test(text) ? '-$' : '$') + text;
}

/** Human text of a cell: rounded for display only, with thousands separators; control characters escaped. */
export function displayText(cell: Cell, col: Column, decimals: number): string {
  return escapeControl(displayRaw(cell, col, decimals));
}

function displayRaw(cell: Cell, col: Column, decimals: number): string {
  const [c, column] = untype(cell, col);
  if (c === null || c === undefined) return '';
  const dp = column.dp ?? DEFAULT_DP[column.kind];
  const fixed = (r: Rational, d: number) => groupThousands(toDecimal(r, d, { fixed: true }));
  const r = asRational(c);
  switch (column.kind) {
    case 'token':
      if (typeof c === 'bigint')
        return groupThousands(fractionToDecimal(c, unitScale(decimals), dp, { fixed: true }));
      return r ? fixed(mul(r, rat(1n, unitScale(decimals))), dp) : String(c);
    case 'usd':
      if (r) return usdText(r, dp);
      return typeof c === 'number' ? usdText(c, dp) : String(c);
    case 'pct':
      if (r) return `${fixed(mul(r, rat(100n)), dp)}%`;
      return typeof c === 'number' ? `${(c * 100).toFixed(dp)}%` : String(c);
    case 'number':
      if (r) return groupThousands(toDecimal(r, dp));
      return typeof c === 'number' ? groupThousands(num(c, dp)) : String(c);
    case 'float':
      return typeof c === 'number' ? groupThousands(c.toFixed(dp)) : r ? fixed(r, dp) : String(c);
    case 'int':
      return typeof c === 'number' || typeof c === 'bigint'
        ? groupThousands(String(c))
        : r
          ? groupThousands(toDecimal(r, 0))
          : String(c);
    default:
      return String(c);
  }
}

/**
 * Compact numbers, for a table that does not fit its terminal otherwise: 3 significant digits and
 * the suffix the amount flags read (k thousand, M million, B billion, T trillion), so a column of
 * `1,449,083,333` shows `1.45B` and `75,750,000` shows `75.8M`; trailing zeros go (`10B`). An amount
 * below 1,000 shows as usual (displayText); percents, dates and text never change. Exact values
 * stay in csv and json.
 */
export const COMPACT_UNITS = [
  ['T', 1e12],
  ['B', 1e9],
  ['M', 1e6],
  ['k', 1e3],
] as const;

/** Kinds whose cells compactText shortens. */
export const isCompactable = (column: Column): boolean =>
  column.kind === 'token' ||
  column.kind === 'usd' ||
  column.kind === 'number' ||
  column.kind === 'float' ||
  column.kind === 'int';

/** A non-negative number of at least 1,000 in compact form (`1.45B`). */
export function compactNumber(a: number): string {
  for (const [i, [suffix, size]] of COMPACT_UNITS.entries()) {
    if (a < size) continue;
    const q = Number((a / size).toPrecision(3));
    // 999,950 rounds to 1000k: that is 1M.
    if (q >= 1000 && i > 0)
      return `${Number((a / COMPACT_UNITS[i - 1]![1]).toPrecision(3))}${COMPACT_UNITS[i - 1]![0]}`;
    return `${q >= 1000 ? groupThousands(String(Math.round(q))) : String(q)}${suffix}`;
  }
  return String(a);
}

/** A cell's compact text (see COMPACT_UNITS); control characters escaped. */
export function compactText(cell: Cell, col: Column, decimals: number): string {
  const [c, column] = untype(cell, col);
  if (!isCompactable(column) || c === null || c === undefined)
    return displayText(cell, col, decimals);
  const x =
    typeof c === 'number'
      ? c
      : typeof c === 'bigint'
        ? column.kind === 'token'
          ? Number(c) / 10 ** decimals
          : Number(c)
        : isRational(c)
          ? toNumber(column.kind === 'token' ? mul(c, rat(1n, unitScale(decimals))) : c)
          : NaN;
  if (!Number.isFinite(x) || Math.abs(x) < 1000) return displayText(cell, col, decimals);
  return `${x < 0 ? '-' : ''}${column.kind === 'usd' ? '$' : ''}${compactNumber(Math.abs(x))}`;
}

export const isNumeric = (column: Column): boolean =>
  column.kind !== 'text' && column.kind !== 'date';
