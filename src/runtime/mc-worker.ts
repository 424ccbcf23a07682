/** The second thread of io/mc-threads.ts: reduce simulated months to their bands, from the first up, until it meets the first thread coming down. */
import { parentPort, workerData } from 'node:worker_threads';
import { reduceAsSimulated, type SharedColumns } from './mc-threads.js';

const { runs, months, shared } = workerData as {
  runs: number;
  months: number;
  shared: SharedColumns;
};
parentPort!.postMessage(reduceAsSimulated(shared, runs, months));
