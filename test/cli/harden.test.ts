/** Issue #15: adversarial inputs — each case failed before its fix. */
import { describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, cli, expectUserError, miniParams, tmpFile } from './run.js';

const mini = (vesting: string): string => miniParams(vesting);

describe('1. dates past 9999', () => {
  test('a cliff of 7975y is refused at its line, not booked at TGE', () => {
    const f = tmpFile('p.yaml', mini('{ cliff: 7975y, atCliff: 100% }'));
    expectUserError(
      cli(['unlocks', '--events', '-c', f]),
      /p\.yaml:11:14: allocations\[0\]\.vesting: .*outside the calendar this tool handles \(1970-01-01 to 9999-12-31\)/,
    );
    expectUserError(cli(['validate', f]), /p\.yaml:11:14:.*outside the calendar/);
  });
  test('a huge cliff is refused, not printed as 0NaN-NaN-NaN', () => {
    const f = tmpFile('p.yaml', mini('{ cliff: 99999999999y, atCliff: 100% }'));
    expectUserError(
      cli(['unlocks', '--events', '-c', f]),
      /p\.yaml:11:\d+: .*cliff: expected a duration of at most 10,000 years/,
    );
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
    expect(duration).toEqual({
      item: 'duration',
      quantity: '26.4',
      unit: 'hour',
      rate_usd: '1',
      usd: '26.4',
      tokens: '264',
    });
  });
  test('8. --duration with 400 nines is exit 2 naming the flag, not Infinity', () => {
    expectUserError(
      cli(['quote', '--gpu-hours', '100', '--duration', '9'.repeat(400) + 'h']),
      /option --duration: expected a duration of at most 87,660,000 hours/,
    );
    expectUserError(
      cli(['quote', '--gpu-hours', '100', '--duration', '99999999999999999999999h']),
      'option --duration',
    );
  });
});

export const GOOD = readFileSync(join(ROOT, 'configs/gensyn.yaml'), 'utf8');

describe('8. a stray quote in a CSV field is exit 2 with file:line, row and column', () => {
  test.each([
    ['grants', 'beneficiary,category,amount\nbob,Te"am,5\n', ['unlocks', '--grants']],
    [
      'nodes',
      'id,role,stake,tasks,quality,uptime\nn1,com"pute,100,1,90%,99%\n',
      ['rewards', '--nodes'],
    ],
    ['jobs', 'id,gpu_hours\nj1,1"0\n', ['quote', '--jobs']],
  ])('%s', (_name, text, args) => {
    const f = tmpFile('data.csv', text);
    expectUserError(
      cli([...args, f, '-f', 'csv']),
      /data\.csv:2: row 1, column \w+: invalid CSV: /,
    );
  });
});

describe('5. endless and huge inputs stop at a limit', () => {
  test('-c /dev/zero: the 16 MB limit, exit 2', () => {
    expectUserError(
      cli(['validate', '-c', '/dev/zero']),
      'cannot read parameter file /dev/zero: larger than 16 MB, the limit for this file',
    );
  });
  test('--nodes /dev/zero: the 16 MB limit, exit 2', () => {
    expectUserError(
      cli(['rewards', '--nodes', '/dev/zero']),
      'option --nodes: cannot read /dev/zero: larger than 16 MB',
    );
  });
  test('projection.months: 100000000 in the file is capped like --months', () => {
    const text = GOOD.replace(/(projection:\n(?:.*\n)*?\s+months:) \d+/, '$1 100000000');
    expect(text).not.toBe(GOOD);
    expectUserError(
      cli(['burn', '-c', tmpFile('p.yaml', text)]),
      /p\.yaml:\d+:\d+: projection\.months: expected at most 1200 months/,
    );
  });
});

