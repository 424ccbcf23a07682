import { describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, cli, expectUserError, tmp } from '../../../test/cli/run.js';

// 11 × 6 = 66 points. By default a sweep this small stays on one thread; AI_ECON_SWEEP_WORK_MS=0
// makes --jobs N start its worker threads and give them points however small the work.
const THREADS = { AI_ECON_SWEEP_WORK_MS: '0' };
const GRID = [
  '--vary',
  'projection.revenue.startUsd=1M..3M:0.2M',
  '--vary',
  'projection.revenue.growth=0%..5%:1%',
  '--months',
  '24',
];

/** Run the CLI as a separate process, resolving to its stdout (the shards run side by side). */
function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err}`)),
    );
  });
}

const ok = (args: string[], env: Record<string, string> = {}): string => {
  const r = cli(args, { env });
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return r.stdout;
};

describe('ai-econ sweep', () => {
  test('csv: one row per point, varied values first, in grid order', () => {
    const lines = ok([
      'sweep',
      'burn',
      '--vary',
      'projection.revenue.startUsd=1M,2M',
      '--vary',
      'projection.revenue.growth=0%,10%',
      '--months',
      '3',
      '--metric',
      'cumulative_burned',
      '-f',
      'csv',
    ])
      .trim()
      .split('\n');
    // $1M a month at $0.10 buys 10M AI, 70% burned: 7M a month; growth 10%: 7M + 7.7M + 8.47M
    expect(lines).toEqual([
      'projection.revenue.startUsd,projection.revenue.growth,cumulative_burned',
      '1M,0%,21000000',
      '1M,10%,23170000',
      '2M,0%,42000000',
      '2M,10%,46340000',
    ]);
  });
  test('the same output for every --jobs N (worker threads)', () => {
    for (const f of ['csv', 'json', 'table']) {
      const one = ok(['sweep', 'burn', ...GRID, '--jobs', '1', '-f', f]);
      expect(one.length).toBeGreaterThan(1000);
      expect(ok(['sweep', 'burn', ...GRID, '--jobs', '2', '-f', f], THREADS)).toBe(one);
      if (f === 'csv')
        expect(ok(['sweep', 'burn', ...GRID, '--jobs', '3', '-f', f], THREADS)).toBe(one);
      // The default: the sweep itself decides whether other threads are worth starting.
      if (f === 'csv') expect(ok(['sweep', 'burn', ...GRID, '--jobs', '2', '-f', f])).toBe(one);
    }
  });
  test('threads: a small sweep stays on one thread by default; AI_ECON_SWEEP_WORK_MS=0 gives the workers points', () => {
    const stats = (env: Record<string, string>) =>
      /ai-econ-stats: sweep threads=(\d+) points_by_workers=(\d+)/.exec(
        cli(['sweep', 'burn', ...GRID, '--jobs', '2', '-f', 'csv'], {
          env: { AI_ECON_STATS: '1', ...env },
        }).stderr,
      );
    const small = stats({});
    expect(small?.[1]).toBe('1');
    expect(small?.[2]).toBe('0');
    const forced = stats(THREADS);
    expect(forced?.[1]).toBe('2');
    expect(Number(forced?.[2])).toBeGreaterThan(0);
  });
  test('a bad AI_ECON_SWEEP_WORK_MS is one clear line, exit 2, nothing written', () => {
    const out = join(tmp(), 'never.csv');
    const r = cli(['sweep', 'burn', ...GRID, '--jobs', '2', '-f', 'csv', '-o', out], {
      env: { AI_ECON_SWEEP_WORK_MS: 'soon' },
    });
    expectUserError(
      r,
      'environment variable AI_ECON_SWEEP_WORK_MS: expected milliseconds, like 2000 (0: always use the threads); found "soon"',
    );
    expect(existsSync(out)).toBe(false);
  });
  test('--runs: each point its own seeded Monte Carlo, the same on any number of threads or shards', async () => {
    const args = [
      'sweep',
      'burn',
      '--vary',
      'projection.revenue.growth=0%..6.5%:0.1%',
      '--runs',
      '50',
      '--seed',
      '9',
      '--months',
      '12',
    ];
    const one = ok([...args, '--jobs', '1', '-f', 'csv']);
    expect(ok([...args, '--jobs', '2', '-f', 'csv'], THREADS)).toBe(one);
    const dir = tmp();
    const files = await Promise.all(
      [0, 1].map(async (i) => {
        const f = join(dir, `mc${i}.jsonl`);
        writeFileSync(f, await run([...args, '--shard', `${i}/2`]));
        return f;
      }),
    );
    expect(ok(['sweep', 'merge', ...files, '-f', 'csv'])).toBe(one);
  });
  test('4 shard processes merge into exactly the single run, in every format', async () => {
    const dir = tmp();
    const files = await Promise.all(
      [0, 1, 2, 3].map(async (i) => {
        const f = join(dir, `shard-${i}.jsonl`);
        writeFileSync(f, await run(['sweep', 'burn', ...GRID, '--shard', `${i}/4`]));
        return f;
      }),
    );
    // A shard is JSON lines: a header, then its points (i ≡ I mod 4) with exact figures as text.
    const s1 = (await import('node:fs'))
      .readFileSync(files[1]!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(s1[0]).toMatchObject({ ai_econ_sweep: 2, shard: '1/4', command: 'burn', total: 66 });
    expect(s1.at(-1)).toEqual({ end: 17, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(s1.slice(1, -1).map((x) => x.point)).toEqual(
      Array.from({ length: 17 }, (_, k) => 1 + 4 * k),
    );
    expect(typeof s1[1].cumulative_burned).toBe('string');
    for (const f of ['csv', 'json', 'table', 'md']) {
      expect(ok(['sweep', 'merge', ...files, '-f', f])).toBe(
        ok(['sweep', 'burn', ...GRID, '-f', f]),
      );
    }
    expectUserError(
      cli(['sweep', 'merge', files[0]!, files[1]!, files[3]!]),
      'sweep merge: 16 of 66 points missing: 2, 6, 10, 14, 18, 22, 26, 30, 34, 38, … (no file for shard 2/4)',
    );
    expectUserError(
      cli(['sweep', 'merge', ...files, files[2]!]),
      `shard 2/4 is given twice (${files[2]} and ${files[2]})`,
    );
    expectUserError(
      cli(['sweep', 'merge', join(ROOT, 'package.json')]),
      'not a shard of ai-econ sweep',
    );
    // `> s2.jsonl` of a task that failed leaves an empty file: the shard is named as missing.
    const empty = join(dir, 'shard-2-empty.jsonl');
    writeFileSync(empty, '');
    expectUserError(
      cli(['sweep', 'merge', files[0]!, files[1]!, empty, files[3]!]),
      `sweep merge: 16 of 66 points missing: 2, 6, 10, 14, 18, 22, 26, 30, 34, 38, … (no file for shard 2/4; ${empty} is empty: a shard that never ran)`,
    );
    // A file cut at a line boundary is named.
    const cut = join(dir, 'shard-3-cut.jsonl');
    writeFileSync(cut, readFileSync(files[3]!, 'utf8').split('\n').slice(0, 5).join('\n') + '\n');
    expectUserError(
      cli(['sweep', 'merge', files[0]!, files[1]!, files[2]!, cut]),
      `sweep merge: ${cut}: it ends early: 4 of the 16 points of shard 3/4 and no end line`,
    );
    // -o may not write over a shard it reads.
    const before = readFileSync(files[1]!, 'utf8');
    expectUserError(
      cli(['sweep', 'merge', ...files, '-f', 'csv', '-o', files[1]!]),
      `option -o, --output: ${files[1]} is also an input of this command`,
    );
    expect(readFileSync(files[1]!, 'utf8')).toBe(before);
    expectUserError(
      cli(['sweep', 'merge', files[0]!, ROOT]),
      `sweep merge: cannot read ${ROOT}: it is a folder`,
    );
  });
  test('shards computed from the same parameter file content merge, wherever it was read from', async () => {
    const dir = tmp();
    const [a, b] = [join(dir, 'a.yaml'), join(dir, 'b.yaml')];
    copyFileSync(join(ROOT, 'configs', 'gensyn.yaml'), a);
    copyFileSync(a, b);
    const args = [
      'sweep',
      'burn',
      '--vary',
      'projection.revenue.growth=0%..4%:1%',
      '--months',
      '6',
    ];
    const files = await Promise.all(
      [a, b].map(async (config, i) => {
        const f = join(dir, `s${i}.jsonl`);
        writeFileSync(f, await run(['-c', config, ...args, '--shard', `${i}/2`]));
        return f;
      }),
    );
    expect(ok(['sweep', 'merge', ...files, '-f', 'csv'])).toBe(ok(['-c', a, ...args, '-f', 'csv']));
    // The same path, changed between the shards: refused.
    writeFileSync(
      b,
      readFileSync(a, 'utf8').replace('maxBuyPctOfFloat: 10%', 'maxBuyPctOfFloat: 12%'),
    );
    writeFileSync(files[1]!, await run(['-c', b, ...args, '--shard', '1/2']));
    expectUserError(
      cli(['sweep', 'merge', ...files]),
      `sweep merge: ${files[1]} is a shard of a different sweep than ${files[0]}: the parameter file's content (${a}, ${b}) differ`,
    );
  });
  test('an option that sets a varied value is refused, naming both', () => {
    for (const [args, message] of [
      [
        ['burn', '--vary', 'projection.months=1..3:1', '--months', '2'],
        'options --months and --vary projection.months=1..3:1 cannot be used together: --months sets projection.months itself, so every point would have the same value; drop --months, or vary another parameter',
      ],
      [
        ['burn', '--vary', 'projection.revenue.startUsd=1M,2M', '--revenue', '5M'],
        'options --revenue and --vary projection.revenue.startUsd=1M,2M cannot be used together',
      ],
      [
        [
          'quote',
          '--gpu-hours',
          '100',
          '--vary',
          'fees.market.utilization=50%,60%',
          '--utilization',
          '80%',
        ],
        'options --utilization and --vary fees.market.utilization=50%,60% cannot be used together',
      ],
    ] as const)
      expectUserError(cli(['sweep', ...args]), message);
  });
  test('one --vary over 150,000 values (no stack overflow); k and M mix in a range', () => {
    const lines = ok([
      'sweep',
      'burn',
      '--months',
      '1',
      '--vary',
      'projection.revenue.startUsd=1..150000:1',
      '--shard',
      '0/150000',
    ])
      .trim()
      .split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ total: 150_000 });
    expect(lines).toHaveLength(3);
    expect(
      ok([
        'sweep',
        'burn',
        '--months',
        '1',
        '--vary',
        'projection.revenue.startUsd=500k..2M:500k',
        '--metric',
        'cumulative_burned',
        '-f',
        'csv',
      ]),
    ).toBe(
      ok([
        'sweep',
        'burn',
        '--months',
        '1',
        '--vary',
        'projection.revenue.startUsd=500k,1M,1.5M,2M',
        '--metric',
        'cumulative_burned',
        '-f',
        'csv',
      ]),
    );
  });
  test('--jobs: never more threads than cores, and none started for work that does not pay', () => {
    const big = [
      'sweep',
      'burn',
      '--vary',
      'projection.revenue.growth=0%..30%:0.1%',
      '--months',
      '3',
    ];
    const stats = (args: string[], env: Record<string, string> = {}) =>
      /ai-econ-stats: sweep threads=(\d+) points_by_workers=(\d+) cap=(\d+)/.exec(
        cli([...big, ...args, '-f', 'csv'], { env: { AI_ECON_STATS: '1', ...env } }).stderr,
      );
    const cores = availableParallelism();
    const forced = stats(['--jobs', '256'], THREADS);
    expect(Number(forced?.[3])).toBe(Math.min(256, cores));
    expect(Number(forced?.[1])).toBeLessThanOrEqual(cores);
    // 301 quick points: this thread alone, no worker started.
    expect(stats(['--jobs', '256'])?.[1]).toBe('1');
  });
  test('--sensitivity: a..b without a step is the low and the high', () => {
    const sens = (vary: string) =>
      ok([
        'sweep',
        'burn',
        '--sensitivity',
        '--months',
        '3',
        '--vary',
        vary,
        '--metric',
        'cumulative_burned',
        '-f',
        'csv',
      ]);
    expect(sens('projection.revenue.growth=0%..10%')).toBe(
      sens('projection.revenue.growth=0%,10%'),
    );
    expectUserError(
      cli(['sweep', 'burn', '--vary', 'projection.revenue.growth=0%..10%']),
      '(with --sensitivity, a..b is its low and high)',
    );
  });
  test('--sensitivity ranks parameters by swing per metric', () => {
    const lines = ok([
      'sweep',
      'burn',
      '--sensitivity',
      '--set',
      'projection.revenue.growth=0%',
      '--set',
      'projection.revenue.startUsd=1M',
      '--months',
      '3',
      '--vary',
      'projection.revenue.growth=0%,10%',
      '--vary',
      'projection.revenue.startUsd=1M,3M',
      '--metric',
      'cumulative_burned',
      '--table',
      'sensitivity',
      '-f',
      'csv',
    ])
      .trim()
      .split('\n');
    expect(lines).toEqual([
      'metric,parameter,low,high,metric_at_low,metric_at_high,swing',
      'cumulative_burned,projection.revenue.startUsd,1M,3M,21000000,63000000,42000000',
      'cumulative_burned,projection.revenue.growth,0%,10%,21000000,23170000,2170000',
    ]);
  });
  test('unlocks --at and quote pass their own options through', () => {
    expect(
      ok([
        'sweep',
        'unlocks',
        '--at',
        '2027-06-30',
        '--vary',
        'allocations.Team.vesting.cliff=6mo..24mo:6mo',
        '--metric',
        'at.unlocked.Team',
        '-f',
        'csv',
      ])
        .trim()
        .split('\n')[0],
    ).toBe('allocations.Team.vesting.cliff,at.unlocked.Team');
    expect(
      ok([
        'sweep',
        'quote',
        '--params',
        '7B',
        '--tokens',
        '140B',
        '--vary',
        'fees.market.utilization=50%,100%',
        '-f',
        'csv',
      ]).split('\n')[0],
    ).toBe('fees.market.utilization,total_usd,total_tokens');
  });
  test('simulate: the risks of each point', () => {
    const lines = ok([
      'sweep',
      'simulate',
      '--vary',
      'economy.demand.growth=0%,10%',
      '--months',
      '12',
      '--metric',
      'cumulative_burned',
      '--metric',
      'net_deflation_from',
      '-f',
      'csv',
    ])
      .trim()
      .split('\n');
    expect(lines[0]).toBe('economy.demand.growth,cumulative_burned,net_deflation_from');
    // Each row is what simulate prints with that value set.
    lines.slice(1).forEach((line, k) => {
      const growth = ['0%', '10%'][k];
      const risks = ok([
        'simulate',
        '--set',
        `economy.demand.growth=${growth}`,
        '--months',
        '12',
        '--table',
        'risks',
        '-f',
        'csv',
      ]).split('\n');
      const value = (name: string) => risks.find((r) => r.startsWith(`${name},`))!.split(',')[1];
      expect(line).toBe(`${growth},${value('cumulative_burned')},${value('net_deflation_from')}`);
    });
    expect(
      ok([
        'sweep',
        'simulate',
        '--vary',
        'economy.demand.growth=0%',
        '--months',
        '12',
        '-f',
        'csv',
      ]).split('\n')[0],
    ).toMatch(/^economy\.demand\.growth,reward_dependence_pct,.*,net_deflation_from$/);
  });
  test('bad input: one line, exit 2', () => {
    expectUserError(
      cli(['sweep', 'burn', '--vary', 'buyback.burn=70%,90%']),
      /option --vary buyback\.burn=70%,90%: at 90%: .*add up to 120%/,
    );
    expectUserError(
      cli(['sweep', 'burn', '--vary', 'projection.revenu.growth=1%']),
      '(did you mean "revenue"?)',
    );
    expectUserError(
      cli(['sweep', 'burn', '--vary', 'projection.revenue.growth=1%', '--bogus', '3']),
      "sweep burn: unknown option '--bogus'",
    );
    expectUserError(
      cli(['sweep', 'burn', '--vary', 'projection.revenue.growth=5%..1%:1%']),
      'the range "5%..1%:1%" is empty (0 points)',
    );
    expectUserError(
      cli([
        'sweep',
        'burn',
        '--vary',
        'projection.months=1..1001:1',
        '--vary',
        'projection.revenue.growth=0%..99.9%:0.1%',
      ]),
      'the grid has 1,001,000 points (1001 × 1000)',
    );
    expectUserError(
      cli(['sweep', 'unlocks', '--vary', 'allocations.Team.vesting.cliff=6mo']),
      'sweep unlocks needs --at DATE',
    );
    expectUserError(
      cli(['sweep', 'burnn', '--vary', 'a=1']),
      'cannot sweep "burnn" (did you mean "burn"?)',
    );
    expectUserError(
      cli(['sweep', 'burn', '--vary', 'projection.months=12', '--shard', '4/4']),
      'shards of 4 are numbered 0 to 3',
    );
    expectUserError(
      cli(['sweep', 'burn', '--vary', 'projection.months=12', '--shard', '0/1e21']),
      'option --shard: expected I/N',
    );
    expectUserError(
      cli(['sweep', 'burn', '--vary', 'projection.months=12', '--shard', `0/1${'0'.repeat(21)}`]),
      'option --shard: expected at most 1,000,000 shards',
    );
    // A --set that breaks the file is blamed on the --set, not on the value varied.
    expectUserError(
      cli([
        'sweep',
        'burn',
        '--set',
        'allocations.Team.share=30%',
        '--vary',
        'projection.revenue.growth=1%,2%',
      ]),
      /^ai-econ: error: option --set allocations\.Team\.share=30%: allocations add up to 105%/,
    );
    expectUserError(
      cli([
        'sweep',
        'burn',
        '--vary',
        'projection.months=12',
        '--set',
        'projection.revenue.growth=abc',
      ]),
      /^ai-econ: error: option --set projection\.revenue\.growth=abc: expected a rate/,
    );
  });
});
