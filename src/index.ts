/**
 * ai-econ as a library (`import { loadParams, unlocks, render } from 'ai-econ'`): the engines the
 * command line runs, typed. Each engine takes a parameter model (from `loadParams`, or the built-in
 * Gensyn $AI parameters when omitted) and options, and resolves to the `Report` the CLI renders:
 * tables of typed cells, token amounts as bigint base units with `report.decimals`. `render` turns
 * a report into the text the CLI prints for a format.
 *
 * This module loads neither commander nor chalk nor cli-table3 (the table renderer loads
 * cli-table3 when a table is rendered); the CLI entry (src/cli/main.ts) does not import it.
 */
import { InputError } from './core/errors.js';
import type { CalDate } from './core/date.js';
import type { Column, Report, Row, Table } from './core/table.js';
import { exactText, isNumeric, jsonValue } from './core/cells.js';
import { ParamFileError, type Model } from './params/model.js';
import { parseParams, resolveParams } from './params/load.js';
import { builtinFromSnapshot, BUILTIN_NAME } from './params/builtin.js';
import { builtinConfigPath } from './params/package.js';
import { parseOverride } from './params/overrides.js';
import { stringSink } from './runtime/output.js';
import { suggestion } from './core/suggest.js';
import { FORMATS, render as renderTo, type Format, type RenderOptions } from './render/index.js';
import { readFileSync } from 'node:fs';
import { COMMANDS, commandOf, REPORT_COMMANDS, type CommandName } from './commands/registry.js';
import { sweepableOf } from './commands/sweep/engine.js';
import type { BuildEnv } from './commands/env.js';
import { threads } from './runtime/executor.js';
import type { CommandSpec } from './commands/spec.js';
import { optionsEcho, optionsFrom, type OptionsInput } from './commands/values.js';
import { buildSweep } from './commands/sweep/build.js';
import { parseVary } from './core/grid.js';

export type { Model, Category, Problem, Path } from './params/model.js';
export type { Report, Table, Column, ColumnKind, Row, Cell, TypedCell } from './core/table.js';
export type { Rational } from './core/rational.js';
export type { CalDate } from './core/date.js';
export type { Format } from './render/index.js';
export type { BuildEnv, Progress } from './commands/env.js';
export type { OptionsInput } from './commands/values.js';
export { InputError } from './core/errors.js';
export { problemText } from './params/model.js';
/** The parsers the CLI reads option text with (`parse.quantity('7B')`, `parse.date('2027-04-29')`), for typed option values. */
export { PARSERS as parse } from './commands/parsers.js';
export { rat, toDecimal } from './core/rational.js';
/** A table's rows as an array, whether the report holds them as an array or streams them (`grants`). */
export { allRows as rowsOf } from './core/rows.js';

/**
 * A parameter file with problems: `problems` lists every one as data
 * (`{ path, message, file?, line?, col?, flag? }`); the message has one line per problem, as the CLI prints them.
 */
export const ParamsError = ParamFileError;
export type ParamsError = ParamFileError;

export interface LoadOptions {
  /** How messages and report titles name the text (default: `parameters`). */
  file?: string;
  /** Overrides as `path=value`, exactly like the CLI's `--set` (`projection.months=24`). */
  set?: readonly string[];
}

/**
 * Parse, validate and resolve parameter-file YAML text (omitted: the built-in Gensyn $AI
 * parameters). Problems throw a ParamsError listing every problem with its path, line and column.
 */
export function loadParams(yamlText?: string, options: LoadOptions = {}): Model {
  const set = options.set ?? [];
  if (yamlText === undefined && set.length === 0 && options.file === undefined) {
    const snap = builtinFromSnapshot();
    if (snap) return snap;
  }
  const builtin = yamlText === undefined;
  const text = yamlText ?? readFileSync(builtinConfigPath(), 'utf8');
  const { params, src } = parseParams(
    text,
    options.file ?? (builtin ? BUILTIN_NAME : 'parameters'),
    set.map(parseOverride),
  );
  const model = resolveParams(params, src, builtin);
  echoes.set(model, { config: model.file, ...(set.length ? { set: [...set] } : {}) });
  return model;
}

