import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { buildSweep, mergeSweep, sweepShard, type SweepPlan } from './build.js';
import { cellOfText, findMetric, metricNames } from './engine.js';
import { parseVary } from '../../core/grid.js';
import { col, typed, type Report, type Row } from '../../core/table.js';
import { rat } from '../../core/rational.js';
import { exactText } from '../../core/cells.js';

const TOKEN = 10n ** 18n;
const plan = (p: Partial<SweepPlan>): SweepPlan => ({
  command: 'burn',
  sets: [],
  axes: [],
  options: {},
  sensitivity: false,
  ...p,
});
const rows = (r: Report, name = 'points'): Row[] =>
  r.tables.find((t) => t.name === name)!.rows as Row[];

describe('metrics read from a report', () => {
  const report: Report = {
    command: 'x',
    params: {},
    decimals: 18,
    tables: [
      {
        name: 'at',
        columns: [col('category'), col('unlocked', 'token')],
        rows: [
          { category: 'Team', unlocked: 5n },
          { category: 'Investors', unlocked: 7n },
        ],
        totals: { category: 'total', unlocked: 12n },
      },
      {
        name: 'summary',
        columns: [col('metric'), col('value', 'number')],
        rows: [
          { metric: 'burned', value: typed('token', 3n, 0) },
          { metric: 'from', value: typed('text', 'never') },
        ],
      },
    ],
  };
  test('a metric row, a table column (totals), a table column at a row, a bare column', () => {
    expect(findMetric(report, 'burned')).toEqual({
      cell: typed('token', 3n, 0),
      column: col('burned', 'token', 0),
      table: 'summary',
    });
    expect(findMetric(report, 'at.unlocked')?.cell).toBe(12n);
    expect(findMetric(report, 'at.unlocked.Investors')?.cell).toBe(7n);
    expect(findMetric(report, 'unlocked')?.cell).toBe(12n);
    expect(findMetric(report, 'nope')).toBeUndefined();
    expect(metricNames(report)).toEqual(['at.unlocked', 'burned', 'from']);
  });
  test('property: a figure survives its exact text (what crosses threads and shard files)', () => {
    const kinds = ['token', 'usd', 'pct', 'number', 'int'] as const;
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        fc.constantFrom(...kinds),
        (n, d, kind) => {
          const column = col('m', kind);
          const cell = kind === 'token' || kind === 'int' ? n : rat(n, d);
          const text = exactText(cell, column, 18);
          expect(exactText(cellOfText(text, column, 18), column, 18)).toBe(text);
        },
      ),
    );
  });
});

