/** The second thread of runtime/mc-threads.ts: take Monte Carlo tasks until none is left. */
import { workerData } from 'node:worker_threads';
import { work, type McShared } from './mc-threads.js';

work(workerData as McShared);
