/**
 * Monte Carlo on two threads, this one and a worker, sharing all of the work. The months go in
 * blocks (src/core/montecarlo.ts); a block's runs are simulated in slices, into one of three block
 * slots of shared memory, and each month of a simulated block is reduced to its bands. These tasks
 * are listed once in a fixed order and each thread takes the next one as it comes free (an atomic
 * counter), waiting only for what a task needs: a slice's previous block, a slot whose block is
 * reduced, a block whose slices are simulated. So a worker slow to start costs little (this thread
 * takes the tasks meanwhile), memory does not grow with the months, and since every run draws from
 * its own stream and each month's bands depend only on that month's values, the output is the same
 * as on one thread — which small runs use.
 */
import { Worker } from 'node:worker_threads';
import { builtFile } from '../params/package.js';
import {
  allocBuffers,
  bandsOf,
  blockOf,
  initRuns,
  mcLayout,
  reduceMonth,
  runMonteCarlo,
  simulateBlock,
  type McBands,
  type McBuffers,
  type McInputs,
  type McLayout,
} from '../core/montecarlo.js';

export const WORKER_FILE = 'mc-worker.js';
/** Below this many run-months one thread is faster than starting a second. */
const MIN_CELLS = 300_000;
/** Block slots: a block is simulated while the one before is reduced, with one to spare. */
const SLOTS = 3;
/** Runs a simulation task at least, and slices a block at most. */
const MIN_SLICE = 1024;
const MAX_SLICES = 16;

/** Everything the threads share: the inputs, the layout, the buffers and the task counters. */
export interface McShared {
  inp: McInputs;
  layout: McLayout;
  buf: McBuffers;
  /** Runs a slice. */
  slice: number;
  /** Counters (Int32, shared): see `at`. */
  control: Int32Array;
}

const NEXT = 0; // the next task to take
const DONE = 1; // tasks done
const REDUCED = 2; // months reduced
const READY = 3; // 1 once every run's starting state is written

/** Where the counters are: after the four above, blocks done per slice, then slices done and months reduced per block. */
function at(s: McShared) {
  const slices = Math.ceil(s.layout.runs / s.slice);
  const blocks = Math.ceil(s.layout.months / s.layout.block);
  return {
    slices,
    blocks,
    sliceBlocks: (c: number) => 4 + c,
    blockSlices: (b: number) => 4 + slices + b,
    blockReduced: (b: number) => 4 + slices + blocks + b,
    size: 4 + slices + 2 * blocks,
  };
}

/**
 * The tasks in the order they are taken: block g's slices, with block g − 1's months spread evenly
 * among them (a month's task follows its block's last slice by at least a few tasks), then the last
 * block's months. A task is [0, block, slice] or [1, month, 0].
 */
export function taskList(s: McShared): Int32Array {
  const { slices, blocks } = at(s);
  const l = s.layout;
  const out: number[] = [];
  const monthsOf = (b: number) => (b < 0 ? 0 : Math.min(l.months, (b + 1) * l.block) - b * l.block);
  for (let g = 0; g <= blocks; g++) {
    const sims = g < blocks ? slices : 0;
    const reds = monthsOf(g - 1);
    for (let i = 0, c = 0, j = 0; i < sims + reds; i++) {
      // The sims-th share of the group so far goes to slices, the rest to months (Bresenham).
      if (j >= reds || (c < sims && c * (sims + reds) <= i * sims)) out.push(0, g, c++);
      else out.push(1, (g - 1) * l.block + j++, 0);
    }
  }
  return Int32Array.from(out);
}

/** What task t needs done first: [counter, value] pairs (the counter at least the value). */
function needs(s: McShared, tasks: Int32Array, t: number): [number, number][] {
  const a = at(s);
  const l = s.layout;
  if (tasks[3 * t] === 0) {
    const [b, c] = [tasks[3 * t + 1], tasks[3 * t + 2]];
    const out: [number, number][] = [[a.sliceBlocks(c!), b!]];
    if (b! >= l.slots) out.push([a.blockReduced(b! - l.slots), l.block]); // only the last block is short
    return out;
  }
  return [[a.blockSlices(blockOf(l, tasks[3 * t + 1]!)), a.slices]];
}

