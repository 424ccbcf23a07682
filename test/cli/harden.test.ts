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