describe('buildSweep on the built-in parameters', () => {
  // $1M a month at $0.10 buys 10M AI, 70% burned: 7M a month, 21M in 3 months; $2M: 42M.
  const base = { options: { months: 3, growth: rat(0n) } };
  test('one row per point, varied values first, exact figures', async () => {
    const r = await buildSweep(
      plan({
        ...base,
        axes: [parseVary('projection.revenue.startUsd=1M..2M:1M')],
        metrics: ['cumulative_burned', 'final_total_supply'],
      }),
    );
    expect(rows(r)).toEqual([
      {
        'projection.revenue.startUsd': '1M',
        cumulative_burned: 21_000_000n * TOKEN,
        final_total_supply: 9_979_000_000n * TOKEN,
      },
      {
        'projection.revenue.startUsd': '2M',
        cumulative_burned: 42_000_000n * TOKEN,
        final_total_supply: 9_958_000_000n * TOKEN,
      },
    ]);
  });
  test('points after the first build only the tables their metrics are read from, with the same figures', async () => {
    // coverage = burned / unlocked of one month, from the months table; cumulative_burned from the summary.
    const r = await buildSweep(
      plan({
        options: { months: 13 },
        axes: [parseVary('projection.revenue.startUsd=1M,2M,3M')],
        metrics: ['months.coverage_pct.2027-05', 'cumulative_burned'],
      }),
    );
    const { buildBurn } = await import('../burn/build.js');
    const { loadParams } = await import('../../index.js');
    for (const [k, usd] of ['1M', '2M', '3M'].entries()) {
      const one = await buildBurn(
        loadParams(undefined, { set: [`projection.revenue.startUsd=${usd}`] }),
        { months: 13 },
      );
      const month = (one.tables[0]!.rows as Row[]).find((x) => x.month === '2027-05')!;
      // A point's figures travel as their exact text (what csv prints).
      const pctCol = col('coverage_pct', 'pct');
      expect(exactText(rows(r)[k]!['months.coverage_pct.2027-05'], pctCol, 18)).toBe(
        exactText(month.coverage_pct, pctCol, 18),
      );
      expect(exactText(month.coverage_pct, pctCol, 18)).toMatch(/^\d+\.\d+$/);
      expect(
        (one.tables[1]!.rows as Row[]).find((x) => x.metric === 'cumulative_burned')!.value,
      ).toEqual(typed('token', rows(r)[k]!.cumulative_burned as bigint, 0));
    }
    // Told that only the summary is read, burn leaves the months rows out.
    const lean = await buildBurn(loadParams(), { months: 13 }, { tables: new Set(['summary']) });
    expect(lean.tables[0]!.rows).toEqual([]);
    expect(lean.tables[1]!.rows).toEqual(
      (await buildBurn(loadParams(), { months: 13 })).tables[1]!.rows,
    );
  });
  test('the full grid, first --vary slowest', async () => {
    const r = await buildSweep(
      plan({
        options: { months: 3 },
        axes: [
          parseVary('projection.revenue.startUsd=1M,2M'),
          parseVary('projection.revenue.growth=0%,10%'),
        ],
        metrics: ['cumulative_burned'],
      }),
    );
    // growth 10%: 1M, 1.1M, 1.21M → 7M + 7.7M + 8.47M = 23.17M
    expect(
      rows(r).map((x) => [
        x['projection.revenue.startUsd'],
        x['projection.revenue.growth'],
        x.cumulative_burned,
      ]),
    ).toEqual([
      ['1M', '0%', 21_000_000n * TOKEN],
      ['1M', '10%', 23_170_000n * TOKEN],
      ['2M', '0%', 42_000_000n * TOKEN],
      ['2M', '10%', 46_340_000n * TOKEN],
    ]);
  });
  test('--sensitivity: low and high of each parameter, ranked by swing', async () => {
    const r = await buildSweep(
      plan({
        options: { months: 3 },
        sets: ['projection.revenue.growth=0%', 'projection.revenue.startUsd=1M'],
        sensitivity: true,
        axes: [
          parseVary('projection.revenue.startUsd=1M,3M'),
          parseVary('projection.revenue.growth=0%,10%'),
        ],
        metrics: ['cumulative_burned'],
      }),
    );
    expect(r.tables.map((t) => t.name)).toEqual(['sensitivity', 'points']);
    // revenue 1M → 3M: 21M → 63M (swing 42M); growth 0% → 10%: 21M → 23.17M (swing 2.17M)
    expect(
      rows(r, 'sensitivity').map((x) => [x.parameter, x.low, x.high, (x.swing as { v: bigint }).v]),
    ).toEqual([
      ['projection.revenue.startUsd', '1M', '3M', 42_000_000n * TOKEN],
      ['projection.revenue.growth', '0%', '10%', 2_170_000n * TOKEN],
    ]);
    expect(rows(r).map((x) => x.cumulative_burned)).toEqual(
      [21_000_000n, 21_000_000n, 63_000_000n, 21_000_000n, 23_170_000n].map((m) => m * TOKEN),
    );
  });
  test('a value that makes the file invalid names the point and the rule', async () => {
    // The built-in split is 70% burn / 29% treasury / 1% execution.
    await expect(buildSweep(plan({ axes: [parseVary('buyback.burn=70%,90%')] }))).rejects.toThrow(
      /^option --vary buyback\.burn=70%,90%: at 90%: burn \+ treasury \+ execution add up to 120%; they must add up to exactly 100%$/,
    );
    await expect(
      buildSweep(plan({ axes: [parseVary('projection.revenu.growth=1%')] })),
    ).rejects.toThrow('(did you mean "revenue"?)');
    await expect(
      buildSweep(plan({ axes: [parseVary('projection.months=1')], metrics: ['burnd'] })),
    ).rejects.toThrow(/^option --metric: burn has no figure "burnd"/);
  });
  test('shards merge into exactly the unsharded report', async () => {
    const p = plan({
      options: { months: 2 },
      axes: [parseVary('projection.revenue.growth=0%..6%:1%')],
      metrics: ['cumulative_burned', 'net_deflation_from'],
    });
    const whole = await buildSweep(p, { params: { a: 1 } });
    const shards = await Promise.all(
      [0, 1, 2].map(async (index) => ({
        name: `s${index}`,
        text: await sweepShard(p, { shard: { index, count: 3 }, params: { a: 1 } }),
      })),
    );
    expect(mergeSweep(shards)).toEqual(whole);
    expect(() => mergeSweep(shards.slice(0, 2))).toThrow(
      'sweep merge: 2 of 7 points missing: 2, 5 (no file for shard 2/3)',
    );
    // A shard with no point (shard 7 of 8 for 7 points) merges too.
    const eight = await Promise.all(
      [0, 1, 2, 3, 4, 5, 6, 7].map(async (index) => ({
        name: `e${index}`,
        text: await sweepShard(p, { shard: { index, count: 8 }, params: { a: 1 } }),
      })),
    );
    // The header and the end line.
    expect(eight[7]!.text.trim().split('\n')).toHaveLength(2);
    expect(mergeSweep(eight.reverse())).toEqual(whole);
  });
});

