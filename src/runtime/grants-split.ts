/**
 * A big grants file on two threads. The file is cut in two at a line break near its middle; this
 * thread reads, computes and writes the first part as usual, while a worker does the same for the
 * second part into a temporary file, which is then copied after the first (checkInTwo: the check
 * before printing to stdout, likewise). The output is the same bytes as on one thread, in the same
 * constant memory.
 *
 * The cut is made only where it is certainly between two records: no quote before it (so no
 * quoted line break), and a line break right before it. Should the worker fail in any way — a bad
 * row (whose row number it cannot know), a full temporary disk — this thread reads the second part
 * itself, so errors are the same as on one thread (same row, line and message) and nothing is lost.
 */
import {
  closeSync,
  createReadStream,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { parse } from 'csv-parse/sync';
import type { Row } from '../core/table.js';
import { builtFile } from '../params/package.js';
import { envNumber, stat } from './knobs.js';
import { CSV_OPTIONS, headerCheck } from '../inputs/csvfile.js';
import {
  GRANT_COLUMNS,
  GRANT_REQUIRED,
  type GrantsJob,
  type GrantsReply,
  type Split,
} from '../inputs/grants.js';

export type { GrantsJob, GrantsReply, Split } from '../inputs/grants.js';

export const GRANTS_WORKER_FILE = 'grants-worker.js';
/**
 * Files smaller than this stay on one thread: a worker takes ~0.2 s to start. Measured (`-o`, the
 * bench's grants): at 150 KB (3,000 grants, 0.6 s) one and two threads took the same time; at
 * 250 KB two took 8% less, at 500 KB 16%, at 7 MB 50%. `AI_ECON_GRANTS_SPLIT_BYTES` overrides it.
 */
const MIN_BYTES = 256 << 10;

const outcome = (r: GrantsReply): string => ('granted' in r ? 'done' : `failed (${r.failed})`);

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BLOCK = 1 << 16;

/**
 * Where to cut a grants file for two threads, or undefined to read it on one: when it is smaller
 * than AI_ECON_GRANTS_SPLIT_BYTES (256 KiB), or there is no worker bundle (running from src/).
 */
export function splitFor(file: string): Split | undefined {
  const least = envNumber('AI_ECON_GRANTS_SPLIT_BYTES', 'bytes, like 262144', MIN_BYTES);
  const split = findSplit(file, least);
  // For the tests: whether, and where, the file was cut.
  stat(`grants split=${split ? split.start : 'none'}`);
  return split;
}

/** Where to cut `file` (of at least `least` bytes) in two, or undefined if there is no safe place. */
export function findSplit(file: string, least = 0): Split | undefined {
  let fd: number;
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size < Math.max(least, 2)) return undefined;
    fd = openSync(file, 'r');
  } catch {
    return undefined; // reading it on one thread says what is wrong
  }
  try {
    const size = statSync(file).size;
    const mid = Math.floor(size / 2);
    const buf = Buffer.allocUnsafe(BLOCK);
    let pos = 0;
    let lines = 0;
    let headerEnd = -1;
    let head = Buffer.alloc(0);
    // CRs before the cut: all of them, and those not followed by a LF (`crLast`: a block ended on one).
    let crs = 0;
    let loneCrs = 0;
    let crLast = false;
    const scan = (b: Buffer) => {
      if (b.length === 0) return;
      if (crLast && b[0] !== LF) loneCrs++;
      crLast = false;
      for (let i = b.indexOf(CR); i !== -1; i = b.indexOf(CR, i + 1)) {
        crs++;
        if (i + 1 === b.length) crLast = true;
        else if (b[i + 1] !== LF) loneCrs++;
      }
      lines += count(b, LF);
    };
    // Up to the middle: no quote anywhere, and the header's end (its line break).
    while (pos < mid) {
      const n = readSync(fd, buf, 0, Math.min(BLOCK, mid - pos), pos);
      if (n <= 0) return undefined;
      const b = buf.subarray(0, n);
      if (b.indexOf(QUOTE) !== -1) return undefined;
      if (headerEnd < 0) {
        const lf = b.indexOf(LF);
        if (lf === -1) head = Buffer.concat([head, b]);
        else {
          headerEnd = pos + lf;
          head = Buffer.concat([head, b.subarray(0, lf)]);
        }
      }
      scan(b);
      pos += n;
    }
    if (headerEnd < 0) return undefined;
    // From the middle: the next line break; the second part starts after it.
    for (;;) {
      const n = readSync(fd, buf, 0, BLOCK, pos);
      if (n <= 0) return undefined;
      const b = buf.subarray(0, n);
      const lf = b.indexOf(LF);
      if (lf === -1) {
        if (b.indexOf(QUOTE) !== -1) return undefined;
        scan(b);
        pos += n;
        continue;
      }
      if (b.subarray(0, lf).indexOf(QUOTE) !== -1) return undefined;
      scan(b.subarray(0, lf));
      const start = pos + lf + 1;
      if (start >= size) return undefined;
      // The header's line break is the file's (csv-parse takes the first it meets). Another one
      // before the cut — a lone CR (a line break to csv-parse), a CRLF in a LF file (two lines to
      // it), a LF in a CRLF file (inside a record to it) — would make the parts differ from the
      // whole, or the line count below from csv-parse's: no cut.
      const crlf = head[head.length - 1] === CR;
      if (crlf ? loneCrs > 0 || crs !== lines + 1 : crs > 0) return undefined;
      let columns: string[];
      try {
        const [header] = parse(head, { ...CSV_OPTIONS, info: false, to_line: 1 }) as string[][];
        columns = headerCheck(file, GRANT_COLUMNS, GRANT_REQUIRED)(header!);
      } catch {
        return undefined;
      }
      return { start, columns, line0: lines + 1, recordDelimiter: crlf ? '\r\n' : '\n' };
    }
  } finally {
    closeSync(fd);
  }
}

