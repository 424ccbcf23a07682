/**
 * Parameter text to validated parameters, with no file access (the CLI reads files in ./load.ts;
 * the browser page of `ai-econ play` runs this same code on the text it holds): YAML (with
 * positions) -> `--set` overrides -> zod validation. Every problem becomes an InputError carrying
 * `file:line:col: where: what`, all of them at once so `ai-econ validate` can list every mistake
 * in one run.
 */
import {
  LineCounter,
  parseDocument,
  visit,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type Node,
} from 'yaml';
import type { z } from 'zod';
import { didYouMean } from '../core/suggest.js';
import { ParamsSchema, type Params } from './schema/index.js';
import {
  ParamFileError,
  checkParams,
  inFileOrder,
  type Locator,
  type Path,
  type Problem,
} from './model.js';
import { keysAt } from './schema/keys.js';
import { applyOverrides, overrideAt, setFlag, type Override } from './overrides.js';

export class Located implements Locator {
  constructor(
    readonly file: string,
    readonly doc: Document,
    readonly lc: LineCounter,
  ) {}

  /** Offset of the node at `path` (or of the key itself when `key` is set), else of its nearest parent. */
  offset(path: Path, key?: string): number {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true) as Node | undefined;
      if (!node) continue;
      if (key !== undefined && n === path.length && isMap(node)) {
        const pair = node.items.find(
          (it) => isPair(it) && isScalar(it.key) && it.key.value === key,
        );
        if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
      }
      if (n < path.length && isMap(node)) {
        // The missing key's parent: point at the map itself.
        const pair = node.items.find(
          (it) => isPair(it) && isScalar(it.key) && it.key.value === path[n],
        );
        if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
      }
      if (node.range) return node.range[0];
    }
    return 0;
  }

  /** 1-based line and column of a path (see offset). */
  pos(path: Path, key?: string): { line: number; col: number } {
    return this.lc.linePos(this.offset(path, key));
  }

  at(path: Path, key?: string): string {
    const { line, col } = this.pos(path, key);
    return `${this.file}:${line}:${col}`;
  }

  problem(path: Path, message: string, key?: string): Problem {
    return {
      path: key !== undefined ? [...path, key] : path,
      message,
      file: this.file,
      ...this.pos(path, key),
    };
  }
}

/** The value at `path` of a parsed document (own keys only), and whether it is there. */
function lookup(raw: unknown, path: Path): { has: boolean; value?: unknown } {
  let node = raw;
  for (const p of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, p)) return { has: false };
    node = (node as Record<string | number, unknown>)[p];
  }
  return { has: true, value: node };
}

/**
 * zod issues as located problems; `root` is the schema the issue paths start from. `raw` is the
 * value that was validated (with any --set applied), when it differs from the document's own;
 * `aliases` are other words for keys, for "did you mean" (a node's `node` is its `id`).
 */
export function zodProblems(
  src: Locator,
  doc: Located,
  issues: readonly z.core.$ZodIssue[],
  root: z.ZodType = ParamsSchema,
  { raw, aliases }: { raw?: unknown; aliases?: Readonly<Record<string, string>> } = {},
): Problem[] {
  const has = (path: Path): boolean =>
    raw === undefined ? doc.doc.hasIn(path) : lookup(raw, path).has;
  const get = (path: Path): unknown =>
    raw === undefined ? doc.doc.getIn(path) : lookup(raw, path).value;
  const out: Problem[] = [];
  for (const iss of issues) {
    const path = iss.path as (string | number)[];
    if (iss.code === 'unrecognized_keys') {
      const known = keysAt(root, path);
      for (const k of iss.keys) {
        const guess = didYouMean(k, known, aliases);
        out.push(
          src.problem(
            path,
            `unknown key "${k}"${guess ? ` (did you mean "${guess}"?)` : known.length ? `; expected one of ${known.join(', ')}` : ''}`,
            k,
          ),
        );
      }
    } else if (path.length > 0 && !has(path)) {
      out.push(src.problem(path, `missing required key "${String(path[path.length - 1])}"`));
    } else if (iss.code === 'invalid_type') {
      const value = get(path);
      out.push(
        src.problem(
          path,
          `expected ${EXPECTED[iss.expected] ?? iss.expected}; found ${describe(value)}`,
        ),
      );
    } else if (iss.code === 'invalid_key' && iss.issues[0]) {
      out.push(
        path.length
          ? src.problem(path.slice(0, -1), iss.issues[0].message, String(path[path.length - 1]))
          : src.problem(path, iss.issues[0].message),
      );
    } else if (iss.code === 'too_small' && iss.origin === 'array') {
      out.push(
        src.problem(path, `expected at least ${String(iss.minimum)} item(s); found an empty list`),
      );
    } else if (iss.code === 'too_small' && iss.origin === 'string') {
      out.push(src.problem(path, 'expected a non-empty text; found an empty one'));
    } else {
      out.push(src.problem(path, iss.message));
    }
  }
  return out;
}

