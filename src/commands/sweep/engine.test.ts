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
      const month = (one.tables[0].rows as Row[]).find((x) => x.month === '2027-05')!;
      // A point's figures travel as their exact text (what csv prints).
      const pctCol = col('coverage_pct', 'pct');
      expect(exactText(rows(r)[k]['months.coverage_pct.2027-05'], pctCol, 18)).toBe(
        exactText(month.coverage_pct, pctCol, 18),
      );
      expect(exactText(month.coverage_pct, pctCol, 18)).toMatch(/^\d+\.\d+$/);
      expect(
        (one.tables[1].rows as Row[]).find((x) => x.metric === 'cumulative_burned')!.value,
      ).toEqual(typed('token', rows(r)[k].cumulative_burned as bigint, 0));
    }
    // Told that only the summary is read, burn leaves the months rows out.
    const lean = await buildBurn(loadParams(), { months: 13 }, { tables: new Set(['summary']) });
    expect(lean.tables[0].rows).toEqual([]);
    expect(lean.tables[1].rows).toEqual(
      (await buildBurn(loadParams(), { months: 13 })).tables[1].rows,
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
      /^option --vary buyback\.burn=70%,90%: at 90%: built-in configs\/gensyn\.yaml:\d+:\d+: buyback: burn \+ treasury \+ execution add up to 120%; they must add up to exactly 100%$/,
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
    expect(eight[7].text.trim().split('\n')).toHaveLength(1);
    expect(mergeSweep(eight.reverse())).toEqual(whole);
  });
});
