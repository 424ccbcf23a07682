/** The second thread of io/mc-threads.ts: reduce each simulated month to its bands. */
import { parentPort, workerData } from 'node:worker_threads';
import { reduceAsSimulated, type SharedColumns } from './mc-threads.js';

const { runs, months, shared } = workerData as { runs: number; months: number; shared: SharedColumns };
parentPort!.postMessage(reduceAsSimulated(shared, runs, months));