/** zod's names of types, as messages say them. */
const EXPECTED: Record<string, string> = {
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
  string: 'a text',
  boolean: 'true or false',
};

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (isMap(v)) return 'a mapping';
  if (isSeq(v) || Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return JSON.stringify(v);
}

/**
 * Parse YAML text with positions: syntax errors, duplicate keys and alias bombs become located
 * problems, and every plain number reaches the caller as its source text (YAML 1.2 reads 0.10 as a
 * float and 10_000 as text; the schema parses both exactly). `expected` names what the document
 * should be, for the empty and wrong-shape messages.
 */
export function parseYaml(
  text: string,
  file: string,
  expected: { what: string; shape?: 'mapping' | 'list' | 'either' },
): { raw: unknown; src: Located } {
  // YAML breaks lines at CR, LF or CR LF; the parser knows only the last two. A lone CR (a file
  // from an old Mac editor) becomes LF, one character for one, so offsets stay the same.
  if (text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');
  const lc = new LineCounter();
  const doc = parseDocument(text, {
    uniqueKeys: true,
    prettyErrors: false,
    lineCounter: lc,
    strict: true,
  });
  const yamlProblems = doc.errors.map((e) => {
    const pos = e.linePos?.[0] ?? lc.linePos(e.pos[0]);
    const msg = e.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
    return { path: [], file, line: pos.line, col: pos.col, message: `invalid YAML: ${msg}` };
  });
  if (yamlProblems.length) throw new ParamFileError(yamlProblems);
  const src = new Located(file, doc, lc);
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    throw new ParamFileError([
      { path: [], file, line: 1, col: 1, message: `the file is empty; expected ${expected.what}` },
    ]);
  }
  const shape = expected.shape ?? 'mapping';
  if ((shape === 'list' || !isMap(doc.contents)) && (shape === 'mapping' || !isSeq(doc.contents))) {
    throw new ParamFileError([
      src.problem([], `expected ${expected.what}; found ${describe(doc.contents)}`),
    ]);
  }
  // `__proto__` as a key would be dropped or change an object's prototype: refuse it where it is.
  const protoKeys: Problem[] = [];
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === '__proto__') {
        const { line, col } = lc.linePos(pair.key.range?.[0] ?? 0);
        protoKeys.push({
          path: [],
          file,
          line,
          col,
          message: '"__proto__" cannot be used as a name; choose another',
        });
      }
    },
  });
  if (protoKeys.length) throw new ParamFileError(protoKeys);
  visit(doc, {
    Scalar(_key, node) {
      if (node.type === 'PLAIN' && typeof node.value === 'number' && node.source !== undefined)
        node.value = node.source;
    },
  });
  try {
    return { raw: doc.toJS({ maxAliasCount: 50 }), src };
  } catch (e) {
    throw new ParamFileError([
      {
        path: [],
        file,
        line: 1,
        col: 1,
        message: `invalid YAML: ${(e as Error).message} (too many aliases)`,
      },
    ]);
  }
}

/** Problems at a path that `--set` overrode name the flag; all others name file:line:col. */
class WithOverrides implements Locator {
  constructor(
    readonly inner: Located,
    readonly overrides: readonly Override[],
    readonly paths: readonly Path[],
  ) {}
  get file(): string {
    return this.inner.file;
  }
  at(path: Path, key?: string): string {
    const o = overrideAt(this.paths, this.overrides, key !== undefined ? [...path, key] : path);
    return o ? setFlag(o.text) : this.inner.at(path, key);
  }
  problem(path: Path, message: string, key?: string): Problem {
    const full = key !== undefined ? [...path, key] : path;
    // A flag that set this value or one inside it (a share of the allocations that no longer add up).
    let o = overrideAt(this.paths, this.overrides, full);
    for (let i = this.overrides.length - 1; i >= 0 && !o; i--)
      if (full.every((x, j) => x === this.paths[i]?.[j])) o = this.overrides[i];
    if (o) return { path: full, message, file: this.file, flag: setFlag(o.text) };
    // Elsewhere in the file: the flags still took part (a decimals that a stake no longer fits).
    const flags = this.overrides.map((x) => setFlag(x.text));
    const shown = flags.length > 3 ? [...flags.slice(0, 3), `${flags.length - 3} more`] : flags;
    return this.inner.problem(path, `${message} (with ${shown.join(', ')})`, key);
  }
}

