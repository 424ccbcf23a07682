/**
 * Where output goes. stdout honours back-pressure and treats a closed pipe (`| head`) as a normal
 * end; any other failure to write (a full disk) is one line and exit 1.
 *
 * A file (-o) is written to a temporary name beside it and renamed into place only when the
 * command succeeded, so a failed or interrupted run (SIGINT, SIGTERM) never leaves a partial or
 * clobbered file, nor the temporary file. The rules:
 * - a symlink is followed and its target replaced (atomically); the link stays a link;
 * - a destination that is not a regular file (a device such as /dev/null, a FIFO) is written in
 *   place, never renamed over;
 * - an existing file keeps its permissions; a read-only one is refused (exit 2);
 * - the output may not be one of the command's input files (exit 2).
 */
import {
  accessSync,
  chmodSync,
  constants,
  createWriteStream,
  fstatSync,
  lstatSync,
  mkdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  type Stats,
  type WriteStream,
  writeSync,
} from 'node:fs';
import { dirname, basename, join, resolve, sep } from 'node:path';
import { once } from 'node:events';
import { InputError } from '../core/errors.js';
import type { Sink } from '../render/sink.js';

export type { Sink } from '../render/sink.js';
export { stringSink } from '../render/sink.js';

const WRITE_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
};

/** A failure to write the output (disk full, I/O error): a runtime failure, exit 1, one line. */
export class OutputError extends Error {
  constructor(cause: NodeJS.ErrnoException) {
    super(`cannot write output: ${WRITE_ERRORS[cause.code ?? ''] ?? cause.message}`);
    this.name = 'OutputError';
  }
}

/** A write-side errno error as an OutputError; anything else unchanged. */
export function asOutputError(e: unknown): unknown {
  const err = e as NodeJS.ErrnoException;
  return err &&
    typeof err.code === 'string' &&
    err.code in WRITE_ERRORS &&
    (err.syscall === 'write' ||
      err.syscall === 'open' ||
      err.syscall === 'rename' ||
      err.syscall === 'close' ||
      err.syscall === 'fsync')
    ? new OutputError(err)
    : e;
}

let pipeClosed = false;
/** Stop quietly when stdout's reader goes away; any other write failure is one line, exit 1. */
export function quietOnClosedPipe(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') {
      pipeClosed = true;
      process.exit(0);
    }
    cleanupTemps();
    const e = asOutputError(err);
    process.stderr.write(
      `ai-econ: ${e instanceof OutputError ? e.message : `cannot write output: ${err.message}`}\n`,
    );
    process.exit(1);
  });
}

/**
 * Whether stdout is a file or a device other than a terminal (`> out.csv`, `> /dev/full`): Node
 * writes those with one write(2) a chunk and takes a short count (a file that reached `ulimit -f`)
 * as done, so the rest of the chunk would be lost without an error. Such a stdout is written here,
 * looping until every byte is written or write(2) fails.
 */
function stdoutIsFile(): boolean {
  try {
    const st = fstatSync(1);
    return st.isFile() || st.isBlockDevice() || (st.isCharacterDevice() && !process.stdout.isTTY);
  } catch {
    return false;
  }
}

/** Write all of `chunk` to `fd`, however many write(2) calls it takes; a failure is an OutputError. */
export function writeAllSync(fd: number, chunk: string | Uint8Array): void {
  const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  try {
    for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off, buf.length - off);
  } catch (e) {
    throw asOutputError(e);
  }
}

export function stdoutSink(): Sink {
  const out = process.stdout;
  const file = stdoutIsFile();
  return {
    isTTY: Boolean(out.isTTY),
    async write(chunk) {
      if (pipeClosed) return;
      if (file) return writeAllSync(1, chunk);
      if (!out.write(chunk)) await once(out, 'drain');
    },
    async close() {},
    async abort() {},
  };
}

