/** Files that ship inside the package (found from src/ under jest and from the bundle in dist/). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `rel` in this module's folder or up to `levels − 1` folders above it, if it exists. */
export function findUp(rel: string, levels: number): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < levels; i++) {
    const p = join(dir, rel);
    if (existsSync(p)) return p;
    dir = dirname(dir);
  }
  return undefined;
}

export function packageFile(rel: string): string {
  const p = findUp(rel, 6);
  if (!p) throw new Error(`cannot find ${rel} in the ai-econ package`);
  return p;
}

/**
 * A file the build writes into dist/ (a worker thread's script, the built-in parameters' snapshot):
 * the one beside the running bundle, or, when this code runs from src/ (jest), the package's
 * dist/, built by `npm test`'s pretest. Either way the same built file, so nothing behaves
 * differently by where the code runs.
 */
export const builtFile = (name: string): string => findUp(name, 2) ?? packageFile(`dist/${name}`);

export const builtinConfigPath = (): string => packageFile('configs/gensyn.yaml');

/** Put in by the bundle (esbuild `define`, scripts/bundle.mjs); undefined when running from src/. */
declare const AI_ECON_VERSION: string | undefined;
let version: string | undefined;
export function packageVersion(): string {
  version ??=
    typeof AI_ECON_VERSION === 'string'
      ? AI_ECON_VERSION
      : (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string })
          .version;
  return version;
}

/** The built-in parameter file's text (what `ai-econ init` writes). */
export const builtinConfigText = (): string => readFileSync(builtinConfigPath(), 'utf8');