describe('7. grants from a pipe are read once', () => {
  test('cat g.csv | unlocks --grants /dev/stdin', () => {
    const r = cli(['unlocks', '--grants', '/dev/stdin', '-f', 'csv'], {
      input: 'beneficiary,category,amount,linear\nalice,Team,120,12mo\n',
    });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('date,beneficiary,category,unlocked,cumulative');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.at(-1)).toMatch(/,alice,Team,\d+(\.\d+)?,120$/);
  });
  test('interrupted (SIGINT) while the pipe is being copied: no copy is left in $TMPDIR', async () => {
    // The copy used to be removed only at a normal exit: a ^C left the whole input in $TMPDIR.
    const t = mkdtempSync(join(tmpdir(), 'ai-econ-test-'));
    const child = spawn(process.execPath, [BIN, 'unlocks', '--grants', '/dev/stdin', '-f', 'csv'], {
      env: { ...process.env, TMPDIR: t },
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    const exited = new Promise<string | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    child.stdin.write('beneficiary,category,amount\n' + 'alice,Team,120\n'.repeat(1000)); // and the pipe stays open
    // Until the command is copying (its folder for the copy existed by then, under the old code).
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGINT');
    expect(await exited).toBe('SIGINT');
    child.stdin.destroy();
    expect(readdirSync(t).filter((n) => n.startsWith('ai-econ-grants-'))).toEqual([]);
  });
});

const withBurn = (extra: string): string =>
  GOOD.replace(/\nscenarios: *(#[^\n]*)?\n/, `\nscenarios:\n${extra}`);

describe('2. names that collide with fixed columns are refused, never corrupt a table', () => {
  test.each(['total', 'date', 'Cumulative', 'unlocked_pct'])('a category named %s', (name) => {
    const f = tmpFile(
      'p.yaml',
      mini('{ cliff: 12mo, atCliff: 100% }').replace('name: Sale', `name: ${name}`),
    );
    expectUserError(
      cli(['validate', f]),
      new RegExp(
        `p\\.yaml:12:11: allocations\\[1\\]\\.name: "${name}" is the name of a fixed column of unlocks \\(reserved: date, total, cumulative, unlocked_pct\\)`,
      ),
    );
  });
  test('a category named __proto__ keeps its column in JSON', () => {
    const f = tmpFile(
      'p.yaml',
      mini('{ cliff: 12mo, atCliff: 100% }').replace('name: Sale', 'name: __proto__'),
    );
    const r = cli(['unlocks', '-f', 'json', '-c', f]);
    expect(r.code).toBe(0);
    const row = JSON.parse(r.stdout).tables[0].rows[0];
    expect(Object.keys(row)).toEqual([
      'date',
      'Team',
      '__proto__',
      'total',
      'cumulative',
      'unlocked_pct',
    ]);
    expect(row.__proto__).toBe('500');
  });
  test('a scenario named metric is refused', () => {
    expect(withBurn('')).not.toBe(GOOD);
    const f = tmpFile('p.yaml', withBurn('  metric:\n    months: 12\n'));
    expectUserError(
      cli(['validate', f]),
      /p\.yaml:\d+:3: scenarios\.metric: "metric" cannot name a scenario \(reserved: __proto__, metric\)/,
    );
  });
});

describe('11. inherited object names are never taken for a user entry', () => {
  test.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'burn --scenario %s is exit 2',
    (name) => {
      expectUserError(
        cli(['burn', '--scenario', name]),
        `option --scenario: no scenario "${name}"`,
      );
    },
  );
  test("a scenario keyed constructor is the user's own", () => {
    const f = tmpFile('p.yaml', withBurn('  constructor:\n    months: 3\n'));
    const r = cli(['burn', '--scenario', 'constructor', '-f', 'csv', '-c', f]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toHaveLength(1 + 3);
  });
  test('a scenario or GPU keyed __proto__ is refused, not dropped', () => {
    expectUserError(
      cli(['validate', tmpFile('p.yaml', withBurn('  __proto__:\n    months: 3\n'))]),
      /p\.yaml:\d+:3: "__proto__" cannot be used as a name/,
    );
    const g = GOOD.replace(
      /\n {2}gpus: *(#[^\n]*)?\n/,
      '\n  gpus:\n    __proto__: { pricePerHourUsd: 1, tflops: 100 }\n',
    );
    expect(g).not.toBe(GOOD);
    expectUserError(
      cli(['validate', tmpFile('p.yaml', g)]),
      /p\.yaml:\d+:5: "__proto__" cannot be used as a name/,
    );
  });
});

describe('12. empty flag values are exit 2 naming the flag', () => {
  test.each([
    [['unlocks', '-o', ''], '-o, --output'.split(',')[1]!.trim()],
    [['rewards', '--nodes', ''], '--nodes'],
    [['burn', '--scenario', ''], '--scenario'],
    [['quote', '--gpu-hours', '1', '--compare', ''], '--compare'],
    [['unlocks', '--category', ''], '--category'],
    [['unlocks', '-c', ''], '--config'],
  ])('%j', (args, name) => {
    expectUserError(cli(args), `option ${name}: expected a value; found an empty one`);
  });
});

describe('15. a category whose name contains a comma can be selected', () => {
  const f = () =>
    tmpFile(
      'p.yaml',
      mini('{ cliff: 12mo, atCliff: 100% }').replace('name: Sale', 'name: "Sale, public"'),
    );
  test('an exact name wins over splitting on commas', () => {
    const r = cli(['unlocks', '--category', 'Sale, public', '-f', 'csv', '-c', f()]);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe('date,"Sale, public",total,cumulative,unlocked_pct');
  });
  test('a list still splits', () => {
    const r = cli(['unlocks', '--category', 'Team,Sale', '-f', 'csv']);
    expect(r.code).toBe(2); // the built-in file has no Sale: the split name is looked up
    expect(r.stderr).toContain('no category "Sale"');
    expect(
      cli(['unlocks', '--category', 'Team,Investors', '-f', 'csv']).stdout.split('\n')[0],
    ).toBe(
      'date,Investors,Team,total,cumulative,unlocked_pct'.replace(
        'Investors,Team',
        'Team,Investors',
      ),
    );
  });
});

describe('13. control characters never reach the terminal raw', () => {
  const evil = 'Te\x1b[2Jam\x1b]0;pwned\x07\r';
  const f = () =>
    tmpFile(
      'p.yaml',
      mini('{ cliff: 12mo, atCliff: 100% }').replace(
        'name: Team',
        `name: "Te\\e[2Jam\\e]0;pwned\\a\\r"`,
      ),
    );
  test.each(['table', 'md'])('-f %s escapes them', (fmt) => {
    const r = cli(['unlocks', '--at', '2027-06-01', '-f', fmt, '-c', f()]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(r.stdout).toContain(
      'Te\\x1b[2Jam\\x1b]0;pwned\\x07\\x0d'.replace(/\\/g, fmt === 'md' ? '\\\\' : '\\'),
    );
  });
  test('periods (names as column headers) in table view', () => {
    const r = cli(['unlocks', '-c', f()]);
    expect(r.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });
  test('csv and json keep the exact name', () => {
    expect(cli(['unlocks', '--at', '2027-06-01', '-f', 'csv', '-c', f()]).stdout).toContain(
      evil.replace('\r', ''),
    );
  });
  test('error messages escape them', () => {
    const r = cli(['unlocks', '--category', 'x\x1b[2J', '-c', f()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no category "x\\x1b[2J"');
    expect(r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });
  test('md turns a lone CR in a cell into nothing raw', () => {
    const g = tmpFile('g.csv', 'beneficiary,category,amount\n"a\rb",Team,5\n');
    const r = cli(['unlocks', '--grants', g, '-f', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('\r');
  });
});

describe('6. the table view and md stream any number of rows (issue 21.23)', () => {
  test('unlocks --every day over a century as a table: every row, one grid', () => {
    const r = cli(['unlocks', '--every', 'day', '--to', '2126-04-29']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => /^│ \d{4}-/.test(l))).toHaveLength(36_525);
    expect(lines.filter((l) => l.startsWith('┌'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('└'))).toHaveLength(1);
  });
  test('the same as md streams, every row', () => {
    const r = cli(['unlocks', '--every', 'day', '--to', '2126-04-29', '-f', 'md']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => /^\| \d{4}-/.test(l))).toHaveLength(36_525);
  });
});

describe('14. printed parts add up to the printed total', () => {
  const dec = (s: string): bigint => {
    const [i, f = ''] = s.split('.');
    return BigInt(i + f.padEnd(10, '0'));
  };
  test('quote --utilization 1/3: split usd and line usd sum to the total at 10 decimals', () => {
    for (const table of ['split', 'breakdown']) {
      const r = cli([
        'quote',
        '--gpu-hours',
        '100',
        '--utilization',
        '1/3',
        '-f',
        'csv',
        '--table',
        table,
        '--totals',
      ]);
      expect(r.code).toBe(0);
      const lines = r.stdout.trim().split('\n');
      const usdAt = lines[0]!.split(',').indexOf('usd');
      const values = lines.slice(1).map((l) => dec(l.split(',')[usdAt]!));
      expect(values.slice(0, -1).reduce((a, b) => a + b, 0n)).toBe(values.at(-1));
    }
    const split = cli([
      'quote',
      '--gpu-hours',
      '100',
      '--utilization',
      '1/3',
      '-f',
      'csv',
      '--table',
      'split',
      '--totals',
    ]).stdout;
    expect(split).toContain('total,100,264.7916666667,');
    expect(split).toContain('nodes,80,211.8333333334,');
  });
  test('--jobs totals are the sum of the printed rows', () => {
    const f = tmpFile('jobs.csv', 'id,gpu_hours,utilization\na,1,2/3\nb,1,2/3\nc,1,2/3\n');
    const r = cli(['quote', '--jobs', f, '-f', 'csv', '--totals']);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    for (const k of ['compute_usd', 'total_usd']) {
      const i = lines[0]!.indexOf(k);
      expect(lines.slice(1, -1).reduce((a, l) => a + dec(l[i]!), 0n)).toBe(dec(lines.at(-1)![i]!));
    }
  });
  test('the price note shows huge prices exactly, never $Infinity', () => {
    const r = cli(['quote', '--gpu-hours', '1', '--price', '9'.repeat(400), '-f', 'json']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('Infinity');
    expect(r.stdout).toContain(`tokens at $${'9'.repeat(400)} per AI`);
    expect(
      cli(['quote', '--gpu-hours', '1', '--price', '9007199254740993', '-f', 'json']).stdout,
    ).toContain('tokens at $9007199254740993 per AI');
  });
});