function count(b: Buffer, byte: number): number {
  let n = 0;
  for (let i = b.indexOf(byte); i !== -1; i = b.indexOf(byte, i + 1)) n++;
  return n;
}

/** A worker on `job`, and its one reply (a failure to start or a crash is a reply too). */
function startWorker(job: GrantsJob): { worker: Worker; reply: Promise<GrantsReply> } {
  const worker = new Worker(builtFile(GRANTS_WORKER_FILE), { workerData: job });
  const reply = new Promise<GrantsReply>((resolve) => {
    worker.once('message', resolve);
    worker.once('error', (e) => resolve({ failed: e.message }));
    worker.once('exit', (code) => resolve({ failed: `exit ${code}` }));
  });
  return { worker, reply };
}

/**
 * Check the second part on a worker while `first` (this thread) checks the first: the worker's grant
 * totals per category go to `granted`. If the worker fails in any way — a bad row, whose row number
 * only the first part knows — `second` checks the second part here, so an error is the same as on
 * one thread. Nothing is written.
 */
export async function checkInTwo(
  job: Omit<GrantsJob, 'out' | 'columns' | 'decimals'>,
  first: () => Promise<void>,
  second: () => Promise<void>,
  granted: (category: string, amount: bigint) => void,
): Promise<void> {
  let started: ReturnType<typeof startWorker> | undefined;
  try {
    started = startWorker({ ...job, columns: [], decimals: 0 });
  } catch {
    started = undefined;
  }
  try {
    await first();
    const r = started ? await started.reply : { failed: 'no worker' };
    stat(`grants check worker=${outcome(r)}`);
    if ('granted' in r) for (const [c, a] of r.granted) granted(c, a);
    else await second();
  } finally {
    await started?.worker.terminate();
  }
}

/**
 * The CSV text of the second part, made by a worker (started at once) into a temporary file and read
 * back; if the worker fails, made here from `rows` (which reads the second part on this thread).
 * `granted` gets the worker's grant totals per category. `stop()`, for when the first part fails
 * before this text is read: the worker is terminated and its file removed at once (else the process
 * would stay alive until the worker had written its whole part, for nothing).
 */
export function splitTail(
  job: Omit<GrantsJob, 'out'>,
  rows: () => AsyncIterable<readonly Row[]>,
  granted: (category: string, amount: bigint) => void,
): AsyncIterable<string | Uint8Array> & { stop(): Promise<void> } {
  let worker: Worker | undefined;
  // The worker's file: written through `writeFd`, read back through `readFd`; both closed here (a
  // worker may not close what this thread opened), `writeFd` once the worker has stopped.
  let writeFd: number | undefined;
  let readFd: number | undefined;
  let reply: Promise<GrantsReply>;
  try {
    const dir = mkdtempSync(join(tmpdir(), 'ai-econ-grants-'));
    try {
      const file = join(dir, 'part2.csv');
      writeFd = openSync(file, 'wx', 0o600);
      readFd = openSync(file, 'r');
    } finally {
      // Both ends are open: the name goes at once, so nothing is left in $TMPDIR however the
      // process ends (^C, a kill, a crash); the space is freed when both ends are closed.
      rmSync(dir, { recursive: true, force: true });
    }
    ({ worker, reply } = startWorker({ ...job, out: writeFd }));
  } catch (e) {
    reply = Promise.resolve({ failed: (e as Error).message }); // no temporary file: this thread does it all
  }
  async function* text(): AsyncGenerator<string | Uint8Array> {
    try {
      const r = await reply;
      stat(`grants worker=${outcome(r)}`);
      if ('granted' in r) {
        for (const [c, a] of r.granted) granted(c, a);
        const fd = readFd!;
        readFd = undefined; // the stream closes it
        yield* createReadStream('', {
          fd,
          start: 0,
          highWaterMark: 1 << 20,
        }) as AsyncIterable<Buffer>;
        return;
      }
      // Loaded here: the library (which builds this table) does not load the CSV renderer up front.
      const { csvLine } = await import('../render/csv.js');
      const line = csvLine(job.columns, job.decimals);
      for await (const chunk of rows()) {
        let t = '';
        for (const row of chunk) t += line(row);
        if (t) yield t;
      }
    } finally {
      await end();
    }
  }
  let ended = false;
  async function end(): Promise<void> {
    if (ended) return;
    ended = true;
    await worker?.terminate();
    for (const fd of [writeFd, readFd]) if (fd !== undefined) closeSync(fd);
    writeFd = readFd = undefined;
  }
  async function stop(): Promise<void> {
    if (ended) return;
    await end();
    stat('grants worker=stopped');
  }
  return Object.assign(text(), { stop });
}
