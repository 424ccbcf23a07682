/**
 * Where a command gets its model. The built-in parameters come from a snapshot the build writes
 * beside the bundle (`gensyn.params.json`: the schema's output for configs/gensyn.yaml, with the
 * YAML text it came from), which saves loading the YAML parser and zod on every run; if the YAML
 * changed since the build, or there is no snapshot (tests run from src/), the YAML is read as for
 * any file. (Comparing the text itself is exact and cheaper than loading node:crypto to hash it.)
 */
import { readFileSync } from 'node:fs';
import { besideBundle, builtinConfigPath } from './paths.js';
import { pathString, resolveParams, type Locator, type Model } from './model.js';
import type { Params } from './schema/index.js';

export const SNAPSHOT_FILE = 'gensyn.params.json';
export const BUILTIN_NAME = 'built-in configs/gensyn.yaml';

/** JSON with bigints kept exact: a bigint becomes {"$big": "123"}. */
export const toSnapshot = (yamlText: string, params: Params): string =>
  JSON.stringify({ yaml: yamlText, params }, (_k, v) => (typeof v === 'bigint' ? { $big: v.toString() } : v));

export function fromSnapshot(text: string): { yaml: string; params: Params } {
  return JSON.parse(text, (_k, v) => (v && typeof v === 'object' && typeof v.$big === 'string' && Object.keys(v).length === 1 ? BigInt(v.$big) : v));
}

const builtinLocator: Locator = {
  file: BUILTIN_NAME,
  at: () => BUILTIN_NAME,
  problem: (path, message) => `${BUILTIN_NAME}: ${pathString(path)}: ${message}`,
};

/** The built-in model from the snapshot, or undefined when there is none or it is stale. */
export function builtinFromSnapshot(): Model | undefined {
  const snap = besideBundle(SNAPSHOT_FILE);
  if (!snap) return undefined;
  const { yaml, params } = fromSnapshot(readFileSync(snap, 'utf8'));
  if (yaml !== readFileSync(builtinConfigPath(), 'utf8')) return undefined;
  return resolveParams(params, builtinLocator, true);
}

/** The parameter file `file`, or the built-in Gensyn $AI parameters, validated and resolved. */
export async function loadModel(file?: string): Promise<Model> {
  if (file === undefined) {
    const m = builtinFromSnapshot();
    if (m) return m;
  }
  const { loadModelFromYaml } = await import('./load.js');
  return loadModelFromYaml(file);
}
