/** Files that ship inside the package (found from src/ under jest and from the bundle in dist/). */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
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

/** The schema as a project that installed this package reaches it: `node_modules/ai-econ/…` in `dir` or a folder above. */
function installedCopy(dir: string, schema: string): string | undefined {
  const real = realpathSync(schema);
  for (let d = dir; ; d = dirname(d)) {
    const p = join(d, 'node_modules', 'ai-econ', 'dist', 'ai-econ.schema.json');
    if (existsSync(p) && realpathSync(p) === real) return p;
    if (dirname(d) === d) return undefined;
  }
}

/**
 * The path, relative to `dir` and with `/`, of the JSON Schema shipped with this installation, when
 * a file in `dir` can keep pointing at it: `dir` is in the package (a checkout), or the package is
 * installed in `dir` or a folder above (node_modules, linked or not), so the path still holds when
 * the project moves. Otherwise (a global install, another disk, no build) undefined.
 */
export function schemaPathFrom(dir: string): string | undefined {
  const schema = findUp('dist/ai-econ.schema.json', 6);
  if (!schema) return undefined;
  const fromRoot = relative(dirname(dirname(schema)), dir);
  const inPackage = !fromRoot.startsWith('..') && !isAbsolute(fromRoot);
  const target = inPackage ? schema : installedCopy(dir, schema);
  return target === undefined ? undefined : relative(dir, target).split(sep).join('/');
}
