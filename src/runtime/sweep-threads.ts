/**
 * Running a sweep's points on N threads: this thread and N − 1 workers (each parses the parameter
 * file once) take chunks of points from one queue until it is empty. Every point is computed on its
 * own and the results are put back in point order, so the output is the same for every N — and the
 * same as one thread, which tests (run from src/, with no worker bundle) use.
 */
import { Worker } from 'node:worker_threads';
import { builtFile } from '../params/package.js';
import { InputError } from '../core/errors.js';
import { envNumber, stat, threadCpuMs } from './knobs.js';
import { evaluator, type PointResult, type Ran, type SweepPlan } from '../commands/sweep/engine.js';

export const SWEEP_WORKER_FILE = 'sweep-worker.js';
/**
 * Below this many points other threads are not even started: a worker started for nothing still
 * cost a 100-point burn sweep ~15% (its start competes with this thread, and stopping it waits for it).
 */
const MIN_POINTS = 200;
/** How long this thread runs points on its own before it estimates the rest of the work. */
const WARM_UP_MS = 250;
/**
 * A worker costs ~0.5 s of CPU before its first point (modules, the file, a JIT of its own), and its
 * first, cold chunks come back late: below about this much single-thread work left, the other
 * threads would make the sweep slower (300 burn points took 0.98 s on two threads, 0.65 s on one).
 * `AI_ECON_SWEEP_WORK_MS` overrides it (0: always use the threads, however few the points, as the tests do).
 */
const MIN_WORK_MS = 2000;
const minWorkMs = (): number =>
  envNumber(
    'AI_ECON_SWEEP_WORK_MS',
    'milliseconds, like 2000 (0: always use the threads)',
    MIN_WORK_MS,
  );

/** What a worker sends back. */
export type WorkerReply = (
  { results: PointResult[] } | { error: { message: string; input: boolean; i: number } }
) & {
  /** With AI_ECON_STATS: the CPU time the worker's thread has used so far, and its time waiting for work (ms). */
  cpuMs?: number;
  idleMs?: number;
};

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Run `points` (indices into the plan) on `jobs` threads; results in point order. */
export async function runPoints(
  plan: SweepPlan,
  points: readonly number[],
  jobs: number,
  onProgress?: (done: number) => void,
): Promise<Ran> {
  const rest = points.slice(1);
  const always = minWorkMs() === 0;
  const file =
    jobs > 1 && (rest.length >= MIN_POINTS || (always && rest.length > 0))
      ? builtFile(SWEEP_WORKER_FILE)
      : undefined;
  const threads = file ? Math.min(jobs, rest.length) : 1;
  // The workers start first, so that loading their modules and parsing the file (a few hundred
  // milliseconds of a cold thread) overlaps this thread doing the same and running its first points
  // (on the other core, so a small sweep that then does without them loses no time to them).
  // A worker that fails or stops (from its first moment on) rejects its `lost`.
  const workers = Array.from({ length: threads - 1 }, (): Thread => {
    const w = new Worker(file!, { workerData: plan });
    const lost = new Promise<never>((_, reject) => {
      w.once('error', reject);
      w.once('exit', (code) => reject(new Error(`sweep worker stopped (exit ${code})`)));
    });
    lost.catch(() => undefined); // after the sweep: terminate() stops it
    return { w, lost };
  });
  try {
    return await runOn(workers, plan, points, onProgress);
  } finally {
    await Promise.all(workers.map((t) => t.w.terminate()));
  }
}

interface Thread {
  w: Worker;
  lost: Promise<never>;
}

