/**
 * A big grants export on two threads (src/runtime/grants-split.ts): the same bytes, warnings and errors as on
 * one. AI_ECON_GRANTS_SPLIT_BYTES=1 cuts even these small files; AI_ECON_STATS says where it cut.
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { BIN, cli, expectUserError, tmp, tmpFile } from '../../../test/cli/run.js';

const HEADER = 'beneficiary,category,amount,start,cliff,at_cliff,linear,every\n';
const SPLIT = { AI_ECON_GRANTS_SPLIT_BYTES: '1', AI_ECON_STATS: '1' };
const ONE = { AI_ECON_GRANTS_SPLIT_BYTES: '1000000000', AI_ECON_STATS: '1' };
const grants = (
  n: number,
  row = (i: number) =>
    `b${i},${i % 3 ? 'Team' : 'Investors'},${1000 + i}.5,2026-0${1 + (i % 9)}-15,${i % 13}mo,${i % 7}%,${12 + (i % 25)}mo,${i % 2 ? 'month' : 'quarter'}`,
) => HEADER + Array.from({ length: n }, (_, i) => row(i)).join('\n') + '\n';
/** The stats lines, and stderr without them. */
const stats = (stderr: string) => ({
  split: /ai-econ-stats: grants split=(\S+)/.exec(stderr)?.[1],
  worker: /ai-econ-stats: grants worker=(\w+)/.exec(stderr)?.[1],
  check: /ai-econ-stats: grants check worker=(\w+)/.exec(stderr)?.[1],
  rest: stderr
    .split('\n')
    .filter((l) => l && !l.startsWith('ai-econ-stats:'))
    .join('\n'),
});

