/**
 * `sweep`: a report command over a grid of parameter values, or one parameter at a time
 * (`--sensitivity`), on N threads or as one shard of many (see sweep-engine.ts for how a point runs
 * and how the report is assembled, src/runtime/sweep-threads.ts for the threads, ./shards.ts for shard
 * files and `sweep merge`).
 */
import { type Axis, type Shard, parseVary, shardPoints } from '../../core/grid.js';
import type { Report } from '../../core/table.js';
import { mergeShards, shardLines } from './shards.js';
import {
  assemble,
  checkPlan,
  planPoints,
  runPointsHere,
  type PointResult,
  type SweepHeader,
  type SweepPlan,
} from './engine.js';
import type { BuildEnv } from '../env.js';

export { SWEEPABLE, type Sweepable, type SweepPlan } from './engine.js';

export interface RunOptions {
  /** Threads (default 1). */
  jobs?: number;
  /** Only this shard's points. */
  shard?: Shard;
  /** JSON `params` of the report. */
  params?: Record<string, unknown>;
}

async function run(
  plan: SweepPlan,
  o: RunOptions,
  env: BuildEnv,
): Promise<{ header: SweepHeader; results: PointResult[] }> {
  checkPlan(plan);
  const { total } = planPoints(plan);
  const points = shardPoints(total, o.shard);
  const progress =
    points.length >= 200
      ? env.progress?.(
          `sweep ${plan.command}, ${points.length.toLocaleString('en-US')} points`,
          points.length,
        )
      : undefined;
  let ran;
  try {
    ran = env.exec?.sweepPoints
      ? await env.exec.sweepPoints(plan, points, o.jobs ?? 1, progress?.update)
      : await runPointsHere(plan, points, progress?.update);
  } finally {
    progress?.stop();
  }
  const header: SweepHeader = {
    command: plan.command,
    file: ran.file,
    configSha256: ran.sha256,
    decimals: ran.decimals,
    params: o.params ?? {},
    axes: plan.axes.map((a) => ({ path: a.path, text: a.text })),
    sensitivity: plan.sensitivity,
    ...(plan.runs !== undefined ? { runs: plan.runs, seed: plan.seed ?? 1 } : {}),
    total,
    ...(ran.columns ? { columns: ran.columns } : {}),
    ...(ran.words?.length ? { words: ran.words } : {}),
  };
  return { header, results: ran.results };
}

/** The sweep's report: the points table (and with --sensitivity, the sensitivity table first). */
export async function buildSweep(
  plan: SweepPlan,
  o: RunOptions = {},
  env: BuildEnv = {},
): Promise<Report> {
  const { header, results } = await run(plan, o, env);
  return assemble(header, results, plan.axes);
}

/** One shard's JSON lines (`--shard I/N`). */
export async function sweepShard(
  plan: SweepPlan,
  o: RunOptions & { shard: Shard },
  env: BuildEnv = {},
): Promise<string> {
  const { header, results } = await run(plan, o, env);
  const { at } = planPoints(plan);
  return shardLines(header, o.shard, results, (i) =>
    Object.fromEntries(plan.axes.map((a, k) => [a.path, at(i)[k] ?? 'file'])),
  );
}

/** `sweep merge`: the report the unsharded sweep prints, from its shard files' texts. */
export function mergeSweep(files: readonly { name: string; text: string }[]): Report {
  const { header, results } = mergeShards(files);
  const axes: Axis[] = header.axes.map((a) => parseVary(a.text, { pair: header.sensitivity }));
  return assemble(header, results, axes);
}
