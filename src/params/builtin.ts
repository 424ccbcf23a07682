/**
 * Which parameter file, and its model. The file is `-c FILE`, else $AI_ECON_CONFIG, else
 * ./ai-econ.yaml (what `ai-econ init` writes), else the built-in Gensyn $AI parameters.
 *
 * The built-in parameters come from a snapshot the build writes into dist/
 * (`gensyn.params.json`: the schema's output for configs/gensyn.yaml, with the YAML text it came
 * from), which saves loading the YAML parser and zod on every run; if the YAML changed since the
 * build, or there is no build yet, or values are overridden with --set, the
 * YAML is read as for any file. The snapshot also keeps the vesting schedules, which a run would
 * otherwise derive again (a few hundred date steps). (Comparing the text itself is exact and cheaper than hashing it.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { builtFile, builtinConfigPath } from './package.js';
import { resolveParams, type Locator, type Model } from './model.js';
import type { Params } from './schema/index.js';
import type { Override } from './overrides.js';

export const SNAPSHOT_FILE = 'gensyn.params.json';
export const BUILTIN_NAME = 'built-in configs/gensyn.yaml';
/** The file `ai-econ init` writes and every command then reads from the current folder. */
export const LOCAL_CONFIG = 'ai-econ.yaml';

/** The parameter file to use: -c, then $AI_ECON_CONFIG, then ./ai-econ.yaml; undefined = built-in. */
export function configFile(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (flag !== undefined) return flag;
  if (env.AI_ECON_CONFIG) return env.AI_ECON_CONFIG;
  return existsSync(LOCAL_CONFIG) ? LOCAL_CONFIG : undefined;
}

/** What resolving the parameters derives from token and allocations (the vesting schedules): kept in the snapshot too. */
export type Resolved = Pick<Model, 'supply' | 'categories'>;

/** JSON with bigints kept exact: a bigint becomes {"$big": "123"}. */
export const toSnapshot = (yamlText: string, params: Params, resolved: Resolved): string =>
  JSON.stringify(
    { yaml: yamlText, params, supply: resolved.supply, categories: resolved.categories },
    (_k, v) => (typeof v === 'bigint' ? { $big: v.toString() } : v),
  );

export function fromSnapshot(text: string): { yaml: string; params: Params } & Resolved {
  return JSON.parse(text, (_k, v) =>
    v && typeof v === 'object' && typeof v.$big === 'string' && Object.keys(v).length === 1
      ? BigInt(v.$big)
      : v,
  );
}

const builtinLocator: Locator = {
  file: BUILTIN_NAME,
  at: () => BUILTIN_NAME,
  problem: (path, message, key) => ({
    path: key !== undefined ? [...path, key] : path,
    message,
    file: BUILTIN_NAME,
  }),
};

/** The built-in model from the snapshot, or undefined when there is none or it is stale. */
export function builtinFromSnapshot(): Model | undefined {
  let snap: string;
  try {
    snap = builtFile(SNAPSHOT_FILE);
  } catch {
    return undefined; // not built
  }
  const { yaml, params, supply, categories } = fromSnapshot(readFileSync(snap, 'utf8'));
  if (yaml !== readFileSync(builtinConfigPath(), 'utf8')) return undefined;
  // The file's rules are checked again; its vesting schedules are the snapshot's.
  return resolveParams(params, builtinLocator, true, { params, supply, categories });
}

/** The parameter file `file` (undefined: the built-in Gensyn $AI parameters), validated and resolved, with overrides. */
export async function loadModel(
  file?: string,
  overrides: readonly Override[] = [],
): Promise<Model> {
  if (file === undefined && overrides.length === 0) {
    const m = builtinFromSnapshot();
    if (m) return m;
  }
  const { loadModelFromYaml } = await import('./load.js');
  return loadModelFromYaml(file, overrides);
}
