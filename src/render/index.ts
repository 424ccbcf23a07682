/** Picks the renderer for --format and writes a report to a sink. */
import { suggestion } from '../core/suggest.js';
import { InputError } from '../core/errors.js';
import type { Report, Table } from '../core/table.js';
import type { Sink } from './sink.js';

export type Format = 'table' | 'csv' | 'json' | 'md' | 'svg' | 'html';
export const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'md', 'svg', 'html'];

export interface RenderOptions {
  format: Format;
  /** Only this table, in every format (csv: instead of the main one). */
  table?: string;
  /** Only these columns of the table (--table's, or the main one), in this order. */
  columns?: readonly string[];
  /** csv: append the totals row. */
  totals?: boolean;
  /** table view: every column, not just those a terminal shows by default. */
  wide?: boolean;
  bom?: boolean;
  /** --no-color given. */
  noColor?: boolean;
  /**
   * table view: the width to fit (a terminal's, or $COLUMNS when piped): compact numbers, then
   * the most important columns, unless `wide` or `columns`; notes wrap to it. Undefined: every
   * column, notes unwrapped.
   */
  width?: number;
}

/** The report narrowed to what --table and --columns ask for (unknown names: exit 2, listing the names that exist). */
export function select(report: Report, opts: Pick<RenderOptions, 'table' | 'columns'>): Report {
  if (opts.table === undefined && opts.columns === undefined) return report;
  const t = pickTable(report, opts.table);
  if (opts.columns === undefined) return { ...report, tables: [t] };
  const keys = t.columns.map((c) => c.key);
  const unknown = opts.columns.filter((c) => !keys.includes(c));
  if (opts.columns.length === 0 || unknown.length) {
    const u = unknown[0] ?? '';
    throw new InputError(
      `option --columns: ${unknown.length ? `no column "${u}" in table ${t.name}${suggestion(u, keys)}` : 'expected column names'}; expected some of ${keys.join(', ')}`,
    );
  }
  const columns = opts.columns.map((k) => t.columns.find((c) => c.key === k)!);
  return { ...report, tables: [{ ...t, columns, terminal: undefined }] };
}

export function pickTable(report: Report, name?: string): Table {
  if (name === undefined) return report.tables[0]!;
  const t = report.tables.find((x) => x.name === name);
  if (t) return t;
  const names = report.tables.map((x) => x.name);
  throw new InputError(
    `option --table: no table "${name}" in ${report.command}; expected one of ${names.join(', ')}${suggestion(name, names)}`,
  );
}

/** Colour level: off for --no-color, NO_COLOR, a non-terminal; FORCE_COLOR forces it on. */
export async function colorLevel(sink: Sink, noColor?: boolean): Promise<0 | 1 | 2 | 3> {
  const env = process.env;
  if (noColor || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return 0;
  const forced =
    env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (!forced && !sink.isTTY) return 0; // decided without loading chalk
  const { default: chalk } = await import('chalk');
  return forced ? ((chalk.level || 1) as 0 | 1 | 2 | 3) : chalk.level;
}

/** Start loading a format's renderer ahead of time (errors surface when it renders). */
export function preload(format: Format): void {
  const p =
    format === 'csv'
      ? import('./csv.js')
      : format === 'json'
        ? import('./json.js')
        : format === 'md'
          ? import('./md.js')
          : format === 'svg'
            ? import('./svg.js')
            : format === 'html'
              ? import('./html.js')
              : import('./table.js');
  p.catch(() => undefined);
}

/**
 * --totals adds a table's totals row; a table without one (unlocks' periods, burn's months: flows
 * beside running totals and prices, where a column sum would mislead) is refused rather than
 * printed without it.
 */
export function checkTotals(report: Report, table?: string): void {
  const t = pickTable(report, table);
  if (t.totals) return;
  const withTotals = report.tables.filter((x) => x.totals).map((x) => x.name);
  throw new InputError(
    `option --totals: table ${t.name} of ${report.command} has no totals row (sum its columns in a spreadsheet where that makes sense); ${withTotals.length ? `tables with one: ${withTotals.join(', ')}` : 'none of its tables has one'}`,
  );
}

export async function render(report: Report, sink: Sink, opts: RenderOptions): Promise<void> {
  if (opts.totals) checkTotals(report, opts.table);
  const r = select(report, opts);
  switch (opts.format) {
    case 'csv': {
      const { renderCsv } = await import('./csv.js');
      return renderCsv(r, r.tables[0]!, sink, { bom: opts.bom, totals: opts.totals });
    }
    case 'json': {
      const { renderJson } = await import('./json.js');
      return renderJson(r, sink);
    }
    case 'md': {
      const { renderMd } = await import('./md.js');
      return renderMd(r, sink);
    }
    case 'svg': {
      // The chart of --table's table (else the main one), drawn from all its columns.
      const { renderSvg } = await import('./svg.js');
      return renderSvg(report, sink, opts.table);
    }
    case 'html': {
      // The tables --table and --columns select, with the chart of that table.
      const { renderHtml } = await import('./html.js');
      return renderHtml(report, r, sink, opts.table);
    }
    default: {
      // Fitted to the width (a terminal's, or $COLUMNS) unless --wide or --columns.
      const { renderTable } = await import('./table.js');
      return renderTable(r, sink, {
        colorLevel: await colorLevel(sink, opts.noColor),
        width: opts.width,
        fit: !opts.wide && opts.columns === undefined,
      });
    }
  }
}
