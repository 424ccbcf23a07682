import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, cli, tmp } from '../../../test/cli/run.js';

describe('ai-econ unlocks on the built-in $AI parameters', () => {
  test('ends with cumulative = 10,000,000,000 exactly (csv is exact)', () => {
    const r = cli(['unlocks', '-f', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'date,Community Treasury,Investors,Team,Community Sale,Testnet Rewards,total,cumulative,unlocked_pct',
    );
    expect(lines[1]).toBe('2026-04-29,404000000,0,0,300000000,100000000,804000000,804000000,8.04');
    expect(lines[lines.length - 1]).toMatch(/^2030-04-29,.*,10000000000,100$/);
    expect(lines).toHaveLength(1 + 49);
  });
  test('the cliff month releases 25% of team and investors (published 12-month cliff)', () => {
    const r = cli(['unlocks', '-f', 'csv', '--from', '2027-04-29', '--to', '2027-04-29']);
    expect(r.stdout.trim().split('\n')[1]).toBe(
      '2027-04-29,75750000,740000000,625000000,0,8333333.333333333333333334,1449083333.333333333333333334,3178000000,31.78',
    );
  });
  test('table view: title, right-aligned separators, notes', () => {
    const r = cli(['unlocks', '--to', '2026-06-29']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Gensyn (AI) unlocks per month from TGE 2026-04-29');
    expect(r.stdout).toMatch(/│ 2026-04-29 │\s+404,000,000 │/);
    expect(r.stdout).toContain('csv/json are exact to the base unit');
    expect(r.stdout).not.toMatch(/\x1b\[/); // not a TTY: no colour
  });
  test('json: valid, exact decimal strings, every table', () => {
    const r = cli(['unlocks', '-f', 'json', '--every', 'year']);
    const j = JSON.parse(r.stdout);
    expect(j.command).toBe('unlocks');
    expect(j.params).toMatchObject({ config: 'built-in configs/gensyn.yaml', every: 'year' });
    expect(j.tables[0].name).toBe('periods');
    expect(j.tables[0].rows.map((x: { date: string }) => x.date)).toEqual([
      '2026-04-29',
      '2027-04-29',
      '2028-04-29',
      '2029-04-29',
      '2030-04-29',
    ]);
    expect(j.tables[0].rows[4].cumulative).toBe('10000000000');
    expect(j.tables[0].rows[1].Team).toBe('625000000');
  });
  test('md: a GitHub table with right-aligned numbers', () => {
    const r = cli(['unlocks', '-f', 'md', '--every', 'year']);
    expect(r.stdout).toContain(
      '| date | Community Treasury | Investors | Team | Community Sale | Testnet Rewards | total | cumulative | unlocked_pct |',
    );
    expect(r.stdout).toContain('| --- | ---: | ---: |');
    expect(r.stdout).toContain('| 2030-04-29 |');
  });
  test('--at: unlocked, locked and the next unlock per category', () => {
    const r = cli(['unlocks', '--at', '2027-04-29', '-f', 'csv', '--totals']);
    expect(r.stdout.trim().split('\n')).toEqual([
      'category,allocation,unlocked,locked,unlocked_pct,next_unlock_date,next_unlock_amount',
      'Community Treasury,4040000000,1313000000,2727000000,32.5,2027-05-29,75750000',
      'Investors,2960000000,740000000,2220000000,25,2027-05-29,61666666.666666666666666666',
      'Team,2500000000,625000000,1875000000,25,2027-05-29,52083333.333333333333333333',
      'Community Sale,300000000,300000000,0,100,,',
      'Testnet Rewards,200000000,200000000,0,100,,',
      'total,10000000000,3178000000,6822000000,31.78,2027-05-29,189499999.999999999999999999',
    ]);
  });
  test('--events with --category: sizes against the supply already unlocked', () => {
    const r = cli([
      'unlocks',
      '--events',
      '--category',
      'team',
      '--to',
      '2027-05-29',
      '-f',
      'csv',
      '--totals',
    ]);
    expect(r.stdout.trim().split('\n')).toEqual([
      'date,category,amount,pct_of_supply,pct_of_unlocked_before',
      // 625M against the 1,728,916,666.67 unlocked before 2027-04-29: 36.1498048%
      '2027-04-29,Team,625000000,6.25,36.14980479',
      // 52,083,333.33 against the 3,178,000,000 unlocked before 2027-05-29: 1.6388714%
      '2027-05-29,Team,52083333.333333333333333333,0.52083333,1.63887141',
      'total,,677083333.333333333333333333,6.77083333,',
    ]);
  });
  test('--every quarter and --category columns', () => {
    const r = cli([
      'unlocks',
      '--every',
      'quarter',
      '--category',
      'Investors,Team',
      '--to',
      '2027-07-29',
      '-f',
      'csv',
    ]);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('date,Investors,Team,total,cumulative,unlocked_pct');
    expect(lines.map((l) => l.split(',')[0]).slice(1)).toEqual([
      '2026-04-29',
      '2026-07-29',
      '2026-10-29',
      '2027-01-29',
      '2027-04-29',
      '2027-07-29',
    ]);
  });
  test('same output whatever the time zone and locale', () => {
    const a = cli(['unlocks', '-f', 'csv'], {
      env: { TZ: 'Pacific/Kiritimati', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
    });
    const b = cli(['unlocks', '-f', 'csv'], { env: { TZ: 'America/Los_Angeles', LANG: 'C' } });
    expect(a.stdout).toBe(b.stdout);
    const c = cli(['unlocks'], { env: { TZ: 'Asia/Kolkata', LC_ALL: 'fr_FR.UTF-8' } });
    expect(c.stdout).toContain('10,000,000,000');
  });
  test('colours: FORCE_COLOR turns them on, NO_COLOR and --no-color keep them off', () => {
    expect(cli(['unlocks', '--to', '2026-05-29'], { env: { FORCE_COLOR: '1' } }).stdout).toMatch(
      /\x1b\[/,
    );
    expect(
      cli(['unlocks', '--to', '2026-05-29'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout,
    ).not.toMatch(/\x1b\[/);
    expect(
      cli(['unlocks', '--to', '2026-05-29', '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout,
    ).not.toMatch(/\x1b\[/);
  });
  test('-o writes the file atomically; --bom starts csv with a BOM', () => {
    const out = join(tmp(), 'u.csv');
    const r = cli(['unlocks', '-f', 'csv', '--bom', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).startsWith('date,')).toBe(true);
  });
  test('a closed pipe ends quietly', () => {
    const r = spawnSync(
      'bash',
      [
        '-c',
        `set -o pipefail; "${process.execPath}" "${BIN}" unlocks -f csv --every day | head -1`,
      ],
      { encoding: 'utf8', cwd: ROOT },
    );
    expect(r.stdout).toBe(
      'date,Community Treasury,Investors,Team,Community Sale,Testnet Rewards,total,cumulative,unlocked_pct\n',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
  test('csv neutralises formula-like text but not negative numbers', () => {
    const dir = tmp();
    const f = join(dir, 'evil.yaml');
    writeFileSync(
      f,
      readFileSync(join(ROOT, 'configs/gensyn.yaml'), 'utf8')
        .replace('name: Team', 'name: "=HYPERLINK(\\"x\\")"')
        .replace('name: Investors', 'name: "-5"')
        .replace('Investors: 40%, Team: 20%, ', ''),
    );
    const r = cli(['unlocks', '-c', f, '-f', 'csv', '--to', '2026-04-29']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      'date,Community Treasury,-5,"\'=HYPERLINK(""x"")",Community Sale,Testnet Rewards,total,cumulative,unlocked_pct',
    );
  });
});

describe('allocation, validate, schema, init', () => {
  test('allocation table per category', () => {
    const r = cli(['allocation', '-f', 'csv', '--totals']);
    expect(r.stdout.trim().split('\n')).toEqual([
      'category,share_pct,tokens,at_start,cliff,linear,every,fully_vested_on',
      'Community Treasury,40.4,4040000000,404000000,,48mo,month,2030-04-29',
      'Investors,29.6,2960000000,0,12mo,36mo,month,2030-04-29',
      'Team,25,2500000000,0,12mo,36mo,month,2030-04-29',
      'Community Sale,3,300000000,300000000,,,,2026-04-29',
      'Testnet Rewards,2,200000000,100000000,,12mo,month,2027-04-29',
      'total,100,10000000000,804000000,,,,',
    ]);
  });
  test('validate: the built-in file is valid', () => {
    const r = cli(['validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/valid — Gensyn \(AI\), supply 10,000,000,000, 5 allocations/);
  });
  test("schema: JSON Schema from the loader's schema, also shipped as a file", () => {
    const r = cli(['schema']);
    const s = JSON.parse(r.stdout);
    expect(s.type).toBe('object');
    expect(s.additionalProperties).toBe(false);
    expect(Object.keys(s.properties)).toEqual(expect.arrayContaining(['token', 'allocations']));
    expect(s.properties.allocations.items.properties.vesting.properties.cliff.description).toMatch(
      /cliff/,
    );
    const p = cli(['schema', '--path']).stdout.trim();
    expect(readFileSync(p, 'utf8')).toBe(r.stdout);
  });
  test('init writes the commented defaults, which validate; refuses to overwrite without --force', () => {
    const f = join(tmp(), 'my.yaml');
    expect(cli(['init', f]).code).toBe(0);
    expect(readFileSync(f, 'utf8')).toContain('ASSUMPTION');
    // Outside the package and any project that installed it: how to get the schema, no path.
    expect(readFileSync(f, 'utf8')).toContain('#   npx ai-econ schema -o ai-econ.schema.json');
    expect(cli(['validate', '-c', f]).code).toBe(0);
    writeFileSync(f, 'mine');
    const again = cli(['init', f]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists; use --force');
    expect(readFileSync(f, 'utf8')).toBe('mine');
    expect(cli(['init', f, '--force']).code).toBe(0);
    expect(readFileSync(f, 'utf8')).toContain('totalSupply');
  });
  test('--version and --help', () => {
    expect(cli(['--version']).stdout.trim()).toBe(
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
    );
    const h = cli(['unlocks', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('--events');
    expect(existsSync(BIN)).toBe(true);
  });
});

describe('the built-in parameters', () => {
  test('the same figures as reading configs/gensyn.yaml itself', () => {
    for (const args of [
      ['unlocks', '-f', 'csv'],
      ['allocation', '-f', 'csv'],
      ['unlocks', '--events', '-f', 'csv'],
    ]) {
      const fast = cli(args);
      const yaml = cli([...args, '-c', 'configs/gensyn.yaml']);
      expect(fast.code).toBe(0);
      expect(fast.stdout).toBe(yaml.stdout);
    }
  });
});
