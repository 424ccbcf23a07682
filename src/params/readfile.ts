/**
 * Reading input files with a size limit, once. Parameter and node files are read whole, so an
 * endless or huge input (/dev/zero, a 2 GB file by mistake) must stop at a limit instead of
 * exhausting memory; the limit is in the message. Pipes and FIFOs are read like files, once.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** The most a parameter or node file may hold. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`larger than ${limit / (1024 * 1024)} MB, the limit for this file`);
    this.name = 'TooLargeError';
  }
}

/** The UTF-8 text of `file`, at most `limit` bytes (else TooLargeError); fs errors pass through. */
export function readTextLimited(file: string, limit = MAX_INPUT_BYTES): string {
  const fd = openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (st.isFile() && st.size > limit) throw new TooLargeError(limit);
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.allocUnsafe(1 << 16);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        throw e;
      }
      if (n === 0) break;
      total += n;
      if (total > limit) throw new TooLargeError(limit);
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
