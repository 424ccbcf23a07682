/** A whole text file a command reads (sweep merge's shards): one clear error when it cannot. */
import { readFileSync } from 'node:fs';
import { InputError } from '../core/errors.js';

export function readTextFile(name: string, who: string): string {
  try {
    return readFileSync(name, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : (e as Error).message;
    throw new InputError(`${who}: cannot read ${name}: ${why}`);
  }
}
