import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, expectUserError, tmp, tmpFile } from '../../../test/cli/run.js';

const HEADER = 'beneficiary,category,amount,start,cliff,at_cliff,linear,every\n';

describe('ai-econ unlocks --grants', () => {
  test('rows per unlock of each grant; empty columns follow the category', () => {
    const f = tmpFile(
      'g.csv',
      HEADER + 'alice,Team,1_000_000,,,,,\nbob,investors,250k,2026-06-01,6mo,10%,12mo,quarter\n',
    );
    const r = cli(['unlocks', '--grants', f, '-f', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('date,beneficiary,category,unlocked,cumulative');
    // alice: Team vesting — 25% at the 12-month cliff, then 36 monthly steps of 20,833.33
    expect(lines[1]).toBe('2027-04-29,alice,Team,250000,250000');
    expect(lines[2]).toBe(
      '2027-05-29,alice,Team,20833.333333333333333333,270833.333333333333333333',
    );
    expect(lines[37]).toBe('2030-04-29,alice,Team,20833.333333333333333334,1000000');
    // bob: own terms — 10% at a 6-month cliff from 2026-06-01, then 4 quarterly steps of 56,250
    expect(lines.slice(38)).toEqual([
      '2026-12-01,bob,Investors,25000,25000',
      '2027-03-01,bob,Investors,56250,81250',
      '2027-06-01,bob,Investors,56250,137500',
      '2027-09-01,bob,Investors,56250,193750',
      '2027-12-01,bob,Investors,56250,250000',
    ]);
  });
  test('--category and --from/--to filter rows; json streams valid JSON', () => {
    const f = tmpFile(
      'g.csv',
      HEADER + 'alice,Team,1000,,,,,\nbob,Investors,250k,2026-06-01,6mo,10%,12mo,quarter\n',
    );
    const r = cli([
      'unlocks',
      '--grants',
      f,
      '--category',
      'Investors',
      '--from',
      '2027-01-01',
      '--to',
      '2027-06-30',
      '-f',
      'json',
    ]);
    const j = JSON.parse(r.stdout);
    expect(j.params.grants).toBe(f);
    expect(j.tables[0].rows).toEqual([
      {
        date: '2027-03-01',
        beneficiary: 'bob',
        category: 'Investors',
        unlocked: '56250',
        cumulative: '81250',
      },
      {
        date: '2027-06-01',
        beneficiary: 'bob',
        category: 'Investors',
        unlocked: '56250',
        cumulative: '137500',
      },
    ]);
  });
  test('-o writes the same rows in one pass', () => {
    const f = tmpFile('g.csv', HEADER + 'alice,Team,1000,,,,,\n');
    const out = join(tmp(), 'o.csv');
    expect(cli(['unlocks', '--grants', f, '-f', 'csv', '-o', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(cli(['unlocks', '--grants', f, '-f', 'csv']).stdout);
  });
  test('-o with an export far larger than the write buffer: nothing on stderr (no listener-leak warning), every row written', () => {
    // 3,000 grants × 37 rows: the file stream fills and drains hundreds of times.
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `b${i},Team,1000.25,2026-01-15,12mo,25%,36mo,month`,
    ).join('\n');
    const f = tmpFile('big.csv', HEADER + rows + '\n');
    const out = join(tmp(), 'big-out.csv');
    const r = cli(['unlocks', '--grants', f, '-f', 'csv', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(1 + 3000 * 37);
  });
  test('grants over the category allocation: a warning on stderr, output still written', () => {
    const f = tmpFile('g.csv', HEADER + 'whale,Community Sale,400M,,,,,\n');
    const r = cli(['unlocks', '--grants', f, '-f', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'warning: grants in Community Sale add up to 400,000,000 AI, more than its allocation of 300,000,000',
    );
  });
  test.each<[string, string, RegExp]>([
    [
      'non-numeric amount',
      HEADER + 'a,Team,abc,,,,,\n',
      /g\.csv:2: row 1, column amount: expected a token amount .*found "abc"/,
    ],
    [
      'negative amount',
      HEADER + 'a,Team,1,,,,,\nb,Team,-5,,,,,\n',
      /g\.csv:3: row 2, column amount: .*found "-5"/,
    ],
    [
      'unknown category',
      HEADER + 'a,Teem,1,,,,,\n',
      /g\.csv:2: row 1, column category: no category "Teem" .*\(did you mean "Team"\?\)/,
    ],
    [
      'impossible date',
      HEADER + 'a,Team,1,2026-02-30,,,,\n',
      /row 1, column start: 2026-02-30 does not exist/,
    ],
    [
      'bad duration',
      HEADER + 'a,Team,1,,12 moons,,,\n',
      /row 1, column cliff: expected a duration/,
    ],
    ['bad step', HEADER + 'a,Team,1,,,,,fortnight\n', /row 1, column every: expected a step/],
    [
      'at_cliff over 100%',
      HEADER + 'a,Team,1,,,125%,,\n',
      /row 1, column vesting: atStart and atCliff add up to 125%/,
    ],
    [
      'empty beneficiary',
      HEADER + ',Team,1,,,,,\n',
      /row 1, column beneficiary: expected a name; found an empty cell/,
    ],
    [
      'unknown column',
      'beneficiary,categroy,amount\n',
      /g\.csv:1: unknown column "categroy" \(did you mean "category"\?\)/,
    ],
    ['missing column', 'beneficiary,category\n', /g\.csv:1: missing column amount/],
    ['ragged row', HEADER + 'a,Team,1\n', /g\.csv:2: invalid CSV/],
  ])('%s: exit 2 naming file, row and column, nothing written', (_n, text, msg) => {
    const f = tmpFile('g.csv', text);
    expectUserError(cli(['unlocks', '--grants', f]), msg);
    const out = join(tmp(), 'o.csv');
    expectUserError(cli(['unlocks', '--grants', f, '-f', 'csv', '-o', out]), msg);
    expect(existsSync(out)).toBe(false);
  });
  test('unreadable grants file', () => {
    expectUserError(
      cli(['unlocks', '--grants', 'nope.csv']),
      'option --grants: cannot read nope.csv: no such file',
    );
  });
  test('--grants with --at is refused', () => {
    const f = tmpFile('g.csv', HEADER);
    expectUserError(
      cli(['unlocks', '--grants', f, '--at', '2027-01-01']),
      'options --at and --grants cannot be used together',
    );
  });
});
