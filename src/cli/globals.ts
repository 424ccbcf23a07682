/** The global options every command takes, declared once (help, parsing and JSON `params` come from here). */
import { InvalidArgumentError, Option } from 'commander';

export const FORMATS = ['table', 'csv', 'json', 'md', 'svg', 'html'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface Globals {
  config?: string;
  format: FormatName;
  output?: string;
  color: boolean;
  bom?: boolean;
  table?: string;
  columns?: string[];
  wide?: boolean;
  totals?: boolean;
  set?: string[];
}

const collectRaw = (value: string, previous: string[] = []): string[] => [...previous, value];
const columnsList = (value: string): string[] => value.split(',').map((s) => s.trim());

/** Formats are case-insensitive (`-f CSV`). */
function formatOption(): Option {
  return new Option('-f, --format <fmt>', `output format: ${FORMATS.join(' | ')}`)
    .default('table')
    .argParser((v: string) => {
      const lower = v.trim().toLowerCase();
      if (!(FORMATS as readonly string[]).includes(lower))
        throw new InvalidArgumentError(`Allowed choices are ${FORMATS.join(', ')}.`);
      return lower;
    });
}

export function globalOptions(): Option[] {
  return [
    new Option(
      '-c, --config <file>',
      'parameter file (default: $AI_ECON_CONFIG, else ./ai-econ.yaml, else the built-in Gensyn $AI parameters)',
    ),
    formatOption(),
    new Option('-o, --output <file>', 'write to this file (atomically) instead of stdout'),
    new Option('--table <name>', 'only this table, in every format'),
    new Option(
      '--columns <a,b,..>',
      'only these columns of the table, in this order, in every format',
    ).argParser(columnsList),
    new Option('--wide', 'table view: every column (default on a terminal: the columns that fit)'),
    new Option('--totals', 'csv: append the totals row (default: data rows only)'),
    new Option(
      '--set <path=value>',
      'override one parameter-file value, e.g. --set projection.months=24 (repeatable)',
    ).argParser(collectRaw),
    new Option('--no-color', 'no colours (also NO_COLOR=1 or a non-terminal stdout)'),
    new Option('--bom', 'csv: begin with a UTF-8 byte-order mark, for Excel'),
  ];
}