/** What each model's reports record as their parameters (JSON `params`): the file and the overrides. */
const echoes = new WeakMap<Model, Record<string, unknown>>();
let builtinModel: Model | undefined;
const modelOr = (m: Model | undefined): Model => m ?? (builtinModel ??= loadParams());

/** The report commands (every one the registry has), by name. */
type Reports = {
  [
    N in CommandName as (typeof COMMANDS)[N] extends { kind: 'report' } ? N : never
  ]: (typeof COMMANDS)[N];
};
export type ReportCommandName = keyof Reports;
/** A report command's options as data (typed values, or their text as a user types it). */
export type OptionsFor<N extends ReportCommandName> = OptionsInput<Reports[N]['spec']>;

/**
 * Any report command of the registry by name, on options given as data (typed values or text),
 * recording the file and options like the CLI's JSON `params`. Every command is here with no edit
 * of this file; the named functions below are the same with their own names.
 */
export async function run<N extends ReportCommandName>(
  name: N,
  model?: Model,
  options?: OptionsFor<N>,
  env?: BuildEnv,
): Promise<Report> {
  const def = commandOf(name);
  if (def?.kind !== 'report') {
    const names = REPORT_COMMANDS.map((c) => c.spec.name);
    throw new InputError(
      `run: no report command "${String(name)}"${suggestion(String(name), names)}; expected one of ${names.join(', ')}`,
    );
  }
  const m = modelOr(model);
  const build = (await def.builder()) as (
    m: Model,
    o: Record<string, unknown>,
    env?: BuildEnv,
  ) => Report | Promise<Report>;
  const spec = def.spec;
  const report = await build(m, optionsFrom(spec, options as OptionsInput<CommandSpec>), {
    exec: threads,
    ...env,
  });
  report.params = {
    ...(echoes.get(m) ?? { config: m.file }),
    ...optionsEcho(spec, options as OptionsInput<CommandSpec>),
    ...report.params,
  };
  return report;
}

export type AllocationOptions = OptionsFor<'allocation'>;
export type UnlocksOptions = OptionsFor<'unlocks'>;
export type QuoteOptions = OptionsFor<'quote'>;
export type RewardsOptions = OptionsFor<'rewards'>;
export type BurnOptions = OptionsFor<'burn'>;
export type SimulateOptions = OptionsFor<'simulate'>;

/** `ai-econ allocation`: the supply by category with vesting terms. */
export const allocation = (model?: Model, options?: AllocationOptions): Promise<Report> =>
  run('allocation', model, options);

/** `ai-econ unlocks`: per period (default), at a date (`at`), as events (`events`) or per beneficiary (`grants`: a CSV file path). */
export const unlocks = (model?: Model, options?: UnlocksOptions, env?: BuildEnv): Promise<Report> =>
  run('unlocks', model, options, env);

/** `ai-econ unlocks --events`: every discrete unlock, with its size against the supply already unlocked. */
export const unlockEvents = (
  model?: Model,
  options?: Pick<UnlocksOptions, 'from' | 'to' | 'category'>,
): Promise<Report> => unlocks(model, { ...options, events: true });

/** `ai-econ unlocks --at DATE`: per category, unlocked and locked on a date (`YYYY-MM-DD`), and the next unlock. */
export const unlockedAt = (
  model: Model | undefined,
  at: CalDate,
  options?: Pick<UnlocksOptions, 'category'>,
): Promise<Report> => unlocks(model, { ...options, at });

/** `ai-econ quote`: a training job's fee in USD and tokens (`gpuHours`, or `params` with `tokens`). */
export const quote = (model?: Model, options?: QuoteOptions): Promise<Report> =>
  run('quote', model, options);

