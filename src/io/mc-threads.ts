/**
 * Monte Carlo on two threads, pipelined: this thread simulates every run month by month into
 * shared memory, and as each month completes a worker reduces it to its bands (the selection of
 * p5/p50/p95 costs about as much as the simulation, so the two overlap). Every run draws from its
 * own stream and each month's bands depend only on that month's values, so the output is the same
 * as on one thread — which small runs, or a missing worker bundle (tests run from src/), use.
 */
import { Worker } from 'node:worker_threads';
import { besideBundle } from './paths.js';
import { runMonteCarlo, simulateRuns, type McBands, type McColumns, type McInputs, bandsOfMonths } from '../core/montecarlo.js';

export const WORKER_FILE = 'mc-worker.cjs';
/** Below this many run-months one thread is faster than starting a second. */
const MIN_CELLS = 300_000;

export interface SharedColumns {
  circulating: SharedArrayBuffer;
  cumulativeBurned: SharedArrayBuffer;
  price: SharedArrayBuffer;
  /** Int32: months simulated so far. */
  progress: SharedArrayBuffer;
}

export const columnsOf = (s: SharedColumns, months: number): McColumns => ({
  circulating: new Float64Array(s.circulating),
  cumulativeBurned: new Float64Array(s.cumulativeBurned),
  price: new Float64Array(s.price),
  deflation: new Uint32Array(months),
});

/** The worker's side: reduce each month to bands as soon as the simulation has finished it. */
export function reduceAsSimulated(shared: SharedColumns, runs: number, months: number): ReturnType<typeof bandsOfMonths> {
  const cols = columnsOf(shared, months);
  const progress = new Int32Array(shared.progress);
  const out: ReturnType<typeof bandsOfMonths> = { circulating: [], cumulativeBurned: [], price: [] };
  for (let k = 0; k < months; ) {
    const done = Atomics.load(progress, 0);
    if (done <= k) {
      Atomics.wait(progress, 0, done);
      continue;
    }
    const part = bandsOfMonths(cols, runs, k, done);
    out.circulating.push(...part.circulating);
    out.cumulativeBurned.push(...part.cumulativeBurned);
    out.price.push(...part.price);
    k = done;
  }
  return out;
}

export async function runMonteCarloThreads(inp: McInputs, onProgress?: (monthsDone: number) => void): Promise<McBands> {
  const M = inp.unlocks.length;
  const R = inp.runs;
  const file = besideBundle(WORKER_FILE);
  if (!file || R * M < MIN_CELLS || process.env.AI_ECON_THREADS === '1') return runMonteCarlo(inp, onProgress);
  const bytes = M * R * 8;
  const shared: SharedColumns = {
    circulating: new SharedArrayBuffer(bytes),
    cumulativeBurned: new SharedArrayBuffer(bytes),
    price: new SharedArrayBuffer(bytes),
    progress: new SharedArrayBuffer(4),
  };
  const worker = new Worker(file, { workerData: { runs: R, months: M, shared } });
  const result = new Promise<ReturnType<typeof bandsOfMonths>>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`Monte Carlo worker stopped (exit ${code})`)));
  });
  result.catch(() => undefined);
  const progress = new Int32Array(shared.progress);
  const cols = columnsOf(shared, M);
  try {
    simulateRuns(inp, 0, R, cols, (k) => {
      Atomics.store(progress, 0, k);
      Atomics.notify(progress, 0);
      onProgress?.(k);
    });
    const bands = await result;
    return { months: M, runs: R, ...bands, pNetDeflation: Float64Array.from(cols.deflation, (c) => c / R) };
  } finally {
    await worker.terminate();
  }
}
