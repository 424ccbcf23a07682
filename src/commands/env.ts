/** What a report builder may ask of whoever runs it (the CLI, or a library caller). */
import type { Report } from '../core/table.js';
import type { Model } from '../params/model.js';
import type { CommandSpec, OptionsOf } from './spec.js';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

export interface BuildEnv {
  /** A progress display for long computations (the CLI: a bar on a terminal's stderr). */
  progress?: (label: string, total: number) => Progress | undefined;
  /** Warnings about the input that do not stop the command. */
  warn?: (message: string) => void;
  /** Terminal charts (`--chart`): draw in colour? */
  chartColor?: boolean;
  /** Streamed exports: check every input row before the first output row (the output is not atomic). */
  checkFirst?: boolean;
  /**
   * Only these tables will be read (a sweep reads a few figures of each of its thousand runs): a
   * builder may leave the rows of the others empty rather than compute them.
   */
  tables?: ReadonlySet<string>;
}

export type Builder<C extends CommandSpec> = (
  model: Model,
  options: OptionsOf<C>,
  env?: BuildEnv,
) => Report | Promise<Report>;