/** `ai-econ rewards`: an epoch's fees and emission split among nodes, validators and the treasury. */
export const rewards = (model?: Model, options?: RewardsOptions): Promise<Report> =>
  run('rewards', model, options);

/** `ai-econ burn`: buy-and-burn projected against unlocks (scenarios; Monte Carlo with `runs`). */
export const burn = (model?: Model, options?: BurnOptions, env?: BuildEnv): Promise<Report> =>
  run('burn', model, options, env);

/** `ai-econ simulate`: the closed loop month by month (tables months, ledger, risks; with `runs`, bands and p_ risks). */
export const simulate = (
  model?: Model,
  options?: SimulateOptions,
  env?: BuildEnv,
): Promise<Report> => run('simulate', model, options, env);

/** The commands a sweep runs (those with sweep traits), and each one's options as data. */
export type SweepCommands = {
  [N in ReportCommandName as Reports[N] extends { sweep: object } ? N : never]: OptionsFor<N>;
};

/** `ai-econ sweep <command>` as data: the CLI's flags, typed. */
export interface SweepOptions<C extends keyof SweepCommands = keyof SweepCommands> {
  command: C;
  /** `PATH=VALUES`, like `--vary` (`buyback.revenueShare=10%,20%,30%`, `projection.revenue.growth=0%..5%:1%`); several make the full grid. */
  vary: readonly string[];
  /** The swept command's own options (like `burn --months 24`: `{ months: 24 }`). */
  options?: SweepCommands[C];
  /** `--metric` names (default: the command's summary or risks). */
  metrics?: readonly string[];
  /** One parameter at a time at its low and high (`--sensitivity`): adds the `sensitivity` table. */
  sensitivity?: boolean;
  /** Monte Carlo runs per point (burn, simulate), and the sweep's seed (default 1). */
  runs?: number;
  seed?: number;
  /**
   * Threads (default 1; 1 to 256, and never more than the cores); the report is the same for every
   * number.
   */
  jobs?: number;
  /**
   * The parameter file, as a path: every point (and every worker thread) reads it and applies
   * `set` and the varied values, as the CLI's `-c`. Default: the built-in parameters.
   */
  config?: string;
  /** Overrides of every point, like `--set`. */
  set?: readonly string[];
}

/**
 * `ai-econ sweep`: a command over a grid of parameter values (table `points`, one row per point),
 * or with `sensitivity` one parameter at a time (table `sensitivity` first). It takes a file path
 * rather than a model: each point re-reads the file with its own values, on any thread.
 */
export async function sweep<C extends keyof SweepCommands>(
  options: SweepOptions<C>,
  env?: BuildEnv,
): Promise<Report> {
  const spec = sweepableOf(String(options.command)).spec;
  const sub = (options.options ?? {}) as OptionsInput<CommandSpec>;
  // Numbers go through the CLI's parsers as their text: `jobs: 1e9` is refused like --jobs 1e9.
  const text = (v: unknown) => (typeof v === 'number' ? String(v) : v);
  const own = optionsFrom(COMMANDS.sweep.spec, {
    jobs: text(options.jobs),
    runs: text(options.runs),
    seed: text(options.seed),
  } as OptionsInput<CommandSpec>) as { jobs?: number; runs?: number; seed?: number };
  const axes = options.vary.map((v) => parseVary(v, { pair: Boolean(options.sensitivity) }));
  const plan = {
    command: options.command,
    config: options.config,
    sets: options.set ?? [],
    axes,
    options: optionsFrom(spec, sub) as Record<string, unknown>,
    metrics: options.metrics,
    sensitivity: Boolean(options.sensitivity),
    runs: own.runs,
    seed: own.seed,
  };
  const params = {
    command: options.command,
    config: options.config ?? 'built-in configs/gensyn.yaml',
    ...(options.set?.length ? { set: [...options.set] } : {}),
    ...optionsEcho(spec, sub),
    vary: axes.map((a) => a.text),
    ...(plan.metrics ? { metric: [...plan.metrics] } : {}),
    ...(plan.sensitivity ? { sensitivity: true } : {}),
    ...(plan.runs !== undefined ? { runs: plan.runs, seed: plan.seed ?? 1 } : {}),
  };
  return buildSweep(plan, { jobs: own.jobs ?? 1, params }, { exec: threads, ...env });
}

