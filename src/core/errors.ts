/**
 * A mistake in the user's input (a flag, a parameter file, a data file).
 * The shell maps it to one clear line on stderr and exit code 2.
 * `path` locates the mistake inside a parameter file (keys and indexes), when known.
 */
export class InputError extends Error {
  readonly path: readonly (string | number)[] | undefined;
  constructor(message: string, path?: readonly (string | number)[]) {
    super(message);
    this.name = 'InputError';
    this.path = path;
  }
}
