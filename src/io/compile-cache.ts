/**
 * V8's compiled code of the CLI's bundle files, kept between runs (bin/ai-econ.js installs it before
 * loading the CLI). Node 20 has no compile cache of its own (`module.enableCompileCache` came in
 * Node 22.1), so the files under `dir` are compiled here with `vm.Script` and `cachedData`, and at
 * exit the code of every function that ran is written back whenever a file was compiled afresh —
 * from the second run on, a command skips parsing and compiling most of what it runs.
 *
 * Safe by construction: one file per bundle folder in a folder of the OS temp dir that only this user
 * may write (checked before reading: anything else is ignored), never beside the user's files; a file's
 * entry counts only while its size, mtime, ctime and inode are the ones it was made from (any rebuild,
 * install or edit changes the ctime) and its bytes match their CRC-32, and V8 itself rejects code from
 * another V8 version or other flags; any failure to read or write (a read-only or full temp dir) leaves
 * the command compiling as usual.
 * `NODE_DISABLE_COMPILE_CACHE=1` (the name Node 22 uses) turns it off.
 */
import { Script } from 'node:vm';
import {
  closeSync,
  existsSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { crc32 } from 'node:zlib';
import { dirname, join, sep } from 'node:path';

type CjsModule = NodeJS.Module & { require(id: string): unknown };
type Compile = (this: CjsModule, content: string, filename: string) => unknown;
/** Node's CommonJS loader (`module.constructor`: importing node:module would load its ESM loader too). */
export type ModuleClass = {
  wrap(content: string): string;
  prototype: { _compile: Compile };
  _resolveFilename(request: string, parent: CjsModule, isMain: boolean, options?: unknown): string;
  _cache: unknown;
  _extensions: unknown;
};
/** name (relative to the bundle folder) → [the file's stat key, start, end in the cache's data, its CRC-32]. */
type Index = Record<string, [string, number, number, number]>;

const HEADER = 4; // the index's byte length, then the index (JSON), then the data

const statKey = (file: string): string => {
  const s = statSync(file);
  return `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}`;
};

/** FNV-1a of a short string, in hex: the bundle folder's part of the cache file's name. */
function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** The cache folder if it is this user's alone (or undefined); made (mode 700) when `make`. */
function ownFolder(make: boolean): string | undefined {
  const uid = process.getuid?.();
  const folder = join(
    tmpdir(),
    uid === undefined ? 'ai-econ-compile-cache' : `ai-econ-compile-cache-${uid}`,
  );
  try {
    if (make && !existsSync(folder)) mkdirSync(folder, { mode: 0o700 }); // in the temp dir, never making that
    const s = lstatSync(folder);
    if (!s.isDirectory() || (uid !== undefined && (s.uid !== uid || (s.mode & 0o022) !== 0)))
      return undefined;
    return folder;
  } catch {
    return undefined;
  }
}

type Cache = { index: Index; bytes: (start: number, end: number) => Buffer; close: () => void };
const NONE: Cache = { index: {}, bytes: () => Buffer.alloc(0), close: () => undefined };

/** The cache file's index, and a reader of one entry's bytes (only those a command loads are read). */
function openCache(file: string): Cache {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(HEADER);
    const n = readSync(fd, head, 0, HEADER, 0) === HEADER ? head.readUInt32LE(0) : size;
    if (HEADER + n > size) throw new Error('not a cache file');
    const json = Buffer.alloc(n);
    readSync(fd, json, 0, n, HEADER);
    const index = JSON.parse(json.toString('utf8')) as Index;
    const base = HEADER + n;
    const at = fd;
    const bytes = (start: number, end: number) => {
      if (!(start >= 0 && end > start && base + end <= size)) return Buffer.alloc(0);
      const b = Buffer.alloc(end - start);
      return readSync(at, b, 0, b.length, base + start) === b.length ? b : Buffer.alloc(0);
    };
    return { index, bytes, close: () => closeSync(at) };
  } catch {
    if (fd !== undefined) closeSync(fd);
    return NONE;
  }
}

