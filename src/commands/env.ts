/**
 * What a report builder may ask of whoever runs it (the CLI, or a library caller): progress,
 * warnings, and an executor for the heavy parts. Builders are pure computations of their inputs;
 * where a computation can use other threads, the builder asks `exec`, which the CLI and the
 * library hand in (src/runtime/executor.ts: worker threads) and which defaults to this thread.
 */
import type { Report } from '../core/table.js';
import type { McBands, McInputs } from '../core/montecarlo.js';
import type { Model } from '../params/model.js';
import type { CommandSpec, OptionsOf } from './spec.js';
import type { Ran, SweepPlan } from './sweep/engine.js';
import type { GrantsSplitter } from './unlocks/grants.js';

export type { GrantsSplitter } from './unlocks/grants.js';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/** How the heavy parts run: on this thread (the default) or on worker threads (src/runtime). */
export interface Executor {
  /** `burn --runs`: the Monte Carlo's bands, the same for every executor. */
  monteCarlo?(inp: McInputs, onProgress?: (monthsDone: number) => void): Promise<McBands>;
  /** `sweep`: a plan's points (indices), on up to `jobs` threads; results in point order. */
  sweepPoints?(
    plan: SweepPlan,
    points: readonly number[],
    jobs: number,
    onProgress?: (done: number) => void,
  ): Promise<Ran>;
  /** `unlocks --grants`: reading a big file's second part on another thread. */
  grants?: GrantsSplitter;
}

export interface BuildEnv {
  /** A progress display for long computations (the CLI: a bar on a terminal's stderr). */
  progress?: (label: string, total: number) => Progress | undefined;
  /** Warnings about the input that do not stop the command. */
  warn?: (message: string) => void;
  /** Streamed exports: check every input row before the first output row (the output is not atomic). */
  checkFirst?: boolean;
  /**
   * Only these tables will be read (a sweep reads a few figures of each of its thousand runs): a
   * builder may leave the rows of the others empty rather than compute them.
   */
  tables?: ReadonlySet<string>;
  /** Where the heavy parts run (default: this thread). */
  exec?: Executor;
  /** The tool's version, recorded in Monte Carlo reports (default: the package's). */
  version?: string;
}

export type Builder<C extends CommandSpec> = (
  model: Model,
  options: OptionsOf<C>,
  env?: BuildEnv,
) => Report | Promise<Report>;
