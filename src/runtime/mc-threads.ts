/**
 * Monte Carlo on two threads, pipelined: this thread simulates every run, a block of months at a
 * time, into shared memory, and as each block completes a worker reduces its months to their bands
 * from the first month up; once the simulation is done this thread reduces months too, from the
 * last month down, until the two meet (each month is claimed once, atomically). So the worker's
 * start-up never holds this thread up: should the worker be slow to start — a busy machine — this
 * thread does the rest itself. Every run draws from its own stream and each month's bands depend
 * only on that month's values, so the output is the same as on one thread — which small runs, or a
 * missing worker bundle (tests run from src/), use.
 */
import { Worker } from 'node:worker_threads';
import { builtFile } from '../params/package.js';
import {
  runMonteCarlo,
  simulateRuns,
  type Band,
  type McBands,
  type McColumns,
  type McInputs,
  bandsOfMonths,
} from '../core/montecarlo.js';

export const WORKER_FILE = 'mc-worker.js';
/** Below this many run-months one thread is faster than starting a second. */
const MIN_CELLS = 300_000;

export interface SharedColumns {
  circulating: SharedArrayBuffer;
  cumulativeBurned: SharedArrayBuffer;
  price: SharedArrayBuffer;
  /** Int32: months simulated so far. */
  progress: SharedArrayBuffer;
  /** Int32 a month: 0 free, 1 reduced by the worker, 2 by the simulating thread. */
  claimed: SharedArrayBuffer;
}

/** The bands of months 0..to−1. */
export type WorkerBands = { to: number } & ReturnType<typeof bandsOfMonths>;

export const columnsOf = (s: SharedColumns, months: number): McColumns => ({
  circulating: new Float64Array(s.circulating),
  cumulativeBurned: new Float64Array(s.cumulativeBurned),
  price: new Float64Array(s.price),
  deflation: new Uint32Array(months),
});

/** The worker's side: reduce months to bands from the first up, each once simulated, until one is already claimed. */
export function reduceAsSimulated(
  shared: SharedColumns,
  runs: number,
  months: number,
): WorkerBands {
  const cols = columnsOf(shared, months);
  const progress = new Int32Array(shared.progress);
  const claimed = new Int32Array(shared.claimed);
  const out: WorkerBands = { to: 0, circulating: [], cumulativeBurned: [], price: [] };
  for (let k = 0; k < months; k++) {
    for (let done = Atomics.load(progress, 0); done <= k; done = Atomics.load(progress, 0))
      Atomics.wait(progress, 0, done);
    if (Atomics.compareExchange(claimed, k, 0, 1) !== 0) break;
    const part = bandsOfMonths(cols, runs, k, k + 1);
    out.circulating.push(part.circulating[0]);
    out.cumulativeBurned.push(part.cumulativeBurned[0]);
    out.price.push(part.price[0]);
    out.to = k + 1;
  }
  return out;
}

export async function runMonteCarloThreads(
  inp: McInputs,
  onProgress?: (monthsDone: number) => void,
): Promise<McBands> {
  const M = inp.unlocks.length;
  const R = inp.runs;
  const file = builtFile(WORKER_FILE);
  if (!file || R * M < MIN_CELLS || process.env.AI_ECON_THREADS === '1')
    return runMonteCarlo(inp, onProgress);
  const bytes = M * R * 8;
  const shared: SharedColumns = {
    circulating: new SharedArrayBuffer(bytes),
    cumulativeBurned: new SharedArrayBuffer(bytes),
    price: new SharedArrayBuffer(bytes),
    progress: new SharedArrayBuffer(4),
    claimed: new SharedArrayBuffer(4 * M),
  };
  const worker = new Worker(file, { workerData: { runs: R, months: M, shared } });
  const result = new Promise<WorkerBands>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`Monte Carlo worker stopped (exit ${code})`)));
  });
  result.catch(() => undefined);
  const progress = new Int32Array(shared.progress);
  const claimed = new Int32Array(shared.claimed);
  const cols = columnsOf(shared, M);
  let waitForWorker = true;
  try {
    simulateRuns(inp, 0, R, cols, (k) => {
      Atomics.store(progress, 0, k);
      Atomics.notify(progress, 0);
      onProgress?.(k);
    });
    // This thread's share: months from the last down, until one the worker has claimed.
    const mine: Record<'circulating' | 'cumulativeBurned' | 'price', Band[]> = {
      circulating: [],
      cumulativeBurned: [],
      price: [],
    };
    let from = M;
    while (from > 0 && Atomics.compareExchange(claimed, from - 1, 0, 2) === 0) {
      const part = bandsOfMonths(cols, R, from - 1, from);
      mine.circulating.push(part.circulating[0]);
      mine.cumulativeBurned.push(part.cumulativeBurned[0]);
      mine.price.push(part.price[0]);
      from--;
    }
    waitForWorker = from > 0;
    const theirs: WorkerBands = waitForWorker
      ? await result
      : { to: 0, circulating: [], cumulativeBurned: [], price: [] };
    if (theirs.to !== from)
      throw new Error(`Monte Carlo worker reduced months 0..${theirs.to}, expected 0..${from}`);
    const join = (a: Band[], b: Band[]) => [...a, ...b.reverse()];
    return {
      months: M,
      runs: R,
      circulating: join(theirs.circulating, mine.circulating),
      cumulativeBurned: join(theirs.cumulativeBurned, mine.cumulativeBurned),
      price: join(theirs.price, mine.price),
      pNetDeflation: Float64Array.from(cols.deflation, (c) => c / R),
    };
  } finally {
    // A worker with nothing left to do may still be starting: stop it without waiting for it.
    if (waitForWorker) await worker.terminate();
    else {
      worker.unref();
      void worker.terminate();
    }
  }
}
