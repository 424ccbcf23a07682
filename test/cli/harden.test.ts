/** Issue #15: adversarial inputs — each case failed before its fix. */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cli, expectUserError, tmpFile } from './run.js';

const mini = (vesting: string, extra = ''): string => `token:
  name: Mini
  symbol: MINI
  totalSupply: 1_000
  decimals: 2
  tge: 2026-01-31
  priceUsd: 0.5
allocations:
  - name: Team
    share: 50%
    vesting: ${vesting}
  - name: Sale
    share: 50%
${extra}`;

describe('1. dates past 9999', () => {
  test('a cliff of 7975y is refused at its line, not booked at TGE', () => {
    const f = tmpFile('p.yaml', mini('{ cliff: 7975y, atCliff: 100% }'));
    expectUserError(cli(['unlocks', '--events', '-c', f]), /p\.yaml:11:14: allocations\[0\]\.vesting: .*outside the calendar this tool handles \(0001-01-01 to 9999-12-31\)/);
    expectUserError(cli(['validate', f]), /p\.yaml:11:14:.*outside the calendar/);
  });
  test('a huge cliff is refused, not printed as 0NaN-NaN-NaN', () => {
    const f = tmpFile('p.yaml', mini('{ cliff: 99999999999y, atCliff: 100% }'));
    expectUserError(cli(['unlocks', '--events', '-c', f]), /p\.yaml:11:\d+: .*cliff: expected a duration of at most 10,000 years/);
  });
  test('a tranche on 9999-12-31: periods end on 9999-12-31, never 99990-01-01', () => {
    const f = tmpFile('p.yaml', mini('{ tranches: [{ at: 9999-12-31, share: 100% }] }'));
    const r = cli(['unlocks', '--every', 'year', '-f', 'csv', '-c', f]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('9999-12-31,500,0,500,1000,100');
    expect(lines.slice(1).every((l) => /^\d{4}-\d{2}-\d{2},/.test(l))).toBe(true);
  });
});

describe('9. durations are parsed exactly', () => {
  test('quote --duration 1.1d: 26.4 hours, 264 tokens exactly', () => {
    const r = cli(['quote', '--gpu-hours', '100', '--duration', '1.1d', '-f', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const duration = j.tables[0].rows.find((x: { item: string }) => x.item === 'duration');
    expect(duration).toEqual({ item: 'duration', quantity: '26.4', unit: 'hour', rate_usd: '1', usd: '26.4', tokens: '264' });
  });
  test('8. --duration with 400 nines is exit 2 naming the flag, not Infinity', () => {
    expectUserError(cli(['quote', '--gpu-hours', '100', '--duration', '9'.repeat(400) + 'h']), /option --duration: expected a duration of at most 87,660,000 hours/);
    expectUserError(cli(['quote', '--gpu-hours', '100', '--duration', '99999999999999999999999h']), 'option --duration');
  });
});

export const GOOD = readFileSync(join(ROOT, 'configs/gensyn.yaml'), 'utf8');

describe('8. a stray quote in a CSV field is exit 2 with file:line, row and column', () => {
  test.each([
    ['grants', 'beneficiary,category,amount\nbob,Te"am,5\n', ['unlocks', '--grants']],
    ['nodes', 'id,role,stake,tasks,quality,uptime\nn1,com"pute,100,1,90%,99%\n', ['rewards', '--nodes']],
    ['jobs', 'id,gpu_hours\nj1,1"0\n', ['quote', '--jobs']],
  ])('%s', (_name, text, args) => {
    const f = tmpFile('data.csv', text);
    expectUserError(cli([...args, f, '-f', 'csv']), /data\.csv:2: row 1, column \w+: invalid CSV: /);
  });
});

describe('5. endless and huge inputs stop at a limit', () => {
  test('-c /dev/zero: the 16 MB limit, exit 2', () => {
    expectUserError(cli(['validate', '-c', '/dev/zero']), 'cannot read parameter file /dev/zero: larger than 16 MB, the limit for this file');
  });
  test('--nodes /dev/zero: the 16 MB limit, exit 2', () => {
    expectUserError(cli(['rewards', '--nodes', '/dev/zero']), 'option --nodes: cannot read /dev/zero: larger than 16 MB');
  });
  test('projection.months: 100000000 in the file is capped like --months', () => {
    const text = GOOD.replace(/(projection:\n(?:.*\n)*?\s+months:) \d+/, '$1 100000000');
    expect(text).not.toBe(GOOD);
    expectUserError(cli(['burn', '-c', tmpFile('p.yaml', text)]), /p\.yaml:\d+:\d+: projection\.months: expected at most 1200 months/);
  });
  test('burn --runs 1000000 --months 1200: refused with the memory estimate', () => {
    expectUserError(cli(['burn', '--runs', '1000000', '--months', '1200']), '1,000,000 runs × 1,200 months would need about 26.8 GB of memory');
  });
});

describe('7. grants from a pipe are read once', () => {
  test('cat g.csv | unlocks --grants /dev/stdin', () => {
    const r = cli(['unlocks', '--grants', '/dev/stdin', '-f', 'csv'], { input: 'beneficiary,category,amount,linear\nalice,Team,120,12mo\n' });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('date,beneficiary,category,unlocked,cumulative');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.at(-1)).toMatch(/,alice,Team,\d+(\.\d+)?,120$/);
  });
});