describe('options that set a varied value', () => {
  test('refused, naming the option and the --vary (burn --months, quote --utilization, rewards --nodes)', async () => {
    await expect(
      buildSweep(plan({ options: { months: 2 }, axes: [parseVary('projection.months=1..3:1')] })),
    ).rejects.toThrow(
      'options --months and --vary projection.months=1..3:1 cannot be used together: --months sets projection.months itself',
    );
    await expect(
      buildSweep(
        plan({
          options: { revenue: rat(5_000_000n) },
          axes: [parseVary('projection.revenue=1M,2M')],
        }),
      ),
    ).rejects.toThrow(
      'options --revenue and --vary projection.revenue=1M,2M cannot be used together',
    );
    await expect(
      buildSweep(
        plan({
          command: 'quote',
          options: { gpuHours: rat(100n), utilization: rat(4n, 5n) },
          axes: [parseVary('fees.market.utilization=50%,60%')],
        }),
      ),
    ).rejects.toThrow('options --utilization and --vary fees.market.utilization=50%,60%');
    await expect(
      buildSweep(
        plan({
          command: 'rewards',
          options: { nodes: 'nodes.csv' },
          axes: [parseVary('nodes.n1.stake=1k,2k')],
        }),
      ),
    ).rejects.toThrow('--nodes sets nodes itself');
    // Another path of the same section is fine.
    const r = await buildSweep(
      plan({
        options: { months: 2 },
        axes: [parseVary('projection.revenue.growth=0%,1%')],
        metrics: ['cumulative_burned'],
      }),
    );
    expect(rows(r)).toHaveLength(2);
  });
  test('each declared path is what the option overrides: the option and --set PATH give the same report', async () => {
    const { run, loadParams } = await import('../../index.js');
    const { SWEEPABLE } = await import('./engine.js');
    const { keyOf } = await import('../spec.js');
    // A value for each option that declares the paths it sets (and what else the command needs).
    const values: Record<string, { value: string; set?: string; with?: Record<string, string> }> = {
      'burn.months': { value: '2' },
      'burn.revenue': { value: '5M' },
      'burn.growth': { value: '1%' },
      'burn.price': { value: '0.2' },
      'simulate.months': { value: '3' },
      'quote.gpu': { value: 'A100', with: { gpuHours: '100' } },
      'quote.duration': { value: '72h', with: { gpuHours: '100' } },
      'quote.utilization': { value: '95%', with: { gpuHours: '100' } },
      'quote.price': { value: '0.2', with: { gpuHours: '100' } },
      'rewards.fees': { value: '100k' },
      'rewards.emission': { value: '1M' },
      'rewards.nodes': { value: 'configs/nodes.example.csv', set: '' },
    };
    const declared = Object.values(SWEEPABLE).flatMap((c) =>
      c.spec.options.filter((o) => o.sets).map((o) => ({ c, o, key: keyOf(o.flags) })),
    );
    expect(declared.map(({ c, key }) => `${c.spec.name}.${key}`).sort()).toEqual(
      Object.keys(values).sort(),
    );
    for (const { c, o, key } of declared) {
      const v = values[`${c.spec.name}.${key}`]!;
      if (v.set === '') continue; // a file replaces the list: no --set of the same text
      const name = c.spec.name as 'burn';
      const given = await run(name, undefined, { ...v.with, [key]: v.value } as never);
      const tables = (r: Report) => r.tables.map((t) => ({ ...t, title: undefined }));
      // Every path it declares, set to the value, gives the same figures.
      const model = loadParams(undefined, { set: o.sets!.map((p) => `${p}=${v.value}`) });
      expect(tables(await run(name, model, { ...v.with } as never))).toEqual(tables(given));
    }
  }, 60_000);
});

