/** The worker of io/grants-split.ts: the second part of a grants file, as CSV lines, into a file. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { grantRows } from '../reports/grants.js';
import type { GrantsJob, GrantsReply } from './grants-split.js';
import { readGrants } from './grants.js';
import { csvLine } from './render/csv.js';
import { drainedOrClosed } from './output.js';

const BATCH = 2048;

async function run(job: GrantsJob): Promise<GrantsReply> {
  const keep = new Set(job.categories);
  const granted = new Map<string, bigint>();
  const line = csvLine(job.columns, job.decimals);
  const out = createWriteStream(job.out, { flags: 'wx' });
  let failed: Error | undefined;
  out.on('error', (e) => (failed = e));
  let text = '';
  let batch = 0;
  for await (const g of readGrants(job.file, job.model, job.range)) {
    granted.set(g.grant.category, (granted.get(g.grant.category) ?? 0n) + g.grant.amount);
    for (const row of grantRows(g, keep, job.from, job.to)) {
      text += line(row);
      if (++batch >= BATCH) {
        if (failed) throw failed;
        if (!out.write(text)) await drainedOrClosed(out);
        text = '';
        batch = 0;
      }
    }
  }
  out.end(text);
  await once(out, 'close');
  if (failed) throw failed;
  return { granted: [...granted] };
}

run(workerData as GrantsJob).then(
  (reply) => parentPort!.postMessage(reply),
  (e: unknown) => parentPort!.postMessage({ failed: (e as Error)?.message ?? String(e) } satisfies GrantsReply),
);
