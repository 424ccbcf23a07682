/** The worker of ./grants-split.ts: the second part of a grants file, as CSV lines, into a file (or only checked). */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { grantRows } from '../commands/unlocks/grants.js';
import type { GrantsJob, GrantsReply } from './grants-split.js';
import { readGrants, type GrantRow } from '../inputs/grants.js';
import { BATCH, csvLine } from '../render/csv.js';

async function run(job: GrantsJob): Promise<GrantsReply> {
  const keep = new Set(job.categories);
  const granted = new Map<string, bigint>();
  const count = (g: GrantRow) =>
    granted.set(g.grant.category, (granted.get(g.grant.category) ?? 0n) + g.grant.amount);
  if (job.out === undefined) {
    // Checking only (stdout: every row is checked before anything is printed).
    for await (const g of readGrants(job.file, job.model, job.range)) count(g);
    return { granted: [...granted] };
  }
  const line = csvLine(job.columns, job.decimals);
  // The main thread's file descriptor: it closes it once this worker has stopped (so never destroy
  // this stream, which would close it). Without autoClose the stream emits no 'close', nor is it
  // destroyed by an error: wait for 'drain' or 'finish', which reject on an 'error'.
  const out = createWriteStream('', { fd: job.out, autoClose: false });
  let failed: Error | undefined;
  out.on('error', (e) => (failed = e));
  let text = '';
  let batch = 0;
  for await (const g of readGrants(job.file, job.model, job.range)) {
    count(g);
    for (const row of grantRows(g, keep, job.from, job.to)) {
      text += line(row);
      if (++batch >= BATCH) {
        if (failed) throw failed;
        if (!out.write(text)) await once(out, 'drain');
        text = '';
        batch = 0;
      }
    }
  }
  if (failed) throw failed;
  out.end(text);
  await once(out, 'finish');
  return { granted: [...granted] };
}

run(workerData as GrantsJob).then(
  (reply) => parentPort!.postMessage(reply),
  (e: unknown) =>
    parentPort!.postMessage({ failed: (e as Error)?.message ?? String(e) } satisfies GrantsReply),
);