function run(s: McShared, tasks: Int32Array, t: number): void {
  const a = at(s);
  const { control, layout: l } = s;
  const bump = (i: number) => {
    Atomics.add(control, i, 1);
    Atomics.notify(control, i);
  };
  if (tasks[3 * t] === 0) {
    const [b, c] = [tasks[3 * t + 1], tasks[3 * t + 2]];
    simulateBlock(s.inp, l, s.buf, b!, c! * s.slice, Math.min(l.runs, (c! + 1) * s.slice));
    bump(a.sliceBlocks(c!));
    bump(a.blockSlices(b!));
  } else {
    const k = tasks[3 * t + 1]!;
    reduceMonth(l, s.buf, k);
    bump(a.blockReduced(blockOf(l, k)));
    bump(REDUCED);
  }
  bump(DONE);
}

/** The shared memory of a run: buffers and counters (every run's starting state is written by `start`). */
export function sharedRun(inp: McInputs, layout: McLayout, slice: number): McShared {
  // A block's slices come before the months of the block before it in the task list.
  if (layout.slots < 2) throw new Error('Monte Carlo threads need two block slots at least');
  const shared = (n: number) => new SharedArrayBuffer(n);
  const s: McShared = {
    inp,
    layout,
    buf: allocBuffers(layout, shared),
    slice,
    control: new Int32Array(0),
  };
  s.control = new Int32Array(shared(4 * at(s).size));
  return s;
}

/** Write every run's starting state, and let the other threads start on the tasks. */
export function start(s: McShared): void {
  initRuns(s.inp, s.buf);
  Atomics.store(s.control, READY, 1);
  Atomics.notify(s.control, READY);
}

/** The worker's side: take tasks until none is left, waiting (blocking) for what each needs. */
export function work(s: McShared): void {
  const tasks = taskList(s);
  const total = tasks.length / 3;
  while (Atomics.load(s.control, READY) === 0) Atomics.wait(s.control, READY, 0);
  for (let t = Atomics.add(s.control, NEXT, 1); t < total; t = Atomics.add(s.control, NEXT, 1)) {
    for (const [i, v] of needs(s, tasks, t))
      for (let x = Atomics.load(s.control, i); x < v; x = Atomics.load(s.control, i))
        Atomics.wait(s.control, i, x);
    run(s, tasks, t);
  }
}

type WaitAsync = (
  a: Int32Array,
  i: number,
  v: number,
) => { async: false; value: string } | { async: true; value: Promise<string> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

export async function runMonteCarloThreads(
  inp: McInputs,
  onProgress?: (monthsDone: number) => void,
): Promise<McBands> {
  const M = inp.unlocks.length;
  const R = inp.runs;
  const file = builtFile(WORKER_FILE);
  if (!file || R * M < MIN_CELLS || process.env.AI_ECON_THREADS === '1')
    return runMonteCarlo(inp, onProgress);
  const s = sharedRun(inp, mcLayout(R, M, SLOTS), Math.max(MIN_SLICE, Math.ceil(R / MAX_SLICES)));
  const worker = new Worker(file, { workerData: s });
  // The worker fails: whatever waits for it stops waiting (a promise that only ever rejects).
  let stopped = false;
  const failed = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => {
      stopped = true;
      if (code !== 0) reject(new Error(`Monte Carlo worker stopped (exit ${code})`));
    });
  });
  failed.catch(() => undefined);
  const { control } = s;
  const until = async (i: number, v: number) => {
    for (let x = Atomics.load(control, i); x < v; x = Atomics.load(control, i)) {
      const w = waitAsync(control, i, x);
      if (w.async) await Promise.race([w.value, failed]);
    }
  };
  try {
    start(s);
    const tasks = taskList(s);
    const total = tasks.length / 3;
    let shown = 0;
    for (let t = Atomics.add(control, NEXT, 1); t < total; t = Atomics.add(control, NEXT, 1)) {
      for (const [i, v] of needs(s, tasks, t)) await until(i, v);
      run(s, tasks, t);
      const done = Math.min(Atomics.load(control, REDUCED), M);
      if (onProgress && done > shown) onProgress((shown = done));
    }
    await until(DONE, total);
    onProgress?.(M);
    return bandsOf(s.layout, s.buf);
  } finally {
    // The worker has no task left (or never took one, still starting): stop it without waiting.
    if (!stopped) {
      worker.unref();
      void worker.terminate();
    }
  }
}