/** A copy of the document that overrides may change: the sections they touch are deep copies, the rest shared. */
function cloneTouched(raw: unknown, overrides: readonly Override[]): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return structuredClone(raw);
  const out: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const key of new Set(overrides.map((o) => o.path.split('.')[0])))
    if (Object.hasOwn(out, key!)) out[key!] = structuredClone(out[key!]);
  return out;
}

/** Validate a parsed document (after `overrides`, applied to a copy); problems carry positions. */
export function validateRaw(
  raw: unknown,
  src: Located,
  overrides: readonly Override[] = [],
): { params: Params; src: Locator } {
  let where: Locator = src;
  if (overrides.length) {
    raw = cloneTouched(raw, overrides);
    where = new WithOverrides(src, overrides, applyOverrides(raw, overrides, ParamsSchema));
  }
  const parsed = ParamsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = zodProblems(where, src, parsed.error.issues, ParamsSchema, {
      raw: overrides.length ? raw : undefined,
    });
    problems.push(...crossFieldProblems(raw, where));
    throw new ParamFileError(inFileOrder(problems, src.file));
  }
  return { params: parsed.data, src: where };
}

/**
 * The cross-field problems of a document some fields of which did not parse: the rules run on the
 * top-level sections that parse on their own (when token and allocations do), so a wrong value in
 * one section and a split that does not add up in another are reported in the same run.
 */
function crossFieldProblems(raw: unknown, where: Locator): Problem[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  const doc = raw as Record<string, unknown>;
  const shape = ParamsSchema.shape as Record<string, z.ZodType>;
  const params: Record<string, unknown> = {};
  const failed = new Set<string>();
  for (const key of Object.keys(shape)) {
    if (!Object.hasOwn(doc, key)) continue;
    const r = shape[key]!.safeParse(doc[key]);
    if (r.success) params[key] = r.data;
    else failed.add(key);
  }
  if (failed.has('token') || failed.has('allocations') || !params.token || !params.allocations)
    return [];
  try {
    return checkParams(params as Params, where, undefined, failed).problems;
  } catch (e) {
    // A supply that cannot be read stops the rules; its problem is the zod one's or its own.
    if (e instanceof ParamFileError) return [...e.problems];
    throw e;
  }
}

/**
 * Validate one parsed file many times over, each time with different overrides (a sweep's points):
 * the file's own values are checked once, and each call re-checks only the top-level sections its
 * overrides touch. The top level is a strict object with no rule across its sections (those are
 * resolveParams' rules, run every time), so this gives what validateRaw gives; and the sections no
 * override touched are the very objects of the file's own result, which resolveParams can reuse.
 */
export function sectionValidator(
  raw: unknown,
  src: Located,
): (overrides: readonly Override[]) => { params: Params; src: Locator } {
  const own = ParamsSchema.safeParse(raw);
  // A file with problems of its own: every call reports them all, as validateRaw does.
  if (!own.success) return (overrides) => validateRaw(raw, src, overrides);
  const shape = ParamsSchema.shape as Record<string, z.ZodType>;
  return (overrides) => {
    if (!overrides.length) return { params: own.data, src };
    const copy = cloneTouched(raw, overrides) as Record<string, unknown>;
    const where = new WithOverrides(src, overrides, applyOverrides(copy, overrides, ParamsSchema));
    const touched = new Set(overrides.map((o) => o.path.split('.')[0]));
    const fresh: Record<string, unknown> = {};
    const issues: z.core.$ZodIssue[] = [];
    for (const key of Object.keys(shape)) {
      if (!touched.has(key)) continue;
      const r = shape[key]!.safeParse(copy[key]);
      if (r.success) fresh[key] = r.data;
      else for (const iss of r.error.issues) issues.push({ ...iss, path: [key, ...iss.path] });
    }
    if (issues.length)
      throw new ParamFileError(
        inFileOrder(zodProblems(where, src, issues, ParamsSchema, { raw: copy }), src.file),
      );
    const params: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) {
      const v = touched.has(key) ? fresh[key] : (own.data as Record<string, unknown>)[key];
      if (v !== undefined || Object.hasOwn(touched.has(key) ? copy : (own.data as object), key))
        params[key] = v;
    }
    return { params: params as Params, src: where };
  };
}

/** Parse and validate parameter text; `file` names it in messages. */
export function parseParams(
  text: string,
  file: string,
  overrides: readonly Override[] = [],
): { params: Params; src: Locator } {
  const { raw, src } = parseYaml(text, file, PARAMS_EXPECTED);
  return validateRaw(raw, src, overrides);
}

/** What a parameter file must be, for the empty and wrong-shape messages. */
export const PARAMS_EXPECTED = {
  what: 'a mapping with token: and allocations: (see `ai-econ init`)',
};
