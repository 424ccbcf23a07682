/** Where a renderer writes: stdout, a file written atomically (src/runtime/output.ts), or memory. */
import { StringDecoder } from 'node:string_decoder';

export interface Sink {
  write(chunk: string | Uint8Array): Promise<void> | void;
  /** Finish: flush, and for a file move it into place. */
  close(): Promise<void>;
  /** Give up: for a file, remove the temporary file and leave any existing file untouched. */
  abort(): Promise<void>;
  /** True when the sink is a terminal (colours, progress bars). */
  readonly isTTY: boolean;
}

/** A sink that collects the text in memory (the library's render returns it). */
export function stringSink(): Sink & { text(): string } {
  const parts: string[] = [];
  const decoder = new StringDecoder('utf8');
  return {
    isTTY: false,
    write(chunk) {
      // Bytes (a tail of CSV read from a file) may end inside a character: the decoder keeps it.
      if (typeof chunk !== 'string') parts.push(decoder.write(chunk));
      else parts.push(decoder.end(), chunk);
    },
    async close() {},
    async abort() {},
    text: () => parts.join('') + decoder.end(),
  };
}