// Temporary files of -o runs in progress: removed on SIGINT / SIGTERM before exiting 130 / 143.
const temps = new Set<string>();
let signalsInstalled = false;
function cleanupTemps(): void {
  for (const t of temps) rmSync(t, { force: true });
  temps.clear();
}
function trackTemp(tmp: string): void {
  temps.add(tmp);
  if (signalsInstalled) return;
  signalsInstalled = true;
  for (const [sig, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.on(sig, () => {
      cleanupTemps();
      process.exit(code);
    });
  }
}

const MAX_NAME_BYTES = 255;
const MAX_LINKS = 40;

/** The file a path finally names: symlinks followed (a dangling one names its would-be target). */
function followLinks(file: string): string {
  let cur = resolve(file);
  for (let i = 0; i < MAX_LINKS; i++) {
    let st: Stats;
    try {
      st = lstatSync(cur);
    } catch {
      return cur;
    }
    if (!st.isSymbolicLink()) return cur;
    cur = resolve(dirname(cur), readlinkSync(cur));
  }
  throw new InputError(
    `option -o, --output: cannot write ${file}: too many levels of symbolic links`,
  );
}

const sameFile = (a: Stats, b: Stats): boolean => a.dev === b.dev && a.ino === b.ino;

/** Where and how -o writes: the real destination, in place or by rename, and the mode to keep. */
interface Plan {
  target: string;
  inPlace: boolean;
  mode?: number;
}

/**
 * Check up front that -o can be written, and how: its folder exists, it is not a folder, not
 * read-only and not one of `inputs` (the command's input files).
 */
export function checkOutputPath(file: string, inputs: readonly (string | undefined)[] = []): Plan {
  const bad = (why: string) => new InputError(`option -o, --output: cannot write ${file}: ${why}`);
  if (file === '')
    throw new InputError('option -o, --output: expected a file name; found an empty one');
  if (file.endsWith('/') || file.endsWith(sep))
    throw new InputError(`option -o, --output: ${file} names a folder; give a file name`);
  let existing: Stats | undefined;
  try {
    existing = statSync(file);
  } catch {
    existing = undefined;
  }
  if (!existing) {
    // A new file, or a dangling symlink: its (would-be) target's folder must exist.
    const target = followLinks(file);
    if (Buffer.byteLength(basename(target)) > MAX_NAME_BYTES)
      throw bad(`the file name is longer than ${MAX_NAME_BYTES} bytes`);
    let st;
    try {
      st = statSync(dirname(target));
    } catch {
      throw bad(`folder ${dirname(file)} does not exist`);
    }
    if (!st.isDirectory()) throw bad(`${dirname(file)} is not a folder`);
    return { target, inPlace: false };
  }
  if (existing.isDirectory())
    throw new InputError(`option -o, --output: ${file} is a folder; give a file name`);
  for (const input of inputs) {
    if (!input) continue;
    try {
      if (sameFile(statSync(input), existing))
        throw new InputError(
          `option -o, --output: ${file} is also an input of this command (${input}); write to another file`,
        );
    } catch (e) {
      if (e instanceof InputError) throw e;
    }
  }
  // A device (/dev/null), FIFO or socket is written in place, through the name as given.
  if (!existing.isFile()) return { target: file, inPlace: true };
  const target = realpathSync(file);
  if (!existing.isFile()) return { target, inPlace: true };
  // A file nobody may write (mode r--r--r--) is read-only even for root, who passes access().
  if ((existing.mode & 0o222) === 0) throw bad('the file is read-only');
  try {
    accessSync(target, constants.W_OK);
  } catch {
    throw bad('permission denied');
  }
  return { target, inPlace: false, mode: existing.mode & 0o7777 };
}

/** The temporary name beside `target`; a short one when the usual name would be too long. */
export function tempName(target: string, pid = process.pid): string {
  const usual = `.${basename(target)}.${pid}.tmp`;
  const name =
    Buffer.byteLength(usual) <= MAX_NAME_BYTES
      ? usual
      : `.ai-econ.${pid}.${Date.now().toString(36)}.tmp`;
  return join(dirname(target), name);
}

/** Until `s` drains or closes; both listeners go once either happens. */
export const drainedOrClosed = (s: WriteStream): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      s.off('drain', done);
      s.off('close', done);
      resolve();
    };
    s.on('drain', done);
    s.on('close', done);
  });

export function fileSink(file: string, inputs: readonly (string | undefined)[] = []): Sink {
  const plan = checkOutputPath(file, inputs);
  const tmp = plan.inPlace ? plan.target : tempName(plan.target);
  let stream: WriteStream | undefined;
  let failed: Error | undefined;
  const open = (): WriteStream => {
    if (!stream) {
      if (!plan.inPlace) trackTemp(tmp);
      stream = createWriteStream(
        tmp,
        plan.inPlace ? { flags: 'w' } : { flags: 'wx', mode: plan.mode ?? 0o666 },
      );
      stream.on('error', (e) => (failed = e));
    }
    return stream;
  };
  const removeTemp = () => {
    if (plan.inPlace) return;
    rmSync(tmp, { force: true });
    temps.delete(tmp);
  };
  return {
    isTTY: false,
    async write(chunk) {
      const s = open();
      if (failed) throw asOutputError(failed);
      // Until it drains, or closes (after an error, kept in `failed`); both listeners go once either happens.
      if (!s.write(chunk)) await drainedOrClosed(s);
      if (failed) throw asOutputError(failed);
    },
    async close() {
      const s = open();
      if (!s.closed) {
        s.end();
        await once(s, 'close');
      }
      if (failed) {
        removeTemp();
        throw asOutputError(failed);
      }
      if (plan.inPlace) return;
      try {
        // The umask may have narrowed the mode given at creation; an existing file keeps its own.
        if (plan.mode !== undefined) chmodSync(tmp, plan.mode);
        renameSync(tmp, plan.target);
      } catch (e) {
        removeTemp();
        throw asOutputError(e);
      }
      temps.delete(tmp);
    },
    async abort() {
      if (stream && !stream.closed) {
        stream.destroy();
        await once(stream, 'close').catch(() => undefined);
      }
      removeTemp();
    },
  };
}

/** The input files among a command's options (-c, --grants, --nodes, --jobs), for the -o check. */
export const inputFiles = (opts: object): (string | undefined)[] =>
  (['config', 'grants', 'nodes', 'jobs'] as const)
    .map((k) => (opts as Record<string, unknown>)[k])
    .filter((v): v is string => typeof v === 'string');

/** Write files into a folder (created if missing), each atomically. */
export async function writeFiles(
  dir: string,
  files: { name: string; text: string }[],
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const f of files) {
    const sink = fileSink(join(dir, f.name));
    try {
      await sink.write(f.text);
      await sink.close();
    } catch (e) {
      await sink.abort();
      throw e;
    }
  }
}

/** Check up front that -o names a folder that exists, or a new one whose parent exists. */
export function checkFolder(dir: string): void {
  const st = (p: string) => {
    try {
      return statSync(p);
    } catch {
      return undefined;
    }
  };
  const s = st(dir);
  if (s && !s.isDirectory())
    throw new InputError(
      `option -o, --output: ${dir} is a file; -f md writes a folder (report.md and SVG files)`,
    );
  if (!s && !st(dirname(dir))?.isDirectory())
    throw new InputError(
      `option -o, --output: cannot create folder ${dir}: ${dirname(dir)} does not exist`,
    );
}
