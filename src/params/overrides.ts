/**
 * `--set path=value`: one parameter-file value overridden as if it were written in the file. The
 * value is read as YAML (numbers as their source text, like the file) and put into the parsed
 * document before validation, so it is checked by exactly the same rules; problems at an overridden
 * path name the flag instead of a line. Allocations and nodes are addressed by name / id
 * (`allocations.Team.vesting.cliff`), scenarios and GPU classes by their keys.
 */
import { parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { keysAt } from './schema/keys.js';
import { suggestion } from '../core/suggest.js';
import { quoted } from '../core/units.js';
import { ParamFileError, type Path } from './model.js';

/** How messages name a `--set` flag: its text, quoted when a line break or control character is in it. */
export const setFlag = (text: string): string =>
  `option --set ${/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(text) ? quoted(text) : text}`;

/** A problem with the flag itself (its syntax, or a path that does not exist), as data like the file's. */
const flagError = (text: string, path: Path, message: string): ParamFileError =>
  new ParamFileError([{ path, message, flag: setFlag(text) }]);

export interface Override {
  /** The flag's text, `projection.months=0`, for messages and JSON `params`. */
  readonly text: string;
  readonly path: string;
  readonly value: string;
}

/** `a.b.c=value` → an override; the value may itself contain `=`. */
export function parseOverride(text: string): Override {
  const i = text.indexOf('=');
  const path = i < 0 ? '' : text.slice(0, i).trim();
  if (i < 0 || path === '')
    throw flagError(text, [], 'expected path=value, like projection.months=24');
  // YAML would fold a line break into a space (`1\n%` into `1 %`, read as 1%): a flag is one line.
  if (/[\n\r\u000b\u000c\u0085\u2028\u2029]/.test(text))
    throw flagError(
      text,
      path.split('.'),
      'expected a value on one line; found a line break (in a quoted text, write \\n for one)',
    );
  return { text, path, value: text.slice(i + 1) };
}

/** Values already read (a sweep sets the same few values at many points): text → value. */
const readCache = new Map<string, unknown>();

/** A scalar or flow value (`18mo`, `0.10`, `{ cliff: 12mo }`) read like the parameter file reads it. */
function readValue(o: Override): unknown {
  if (!readCache.has(o.value)) {
    if (readCache.size >= 10_000) readCache.clear();
    readCache.set(o.value, readValueOnce(o));
  }
  const v = readCache.get(o.value);
  return typeof v === 'object' && v !== null ? structuredClone(v) : v;
}

/**
 * A plain word of letters, digits, `_`, `.` and `%` (like `12%`, `0.05`, `18mo`, `1e3`, `H100`) is read
 * by YAML as a string or a number, and numbers keep their source text here: either way the value is
 * the text itself, so a sweep's thousands of values need no YAML parser. YAML's other plain words
 * (true, null, ~, …) and everything else go to the parser.
 */
const PLAIN_WORD = /^[+-]?[0-9A-Za-z][0-9A-Za-z_.%]*$/;
const YAML_WORDS = /^(?:true|false|null|y|n|yes|no|on|off)$/i;

function readValueOnce(o: Override): unknown {
  if (PLAIN_WORD.test(o.value) && !YAML_WORDS.test(o.value)) return o.value;
  const doc = parseDocument(o.value, { uniqueKeys: true, strict: true });
  if (doc.errors.length)
    throw flagError(
      o.text,
      o.path.split('.'),
      `the value is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`,
    );
  // An anchor (&a) or alias (*a) refers across a document; a flag's value is one value, so either
  // is a mistake (YAML would drop `&a` or fail on an unknown `*a`): say how to write the text.
  let anchor: string | undefined;
  visit(doc, {
    Alias(_k, node) {
      anchor ??= `*${node.source}`;
    },
    Node(_k, node) {
      if (node.anchor) anchor ??= `&${node.anchor}`;
    },
    Scalar(_k, node) {
      if (node.anchor) anchor ??= `&${node.anchor}`;
      if (node.type === 'PLAIN' && typeof node.value === 'number' && node.source !== undefined)
        node.value = node.source;
    },
  });
  if (anchor !== undefined)
    throw flagError(
      o.text,
      o.path.split('.'),
      `the value has a YAML ${anchor.startsWith('*') ? 'alias' : 'anchor'} ${anchor}, which a flag cannot use; for the text itself, quote it: ${o.path}="${o.value.replace(/["\\]/g, '\\$&')}"`,
    );
  return doc.toJS();
}

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
/** What names the items of a list: allocations by `name`, nodes by `id`. */
const itemName = (x: unknown): string | undefined =>
  isObj(x)
    ? typeof x.name === 'string'
      ? x.name
      : typeof x.id === 'string' || typeof x.id === 'number'
        ? String(x.id)
        : undefined
    : undefined;

/**
 * Apply overrides to the parsed document `raw` (mutated); returns the index path each one set (or
 * the first mapping it had to make on the way), for locating problems. `schema` gives the keys that exist, for "did you mean".
 */
export function applyOverrides(
  raw: unknown,
  overrides: readonly Override[],
  schema: z.ZodType,
): Path[] {
  return overrides.map((o) => {
    const parts = o.path.split('.');
    const fail = (msg: string) => flagError(o.text, parts, msg);
    if (parts.some((p) => p === ''))
      throw fail(
        'the path has an empty part; expected names separated by dots, like projection.revenue.growth',
      );
    // `__proto__` would reach the object's prototype, not an entry: refused as in the file.
    if (parts.includes('__proto__'))
      throw fail('"__proto__" cannot be used as a name; choose another');
    const path: (string | number)[] = [];
    // Where the flag made a new mapping (a new GPU class, a section the file leaves out): problems
    // inside it are the flag's, not the file's.
    let made: (string | number)[] | undefined;
    let node: unknown = raw;
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      const here = path.length ? path.join('.') : 'the top level';
      if (Array.isArray(node)) {
        let idx = /^\d+$/.test(part) ? Number(part) : node.findIndex((x) => itemName(x) === part);
        if (idx < 0) idx = node.findIndex((x) => itemName(x)?.toLowerCase() === part.toLowerCase());
        if (idx < 0 || idx >= node.length) {
          const names = node.map(itemName).filter((n): n is string => n !== undefined);
          throw fail(
            `no item "${part}" in ${here}${suggestion(part, names)}${names.length ? `; expected one of ${names.join(', ')}` : ''}`,
          );
        }
        path.push(idx);
        if (last) node[idx] = readValue(o);
        else node = node[idx];
        continue;
      }
      if (!isObj(node)) throw fail(`${here} is not a mapping, so it has no "${part}"`);
      const known = keysAt(schema, path);
      if (known.length && !known.includes(part) && !Object.hasOwn(node, part)) {
        throw fail(
          `no key "${part}" in ${here}${suggestion(part, known)}; expected one of ${known.join(', ')}`,
        );
      }
      path.push(part);
      if (last) {
        node[part] = readValue(o);
      } else {
        if (!Object.hasOwn(node, part) || node[part] === null || node[part] === undefined) {
          node[part] = {};
          made ??= [...path];
        }
        node = node[part];
      }
    }
    return made ?? path;
  });
}

/** The override that set `path` or one of its parents, if any. */
export function overrideAt(
  paths: readonly Path[],
  overrides: readonly Override[],
  path: Path,
): Override | undefined {
  for (let i = paths.length - 1; i >= 0; i--) {
    const p = paths[i]!;
    if (p.length <= path.length && p.every((x, j) => x === path[j])) return overrides[i];
  }
  return undefined;
}
