import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cli, expectUserError, tmpFile, csvLines } from '../../../test/cli/run.js';

const HEADER = 'id,role,stake,tasks,quality,uptime,failed_checks\n';
const csv = (args: string[]) => csvLines('rewards', args);

describe('ai-econ rewards', () => {
  test('runs with no arguments on the built-in example epoch and balances', () => {
    const r = cli(['rewards', '-f', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const totals = Object.fromEntries(
      j.tables[1].rows.map((x: { metric: string; value: string }) => [x.metric, x.value]),
    );
    expect(totals.fees).toBe('250000');
    expect(totals.emission).toBe('5000000');
    expect(totals.fees_plus_emission).toBe('5250000');
    expect(totals.rewards_plus_treasury).toBe('5250000');
    expect(totals.slashed_to_treasury).toBe('6000'); // node-e: 30,000 × 10% × 2 checks
    const byId = Object.fromEntries(j.tables[0].rows.map((x: { id: string }) => [x.id, x]));
    expect(byId['val-1'].reward).toBe('23437.5'); // 62.5% of 37,500
    expect(byId['node-d'].status).toBe('uptime below minimum');
  });
  test('--nodes CSV, --fees, --emission: a hand-computed epoch', () => {
    // fees 1,000: nodes 800, validators 150, treasury 50; compute pool 800 + 200 = 1,000 shared 3:1
    const f = tmpFile(
      'n.csv',
      HEADER +
        'a,compute,20k,30,100%,100%,0\nb,compute,20000,10,1.0,1.0,\nv,validator,20000,,,99%,0\nx,compute,20000,10,100%,50%,0\n',
    );
    expect(csv(['--nodes', f, '--fees', '1000', '--emission', '200', '--totals'])).toEqual([
      'id,role,score,share_pct,reward,slashed,stake_after,status',
      'a,compute,30,75,750,0,20000,ok',
      'b,compute,10,25,250,0,20000,ok',
      'v,validator,20000,100,150,0,20000,ok',
      'x,compute,0,0,0,0,20000,uptime below minimum',
      'total,,,,1150,0,80000,',
    ]);
    const totals = csv(['--nodes', f, '--fees', '1k', '--emission', '200', '--table', 'totals']);
    expect(totals).toContain('treasury_total,50');
    expect(totals).toContain('rewards_plus_treasury,1200');
  });
  test('--nodes YAML (a list or a mapping with nodes:)', () => {
    const list = tmpFile(
      'n.yaml',
      '- { id: a, role: compute, stake: 10k, tasks: 1, quality: 1.0, uptime: 1.0 }\n- { id: v, role: validator, stake: 10k, uptime: 95% }\n',
    );
    expect(csv(['--nodes', list, '--fees', '1000', '--emission', '0']).slice(1, 3)).toEqual([
      'a,compute,1,100,800,0,10000,ok',
      'v,validator,10000,100,150,0,10000,ok',
    ]);
    const map = tmpFile(
      'n.yml',
      'nodes:\n  - { id: a, role: compute, stake: 10k, tasks: 1, quality: 1.0, uptime: 1.0 }\n',
    );
    expect(csv(['--nodes', map, '--fees', '0', '--emission', '10'])[1]).toBe(
      'a,compute,1,100,10,0,10000,ok',
    );
  });
  test('slashing to the burn destination', () => {
    const text = readFileSync(join(ROOT, 'configs/gensyn.yaml'), 'utf8').replace(
      'destination: treasury',
      'destination: burn',
    );
    const p = tmpFile('p.yaml', text);
    const t = csv(['-c', p, '--table', 'totals']);
    expect(t).toContain('slashed_burned,6000');
    expect(t).toContain('slashed_to_treasury,0');
  });
  test.each<[string, string, RegExp]>([
    [
      'negative stake',
      HEADER + 'a,compute,-5,1,1.0,1.0,0\n',
      /n\.csv:2: row 1, column stake: expected a token amount .*found "-5"/,
    ],
    [
      'unknown role',
      HEADER + 'a,miner,5,1,1.0,1.0,0\n',
      /n\.csv:2: row 1, column role: expected compute or validator; found "miner"/,
    ],
    [
      'quality above 100%',
      HEADER + 'a,compute,5,1,120%,1.0,0\n',
      /n\.csv:2: row 1, column quality: expected 0% to 100%; found 120%/,
    ],
    [
      'uptime above 100%',
      HEADER + 'a,compute,5,1,1.0,1.5,0\n',
      /row 1, column uptime: expected 0% to 100%; found 1\.5/,
    ],
    ['missing column', 'id,role,stake\na,compute,5\n', /n\.csv:1: missing column uptime/],
    [
      'unknown column',
      'id,role,stake,uptime,qualty\n',
      /n\.csv:1: unknown column "qualty" \(did you mean "quality"\?\)/,
    ],
    [
      'duplicate ids',
      HEADER + 'a,compute,5,1,1.0,1.0,0\na,compute,5,1,1.0,1.0,0\n',
      /n\.csv:3: row 2, column id: duplicate id "a"/,
    ],
    [
      'non-numeric tasks',
      HEADER + 'a,compute,5,many,1.0,1.0,0\n',
      /row 1, column tasks: expected a whole number .*found "many"/,
    ],
    [
      'a bare 1 as quality (1% or 100%?)',
      HEADER + 'a,compute,5,1,1,99%,0\n',
      /n\.csv:2: row 1, column quality: .*found "1", which is ambiguous: 1% or 100%\?/,
    ],
    [
      'compute node without quality',
      HEADER + 'a,compute,5,1,,1.0,0\n',
      /row 1, column quality: a compute node needs quality/,
    ],
    ['ragged row', HEADER + 'a,compute\n', /n\.csv:2: invalid CSV/],
  ])('bad node file: %s', (_n, text, msg) => {
    expectUserError(cli(['rewards', '--nodes', tmpFile('n.csv', text)]), msg);
  });
  test('bad YAML node file: located at line:col', () => {
    const f = tmpFile(
      'n.yaml',
      '- { id: a, role: compute, stake: 100, tasks: 1, quality: 1.0, uptime: 1.0 }\n- { id: b, role: validater, stake: 1, uptime: 1.0 }\n',
    );
    expectUserError(
      cli(['rewards', '--nodes', f]),
      /n\.yaml:2:\d+: \[1\]\.role: expected compute or validator; found "validater"/,
    );
  });
  test.each<[string[], RegExp | string]>([
    [['--fees', 'abc'], /option --fees: expected a token amount/],
    [['--emission', '-1'], /option --emission: .*found "-1"/],
    [['--nodes', 'nope.csv'], 'option --nodes: cannot read nope.csv: no such file'],
  ])('bad flag %j', (args, msg) => expectUserError(cli(['rewards', ...args]), msg));
  test('a parameter file with a bad node', () => {
    const text = readFileSync(join(ROOT, 'configs/gensyn.yaml'), 'utf8').replace(
      'quality: 98%',
      'quality: 198%',
    );
    expectUserError(
      cli(['rewards', '-c', tmpFile('p.yaml', text)]),
      /p\.yaml:\d+:\d+: nodes\[0\]\.quality: expected 0% to 100%; found 198%/,
    );
  });
});
