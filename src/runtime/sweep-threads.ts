/**
 * Running a sweep's points on N threads: this thread and N − 1 workers (each parses the parameter
 * file once) take chunks of points from one queue until it is empty. Every point is computed on its
 * own and the results are put back in point order, so the output is the same for every N — and the
 * same as one thread, which tests (run from src/, with no worker bundle) use.
 */
import { availableParallelism } from 'node:os';
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

/**
 * Run `points` (indices into the plan) on at most `jobs` threads, and never more than the cores
 * (more threads than cores only compete for them, each with its own memory); results in point order.
 */
export async function runPoints(
  plan: SweepPlan,
  points: readonly number[],
  jobs: number,
  onProgress?: (done: number) => void,
): Promise<Ran> {
  const cap = Math.min(jobs, availableParallelism());
  const started: Thread[] = [];
  try {
    return await runOn(plan, points, cap, started, onProgress);
  } finally {
    await Promise.all(started.map((t) => t.w.terminate()));
  }
}

interface Thread {
  w: Worker;
  lost: Promise<never>;
}

/** Start a worker thread; a worker that fails or stops (from its first moment on) rejects its `lost`. */
function startWorker(file: string, plan: SweepPlan): Thread {
  const w = new Worker(file, { workerData: plan });
  const lost = new Promise<never>((_, reject) => {
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`sweep worker stopped (exit ${code})`)));
  });
  lost.catch(() => undefined); // after the sweep: terminate() stops it
  return { w, lost };
}

/**
 * How many threads the work left pays for: none but this one below `least` ms of it on one
 * thread; above, one more for every `least` / 2 ms (each thread's share stays well above the
 * half second a worker costs before its first point), at most `cap`.
 */
export const threadsFor = (leftMs: number, least: number, cap: number): number =>
  leftMs < least ? 1 : Math.max(1, Math.min(cap, Math.floor(leftMs / (least / 2))));

async function runOn(
  plan: SweepPlan,
  points: readonly number[],
  cap: number,
  started: Thread[],
  onProgress?: (done: number) => void,
): Promise<Ran> {
  const local = await evaluator(plan);
  const results: PointResult[] = [];
  let done = 0;
  const got = (rs: PointResult[]) => {
    for (const r of rs) results.push(r);
    done += rs.length;
    onProgress?.(done);
  };
  // The first point runs here before any worker starts: a bad value or metric fails fast. Then
  // this thread runs points alone for a moment, and other threads start only if the rest of the
  // work pays for them (see MIN_WORK_MS): a worker started for nothing costs its start-up and its
  // memory, however many were asked for.
  let next = 0;
  if (points.length) got([await local.run(points[next++]!)]);
  const least = minWorkMs();
  const mayUse = cap > 1 && (points.length - 1 >= MIN_POINTS || (least === 0 && points.length > 1));
  const t0 = performance.now();
  if (mayUse && least > 0) {
    while (next < points.length && performance.now() - t0 < WARM_UP_MS)
      got([await local.run(points[next++]!)]);
  }
  const perPoint = (performance.now() - t0) / Math.max(1, next - 1);
  const rest = points.slice(next);
  const wanted = !mayUse
    ? 1
    : least === 0
      ? Math.min(cap, rest.length + 1)
      : Math.min(threadsFor(rest.length * perPoint, least, cap), rest.length + 1);
  if (wanted > 1) {
    const file = builtFile(SWEEP_WORKER_FILE);
    for (let k = 1; k < wanted; k++) started.push(startWorker(file, plan));
  }
  const workers = started;
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
    `sweep threads=${threads} points_by_workers=${byWorkers} cap=${cap} main_cpu_ms=${threadCpuMs() ?? 'NaN'} worker_cpu_ms=${sum(0)} worker_idle_ms=${Math.round(sum(1))}`,
  );
  if (errors.length) throw errors.sort((a, b) => a.i - b.i)[0]!.e;
  results.sort((a, b) => a.i - b.i);
  return {
    results,
    columns: local.columns(),
    words: local.words(),
    decimals: local.decimals() ?? 18,
    file: local.file(),
    sha256: local.sha256(),
  };
}
