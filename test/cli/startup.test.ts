import { describe, expect, test } from '@jest/globals';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cli, ROOT, tmp, tmpFile } from './run.js';

/** Node's built-in modules a command loaded, by a preload that lists them at exit. */
const builtins = (args: string[]): string[] => {
  const hook = tmpFile(
    'list-modules.cjs',
    "process.on('exit', () => process.stderr.write('\\nmodules: ' + process.moduleLoadList.join(',') + '\\n'));",
  );
  const r = cli(args, { env: { NODE_OPTIONS: `--require ${hook}` } });
  expect(r.code).toBe(0);
  return /modules: (.*)/.exec(r.stderr)![1].split(',');
};

describe('start-up', () => {
  test('commander does not load node:child_process (nor net, dgram) until it spawns', () => {
    const loaded = builtins(['--version']);
    expect(loaded).not.toContain('NativeModule child_process');
    expect(loaded).not.toContain('NativeModule dgram');
  });
  test('bundle files export plain values, not getters (scripts/bundle.mjs FLAT_EXPORTS)', () => {
    // A preload that, at exit, checks every loaded bundle file's exports are data properties (every
    // other CLI test checks that the values are right).
    const hook = tmpFile(
      'flat.cjs',
      "process.on('exit', () => { const bad = []; let n = 0; for (const [f, m] of Object.entries(require.cache)) { if (!/[\\/]dist[\\/]/.test(f) || !m.exports || typeof m.exports !== 'object') continue; for (const k of Object.keys(m.exports)) { n++; if (Object.getOwnPropertyDescriptor(m.exports, k).get) bad.push(f + ':' + k); } } process.stderr.write('\\nflat: ' + n + ' ' + JSON.stringify(bad) + '\\n'); });",
    );
    const r = cli(['burn', '-f', 'csv'], { env: { NODE_OPTIONS: `--require ${hook}` } });
    expect(r.code).toBe(0);
    const [, n, bad] = /flat: (\d+) (.*)/.exec(r.stderr)!;
    expect(Number(n)).toBeGreaterThan(50);
    expect(JSON.parse(bad)).toEqual([]);
  });
  test('the readable build (AI_ECON_NO_MINIFY=1, for a --cpu-prof) flattens its exports too', () => {
    // It is the build one profiles: with the getters left in, a profile shows costs the real build has not.
    const script = `
      import { commonJs } from './scripts/bundle.mjs';
      const [f] = await commonJs([{ path: 'x.cjs', text: 'export const a = 1; export function f() { return a; }' }]);
      const m = { exports: {} };
      new Function('module', 'exports', 'require', f.text)(m, m.exports, () => ({}));
      console.log(JSON.stringify(Object.keys(m.exports).map((k) => [k, typeof Object.getOwnPropertyDescriptor(m.exports, k).get])));`;
    for (const env of [{}, { AI_ECON_NO_MINIFY: '1' }]) {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, ...env },
      });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual([
        ['a', 'undefined'],
        ['f', 'undefined'],
      ]);
    }
  });
  test('requireCycle finds bundle files that require each other (the build fails on one: FLAT_EXPORTS needs none); a lazy require does not count', () => {
    const script = `
      import { requireCycle } from './scripts/bundle.mjs';
      const f = (path, text) => ({ path, text });
      console.log(JSON.stringify([
        requireCycle([f('/d/a.cjs', 'var b=require("./c/b.cjs")'), f('/d/c/b.cjs', 'var a=require("../a.cjs")')]),
        requireCycle([f('/d/a.cjs', 'var b=require("./b.cjs")'), f('/d/b.cjs', 'x.then(()=>require("./a.cjs"))')]),
        requireCycle([f('/d/a.cjs', 'var b=require("./b.cjs"),c=require("./c.cjs")'), f('/d/b.cjs', 'var c=require("./c.cjs")'), f('/d/c.cjs', '')]),
      ]));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([['/d/a.cjs', '/d/c/b.cjs', '/d/a.cjs'], null, null]);
  });
  test('help, suggestions and errors still come from commander', () => {
    expect(cli(['--help']).stdout).toMatch(/^Usage: ai-econ/);
    const r = cli(['unlcks']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Did you mean unlocks?');
  });
});

describe("the compile cache (V8's code of the bundle, kept in the OS temp dir between runs)", () => {
  const folder = (t: string) =>
    join(t, `ai-econ-compile-cache-${process.getuid?.() ?? ''}`.replace(/-$/, ''));
  const quote = (env: Record<string, string>) => cli(['quote', '--gpu-hours', '1000'], { env });
  const expected = cli(['quote', '--gpu-hours', '1000'], {
    env: { NODE_DISABLE_COMPILE_CACHE: '1' },
  }).stdout;

  test('the first run writes it into a folder of its own (mode 700), later runs use it and print the same', () => {
    const t = tmp();
    expect(quote({ TMPDIR: t }).stdout).toBe(expected);
    const files = readdirSync(folder(t));
    expect(files).toEqual([expect.stringMatching(/\.bin$/)]);
    if (process.platform !== 'win32') expect(statSync(folder(t)).mode & 0o777).toBe(0o700);
    const written = statSync(join(folder(t), files[0])).mtimeMs;
    expect(quote({ TMPDIR: t }).stdout).toBe(expected);
    expect(statSync(join(folder(t), files[0])).mtimeMs).toBe(written); // nothing new to keep
    // a command that loads other files adds them, and both still print what they did
    expect(cli(['unlocks', '-f', 'csv'], { env: { TMPDIR: t } }).stdout).toBe(
      cli(['unlocks', '-f', 'csv'], { env: { NODE_DISABLE_COMPILE_CACHE: '1' } }).stdout,
    );
    expect(quote({ TMPDIR: t }).stdout).toBe(expected);
  });
  test('writing it removes the caches of other installs unused for a month and parts of writes a day old; recent ones stay', () => {
    const t = tmp();
    quote({ TMPDIR: t });
    const own = readdirSync(folder(t))[0];
    const old = (name: string, days: number) => {
      const f = join(folder(t), name);
      writeFileSync(f, 'x');
      const when = new Date(Date.now() - days * 24 * 3600 * 1000);
      utimesSync(f, when, when);
      return name;
    };
    const gone = [old('aaaaaaaa-x64-1.bin', 31), old(`${own}.123`, 2)];
    const kept = [old('bbbbbbbb-x64-1.bin', 29), old(`${own}.456`, 0.5), old('notes.txt', 400)];
    rmSync(join(folder(t), own)); // so the next run compiles afresh and writes
    expect(quote({ TMPDIR: t }).stdout).toBe(expected);
    const left = readdirSync(folder(t));
    for (const f of gone) expect(left).not.toContain(f);
    for (const f of [own, ...kept]) expect(left).toContain(f);
  });
  test('a damaged cache file is ignored and replaced', () => {
    const t = tmp();
    quote({ TMPDIR: t });
    const f = join(folder(t), readdirSync(folder(t))[0]);
    const b = readFileSync(f);
    b.fill(7, b.length - 1000); // the last file's code
    writeFileSync(f, b);
    expect(quote({ TMPDIR: t }).stdout).toBe(expected);
    writeFileSync(f, 'not a cache');
    expect(quote({ TMPDIR: t }).stdout).toBe(expected);
    expect(readFileSync(f).length).toBeGreaterThan(1000);
  });
  test('no temp dir, a folder others may write, or NODE_DISABLE_COMPILE_CACHE: the command runs as usual and writes nothing', () => {
    const t = tmp();
    expect(quote({ TMPDIR: join(t, 'missing') }).stdout).toBe(expected);
    expect(existsSync(join(t, 'missing'))).toBe(false);
    if (process.platform !== 'win32') {
      mkdirSync(folder(t));
      chmodSync(folder(t), 0o777);
      expect(quote({ TMPDIR: t }).stdout).toBe(expected);
      expect(readdirSync(folder(t))).toEqual([]);
    }
    const u = tmp();
    expect(quote({ TMPDIR: u, NODE_DISABLE_COMPILE_CACHE: '1' }).stdout).toBe(expected);
    expect(readdirSync(u)).toEqual([]);
  });
});