describe('unlocks --grants on two threads', () => {
  const f = tmpFile('g.csv', grants(400));
  test('-o: the same bytes as one thread, and the second part was made by the worker', () => {
    const [a, b] = [join(tmp(), 'a.csv'), join(tmp(), 'b.csv')];
    const two = cli(['unlocks', '--grants', f, '-f', 'csv', '-o', a], { env: SPLIT });
    const one = cli(['unlocks', '--grants', f, '-f', 'csv', '-o', b], { env: ONE });
    expect([two.code, one.code]).toEqual([0, 0]);
    expect(stats(two.stderr)).toMatchObject({ worker: 'done', rest: '' });
    expect(Number(stats(two.stderr).split)).toBeGreaterThan(readFileSync(f).length / 2);
    expect(stats(one.stderr).split).toBe('none');
    const text = readFileSync(a, 'utf8');
    expect(text).toBe(readFileSync(b, 'utf8'));
    expect(text.trimEnd().split('\n').length).toBeGreaterThan(400 * 5);
  });
  test('stdout, --category, --from/--to, --bom and --columns: the same bytes; the check before printing ran on two threads too', () => {
    const args = [
      'unlocks',
      '--grants',
      f,
      '-f',
      'csv',
      '--category',
      'Team',
      '--from',
      '2027-01-01',
      '--to',
      '2028-06-30',
      '--bom',
      '--columns',
      'cumulative,beneficiary,date',
    ];
    const two = cli(args, { env: SPLIT });
    expect(stats(two.stderr)).toMatchObject({ check: 'done', worker: 'done' });
    expect(two.stdout).toBe(cli(args, { env: ONE }).stdout);
    expect(two.stdout.split('\n')[0]).toBe('\ufeffcumulative,beneficiary,date');
  });
  test('json reads the second part on this thread: the same output', () => {
    const two = cli(['unlocks', '--grants', f, '-f', 'json'], { env: SPLIT });
    expect(stats(two.stderr)).toMatchObject({ worker: undefined, rest: '' });
    expect(two.stdout).toBe(cli(['unlocks', '--grants', f, '-f', 'json'], { env: ONE }).stdout);
  });
  test('the over-allocation warning counts the grants of both parts', () => {
    // Each half alone stays under Community Sale's 300M; together they are over.
    const g = tmpFile(
      'w.csv',
      grants(200, (i) => `w${i},Community Sale,2M,,,,,`),
    );
    const two = cli(['unlocks', '--grants', g, '-f', 'csv'], { env: SPLIT });
    expect(stats(two.stderr).worker).toBe('done');
    expect(stats(two.stderr).rest).toBe(
      'ai-econ: warning: grants in Community Sale add up to 400,000,000 AI, more than its allocation of 300,000,000',
    );
    expect(two.stdout).toBe(cli(['unlocks', '--grants', g, '-f', 'csv'], { env: ONE }).stdout);
  });
  test.each([
    ['in the second part', 350],
    ['in the first part', 20],
  ])(
    'a bad row %s: the same message (file:line, row) as one thread, exit 2, nothing written',
    (_n, bad) => {
      const g = tmpFile(
        'g.csv',
        grants(400, (i) => (i === bad ? `x${i},Team,abc,,,,,` : `b${i},Team,10,,,,,`)),
      );
      const out = join(tmp(), 'o.csv');
      const two = cli(['unlocks', '--grants', g, '-f', 'csv', '-o', out], { env: SPLIT });
      expectUserError(
        two,
        `g.csv:${bad + 2}: row ${bad + 1}, column amount: expected a token amount`,
      );
      expect(stats(two.stderr).rest).toBe(
        stats(cli(['unlocks', '--grants', g, '-f', 'csv', '-o', out], { env: ONE }).stderr).rest,
      );
      expect(existsSync(out)).toBe(false);
    },
  );
  test.each([
    ['in the second part', 350, 'failed'],
    ['in the first part', 20, undefined],
  ])(
    'stdout, a bad row %s: found by the check before anything is printed, with the same message as one thread',
    (_n, bad, check) => {
      const g = tmpFile(
        'g.csv',
        grants(400, (i) => (i === bad ? `x${i},Team,abc,,,,,` : `b${i},Team,10,,,,,`)),
      );
      const two = cli(['unlocks', '--grants', g, '-f', 'csv'], { env: SPLIT });
      expectUserError(
        two,
        `g.csv:${bad + 2}: row ${bad + 1}, column amount: expected a token amount`,
      );
      // The worker's own error numbers rows from its part: this thread checks that part again for the real one.
      expect(stats(two.stderr)).toMatchObject({ check, worker: undefined });
      expect(stats(two.stderr).rest).toBe(
        stats(cli(['unlocks', '--grants', g, '-f', 'csv'], { env: ONE }).stderr).rest,
      );
    },
  );
  test('a bad row in the first part: the worker is stopped at once, not left to finish its part', () => {
    // Without this the process stayed alive until the worker had written its whole part.
    const g = tmpFile(
      'g.csv',
      grants(400, (i) => (i === 3 ? `x${i},Team,abc,,,,,` : `b${i},Team,10,,,,,`)),
    );
    const t = tmp();
    const two = cli(['unlocks', '--grants', g, '-f', 'csv', '-o', join(tmp(), 'o.csv')], {
      env: { ...SPLIT, TMPDIR: t },
    });
    expectUserError(two, 'g.csv:5: row 4, column amount');
    expect(stats(two.stderr).worker).toBe('stopped');
    expect(readdirSync(t).filter((n) => n.startsWith('ai-econ-grants-'))).toEqual([]);
  });
  test("a ragged row in the second part: csv-parse's error at the right line", () => {
    const g = tmpFile(
      'g.csv',
      grants(400, (i) => (i === 300 ? `x${i},Team` : `b${i},Team,10,,,,,`)),
    );
    expectUserError(
      cli(['unlocks', '--grants', g, '-f', 'csv', '-o', join(tmp(), 'o.csv')], { env: SPLIT }),
      /g\.csv:302: invalid CSV/,
    );
  });
  test("a lone CR in a cell right after the cut: read with the file's line break, the same bytes as one thread", () => {
    // The second part's reader used to take that CR for the file's line break: a ragged row, exit 2.
    const text = grants(400, (i) => `b${i},Team,${1000 + i},,,,,`);
    const cut = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
    const g = tmpFile('cr.csv', text.slice(0, cut) + 'Jo\rhn' + text.slice(cut));
    const [a, b] = [join(tmp(), 'a.csv'), join(tmp(), 'b.csv')];
    const two = cli(['unlocks', '--grants', g, '-f', 'csv', '-o', a], { env: SPLIT });
    expect(stats(two.stderr).split).toBe(String(cut));
    expect(stats(two.stderr)).toMatchObject({ worker: 'done', rest: '' });
    expect(cli(['unlocks', '--grants', g, '-f', 'csv', '-o', b], { env: ONE }).code).toBe(0);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  });
  test('a quote in the first part: no cut (a quoted field could hold a line break), the same output', () => {
    const g = tmpFile(
      'q.csv',
      grants(400, (i) => (i === 5 ? `"Smith, J",Team,10,,,,,` : `b${i},Team,10,,,,,`)),
    );
    const one = cli(['unlocks', '--grants', g, '-f', 'csv'], { env: SPLIT });
    expect(stats(one.stderr).split).toBe('none');
    expect(one.stdout).toContain('"Smith, J"');
  });
  test('CRLF line breaks: cut after one, the same bytes', () => {
    const g = tmpFile('crlf.csv', grants(400).replace(/\n/g, '\r\n'));
    const two = cli(['unlocks', '--grants', g, '-f', 'csv'], { env: SPLIT });
    expect(stats(two.stderr).worker).toBe('done');
    expect(two.stdout).toBe(cli(['unlocks', '--grants', g, '-f', 'csv'], { env: ONE }).stdout);
  });
  test('no temporary folder for the worker: this thread makes the second part itself', () => {
    const env = { ...SPLIT, TMPDIR: join(tmp(), 'missing') };
    const two = cli(['unlocks', '--grants', f, '-f', 'csv'], { env });
    expect(two.code).toBe(0);
    expect(stats(two.stderr).worker).toBe('failed');
    expect(two.stdout).toBe(cli(['unlocks', '--grants', f, '-f', 'csv'], { env: ONE }).stdout);
  });
  test("the worker's temporary file is removed", () => {
    const t = tmp();
    expect(
      cli(['unlocks', '--grants', f, '-f', 'csv', '-o', join(tmp(), 'o.csv')], {
        env: { ...SPLIT, TMPDIR: t },
      }).code,
    ).toBe(0);
    expect(readdirSync(t).filter((n) => n.startsWith('ai-econ-grants-'))).toEqual([]);
  });
  test('interrupted (SIGINT) while writing to stdout: no temporary file is left behind', async () => {
    // The worker's file used to be removed only at a normal exit: a ^C left it (half the output) in $TMPDIR.
    const t = tmp();
    const child = spawn(process.execPath, [BIN, 'unlocks', '--grants', f, '-f', 'csv'], {
      env: { ...process.env, ...SPLIT, TMPDIR: t },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let got = 0;
    const exited = new Promise<string | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        // Rows come after the worker started; then stop reading: the pipe fills and the command waits.
        if ((got += d.length) > 1000) {
          child.stdout.pause();
          resolve();
        }
      }),
    );
    await new Promise((r) => setTimeout(r, 200));
    child.kill('SIGINT');
    expect(await exited).toBe('SIGINT');
    expect(readdirSync(t).filter((n) => n.startsWith('ai-econ-grants-'))).toEqual([]);
  });
  test('a bad AI_ECON_GRANTS_SPLIT_BYTES: one clear line, exit 2', () => {
    expectUserError(
      cli(['unlocks', '--grants', f, '-f', 'csv'], { env: { AI_ECON_GRANTS_SPLIT_BYTES: 'lots' } }),
      'environment variable AI_ECON_GRANTS_SPLIT_BYTES: expected bytes, like 262144; found "lots"',
    );
  });
});