/** The column `key` of a table, or an InputError naming the columns there are. */
function columnOf(table: Pick<Table, 'name' | 'columns'>, key: string): Column {
  const c = table.columns.find((x) => x.key === key);
  if (c) return c;
  const keys = table.columns.map((x) => x.key);
  throw new InputError(
    `table ${table.name}: no column "${key}"${suggestion(key, keys)}; expected one of ${keys.join(', ')}`,
  );
}

/**
 * A cell as plain text: exactly what csv prints for it (tokens in whole tokens, USD and numbers as
 * exact decimals, percents ×100, dates as YYYY-MM-DD), or null when it is empty. Cells are typed
 * values (a bigint of base units, a `{ n, d }` fraction, or a `{ as, v, dp }` cell that says how it
 * prints, like the risks table's values): this reads any of them as the report's columns do.
 */
export function cellText(
  report: Pick<Report, 'decimals'>,
  table: Pick<Table, 'name' | 'columns'>,
  row: Row,
  key: string,
): string | null {
  return exactText(row[key] ?? null, columnOf(table, key), report.decimals);
}

/**
 * A cell as a JavaScript number, as csv prints it (percents ×100), or null when it is empty or not
 * a number (a text or date cell, `never`). A double: for charts and statistics, not for sums of
 * money (use cellText, or the cells themselves, for exact values).
 */
export function cellNumber(
  report: Pick<Report, 'decimals'>,
  table: Pick<Table, 'name' | 'columns'>,
  row: Row,
  key: string,
): number | null {
  const column = columnOf(table, key);
  const text = exactText(row[key] ?? null, column, report.decimals);
  const cell = row[key];
  const kind =
    typeof cell === 'object' && cell !== null && 'as' in cell
      ? { ...column, kind: cell.as }
      : column;
  if (text === null || !isNumeric(kind)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/**
 * A cell as json has it: a decimal string for exact amounts, a number for floating-point
 * statistics (percents as percents), or null when it is empty.
 */
export function cellValue(
  report: Pick<Report, 'decimals'>,
  table: Pick<Table, 'name' | 'columns'>,
  row: Row,
  key: string,
): string | number | null {
  return jsonValue(row[key] ?? null, columnOf(table, key), report.decimals);
}

/**
 * How to render, beyond the format: the CLI's --table, --columns, --totals, --wide, --bom;
 * `width` fits the table view to that many columns as on a terminal (compact numbers, fewer
 * columns, notes wrapped; default: every column, as the CLI piped without $COLUMNS).
 */
export type RenderLibOptions = Omit<RenderOptions, 'format' | 'noColor'>;

/**
 * The text the CLI prints for a report in a format (as when its output is not a terminal: every
 * column, no colour). `csv` is the main table (or `table`'s), `json` and `md` and `table` all tables;
 * `svg` the chart of the main table (or `table`'s; vega and vega-lite load on first use), `html`
 * the self-contained page with that chart and every table.
 */
export async function render(
  report: Report,
  format: Format = 'table',
  options: RenderLibOptions = {},
): Promise<string> {
  const f = String(format).toLowerCase() as Format;
  if (!FORMATS.includes(f))
    throw new InputError(
      `render: unknown format "${format}"${suggestion(String(format), FORMATS)}; expected one of ${FORMATS.join(', ')}`,
    );
  const sink = stringSink();
  await renderTo(report, sink, { ...options, format: f, noColor: true });
  return sink.text();
}
