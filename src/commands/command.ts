/**
 * What a command is, as data. Each command's folder exports one of these from its index.ts; the
 * registry (./registry.ts) lists them; the CLI (src/cli) and the library (src/index.ts) are both
 * made from that list, so a new command is its folder and one line in the registry.
 *
 * - A report command declares its options (spec.ts), its pure builder (build.ts: model, options and
 *   env in, a Report of tables out), its charts by table name (chart.ts) and how `sweep` reads it.
 *   The shell parses the options, loads the parameter file, builds and renders.
 * - A tool command (init, validate, schema, report, sweep) has an action that does its own work
 *   through what the shell hands it (`Shell`: the parameter file, output, executor).
 * Builders, charts and actions load only when the command runs.
 */
import type { Report } from '../core/table.js';
import type { Model } from '../params/model.js';
import type { ChartBuilder } from './chart.js';
import type { BuildEnv, Builder } from './env.js';
import type { CommandSpec } from './spec.js';
import type { EconomyReport } from './report/build.js';
import type { PlayData } from './play/data.js';

/** How `sweep` reads a command's report. */
export interface SweepTraits {
  /**
   * The figures a sweep reports when no --metric is given, for these options: their names, or
   * every figure of these tables of the report.
   */
  readonly metrics: (o: Record<string, unknown>) => readonly string[] | { tables: string[] };
  /** Metric names that stand for another (`total_usd` → `breakdown.usd`). */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Options that make no single-figure report (refused with the reason). */
  readonly refuse?: (o: Record<string, unknown>) => string | undefined;
  /** Has a Monte Carlo (`--runs`, `--seed`). */
  readonly monteCarlo?: boolean;
}

export interface ReportCommand<C extends CommandSpec = CommandSpec> {
  readonly kind: 'report';
  readonly spec: C;
  /** The pure builder. */
  readonly builder: () => Promise<Builder<C>>;
  /** The charts of its tables (svg, html, report), by table name. */
  readonly charts?: () => Promise<Readonly<Record<string, ChartBuilder>>>;
  /** Present when `sweep` can run it. */
  readonly sweep?: SweepTraits;
  /** Library: the function's one-line description (default: the spec's). */
  readonly doc?: string;
}

/** A positional argument of a tool command (`init [file]`, `sweep <command> [files...]`). */
export interface ArgSpec {
  readonly name: string;
  readonly help: string;
  readonly required?: boolean;
  readonly variadic?: boolean;
  readonly default?: string;
}

/** What the shell hands a tool command's action. */
export interface Shell {
  /** The global options as given (format, -o, -c, --set, --table, …). */
  readonly globals: {
    readonly format: string;
    readonly output?: string;
    readonly config?: string;
    readonly set?: readonly string[];
    readonly table?: string;
    readonly columns?: readonly string[];
  };
  /** Progress, warnings and the executor for builders. */
  readonly env: BuildEnv;
  /** The parameter file `config` (default: the one the globals name), validated, with --set. */
  model(config?: string): Promise<Model>;
  /** The parameter file the globals name (undefined: the built-in one), without loading it. */
  configFile(): string | undefined;
  /**
   * Check -o, build the report and render it as the globals ask, to stdout or atomically to -o
   * (nothing is written if the build fails).
   */
  emit(build: (env: BuildEnv) => Promise<Report>): Promise<void>;
  /** Plain text to stdout, or atomically to `file` (default: -o). */
  write(text: string, file?: string): Promise<void>;
  /** Check -o before the work starts (not an input, nor one of `inputs`; a writable place). */
  checkOutput(inputs?: readonly string[]): void;
  /** A line for the user on stderr (not data). */
  tell(message: string): void;
  /** Whether a file exists (init's refusal to overwrite). */
  exists(file: string): boolean;
  /** The economy page, as html (to stdout or -o) or md (report.md and SVG files into the -o folder). */
  page(report: EconomyReport, format: 'html' | 'md'): Promise<void>;
  /** The parameter file the globals name, read once: its text and how messages name it. */
  paramText(): Promise<{ text: string; shown: string; builtin: boolean; file?: string }>;
  /** `ai-econ play`: its page for `data`, to stdout or atomically to -o. */
  playPage(data: PlayData): Promise<void>;
  /** Check the -o folder of `report -f md` before the work starts. */
  checkFolder(): void;
  /** How many threads a sweep may use by default (cores, or the Slurm task's CPUs). */
  cores(): number;
  /** Options of `command` from words the tool did not take (sweep's pass-through), parsed by that command's spec. */
  parse(
    spec: CommandSpec,
    words: readonly string[],
    name: string,
  ): Promise<Record<string, unknown>>;
  /** The raw option words as given (for the JSON `params` echo). */
  raw(spec: CommandSpec, words: readonly string[], name: string): Record<string, unknown>;
}

export interface ToolCall {
  /** Positional arguments, in the order declared. */
  readonly args: readonly (string | string[] | undefined)[];
  /** The tool's own options, parsed by its spec. */
  readonly options: Record<string, unknown>;
  /** Its options as typed (for JSON `params`). */
  readonly raw: Record<string, unknown>;
  /** Words it did not know (only with `passThrough`). */
  readonly rest: readonly string[];
}

export type ToolAction = (call: ToolCall, shell: Shell) => Promise<void>;

export interface ToolCommand<C extends CommandSpec = CommandSpec> {
  readonly kind: 'tool';
  readonly spec: C;
  readonly args?: readonly ArgSpec[];
  /** Unknown options pass through to the action (`sweep burn --months 24`); the help says so. */
  readonly passThrough?: string;
  /** The charts of the tables of the reports it emits, by table name. */
  readonly charts?: () => Promise<Readonly<Record<string, ChartBuilder>>>;
  readonly action: () => Promise<ToolAction>;
}

export type AnyCommand = ReportCommand<CommandSpec> | ToolCommand<CommandSpec>;
