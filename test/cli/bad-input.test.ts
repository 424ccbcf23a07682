/** Every bad input: exit 2, one clear message naming the file:line:col or the flag, no stack trace, nothing written. */
import { describe, expect, test } from '@jest/globals';
import { readFileSync, writeFileSync, existsSync, readdirSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cli, expectUserError, miniParams, tmp, tmpFile } from './run.js';

const GOOD = readFileSync(join(ROOT, 'configs/gensyn.yaml'), 'utf8');
const MINI = miniParams();

/** Run `unlocks -c <file>` on a modified parameter file. */
const withConfig = (text: string, args: string[] = ['unlocks']) => {
  const f = tmpFile('params.yaml', text);
  return { f, r: cli([...args, '-c', f]) };
};

describe('bad parameter files', () => {
  test('the minimal file is valid (control)', () => {
    const { r } = withConfig(MINI, ['unlocks', '-f', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1000,100');
  });
  test.each<[string, string, RegExp]>([
    [
      'malformed YAML',
      MINI.replace('  symbol: MINI', ' symbol: [MINI'),
      /params\.yaml:\d+:\d+: invalid YAML/,
    ],
    [
      'unknown key, with a suggestion',
      MINI.replace('cliff: 12mo', 'clif: 12mo'),
      /params\.yaml:11:16: allocations\[0\]\.vesting\.clif: unknown key "clif" \(did you mean "cliff"\?\)/,
    ],
    [
      'unknown top-level key',
      MINI + 'alocations: []\n',
      /params\.yaml:14:1: alocations: unknown key "alocations" \(did you mean "allocations"\?\)/,
    ],
    [
      'wrong type (a list for an amount)',
      MINI.replace('totalSupply: 1_000', 'totalSupply: [1, 2]'),
      /params\.yaml:4:16: token\.totalSupply: expected a token amount like 10B or 250_000; found a list/,
    ],
    [
      'non-numeric amount',
      MINI.replace('totalSupply: 1_000', 'totalSupply: lots'),
      /params\.yaml:4:16: token\.totalSupply: expected a token amount like 10_000_000, 10B, 1\.5M, 250k or 1e3; found "lots"/,
    ],
    [
      'negative amount',
      MINI.replace('totalSupply: 1_000', 'totalSupply: -1000'),
      /token\.totalSupply: expected a token amount .*found "-1000"/,
    ],
    [
      'shares not adding up to 100%',
      MINI.replace('share: 50%\n    vesting', 'share: 49.9%\n    vesting'),
      /params\.yaml:9:3: allocations: allocations add up to 99\.9% of totalSupply; they must add up to exactly 100% \(short by 0\.1%\)/,
    ],
    [
      'shares over 100%',
      MINI.replace('share: 50%\n\n', 'share: 51%\n\n').replace(/share: 50%\n$/, 'share: 51%\n'),
      /add up to 101% of totalSupply.*over by 1%/,
    ],
    [
      'impossible date',
      MINI.replace('2026-01-31', '2026-02-30'),
      /params\.yaml:6:8: token\.tge: 2026-02-30 does not exist \(February 2026 has 28 days\)/,
    ],
    [
      'duplicate keys',
      MINI.replace('  decimals: 2\n', '  decimals: 2\n  decimals: 3\n'),
      /params\.yaml:6:3: invalid YAML: Map keys must be unique/,
    ],
    ['empty file', '', /params\.yaml:1:1: the file is empty/],
    [
      'a list instead of a mapping',
      '- 1\n- 2\n',
      /params\.yaml:1:1: expected a mapping with token: and allocations: .*; found a list/,
    ],
    [
      'missing required key',
      MINI.replace('  tge: 2026-01-31\n', ''),
      /params\.yaml:2:3: token\.tge: missing required key "tge"/,
    ],
    [
      'vesting over 100%',
      MINI.replace('atCliff: 25%', 'atCliff: 25%, atStart: 80%'),
      /params\.yaml:11:14: allocations\[0\]\.vesting: atStart and atCliff add up to 105% of the allocation, more than 100%/,
    ],
    [
      'tranches with a cliff (no kind of schedule has both)',
      MINI.replace(
        '{ cliff: 12mo, atCliff: 25%, linear: 36mo }',
        '{ cliff: 12mo, tranches: [{ at: 1y, share: 100% }] }',
      ),
      /params\.yaml:11:14: allocations\[0\]\.vesting: tranches replace cliff; use one or the other/,
    ],
    [
      'linear with segments',
      MINI.replace(
        '{ cliff: 12mo, atCliff: 25%, linear: 36mo }',
        '{ linear: 12mo, segments: [{ linear: 6mo }] }',
      ),
      /params\.yaml:11:14: allocations\[0\]\.vesting: use either linear or segments, not both/,
    ],
    [
      'vesting that never finishes',
      MINI.replace('{ cliff: 12mo, atCliff: 25%, linear: 36mo }', '{ atStart: 40% }'),
      /allocations\[0\]\.vesting: vesting releases only 40% of the allocation/,
    ],
    [
      'a bare integer as a share (50% or 5000%?)',
      MINI.replace('share: 50%\n    vesting', 'share: 50\n    vesting'),
      /params\.yaml:10:12: allocations\[0\]\.share: expected a share like 95%, 19\/20 or 0\.95; found "50", which is ambiguous: 50% or 5000%\?/,
    ],
    [
      'a decimal comma in an amount',
      MINI.replace('totalSupply: 1_000', 'totalSupply: 1,5'),
      /params\.yaml:4:16: token\.totalSupply: .*found "1,5": commas may only separate groups of three digits, like 1,000,000 \(for a decimal, write 1\.5\)/,
    ],
    [
      'bad duration',
      MINI.replace('linear: 36mo', 'linear: 36 moons'),
      /allocations\[0\]\.vesting\.linear: expected a duration like 12mo.*found "36 moons"/,
    ],
    [
      'bad step',
      MINI.replace('linear: 36mo', 'linear: 36mo, every: fortnight'),
      /vesting\.every: expected a step: one of day, week, month, quarter, year .*; found "fortnight"/,
    ],
    [
      'duplicate category',
      MINI.replace('name: Sale', 'name: team'),
      /params\.yaml:12:11: allocations\[1\]\.name: duplicate category "team"/,
    ],
    [
      'both share and amount',
      MINI.replace('share: 50%\n\n', 'share: 50%\n').replace(
        / {2}- name: Sale\n {4}share: 50%\n/,
        '  - name: Sale\n    share: 50%\n    amount: 500\n',
      ),
      /allocations\[1\]: give either share or amount, not both/,
    ],
    [
      'decimals out of range',
      MINI.replace('decimals: 2', 'decimals: 40'),
      /params\.yaml:5:13: token\.decimals: expected at most 30; found 40/,
    ],
    [
      'amount finer than the decimals',
      MINI.replace('totalSupply: 1_000', 'totalSupply: 1_000.001'),
      /token\.totalSupply has more than 2 decimal places/,
    ],
    [
      'alias bomb',
      'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
      /params\.yaml:1:1: invalid YAML: .*alias/i,
    ],
    [
      'a boolean where a date belongs',
      MINI.replace('tge: 2026-01-31', 'tge: true'),
      /token\.tge: expected a date YYYY-MM-DD; found the boolean true/,
    ],
  ])('%s', (_name, text, message) => {
    const { r } = withConfig(text);
    expectUserError(r, message);
  });
  test('validate lists every problem at once', () => {
    const { r } = withConfig(
      MINI.replace('cliff: 12mo', 'clif: 12mo').replace('2026-01-31', '2026-02-30'),
      ['validate'],
    );
    expectUserError(
      r,
      /tge.*does not exist[\s\S]*unknown key "clif"|unknown key "clif"[\s\S]*tge.*does not exist/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
  });
  test('unreadable files: missing, a directory', () => {
    expectUserError(
      cli(['unlocks', '-c', 'nope.yaml']),
      'cannot read parameter file nope.yaml: no such file',
    );
    expectUserError(cli(['unlocks', '-c', tmp()]), 'it is a directory');
  });
});

describe('bad flags', () => {
  test.each<[string[], RegExp | string]>([
    [
      ['unlocks', '--from', '2026-13-01'],
      /option --from: 2026-13-01 does not exist \(there is no month 13\)/,
    ],
    [['unlocks', '--at', 'tomorrow'], /option --at: expected a date as YYYY-MM-DD/],
    [
      ['unlocks', '--from', '2027-01-01', '--to', '2026-01-01'],
      'option --from 2027-01-01 is after --to 2026-01-01',
    ],
    [['unlocks', '--every', 'fortnight'], /option --every: expected a period: one of day, week/],
    [
      ['unlocks', '--category', 'Teem'],
      /option --category: no category "Teem" .*\(did you mean "Team"\?\)/,
    ],
    [
      ['unlocks', '--at', '2027-01-01', '--events'],
      'options --at and --events cannot be used together',
    ],
    [['unlocks', '--fro', '2027-01-01'], /unknown option '--fro'\n\(Did you mean --from\?\)/],
    [['unlock'], /unknown command 'unlock'\n\(Did you mean unlocks\?\)/],
    [['unlocks', '-f', 'xml'], /option '-f, --format <fmt>' argument 'xml' is invalid/],
    [
      ['unlocks', '-f', 'csv', '--table', 'period'],
      /option --table: no table "period" in unlocks; expected one of periods/,
    ],
    [
      ['unlocks', '-o', '/nonexistent-dir/x.csv'],
      'option -o, --output: cannot write /nonexistent-dir/x.csv: folder /nonexistent-dir does not exist',
    ],
    [['unlocks', '--from'], /option '--from <date>' argument missing/],
  ])('%j', (args, message) => expectUserError(cli(args), message));
  test('no arguments: usage on stderr, exit 2', () => {
    const r = cli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: ai-econ');
  });
});

describe('nothing written on failure', () => {
  test('-o with a bad parameter file leaves the existing file untouched and no temp file', () => {
    const dir = tmp();
    const out = join(dir, 'out.csv');
    writeFileSync(out, 'previous');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, MINI.replace('cliff: 12mo', 'clif: 12mo'));
    expectUserError(cli(['unlocks', '-c', bad, '-f', 'csv', '-o', out]), 'unknown key "clif"');
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(readdirSync(dir).sort()).toEqual(['bad.yaml', 'out.csv']);
  });
  test('-o with a bad flag writes nothing', () => {
    const dir = tmp();
    const out = join(dir, 'x.csv');
    expectUserError(cli(['unlocks', '--category', 'Nobody', '-o', out]), 'option --category');
    expect(existsSync(out)).toBe(false);
  });
  test('-o into a folder name is refused', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'sub'));
    expectUserError(cli(['unlocks', '-o', join(dir, 'sub')]), 'is a folder');
  });
  test('the built-in file still validates after all this (control)', () => {
    expect(GOOD).toContain('totalSupply');
    expect(cli(['validate']).code).toBe(0);
  });
});
