/**
 * The table model every command produces and every renderer consumes.
 * Cells keep exact values (bigint base units, rationals); renderers decide how to print them.
 */
import type { Rational } from './rational.js';

export type ColumnKind =
  | 'text' // plain text
  | 'date' // YYYY-MM-DD or YYYY-MM, or NEVER (not within the horizon)
  | 'int' // whole number (number or bigint)
  | 'token' // bigint base units of the token
  | 'usd' // Rational (exact) or number (statistic) US dollars
  | 'pct' // Rational or number fraction of one, shown as a percent
  | 'number' // Rational or number, a plain quantity
  | 'float'; // number from floating-point statistics

export interface Column {
  key: string;
  kind: ColumnKind;
  /** Fractional digits in table/md view (display only; csv/json stay exact). */
  dp?: number;
}

/** A cell that carries its own kind, for metric/value tables whose rows differ in kind. */
export interface TypedCell {
  readonly as: ColumnKind;
  readonly v: string | number | bigint | Rational | null | undefined;
  readonly dp?: number;
}

export type Cell = string | number | bigint | Rational | TypedCell | null | undefined;

/** A cell printed as `kind` whatever its column's kind. */
export const typed = (as: ColumnKind, v: TypedCell['v'], dp?: number): TypedCell =>
  dp === undefined ? { as, v } : { as, v, dp };
export type Row = Record<string, Cell>;

export interface Table {
  name: string;
  title?: string;
  columns: Column[];
  /** Rows; an (async) iterable lets big exports stream. */
  rows: Row[] | Iterable<Row> | AsyncIterable<Row>;
  /** Big streamed exports may hand rows over in chunks instead (read after `rows`). */
  chunks?: AsyncIterable<readonly Row[]>;
  /**
   * CSV lines of rows after `chunks`, made by another thread (a big grants export): a CSV renderer
   * that calls it writes what it yields after the rows and totals' place, in these `columns`. A
   * table whose renderer does not call it (other formats) gets those rows in `chunks` instead.
   */
  csvTail?: (columns: readonly Column[], decimals: number) => AsyncIterable<string | Uint8Array>;
  totals?: Row;
  notes?: string[];
  /**
   * The columns a narrow terminal keeps first, most important first (the rest follow in table
   * order); `--wide` shows all.
   */
  terminal?: readonly string[];
  /**
   * Columns that add up others (`total`: the categories): a narrow terminal that hides some of the
   * parts but shows their sum says so.
   */
  parts?: Readonly<Record<string, readonly string[]>>;
}

export interface Report {
  command: string;
  params: Record<string, unknown>;
  /** Decimals of the token (to print base units as whole tokens). */
  decimals: number;
  tables: Table[];
  /** Extra top-level JSON fields (e.g. Monte Carlo seed and runs). */
  meta?: Record<string, unknown>;
  /**
   * Terminal line charts (`--chart`), as data: the table and md views draw them after the tables;
   * with csv or json the CLI draws them on stderr.
   */
  lineCharts?: LineChart[];
}

/** One terminal line chart: series of equal length on one axis, in tokens. */
export interface LineChart {
  series: { label: string; values: number[] }[];
  /** What one value stands for (`month`, `quarter`, …), for the chart's legend. */
  period?: string;
}

/** A date cell's word for "not within the horizon" (`net_deflation_from`, `emission_runs_out`). */
export const NEVER = 'never';

export const col = (key: string, kind: ColumnKind = 'text', dp?: number): Column =>
  dp === undefined ? { key, kind } : { key, kind, dp };

/** A column together with how to read its cell from a record: one list gives columns and rows. */
export interface ColumnDef<T> {
  key: string;
  kind: ColumnKind;
  dp?: number;
  get: (x: T) => Cell;
}

/** Columns and a row function from one list, so a column and its cell cannot drift apart. */
export function defineTable<T>(defs: readonly ColumnDef<T>[]): {
  columns: Column[];
  row: (x: T) => Row;
} {
  return {
    columns: defs.map((d) => col(d.key, d.kind, d.dp)),
    row: (x) => {
      const r: Row = {};
      for (const d of defs) r[d.key] = d.get(x);
      return r;
    },
  };
}
