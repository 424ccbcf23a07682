/** The global options of SPEC §1: --set, --table/--columns in every format, tidy CSV, which parameter file, -f case, fitting the terminal. */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { BIN, ROOT, cli, csvLines, expectUserError, tmp } from './run.js';

const json = (args: string[]) => {
  const r = cli([...args, '-f', 'json']);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
};

describe('--set path=value', () => {
  test('overrides a value as if written in the file, and JSON params records it', () => {
    expect(csvLines('burn', ['--set', 'projection.months=3'])).toHaveLength(1 + 3);
    const j = json([
      'burn',
      '--set',
      'projection.months=2',
      '--set',
      'projection.revenue.startUsd=1M',
    ]);
    expect(j.params.set).toEqual(['projection.months=2', 'projection.revenue.startUsd=1M']);
    expect(j.tables[0].rows[0].revenue_usd).toBe('1000000');
  });
  test('addresses allocations by name: an 18-month team cliff moves the first team unlock to 2027-10-29', () => {
    const lines = csvLines('unlocks', [
      '--events',
      '--category',
      'Team',
      '--set',
      'allocations.Team.vesting.cliff=18mo',
    ]);
    expect(lines[1]).toMatch(/^2027-10-29,Team,/);
  });
  test('scenarios by name, read like the file (0.10 stays exact)', () => {
    const j = json([
      'burn',
      '--scenario',
      'bull',
      '--set',
      'scenarios.bull.price.startUsd=0.10',
      '--months',
      '1',
    ]);
    expect(j.tables[0].rows[0].price_usd).toBe('0.1');
  });
  test.each([
    [
      ['burn', '--set', 'projection.months=0'],
      /^ai-econ: error: option --set projection\.months=0: expected at least 1 month; found 0$/m,
    ],
    [
      ['burn', '--set', 'projecton.months=3'],
      /option --set projecton\.months=3: no key "projecton" in the top level \(did you mean "projection"\?\)/,
    ],
    [
      ['unlocks', '--set', 'allocations.Teem.share=25%'],
      /option --set allocations\.Teem\.share=25%: no item "Teem" in allocations \(did you mean "Team"\?\)/,
    ],
    [
      ['unlocks', '--set', 'token.totalSupply=lots'],
      /option --set token\.totalSupply=lots: expected a token amount/,
    ],
    [['unlocks', '--set', 'token'], /option --set token: expected path=value/],
  ])('bad: %j', (args, message) => expectUserError(cli(args), message));
});

describe('--table and --columns in every format', () => {
  test('csv, json and md carry only the named columns, in that order', () => {
    expect(csvLines('unlocks', ['--columns', 'cumulative,date', '--to', '2026-05-29'])).toEqual([
      'cumulative,date',
      '804000000,2026-04-29',
      '888083333.333333333333333333,2026-05-29',
    ]);
    const j = json(['burn', '--columns', 'month,burned', '--months', '1']);
    expect(j.tables).toHaveLength(1);
    expect(j.tables[0].columns).toEqual(['month', 'burned']);
    expect(Object.keys(j.tables[0].rows[0])).toEqual(['month', 'burned']);
    const md = cli([
      'quote',
      '--gpu-hours',
      '10',
      '--table',
      'split',
      '--columns',
      'recipient,tokens',
      '-f',
      'md',
    ]);
    expect(md.stdout).toContain('| recipient | tokens |');
    expect(md.stdout).not.toContain('share_pct');
  });
  test('--table picks one table in json too', () => {
    const j = json(['burn', '--table', 'summary']);
    expect(j.tables.map((t: { name: string }) => t.name)).toEqual(['summary']);
  });
  test.each(['json', 'csv', 'md', 'table'])(
    'unknown names are exit 2 listing the names that exist (%s)',
    (f) => {
      expectUserError(
        cli(['burn', '--table', 'nope', '-f', f]),
        /option --table: no table "nope" in burn; expected one of months, summary/,
      );
      expectUserError(
        cli(['unlocks', '--columns', 'date,totl', '-f', f]),
        /option --columns: no column "totl" in table periods \(did you mean "total"\?\); expected some of date, Community Treasury/,
      );
    },
  );
});

describe('tidy CSV', () => {
  test('data rows only, so SUM(amount) of the events is the supply; --totals appends the totals row', () => {
    const lines = csvLines('unlocks', ['--events']);
    const sum = lines.slice(1).reduce((a, l) => a + Number(l.split(',')[2]), 0);
    expect(Math.round(sum)).toBe(10_000_000_000);
    expect(lines.some((l) => l.startsWith('total'))).toBe(false);
    expect(csvLines('unlocks', ['--events', '--totals']).at(-1)).toBe('total,,10000000000,100,');
  });
  test('-f is case-insensitive; an unknown format lists the choices', () => {
    expect(cli(['allocation', '-f', 'CSV']).stdout.split('\n')[0]).toBe(
      'category,share_pct,tokens,at_start,cliff,linear,every,fully_vested_on',
    );
    expectUserError(cli(['allocation', '-f', 'xls']), /Allowed choices are table, csv, json, md/);
  });
});

