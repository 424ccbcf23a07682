/**
 * Loading a parameter file: read it (with a size limit), then ./parse.ts (YAML with positions ->
 * zod validation) and ./model.ts (a resolved model in base units). Every problem becomes an
 * InputError carrying `file:line:col: where: what`, all of them at once so `ai-econ validate` can
 * list every mistake in one run.
 */
import { relative, isAbsolute } from 'node:path';
import { builtinConfigPath } from './package.js';
import { InputError } from '../core/errors.js';
import { resolveParams, type Model } from './model.js';
import { PARAMS_EXPECTED, parseParams, parseYaml, type Located } from './parse.js';
import type { Override } from './overrides.js';
import { readTextLimited, TooLargeError } from './readfile.js';

export { ParamFileError, pathString, problemText, resolveParams } from './model.js';
export type { Category, Model, Path, Problem } from './model.js';
export * from './parse.js';

/** Read, validate and resolve a parameter file from YAML (default: the built-in Gensyn $AI parameters). */
export function loadModelFromYaml(file?: string, overrides: readonly Override[] = []): Model {
  const { text, shown, builtin } = readParamText(file);
  const { params, src } = parseParams(text, shown, overrides);
  return resolveParams(params, src, builtin);
}

/** A parameter file parsed once (not yet validated), for commands that validate it many times over (sweep). */
export interface ParsedFile {
  raw: unknown;
  src: Located;
  builtin: boolean;
  /** The file's text as read (a sweep's shards record its hash: the same content, the same sweep). */
  text: string;
}

/** Read and parse a parameter file (default: the built-in one) without validating it. */
export function parseParamFile(file?: string): ParsedFile {
  const { text, shown, builtin } = readParamText(file);
  const { raw, src } = parseYaml(text, shown, PARAMS_EXPECTED);
  return { raw, src, builtin, text };
}

/** The text of a parameter file and the name messages give it. */
export function readParamText(file?: string): { text: string; shown: string; builtin: boolean } {
  const builtin = file === undefined;
  const path = builtin ? builtinConfigPath() : file;
  const shown = builtin ? 'built-in configs/gensyn.yaml' : displayPath(file);
  let text: string;
  try {
    text = readTextLimited(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      e instanceof TooLargeError
        ? e.message
        : code === 'ENOENT'
          ? 'no such file'
          : code === 'EISDIR'
            ? 'it is a directory'
            : code === 'EACCES'
              ? 'permission denied'
              : (e as Error).message;
    throw new InputError(`cannot read parameter file ${shown}: ${why}`);
  }
  return { text, shown, builtin };
}

function displayPath(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}
