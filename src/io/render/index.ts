/** Picks the renderer for --format and writes a report to a sink. */
import { suggestion } from '../suggest.js';
import { InputError } from '../../core/errors.js';
import type { Report, Table } from '../../core/table.js';
import type { Sink } from '../output.js';

export type Format = 'table' | 'csv' | 'json' | 'md' | 'svg' | 'html';
export const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'md', 'svg', 'html'];

export interface RenderOptions {
  format: Format;
  /** csv: which table (default: the first, the command's main table). */
  table?: string;
  bom?: boolean;
  /** --no-color given. */
  noColor?: boolean;
}

export function pickTable(report: Report, name?: string): Table {
  if (name === undefined) return report.tables[0];
  const t = report.tables.find((x) => x.name === name);
  if (t) return t;
  const names = report.tables.map((x) => x.name);
  throw new InputError(`option --table: no table "${name}" in ${report.command}; expected one of ${names.join(', ')}${suggestion(name, names)}`);
}

/** Colour level: off for --no-color, NO_COLOR, a non-terminal; FORCE_COLOR forces it on. */
export async function colorLevel(sink: Sink, noColor?: boolean): Promise<0 | 1 | 2 | 3> {
  const env = process.env;
  if (noColor || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return 0;
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (!forced && !sink.isTTY) return 0; // decided without loading chalk
  const { default: chalk } = await import('chalk');
  return forced ? ((chalk.level || 1) as 0 | 1 | 2 | 3) : chalk.level;
}

/** Start loading a format's renderer ahead of time (errors surface when it renders). */
export function preload(format: Format): void {
  const p =
    format === 'csv' ? import('./csv.js')
    : format === 'json' ? import('./json.js')
    : format === 'md' ? import('./md.js')
    : format === 'svg' ? import('./svg.js')
    : format === 'html' ? import('./html.js')
    : import('./table.js');
  p.catch(() => undefined);
}

export async function render(report: Report, sink: Sink, opts: RenderOptions): Promise<void> {
  switch (opts.format) {
    case 'csv': {
      const table = pickTable(report, opts.table);
      const { renderCsv } = await import('./csv.js');
      return renderCsv(report, table, sink, { bom: opts.bom });
    }
    case 'json': {
      const { renderJson } = await import('./json.js');
      return renderJson(report, sink);
    }
    case 'md': {
      const { renderMd } = await import('./md.js');
      return renderMd(pick(report, opts.table), sink);
    }
    case 'svg': {
      if (opts.table !== undefined) pickTable(report, opts.table);
      const { renderSvg } = await import('./svg.js');
      return renderSvg(report, sink, opts.table);
    }
    case 'html': {
      if (opts.table !== undefined) pickTable(report, opts.table);
      const { renderHtml } = await import('./html.js');
      return renderHtml(report, sink, opts.table);
    }
    default: {
      const { renderTable } = await import('./table.js');
      return renderTable(pick(report, opts.table), sink, { colorLevel: await colorLevel(sink, opts.noColor) });
    }
  }
}

/** table/md print every table, or only the one --table names. */
const pick = (report: Report, name?: string): Report => (name === undefined ? report : { ...report, tables: [pickTable(report, name)] });