async function runOn(
  all: readonly Thread[],
  plan: SweepPlan,
  points: readonly number[],
  onProgress?: (done: number) => void,
): Promise<Ran> {
  const local = await evaluator(plan);
  const results: PointResult[] = [];
  let done = 0;
  const got = (rs: PointResult[]) => {
    results.push(...rs);
    done += rs.length;
    onProgress?.(done);
  };
  // The first point runs here before any worker is sent one: a bad value or metric fails fast. Then
  // this thread runs points alone for a moment, and the rest goes to the other threads too only if
  // it is worth their start (see MIN_WORK_MS).
  let next = 0;
  if (points.length) got([await local.run(points[next++])]);
  const t0 = performance.now();
  const least = minWorkMs();
  if (all.length && least > 0) {
    while (next < points.length && performance.now() - t0 < WARM_UP_MS)
      got([await local.run(points[next++])]);
  }
  const perPoint = (performance.now() - t0) / Math.max(1, next - 1);
  const rest = points.slice(next);
  const workers = rest.length * perPoint >= least ? all : [];
  // Not worth it: stop them now rather than at the end, so they leave the other core to this one's GC.
  if (!workers.length) for (const t of all) void t.w.terminate();
  const threads = workers.length + 1;
  // Small chunks, smaller still towards the end (a quarter of each thread's share of what is left,
  // at most 8 points): a thread's last chunk is the imbalance at the end (64-point chunks of
  // simulate left one core idle ~40%).
  let taken = 0;
  let byWorkers = 0;
  const workerCpu = new Map<Worker, [cpu: number, idle: number]>();
  const errors: { i: number; e: unknown }[] = [];
  const take = (): number[] | undefined => {
    if (errors.length || taken >= rest.length) return undefined;
    const size = Math.max(1, Math.min(8, Math.ceil((rest.length - taken) / (threads * 4))));
    return rest.slice(taken, (taken += size));
  };

  const workerLoops = workers.map(
    ({ w, lost }) =>
      new Promise<void>((resolve, reject) => {
        lost.catch(reject);
        // Three chunks in hand, so a worker never waits while this thread is busy with a point.
        let out = 0;
        const send = () => {
          const c = take();
          if (c) {
            w.postMessage(c);
            out++;
          } else if (out === 0) resolve();
        };
        w.on('message', (m: WorkerReply) => {
          out--;
          if (m.cpuMs !== undefined) workerCpu.set(w, [m.cpuMs, m.idleMs ?? NaN]);
          if ('results' in m) byWorkers += m.results.length;
          if ('error' in m) {
            errors.push({
              i: m.error.i,
              e: m.error.input ? new InputError(m.error.message) : new Error(m.error.message),
            });
            if (out === 0) resolve();
            return;
          }
          got(m.results);
          send();
        });
        send();
        send();
        send();
      }),
  );
  const localLoop = (async () => {
    let ticked = performance.now();
    for (let c = take(); c; c = take()) {
      const rs: PointResult[] = [];
      for (const i of c) {
        try {
          rs.push(await local.run(i));
        } catch (e) {
          errors.push({ i, e });
          return;
        }
        // Let the workers' replies in (and their next chunks out) every few milliseconds: between
        // chunks only, a worker finishing its chunks while this thread ran one of its own waited
        // (0.4–0.9 s of a 1,000-point simulate sweep on a busy machine; now under 0.1 s).
        if (threads > 1 && performance.now() - ticked >= 5) {
          await tick();
          ticked = performance.now();
        }
      }
      got(rs);
    }
  })();
  await Promise.all([localLoop, ...workerLoops]);
  // For the bench and the tests: how the points were shared.
  const sum = (k: 0 | 1) => [...workerCpu.values()].reduce((a, b) => a + b[k], 0);
  stat(
    `sweep threads=${threads} points_by_workers=${byWorkers} main_cpu_ms=${threadCpuMs() ?? 'NaN'} worker_cpu_ms=${sum(0)} worker_idle_ms=${Math.round(sum(1))}`,
  );
  if (errors.length) throw errors.sort((a, b) => a.i - b.i)[0].e;
  results.sort((a, b) => a.i - b.i);
  return {
    results,
    columns: local.columns(),
    decimals: local.decimals() ?? 18,
    file: local.file(),
  };
}
