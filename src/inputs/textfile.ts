/** A whole text file a command reads (sweep merge's shards): one clear error when it cannot. */
import { readFileSync } from 'node:fs';
import { InputError } from '../core/errors.js';

export function readTextFile(name: string, who: string): string {
  try {
    return readFileSync(name, 'utf8');
  } catch (e) {
    throw new InputError(
      `${who}: cannot read ${name}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
  }
}