/** Compile the CommonJS files under `dir` with V8's cached code, and keep it up to date at exit. */
export function installCompileCache(dir: string, M: ModuleClass): void {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return;
  const folder = ownFolder(false);
  const name = `${fnv(dir)}-${process.arch}-${process.versions.v8}.bin`;
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  const { index, bytes, close } = folder ? openCache(join(folder, name)) : NONE;
  const compiled: { name: string; key: string; script: Script }[] = [];
  let fresh = false;

  const compile = M.prototype._compile;
  M.prototype._compile = function (content, filename) {
    // A script from cached data has no import() (vm's loader for it is experimental in Node 20 and lost
    // with the cache), so the files that load vega that way are compiled by Node as usual.
    if (!filename.startsWith(prefix) || content.includes('import('))
      return compile.call(this, content, filename);
    const rel = filename.slice(prefix.length);
    const key = statKey(filename);
    const e = index[rel];
    // V8 checks the code's version, flags and source length, but not its bytes (a checksum only in debug builds).
    const stored = e && e[0] === key ? bytes(e[1], e[2]) : undefined;
    const cachedData = stored && crc32(stored) === e[3] ? stored : undefined;
    // The same wrapper and arguments as Node's own loader; the bundle's code starts on line 2 ("use strict" first), so columns match.
    const script = new Script(M.wrap(content), { filename, cachedData });
    if (!cachedData || script.cachedDataRejected) fresh = true;
    compiled.push({ name: rel, key, script });
    const mod = this;
    const require = Object.assign((id: string) => mod.require(id), {
      resolve: (request: string, options?: unknown) =>
        M._resolveFilename(request, mod, false, options),
      main: mainModule(),
      cache: M._cache,
      extensions: M._extensions,
    });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (
      ...a: unknown[]
    ) => unknown;
    return wrapper.call(mod.exports, mod.exports, require, mod, filename, dirname(filename));
  };

  process.once('exit', () => {
    if (fresh) writeCache();
    close();
  });
  function writeCache() {
    const own = ownFolder(true);
    if (!own) return;
    const file = join(own, name);
    const part = `${file}.${process.pid}`;
    try {
      const next: Index = {};
      const parts: Buffer[] = [];
      let at = 0;
      const add = (rel: string, key: string, b: Buffer) => {
        next[rel] = [key, at, at + b.length, crc32(b)];
        parts.push(b);
        at += b.length;
      };
      // This run's files with all the code that ran, then the others still in the folder as they were.
      for (const c of compiled) add(c.name, c.key, c.script.createCachedData());
      for (const [rel, [key, start, end, crc]] of Object.entries(index)) {
        if (rel in next || !existsSync(prefix + rel)) continue;
        const b = bytes(start, end);
        if (crc32(b) === crc) add(rel, key, b);
      }
      const json = Buffer.from(JSON.stringify(next), 'utf8');
      const head = Buffer.alloc(HEADER);
      head.writeUInt32LE(json.length);
      writeFileSync(part, Buffer.concat([head, json, ...parts]), { mode: 0o600 });
      renameSync(part, file);
    } catch {
      // No cache this time (a full temp dir, say): the next run compiles as usual.
      rmSync(part, { force: true });
    }
    prune(own, name);
  }
}

/** Caches of installs gone or unused for a month (rewritten only when something compiled afresh), and parts of interrupted writes a day old, go. */
const DAY_MS = 24 * 60 * 60 * 1000;
function prune(folder: string, keep: string): void {
  try {
    for (const f of readdirSync(folder)) {
      if (f === keep) continue;
      const age = Date.now() - statSync(join(folder, f)).mtimeMs;
      if ((/\.bin$/.test(f) && age > 30 * DAY_MS) || (/\.bin\.\d+$/.test(f) && age > DAY_MS))
        rmSync(join(folder, f), { force: true });
    }
  } catch {
    // Pruning is housekeeping: a folder that cannot be read or a file that cannot go stays.
  }
}

const mainModule = (): NodeJS.Module | undefined =>
  (process as unknown as { mainModule?: NodeJS.Module }).mainModule;
