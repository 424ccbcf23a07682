/**
 * Where output goes. stdout honours back-pressure and treats a closed pipe (`| head`) as a normal
 * end; a file (-o) is written to a temporary name beside it and renamed into place only when the
 * command succeeded, so a failed run never leaves a partial or clobbered file.
 */
import { createWriteStream, renameSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { once } from 'node:events';
import { InputError } from '../core/errors.js';

export interface Sink {
  write(chunk: string): Promise<void> | void;
  /** Finish: flush, and for a file move it into place. */
  close(): Promise<void>;
  /** Give up: for a file, remove the temporary file and leave any existing file untouched. */
  abort(): Promise<void>;
  /** True when the sink is a terminal (colours, progress bars). */
  readonly isTTY: boolean;
}

let pipeClosed = false;
/** Stop quietly when stdout's reader goes away. */
export function quietOnClosedPipe(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') {
      pipeClosed = true;
      process.exit(0);
    }
    throw err;
  });
}

export function stdoutSink(): Sink {
  const out = process.stdout;
  return {
    isTTY: Boolean(out.isTTY),
    async write(chunk) {
      if (pipeClosed) return;
      if (!out.write(chunk)) await once(out, 'drain');
    },
    async close() {},
    async abort() {},
  };
}

/** A sink that collects the text in memory (the library's render returns it). */
export function stringSink(): Sink & { text(): string } {
  const parts: string[] = [];
  return {
    isTTY: false,
    write(chunk) {
      parts.push(chunk);
    },
    async close() {},
    async abort() {},
    text: () => parts.join(''),
  };
}

/** Check up front that -o can be written (its folder exists and is a folder). */
export function checkOutputPath(file: string): void {
  const dir = dirname(file);
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new InputError(`option -o, --output: cannot write ${file}: folder ${dir} does not exist`);
  }
  if (!st.isDirectory()) throw new InputError(`option -o, --output: cannot write ${file}: ${dir} is not a folder`);
  try {
    if (statSync(file).isDirectory()) throw new InputError(`option -o, --output: ${file} is a folder; give a file name`);
  } catch (e) {
    if (e instanceof InputError) throw e;
  }
}

export function fileSink(file: string): Sink {
  checkOutputPath(file);
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  let stream: WriteStream | undefined;
  let failed: Error | undefined;
  const open = (): WriteStream => {
    if (!stream) {
      stream = createWriteStream(tmp, { flags: 'wx' });
      stream.on('error', (e) => (failed = e));
    }
    return stream;
  };
  return {
    isTTY: false,
    async write(chunk) {
      const s = open();
      if (failed) throw failed;
      if (!s.write(chunk)) await once(s, 'drain');
    },
    async close() {
      const s = open();
      s.end();
      await once(s, 'close');
      if (failed) {
        rmSync(tmp, { force: true });
        throw failed;
      }
      renameSync(tmp, file);
    },
    async abort() {
      if (stream && !stream.closed) {
        stream.destroy();
        await once(stream, 'close').catch(() => undefined);
      }
      rmSync(tmp, { force: true });
    },
  };
}