describe('which parameter file', () => {
  const small = (name: string) =>
    `token: { name: ${name}, symbol: SM, totalSupply: 1000, decimals: 0, tge: 2026-01-01, priceUsd: 1 }\nallocations:\n  - { name: All, share: 100% }\n`;
  test('-c, then AI_ECON_CONFIG, then ./ai-econ.yaml, then built-in; the title says which', () => {
    const dir = tmp();
    const env = { AI_ECON_CONFIG: undefined };
    expect(cli(['allocation'], { cwd: dir, env }).stdout).toContain('built-in configs/gensyn.yaml');
    spawnSync(
      'sh',
      [
        '-c',
        `printf '%s' "$0" > ai-econ.yaml; printf '%s' "$1" > other.yaml`,
        small('Local'),
        small('Other'),
      ],
      { cwd: dir },
    );
    expect(cli(['allocation'], { cwd: dir, env }).stdout).toContain(
      'Local (SM) allocation — ai-econ.yaml',
    );
    expect(cli(['validate'], { cwd: dir, env }).stdout).toContain(
      'ai-econ.yaml: valid — Local (SM)',
    );
    expect(
      cli(['allocation'], { cwd: dir, env: { AI_ECON_CONFIG: 'other.yaml' } }).stdout,
    ).toContain('Other (SM) allocation — other.yaml');
    expect(
      cli(['allocation', '-c', 'ai-econ.yaml'], { cwd: dir, env: { AI_ECON_CONFIG: 'other.yaml' } })
        .stdout,
    ).toContain('Local (SM)');
  });
  test('init writes ./ai-econ.yaml and the next command reads it', () => {
    const dir = tmp();
    expect(cli(['init'], { cwd: dir }).code).toBe(0);
    expect(
      cli(['unlocks', '--table', 'periods', '--columns', 'date', '-f', 'csv'], { cwd: dir }).code,
    ).toBe(0);
    expect(cli(['allocation'], { cwd: dir }).stdout).toContain('— ai-econ.yaml');
  });
});

describe('fits the terminal', () => {
  /** Run on a pseudo-terminal 100 columns wide and return the widest line. */
  const widest = (args: string[]): number => {
    const r = spawnSync(
      'script',
      ['-qc', [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' '), '/dev/null'],
      {
        cwd: ROOT,
        env: { ...process.env, COLUMNS: '100', NO_COLOR: '1' },
        encoding: 'utf8',
        input: '',
      },
    );
    const lines = r.stdout.replace(/\r/g, '').split('\n');
    return Math.max(...lines.map((l) => [...l].length));
  };
  test.each([
    ['unlocks'],
    ['unlocks', '--at', '2027-04-29'],
    ['unlocks', '--events'],
    ['allocation'],
    ['quote', '--params', '7B', '--tokens', '140B'],
    ['quote', '--params', '7B', '--tokens', '140B', '--compare', 'H100,A100,H200,MI300X'],
    ['rewards'],
    ['burn'],
    ['burn', '--all-scenarios'],
    ['burn', '--runs', '100'],
  ])('%j fits 100 columns on a terminal', (...args) => {
    expect(widest(args)).toBeLessThanOrEqual(100);
  });
  test('--wide shows every column', () => {
    expect(widest(['burn', '--wide'])).toBeGreaterThan(200);
  });
});

describe('today in date flags', () => {
  test('--at today is the current UTC date (AI_ECON_TODAY pins it), and JSON params records the date used', () => {
    const env = { AI_ECON_TODAY: '2027-04-29' };
    const r = cli(['unlocks', '--at', 'today', '-f', 'json'], { env });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.params.at).toBe('2027-04-29');
    expect(j.tables[0].title).toContain('on 2027-04-29');
    expect(cli(['unlocks', '--at', '2027-04-29', '-f', 'csv'], { env }).stdout).toBe(
      cli(['unlocks', '--at', 'TODAY', '-f', 'csv'], { env }).stdout,
    );
    expectUserError(
      cli(['unlocks', '--at', 'today'], { env: { AI_ECON_TODAY: '2027-02-30' } }),
      /AI_ECON_TODAY: 2027-02-30 does not exist/,
    );
  });
});