describe('sweep merge checks every shard file', () => {
  const p = plan({
    options: { months: 2 },
    axes: [parseVary('projection.revenue.growth=0%..6%:1%')],
    metrics: ['cumulative_burned', 'net_deflation_from'],
  });
  const shards = () =>
    Promise.all(
      [0, 1, 2].map(async (index) => ({
        name: `s${index}.jsonl`,
        text: await sweepShard(p, { shard: { index, count: 3 }, params: {} }),
      })),
    );
  /** Shard 1 with line `n` (1-based) changed by `edit`. */
  const edited = async (n: number, edit: (o: Record<string, unknown>) => void) => {
    const s = await shards();
    const lines = s[1]!.text.split('\n');
    const o = JSON.parse(lines[n - 1]!) as Record<string, unknown>;
    edit(o);
    lines[n - 1] = JSON.stringify(o);
    return [s[0]!, { name: 's1.jsonl', text: lines.join('\n') }, s[2]!];
  };
  test('every figure against its metric: present, a JSON string of its kind, a real month', async () => {
    const cases: [(o: Record<string, unknown>) => void, string][] = [
      [(o) => delete o.cumulative_burned, 'line 2: cumulative_burned: no figure'],
      [(o) => (o.cumulative_burned = ''), 'cumulative_burned: expected a token amount'],
      [
        (o) => (o.cumulative_burned = 'abc'),
        'expected a token amount (a decimal with at most 18 decimals, like "1234.5"); found "abc"',
      ],
      [
        (o) => (o.cumulative_burned = 5),
        'expected a token amount (a decimal with at most 18 decimals, like "1234.5") as a JSON string; found 5',
      ],
      [(o) => (o.cumulative_burned = '1.0000000000000000001'), 'expected a token amount'],
      [
        (o) => (o.net_deflation_from = '2031-13'),
        'net_deflation_from: expected a month (YYYY-MM, 01 to 12) or other text; found "2031-13"',
      ],
      [(o) => (o.point = 2), 'line 2: point 2 is not one of shard 1/3'],
    ];
    for (const [edit, message] of cases) {
      const files = await edited(2, edit);
      expect(() => mergeSweep(files)).toThrow(message);
    }
  });
  test('every figure of every command passes (each kind as exactText prints it)', async () => {
    const { run } = await import('../../index.js');
    const cases: [string, Record<string, unknown>, string, number?][] = [
      ['burn', { months: 3 }, 'projection.revenue.growth=0%,5%'],
      ['burn', { months: 3 }, 'projection.revenue.growth=0%,5%', 20],
      ['simulate', { months: 3 }, 'economy.demand.growth=0%,5%'],
      ['simulate', { months: 3 }, 'economy.demand.growth=0%,5%', 20],
      ['quote', { gpuHours: '1000' }, 'fees.market.utilization=50%,100%'],
      ['rewards', {}, 'rewards.epochFees=100k,200k'],
      ['unlocks', { at: '2027-06-30' }, 'allocations.Team.vesting.cliff=6mo,24mo'],
    ];
    for (const [command, text, vary, runs] of cases) {
      const sub = await run(command as 'burn', undefined, {
        ...text,
        ...(runs ? { runs } : {}),
      } as never);
      const { optionsFrom } = await import('../values.js');
      const { SWEEPABLE } = await import('./engine.js');
      const options = optionsFrom(SWEEPABLE[command]!.spec, text as never) as Record<
        string,
        unknown
      >;
      const q = plan({
        command,
        options,
        axes: [parseVary(vary)],
        metrics: metricNames(sub),
        runs,
      });
      const whole = await buildSweep(q);
      const files = await Promise.all(
        [0, 1].map(async (index) => ({
          name: `s${index}`,
          text: await sweepShard(q, { shard: { index, count: 2 } }),
        })),
      );
      expect(mergeSweep(files)).toEqual(whole);
    }
  }, 60_000);
  test('a figure changed within its kind ("-5" for a token amount) breaks the checksum', async () => {
    const files = await edited(2, (o) => (o.cumulative_burned = '-5'));
    expect(() => mergeSweep(files)).toThrow(
      'sweep merge: s1.jsonl: it was changed after ai-econ wrote it (its lines do not match the checksum on its last line); compute shard 1/3 again',
    );
  });
  test('a file cut short is named: at a line boundary, in the middle of a line', async () => {
    const s = await shards();
    const lines = s[1]!.text.split('\n');
    const atLine = { name: 's1.jsonl', text: lines.slice(0, 2).join('\n') + '\n' };
    expect(() => mergeSweep([s[0]!, atLine, s[2]!])).toThrow(
      'sweep merge: s1.jsonl: it ends early: 1 of the 2 points of shard 1/3 and no end line (cut short: was its task stopped?); compute shard 1/3 again',
    );
    const noEnd = { name: 's1.jsonl', text: lines.slice(0, 3).join('\n') + '\n' };
    expect(() => mergeSweep([s[0]!, noEnd, s[2]!])).toThrow(
      'it ends early: 2 of the 2 points of shard 1/3 and no end line',
    );
    const midLine = { name: 's1.jsonl', text: s[1]!.text.slice(0, s[1]!.text.indexOf('\n') + 30) };
    expect(() => mergeSweep([s[0]!, midLine, s[2]!])).toThrow(
      'sweep merge: s1.jsonl: it ends in the middle of line 2',
    );
  });
  test('an empty file is a shard that never ran: merge names the missing shard and points', async () => {
    const s = await shards();
    expect(() => mergeSweep([s[0]!, { name: 's1.jsonl', text: '' }, s[2]!])).toThrow(
      'sweep merge: 2 of 7 points missing: 1, 4 (no file for shard 1/3; s1.jsonl is empty: a shard that never ran)',
    );
    expect(() => mergeSweep([{ name: 's1.jsonl', text: '' }])).toThrow(
      'sweep merge: s1.jsonl is empty: a shard that never ran; no file holds a shard',
    );
    // Every point there: an extra empty file changes nothing.
    expect(mergeSweep([...s, { name: 'x.jsonl', text: '\n' }])).toEqual(mergeSweep(s));
  });
  test('shards of one parameter file content merge wherever it was read from; changed content is refused', async () => {
    const { mkdtempSync, writeFileSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { builtinConfigPath } = await import('../../params/package.js');
    const dir = mkdtempSync(join(tmpdir(), 'ai-econ-merge-'));
    const text = readFileSync(builtinConfigPath(), 'utf8');
    const [a, b, c] = ['a.yaml', 'b.yaml', 'c.yaml'].map((f) => join(dir, f));
    writeFileSync(a!, text);
    writeFileSync(b!, text);
    writeFileSync(c!, text.replace('maxBuyPctOfFloat: 10%', 'maxBuyPctOfFloat: 11%'));
    const shard = async (config: string, index: number) => ({
      name: `${config}#${index}`,
      text: await sweepShard({ ...p, config }, { shard: { index, count: 2 }, params: { config } }),
    });
    const whole = await buildSweep({ ...p, config: a }, { params: { config: a } });
    expect(mergeSweep([await shard(a!, 0), await shard(b!, 1)])).toEqual(whole);
    const [s0, s1] = [await shard(a!, 0), await shard(c!, 1)];
    expect(() => mergeSweep([s0, s1])).toThrow(
      `sweep merge: ${s1.name} is a shard of a different sweep than ${s0.name}: the parameter file's content (${a}, ${c}) differ`,
    );
  });
  test('a shard of the earlier format is named as such', async () => {
    const s = await shards();
    const old = {
      name: 'old.jsonl',
      text: s[0]!.text.replace('"ai_econ_sweep":2', '"ai_econ_sweep":1'),
    };
    expect(() => mergeSweep([old])).toThrow(
      'sweep merge: old.jsonl: written by an earlier ai-econ (shard format 1, without checksums)',
    );
  });
});

describe('a mistake outside --vary is not blamed on it', () => {
  test('a --set that breaks the file names the --set, not the varied value', async () => {
    const axes = [parseVary('projection.revenue.growth=1%,2%')];
    await expect(buildSweep(plan({ sets: ['allocations.Team.share=30%'], axes }))).rejects.toThrow(
      /^option --set allocations\.Team\.share=30%: allocations add up to 105%/,
    );
    // A rule that a --set breaks only together with the file's other values (the pool needs tokens
    // unlocked before the economy starts).
    await expect(
      buildSweep(plan({ sets: ['token.tge=2030-01-01', 'projection.months=3'], axes })),
    ).rejects.toThrow(
      /^built-in .*the pool needs .*\(with option --set token\.tge=2030-01-01, option --set projection\.months=3\)/m,
    );
    // The value varied is still named when it is the one to blame.
    await expect(
      buildSweep(
        plan({ sets: ['projection.months=3'], axes: [parseVary('buyback.burn=70%,90%')] }),
      ),
    ).rejects.toThrow(/^option --vary buyback\.burn=70%,90%: at 90%: /);
  });
});

describe('threads', () => {
  test('--jobs defaults to the CPUs Slurm gave the task (SLURM_CPUS_PER_TASK), at most the cores', async () => {
    const { defaultJobs } = await import('../../cli/run.js');
    expect(defaultJobs({}, 8)).toBe(8);
    expect(defaultJobs({ SLURM_CPUS_PER_TASK: '1' }, 8)).toBe(1);
    expect(defaultJobs({ SLURM_CPUS_PER_TASK: '4' }, 8)).toBe(4);
    expect(defaultJobs({ SLURM_CPUS_PER_TASK: '16' }, 8)).toBe(8);
    for (const bad of ['', '0', '-2', '1.5', 'four'])
      expect(defaultJobs({ SLURM_CPUS_PER_TASK: bad }, 8)).toBe(8);
  });
  test('other threads only for work that pays: one more per half the threshold, at most the cap', async () => {
    const { threadsFor } = await import('../../runtime/sweep-threads.js');
    expect(threadsFor(1999, 2000, 64)).toBe(1);
    expect(threadsFor(2000, 2000, 64)).toBe(2);
    expect(threadsFor(2999, 2000, 64)).toBe(2);
    expect(threadsFor(10_000, 2000, 64)).toBe(10);
    expect(threadsFor(10_000, 2000, 4)).toBe(4);
    expect(threadsFor(1e9, 2000, 1)).toBe(1);
  });
  test('the library refuses absurd jobs, runs and seeds, naming the option', async () => {
    const { sweep } = await import('../../index.js');
    const o = { command: 'burn' as const, vary: ['projection.months=2'] };
    for (const [k, v, m] of [
      ['jobs', 1e9, 'sweep option jobs: expected at most 256 threads; found "1000000000"'],
      ['jobs', 0, 'sweep option jobs: expected a number of threads of at least 1'],
      ['jobs', 1.5, 'sweep option jobs: expected a number of threads'],
      ['jobs', Number.NaN, 'sweep option jobs'],
      ['runs', 1e21, 'sweep option runs'],
      ['seed', -1, 'sweep option seed'],
    ] as const)
      await expect(sweep({ ...o, [k]: v })).rejects.toThrow(m);
  });
});
