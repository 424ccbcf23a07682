import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cli, expectUserError, tmp, tmpFile, csvLines } from '../../../test/cli/run.js';

const csv = (args: string[]) => csvLines('quote', args);

describe('ai-econ quote', () => {
  test('7B params on 140B tokens on H100 within 48 h: breakdown by hand', () => {
    // 5.88e21 FLOPs / (989.4e12 · 40% · 3600) = 4,127.0804 GPU-hours; m(80%) = 1
    // compute 4,127.0804 · $2.99; tasks ceil(41.27) = 42 · $5 = $210; duration 48 · $1 = $48
    const lines = csv(['--params', '7B', '--tokens', '140B', '--duration', '48h', '--totals']);
    expect(lines[0]).toBe('item,quantity,unit,rate_usd,usd,tokens');
    expect(lines[1]).toMatch(
      /^compute,4127\.0803854188,GPU-hour,2\.99,12339\.9703524021,123399\.7035/,
    );
    expect(lines[2]).toBe('tasks,42,task,5,210,2100');
    expect(lines[3]).toBe('duration,48,hour,1,48,480');
    expect(lines[4]).toBe('total,,,,12597.9703524021,125979.703524021292365743');
  });
  test('--gpu-hours, --gpu (any case), --utilization above the target, --price', () => {
    // m(95%) = 1 + 3·15/20 = 3.25; compute 1,000 · 1.79 · 3.25 = 5,817.50; tasks 10 · 5; duration 48; at $0.50
    expect(
      csv([
        '--gpu-hours',
        '1000',
        '--gpu',
        'a100',
        '--utilization',
        '95%',
        '--price',
        '0.50',
        '--totals',
      ]),
    ).toEqual([
      'item,quantity,unit,rate_usd,usd,tokens',
      'compute,1000,GPU-hour,5.8175,5817.5,11635',
      'tasks,10,task,5,50,100',
      'duration,48,hour,1,48,96',
      'total,,,,5915.5,11831',
    ]);
  });
  test('utilization below the target lowers the rate; the floor holds', () => {
    // m(40%) = 1 - 0.5·0.4/0.8 = 0.75
    expect(csv(['--gpu-hours', '100', '--utilization', '40%'])[1]).toBe(
      'compute,100,GPU-hour,2.2425,224.25,2242.5',
    );
  });
  test('split and job tables (--table)', () => {
    expect(
      csv(['--gpu-hours', '1000', '--utilization', '0.95', '--table', 'split', '--totals']),
    ).toEqual([
      'recipient,share_pct,usd,tokens',
      // 1,000 · 2.99 · 3.25 + 50 + 48 = $9,815.50 = 98,155 tokens at $0.10
      'nodes,80,7852.4,78524',
      'validators,15,1472.325,14723.25',
      'treasury,5,490.775,4907.75',
      'total,100,9815.5,98155',
    ]);
    const job = csv(['--params', '7B', '--tokens', '140B', '--duration', '2d', '--table', 'job']);
    expect(job).toContain('flops,5880000000000000000000');
    expect(job).toContain('gpus_needed,86');
    expect(job).toContain('tasks,42');
    expect(job).toContain('duration_hours,48');
  });
  test('--compare puts GPU classes side by side', () => {
    const lines = csv(['--params', '7B', '--tokens', '140B', '--compare', 'H100,A100']);
    expect(lines[0]).toBe(
      'gpu,gpu_hours,multiplier,compute_usd,tasks_usd,duration_usd,total_usd,total_tokens,gpus_needed',
    );
    expect(lines[1]).toMatch(/^H100,4127\.08\d+,1,/);
    expect(lines[2]).toMatch(/^A100,13087\.60683\d*,1,23426\.81\d*,655,48,/); // 5.88e21 / (312e12·0.4·3600)
  });
  test('--jobs: one row per job, totals; json and md carry it', () => {
    const f = tmpFile(
      'jobs.csv',
      'id,gpu_hours,params,tokens,gpu,duration,utilization\nsmall,100,,,A100,10h,\nbig,,7B,140B,H100,48h,80%\n',
    );
    const lines = csv(['--jobs', f, '--totals']);
    expect(lines[0]).toBe(
      'id,gpu,gpu_hours,multiplier,compute_usd,tasks_usd,duration_usd,total_usd,total_tokens,gpus_needed',
    );
    expect(lines[1]).toBe('small,A100,100,1,179,5,10,194,1940,10');
    expect(lines[2]).toMatch(/^big,H100,4127\.08/);
    expect(lines[3]).toMatch(
      /^total,,4227\.08\d+,,12518\.97\d+,215,58,12791\.97\d+,127919\.7\d+,96$/,
    );
    const j = JSON.parse(cli(['quote', '--jobs', f, '-f', 'json']).stdout);
    expect(j.tables[0].name).toBe('jobs');
    expect(j.tables[0].totals.id).toBe('total');
    expect(cli(['quote', '--jobs', f, '-f', 'md']).stdout).toContain('| small | A100 |');
  });
  test('table view shows all three tables', () => {
    const r = cli(['quote', '--params', '7B', '--tokens', '140B']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Who gets the fee');
    expect(r.stdout).toContain('The job');
    expect(r.stdout).toMatch(/│ total\s+│.*\$12,597\.97 │ 125,979\.70 │/);
  });
  test.each<[string[], RegExp | string]>([
    [['--gpu-hours', '-5'], /option --gpu-hours: expected GPU-hours .*found "-5"/],
    [['--gpu-hours', 'lots'], /option --gpu-hours: .*found "lots"/],
    [['--gpu-hours', '0'], /option --gpu-hours: expected GPU-hours above 0/],
    [
      ['--gpu-hours', '10', '--gpu', 'H1000'],
      /option --gpu: unknown GPU "H1000" \(did you mean "H100"\?\); known: H100, H200, A100, L40S, RTX4090, MI300X/,
    ],
    [
      ['--gpu-hours', '10', '--gpu', '4090'],
      /option --gpu: unknown GPU "4090" \(did you mean "RTX4090"\?\)/,
    ],
    [
      ['--gpu-hours', '1,5'],
      /option --gpu-hours: .*found "1,5": commas may only separate groups of three digits, like 1,000,000 \(for a decimal, write 1\.5\)/,
    ],
    [
      ['--gpu-hours', '10', '--utilization', '1'],
      /option --utilization: .*found "1", which is ambiguous: 1% or 100%\?/,
    ],
    [
      ['--gpu-hours', '10', '--utilization', '50'],
      /option --utilization: .*found "50", which is ambiguous: 50% or 5000%\?/,
    ],
    [
      ['--gpu-hours', '10', '--utilization', '120%'],
      /option --utilization: expected a utilization from 0% to 100%; found "120%"/,
    ],
    [['--gpu-hours', '10', '--utilization', '-1'], /option --utilization: expected a utilization/],
    [
      ['--gpu-hours', '10', '--duration', '0h'],
      /option --duration: expected a duration above zero/,
    ],
    [
      ['--gpu-hours', '10', '--duration', '1mo'],
      /option --duration: the duration must be in hours, days or weeks/,
    ],
    [['--params', '7B'], /option --tokens: missing: --params needs --tokens/],
    [['--tokens', '7B'], /option --params: missing: --tokens needs --params/],
    [[], /option --gpu-hours: missing: give --gpu-hours N, or --params N with --tokens N/],
    [
      ['--gpu-hours', '1', '--params', '7B', '--tokens', '1B'],
      /give either --gpu-hours or --params with --tokens, not both/,
    ],
    [['--gpu-hours', '10', '--price', '0'], /option --price: expected a USD price above 0/],
    [['--gpu-hours', '10', '--compare', 'H100,B200'], /option --compare: unknown GPU "B200"/],
    [['--jobs', 'nope.csv'], 'option --jobs: cannot read nope.csv: no such file'],
  ])('bad input %j', (args, msg) => expectUserError(cli(['quote', ...args]), msg));
  test.each<[string, RegExp]>([
    [
      'id,gpu_hours,gpu\na,abc,H100\n',
      /jobs\.csv:2: row 1, column gpu_hours: expected GPU-hours .*found "abc"/,
    ],
    ['id,gpu_hours,gpu\na,10,B200\n', /jobs\.csv:2: row 1, column gpu: unknown GPU "B200"/],
    ['id,params\na,7B\n', /jobs\.csv:2: row 1, column tokens: missing: params needs tokens/],
    ['id,gpu_hours\na,1\na,2\n', /jobs\.csv:3: row 2, column id: duplicate id "a"/],
    ['id,gpu_hours,colour\n', /jobs\.csv:1: unknown column "colour"/],
    [
      'id,gpu_hours,utilization\na,1,150%\n',
      /row 1, column utilization: expected a utilization from 0% to 100%/,
    ],
  ])('bad jobs file %#', (text, msg) => {
    const f = tmpFile('jobs.csv', text);
    expectUserError(cli(['quote', '--jobs', f]), msg);
  });
  test('a parameter file whose split does not add up', () => {
    const text = readFileSync(join(ROOT, 'configs/gensyn.yaml'), 'utf8').replace(
      'treasury: 5%',
      'treasury: 4%',
    );
    const f = tmpFile('p.yaml', text);
    expectUserError(
      cli(['quote', '--gpu-hours', '1', '-c', f]),
      /p\.yaml:\d+:\d+: fees\.split: the split adds up to 99%/,
    );
  });
  test('a parameter file without fees', () => {
    const text = readFileSync(join(ROOT, 'configs/gensyn.yaml'), 'utf8').replace(
      /\nfees:[\s\S]*?(?=\n# ---)/,
      '\n',
    );
    const f = tmpFile('p.yaml', text);
    expectUserError(cli(['quote', '--gpu-hours', '1', '-c', f]), 'has no fees section');
  });
  test('nothing written on a bad flag', () => {
    const out = join(tmp(), 'q.csv');
    expectUserError(cli(['quote', '--gpu-hours', '-1', '-o', out]), 'option --gpu-hours');
    expect(existsSync(out)).toBe(false);
  });
  test('GPU classes are case-insensitive; 1e3 GPU-hours and a utilization of 0.95 are read as written', () => {
    const lower = csvLines('quote', [
      '--gpu-hours',
      '1e3',
      '--gpu',
      'a100',
      '--utilization',
      '0.95',
      '--duration',
      '2d',
    ]);
    expect(lower[1]).toBe('compute,1000,GPU-hour,5.8175,5817.5,58175');
    expect(
      csvLines('quote', [
        '--gpu-hours',
        '1,000',
        '--gpu',
        'A100',
        '--utilization',
        '95%',
        '--duration',
        '2d',
      ]),
    ).toEqual(lower);
  });
});
