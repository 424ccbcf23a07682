/** Issue 21: bad input is exit 2 with one located message, never a crash or a silent misread. */
import { describe, expect, test } from '@jest/globals';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ROOT, cli, expectUserError, tmp, tmpFile } from './run.js';

const GOOD = readFileSync(join(ROOT, 'configs/gensyn.yaml'), 'utf8');
const ONE_LINE = /on one line; found "[^"]*\\n[^"]*", with a line break inside/;

describe('21.9 a line break inside a number', () => {
  test.each<[string, string[], RegExp | string]>([
    [
      '--utilization (read as 1% before)',
      ['quote', '--gpu-hours', '5', '--utilization', '1\n%'],
      'option --utilization',
    ],
    ['--gpu-hours (a crash before)', ['quote', '--gpu-hours', '1,0\n00'], 'option --gpu-hours'],
    [
      '--set with a YAML escape',
      ['burn', '--set', 'projection.revenue.growth="1\\n%"'],
      'option --set projection.revenue.growth="1\\n%"',
    ],
  ])('%s', (_name, args, where) => {
    const r = cli(args);
    expectUserError(r, where);
    expect(r.stderr).toMatch(ONE_LINE);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  test('a --set holding a line break is named on one line', () => {
    const r = cli(['burn', '--set', 'projection.revenue.startUsd=1\n000']);
    expectUserError(r, 'option --set "projection.revenue.startUsd=1\\n000"');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    // Not folded into "1 %" (read as 1%), as YAML folds a plain scalar's line break.
    expectUserError(
      cli(['validate', '--set', 'projection.revenue.growth=1\n%']),
      'expected a value on one line; found a line break',
    );
  });
  test('a YAML string', () => {
    const f = tmpFile('p.yaml', GOOD.replace('priceUsd: 0.10 ', 'priceUsd: "0.\\n10"'));
    const r = cli(['validate', '-c', f]);
    expectUserError(r, /p\.yaml:20:13: token\.priceUsd: expected a USD amount on one line/);
  });
  test.each<[string, string, string[]]>([
    [
      'nodes',
      'id,role,stake,tasks,quality,uptime\nn1,compute,"1\n000",10,90%,99%\n',
      ['rewards', '--nodes'],
    ],
    ['grants', 'beneficiary,category,amount\nal,Team,"1\n000"\n', ['unlocks', '--grants']],
    ['jobs', 'id,gpu_hours\nj,"1\n0"\n', ['quote', '--jobs']],
  ])('a quoted %s cell', (_name, text, args) => {
    const f = tmpFile('data.csv', text);
    const r = cli([...args, f]);
    expectUserError(r, /data\.csv:3: row 1, column \w+: expected .* on one line/);
  });
});

describe('21.12 YAML anchors and aliases in --set and --vary', () => {
  test.each<[string, string[], string]>([
    [
      'an alias in --set',
      ['burn', '--set', 'token=*a'],
      'option --set token=*a: the value has a YAML alias *a',
    ],
    [
      'an anchor in --set (dropped before)',
      ['burn', '--set', 'token.name=&a x'],
      'option --set token.name=&a x: the value has a YAML anchor &a',
    ],
    [
      'an alias in --vary',
      ['sweep', 'burn', '--vary', 'projection.months=*a,2'],
      'option --vary projection.months=*a,2: at *a: the value has a YAML alias',
    ],
  ])('%s: exit 2 naming the flag', (_name, args, where) => {
    const r = cli(args);
    expectUserError(r, where);
    expect(r.stderr).toContain('for the text itself, quote it');
  });
  test('the quoted text is read as text', () => {
    const r = cli(['allocation', '--set', 'token.name="*a"', '-f', 'json']);
    expect(r.code).toBe(0);
  });
});

describe('21.13 a grants file has the 16 MB row limit of the other data files', () => {
  const big = (cell: string) =>
    tmpFile('grants.csv', `beneficiary,category,amount\nal,Team,1000\nbob,Team,${cell}\n`);
  test.each<[string, string, string[]]>([
    ['a quoted 20 MB cell, csv', `"${'x'.repeat(20_000_000)}"`, ['-f', 'csv']],
    ['a 20 MB cell of digits, table', '1'.repeat(20_000_000), []],
  ])('%s: exit 2 before any output', (_name, cell, args) => {
    const r = cli(['unlocks', '--grants', big(cell), ...args]);
    expectUserError(r, 'grants.csv:3: invalid CSV: a row longer than 16 MB');
    expect(r.stderr.length).toBeLessThan(300);
  });
  test('a 15 MB amount within the limit: exit 2, the message cut', () => {
    const r = cli(['unlocks', '--grants', big('1'.repeat(15_000_000)), '-f', 'csv']);
    expectUserError(
      r,
      /row 2, column amount: expected a token amount of at most 1000 characters; found "1{60}…" \(15,000,000 characters\)/,
    );
    expect(r.stderr.length).toBeLessThan(300);
  });
});

describe('21.14 --set paths through __proto__ are refused', () => {
  test.each([
    ['quote', '--gpu-hours', '1', '--set', 'fees.gpus.__proto__.tflops=1'],
    ['burn', '--set', 'scenarios.__proto__={months: 2}'],
    ['sweep', 'burn', '--vary', 'scenarios.__proto__.months=1,2'],
  ])('%s … %s', (...args) => {
    expectUserError(cli([...args, '-f', 'json']), '"__proto__" cannot be used as a name');
  });
});

describe('21.20 messages about --set', () => {
  test.each<[string, string, string]>([
    [
      'an empty value names no old value',
      'token.name=',
      'option --set token.name=: expected a text; found nothing',
    ],
    [
      'a list for a mapping',
      'token=[1,2]',
      'option --set token=[1,2]: expected a mapping; found a list',
    ],
    [
      'a new GPU class missing a key',
      'fees.gpus.constructor.tflops=1',
      'option --set fees.gpus.constructor.tflops=1: missing required key "pricePerHourUsd"',
    ],
    [
      'a share that breaks the sum',
      'allocations.Team.share=30%',
      'option --set allocations.Team.share=30%: allocations add up to 105%',
    ],
  ])('%s', (_name, set, message) => {
    expectUserError(cli(['allocation', '--set', set]), message);
  });
  test('a problem elsewhere in the file names the flags that took part', () => {
    const r = cli(['rewards', '--set', 'token.decimals=0', '--set', 'rewards.stakeMin=0.5']);
    expectUserError(r, 'option --set rewards.stakeMin=0.5: ');
    const f = tmpFile('p.yaml', GOOD.replace('stake: 50_000,', 'stake: 50_000.5,'));
    expectUserError(
      cli(['rewards', '-c', f, '--set', 'token.decimals=0']),
      /p\.yaml:\d+:\d+: nodes\[0\]\.stake: .* \(with option --set token\.decimals=0\)/,
    );
  });
});

describe('21.20 messages', () => {
  test('shares off by 1e-10 say by how much', () => {
    const f = tmpFile('p.yaml', GOOD.replace('share: 40.40%', 'share: 40.4000000001%'));
    expectUserError(
      cli(['validate', '-c', f]),
      'allocations add up to 100.0000000001% of totalSupply; they must add up to exactly 100% (over by 0.0000000001%)',
    );
    expectUserError(
      cli(['burn', '--set', 'buyback.burn=70.00000000001%']),
      'burn + treasury + execution add up to 100.00000000001%',
    );
  });
  test('a file with CR line breaks only is read like any other', () => {
    const f = tmpFile('cr.yaml', GOOD.replace(/\n/g, '\r'));
    expect(cli(['validate', '-c', f]).stdout).toContain('valid');
    const bad = tmpFile(
      'cr.yaml',
      GOOD.replace('priceUsd: 0.10 ', 'priceUsd: zz ').replace(/\n/g, '\r'),
    );
    expectUserError(
      cli(['validate', '-c', bad]),
      /cr\.yaml:20:13: token\.priceUsd: expected a USD amount/,
    );
  });
  test.each([',', ' , ', ',,'])('--category %j is refused, not zero categories', (v) => {
    expectUserError(
      cli(['unlocks', '--category', v]),
      'option --category: expected a name, or names separated by commas',
    );
  });
  test.each<[string, string, string]>([
    [
      'a GPU class',
      'fees.gpus={"": {tflops: 1, pricePerHourUsd: 1}, H100: {tflops: 1, pricePerHourUsd: 1}}',
      'a GPU class needs a name; found ""',
    ],
    ['a scenario', 'scenarios={" ": {}}', 'a scenario needs a name; found " "'],
  ])('%s named "" is refused', (_name, set, message) => {
    expectUserError(cli(['validate', '--set', set]), message);
  });
  test('--at and the calendar name the same years', () => {
    expectUserError(
      cli(['unlocks', '--at', '1969-12-31']),
      'out of range (1970-01-01 to 9999-12-31)',
    );
    const f = tmpFile(
      'p.yaml',
      GOOD.replace(
        'vesting: { atStart: 50%, linear: 12mo, every: month }',
        'vesting: { cliff: 7975y }',
      ),
    );
    expectUserError(
      cli(['validate', '-c', f]),
      'outside the calendar this tool handles (1970-01-01 to 9999-12-31)',
    );
  });
  test('a nodes column "node" suggests id', () => {
    const f = tmpFile('nodes.csv', 'node,role,stake,uptime\na,validator,1,1%\n');
    expectUserError(cli(['rewards', '--nodes', f]), 'unknown column "node" (did you mean "id"?)');
    const y = tmpFile('nodes.yaml', '- { node: a, role: validator, stake: 1, uptime: 1% }\n');
    expectUserError(cli(['rewards', '--nodes', y]), 'unknown key "node" (did you mean "id"?)');
  });
});

describe('21.10 a pool shallower than $1 or 1 token is refused by every command', () => {
  test.each<[string, string, RegExp]>([
    [
      'usd: 1e-30',
      'pool: { tokens: 100_000_000, usd: 1e-30',
      /economy\.market\.pool\.usd: expected at least \$1 in the pool .*; found \$0\.0{29}1$/m,
    ],
    [
      'tokens: 1e-18',
      'pool: { tokens: 0.000000000000000001, usd: 10_000_000',
      /economy\.market\.pool\.tokens: expected at least 1 token in the pool/,
    ],
  ])('%s', (_name, pool, message) => {
    const f = tmpFile('p.yaml', GOOD.replace('pool: { tokens: 100_000_000, usd: 10_000_000', pool));
    expectUserError(cli(['validate', '-c', f]), message);
    expectUserError(cli(['simulate', '-c', f]), message);
  });
  test("a scenario's pool too", () => {
    expectUserError(
      cli(['simulate', '--set', 'scenarios.bear.economy.market.pool.usd=0.5']),
      'option --set scenarios.bear.economy.market.pool.usd=0.5: expected at least $1 in the pool',
    );
  });
});

describe('21.26 init points editors at the schema by a path that holds', () => {
  const hint = (text: string) => /^# yaml-language-server: \$schema=(.*)$/m.exec(text)?.[1];
  test('in the checkout: relative to the file', () => {
    const r = cli(['init', '-'], { cwd: join(ROOT, 'configs') });
    expect(hint(r.stdout)).toBe('../dist/ai-econ.schema.json');
  });
  test('in a project that installed the package (linked): node_modules/…, and an editor-like check passes', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules', 'ai-econ'));
    mkdirSync(join(dir, 'params'));
    expect(cli(['init', 'params/p.yaml'], { cwd: dir }).code).toBe(0);
    const text = readFileSync(join(dir, 'params', 'p.yaml'), 'utf8');
    const rel = hint(text)!;
    expect(rel).toBe('../node_modules/ai-econ/dist/ai-econ.schema.json');
    // What the editor does: load the schema at that path, check the file's values with it.
    const check = new Ajv2020({ strict: false }).compile(
      JSON.parse(readFileSync(resolve(dir, 'params', rel), 'utf8')),
    );
    expect(check(parse(text))).toBe(true);
    expect(check(parse(text.replace('every: month }', 'every: monthy }')))).toBe(false);
  });
  test('elsewhere: how to write the schema beside the file, never a path into this checkout', () => {
    const r = cli(['init', '-'], { cwd: tmp() });
    expect(hint(r.stdout)).toBeUndefined();
    expect(r.stdout).not.toContain(ROOT);
    expect(r.stdout).toContain('#   npx ai-econ schema -o ai-econ.schema.json');
  });
});

describe('21.27 words for the user', () => {
  test("init's file cites no SPEC section and no 'seed'", () => {
    const text = cli(['init', '-']).stdout;
    expect(text).not.toMatch(/SPEC|\bseed\b/);
  });
  test('the risks table is called what it is, not "of the seed" (which reads like --seed)', () => {
    const title = (
      JSON.parse(cli(['simulate', '--table', 'risks', '-f', 'json']).stdout) as {
        tables: { title: string }[];
      }
    ).tables[0]!.title;
    expect(title).toBe('Risks: the exact run, as numbers');
    expect(cli(['simulate', '--help']).stdout).toContain('the risks table');
    expect(cli(['--help']).stdout).not.toContain("seed's");
  });
});
