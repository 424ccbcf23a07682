/** -o and stdout: symlinks, devices, modes, read-only files, inputs, full disks, long names, signals (issue #15: 3, 4, 8, 10). */
import { describe, expect, test } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, cli, expectUserError, tmp } from './run.js';

const isRoot = process.getuid?.() === 0;

describe('-o writes the file the user named, and nothing else', () => {
  test('a symlink is followed: its target gets the output, the link stays a link', () => {
    const d = tmp();
    writeFileSync(join(d, 'real.csv'), 'old\n');
    symlinkSync('real.csv', join(d, 'link.csv'));
    const r = cli(['allocation', '-f', 'csv', '-o', join(d, 'link.csv')]);
    expect(r.code).toBe(0);
    expect(lstatSync(join(d, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'real.csv'), 'utf8')).toMatch(/^category,/);
    expect(readdirSync(d).sort()).toEqual(['link.csv', 'real.csv']);
  });
  test('a dangling symlink: the output is created at its target', () => {
    const d = tmp();
    symlinkSync('new.csv', join(d, 'link.csv'));
    expect(cli(['allocation', '-f', 'csv', '-o', join(d, 'link.csv')]).code).toBe(0);
    expect(lstatSync(join(d, 'link.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'new.csv'), 'utf8')).toMatch(/^category,/);
  });
  test('an existing file keeps its mode (0600 stays 0600)', () => {
    const d = tmp();
    const f = join(d, 'out.csv');
    writeFileSync(f, 'old\n');
    chmodSync(f, 0o600);
    expect(cli(['allocation', '-f', 'csv', '-o', f]).code).toBe(0);
    expect(statSync(f).mode & 0o777).toBe(0o600);
    expect(readFileSync(f, 'utf8')).toMatch(/^category,/);
  });
  test('a read-only file is refused and left alone (even for root)', () => {
    const f = join(tmp(), 'out.csv');
    writeFileSync(f, 'keep\n');
    chmodSync(f, 0o444);
    expectUserError(cli(['allocation', '-f', 'csv', '-o', f]), 'the file is read-only');
    expect(readFileSync(f, 'utf8')).toBe('keep\n');
  });
  test('the output may not be the parameter file (or any input)', () => {
    const d = tmp();
    const f = join(d, 'x.yaml');
    const text = readFileSync(join(ROOT, 'configs/gensyn.yaml'), 'utf8');
    writeFileSync(f, text);
    expectUserError(
      cli(['unlocks', '-c', f, '-o', f]),
      /-o, --output: .*x\.yaml is also an input of this command/,
    );
    expect(readFileSync(f, 'utf8')).toBe(text);
    const g = join(d, 'g.csv');
    writeFileSync(g, 'beneficiary,category,amount\nalice,Team,5\n');
    expectUserError(cli(['unlocks', '--grants', g, '-o', g, '-f', 'csv']), 'is also an input');
    expect(readFileSync(g, 'utf8')).toBe('beneficiary,category,amount\nalice,Team,5\n');
  });
  (isRoot ? test : test.skip)(
    'a device is written in place, not replaced by a regular file',
    () => {
      const dev = join(tmp(), 'null');
      spawnSync('mknod', [dev, 'c', '1', '3']);
      const r = cli(['allocation', '-f', 'csv', '-o', dev]);
      expect(r.code).toBe(0);
      expect(statSync(dev).isCharacterDevice()).toBe(true);
    },
  );
  test('-o dir/ (a folder name) is exit 2, nothing created', () => {
    const d = tmp();
    expectUserError(
      cli(['allocation', '-o', join(d, 'newdir') + '/']),
      'names a folder; give a file name',
    );
    expect(readdirSync(d)).toEqual([]);
  });
  test('a valid 249-character file name works (the temporary name is kept short)', () => {
    const d = tmp();
    const name = 'a'.repeat(245) + '.csv';
    const r = cli(['allocation', '-f', 'csv', '-o', join(d, name)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(d)).toEqual([name]);
  });
  test('a name too long for the file system is exit 2', () => {
    expectUserError(
      cli(['allocation', '-o', join(tmp(), 'a'.repeat(300))]),
      'longer than 255 bytes',
    );
  });
});

describe('a full disk is one line and exit 1', () => {
  const full = existsSync('/dev/full');
  test.each([[['unlocks', '-f', 'csv']], [['validate']], [['init', '-']], [['--help']]])(
    '%j > /dev/full',
    (args) => {
      if (!full) return;
      const r = spawnSync(
        `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ${args.join(' ')} > /dev/full`,
        { shell: true, encoding: 'utf8', cwd: ROOT },
      );
      expect(r.stderr).toBe('ai-econ: cannot write output: no space left on device\n');
      expect(r.status).toBe(1);
    },
  );
  // A private full device (never the system's /dev/full: a broken build would replace it).
  (isRoot ? test : test.skip)('-o FULL-DEVICE: written in place, one line, exit 1', () => {
    const dev = join(tmp(), 'full');
    spawnSync('mknod', [dev, 'c', '1', '7']);
    const r = cli(['unlocks', '-f', 'csv', '-o', dev]);
    expect(r.stderr).toBe('ai-econ: cannot write output: no space left on device\n');
    expect(r.code).toBe(1);
    expect(statSync(dev).isCharacterDevice()).toBe(true);
  });
});

/** A bash command line running the built CLI with `args` (each word quoted for the shell). */
const shellLine = (args: readonly string[]): string =>
  [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');

describe('a file that reaches its size limit (ulimit -f) is exit 1, every format (issue 21.3)', () => {
  // Node writes a file on stdout with one write(2) a chunk and took a short count as done: the last
  // chunk was cut and the run exited 0. Each of these writes its output in one or few chunks.
  test.each([
    [['burn', '--months', '1200', '-f', 'csv']],
    [['burn', '--months', '1200']],
    [['burn', '-f', 'svg']],
    [['schema']],
    [['simulate', '--runs', '20', '-f', 'csv']],
    [['sweep', 'burn', '--vary', 'buyback.revenueShare=10%..30%:1%', '-f', 'csv']],
    [['sweep', 'burn', '--vary', 'buyback.revenueShare=10%..30%:1%', '--shard', '0/1']],
    [['unlocks', '-f', 'json']],
    [['unlocks', '-f', 'md']],
    [['report', '-f', 'html']],
  ])('%j > file with ulimit -f 1', (args) => {
    const out = join(tmp(), 'out');
    const r = spawnSync('bash', ['-c', `ulimit -f 1; ${shellLine(args)} > ${out}`], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    expect(r.stderr).toBe('ai-econ: cannot write output: file too large\n');
    expect(r.status).toBe(1);
    expect(statSync(out).size).toBe(1024);
  });
  test.each([
    [['burn', '--months', '1200', '-f', 'csv']],
    [['burn', '--months', '1200']],
    [['schema']],
    [['unlocks', '-f', 'json']],
  ])('control: %j | head -1 stays quiet, exit 0', (args) => {
    const r = spawnSync(
      'bash',
      ['-c', `set -o pipefail; ${shellLine(args)} | head -1 > /dev/null`],
      { encoding: 'utf8', cwd: ROOT },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('an interrupted -o run leaves no temporary file', () => {
  const grants = (): string => {
    const f = join(tmp(), 'g.csv');
    const rows = ['beneficiary,category,amount,linear,every'];
    for (let i = 0; i < 60_000; i++) rows.push(`b${i},Team,${1000 + i},36mo,day`);
    writeFileSync(f, rows.join('\n') + '\n');
    return f;
  };
  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: temp file removed, exit %d', async (sig, code) => {
    const g = grants();
    const d = tmp();
    const out = join(d, 'out.csv');
    const child = spawn(process.execPath, [BIN, 'unlocks', '--grants', g, '-f', 'csv', '-o', out], {
      cwd: ROOT,
    });
    const started = Date.now();
    while (readdirSync(d).length === 0 && Date.now() - started < 20_000)
      await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(d).length).toBe(1); // the temporary file exists mid-run
    child.kill(sig);
    const status = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(status).toBe(code);
    expect(readdirSync(d)).toEqual([]);
  });
});

test('control: a plain -o run still writes atomically into a new folder entry', () => {
  const d = join(tmp(), 'sub');
  mkdirSync(d);
  expect(cli(['allocation', '-f', 'csv', '-o', join(d, 'a.csv')]).code).toBe(0);
  expect(readdirSync(d)).toEqual(['a.csv']);
});
