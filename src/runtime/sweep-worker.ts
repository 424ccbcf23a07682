/** A worker thread of ./sweep-threads.ts: parse the parameter file once, then run the chunks of points it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { InputError } from '../core/errors.js';
import { evaluator, type PointResult, type SweepPlan } from '../commands/sweep/engine.js';
import type { WorkerReply } from './sweep-threads.js';
import { threadCpuMs } from './knobs.js';

const port = parentPort!;
const ready = evaluator(workerData as SweepPlan);
/** For the stats line: the event loop's use when the first chunk came (idle since then = waiting for work). */
let first: ReturnType<typeof performance.eventLoopUtilization> | undefined;
port.on('message', async (chunk: number[]) => {
  first ??= performance.eventLoopUtilization();
  let reply: WorkerReply;
  let i = chunk[0] ?? -1;
  try {
    const ev = await ready;
    const results: PointResult[] = [];
    for (i of chunk) results.push(await ev.run(i));
    reply = { results };
  } catch (e) {
    reply = {
      error: { message: (e as Error)?.message ?? String(e), input: e instanceof InputError, i },
    };
  }
  const cpuMs = threadCpuMs();
  port.postMessage(
    cpuMs === undefined
      ? reply
      : { ...reply, cpuMs, idleMs: performance.eventLoopUtilization(first).idle },
  );
});
