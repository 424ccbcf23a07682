/** Chart specs (pure) and their SVG (Vega, headless): labels, axis titles, and a spec fixed by hand. */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import type { Report } from '../../src/core/table.js';
import type { Model } from '../../src/params/model.js';
import { loadModel } from '../../src/params/builtin.js';
import { loadModelFromYaml } from '../../src/params/load.js';
import { buildAllocation } from '../../src/commands/allocation/build.js';
import { buildUnlocks } from '../../src/commands/unlocks/build.js';
import { buildQuote } from '../../src/commands/quote/build.js';
import { buildRewards } from '../../src/commands/rewards/build.js';
import { buildBurn } from '../../src/commands/burn/build.js';
import { simulateReport } from '../../src/commands/simulate/build.js';
import { buildSweep } from '../../src/commands/sweep/build.js';
import { parseVary } from '../../src/core/grid.js';
import { chartsOf, chartOf, requireChart } from '../../src/render/charts.js';
import { plotValue, tokenUnit } from '../../src/commands/chart.js';
import { drawSvg } from '../../src/render/draw.js';
import { rat } from '../../src/core/rational.js';
import { typed } from '../../src/core/table.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
/** A builder's report with the `params` its shell would add (the charts' titles name the file from it). */
const sourced = async (
  m: Model,
  r: Report | Promise<Report>,
  params: Record<string, unknown> = {},
): Promise<Report> => ({ ...(await r), params: { config: m.file, ...params } });
const B = 1_000_000_000n;
const CATS = ['Community Treasury', 'Investors', 'Team', 'Community Sale', 'Testnet Rewards'];

/** Text drawn in an SVG (text elements and titles), unescaped. */
const svgText = (svg: string): string =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)]
    .map((x) =>
      x[1]!
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&#x27;|&apos;/g, "'"),
    )
    .join('\n');

describe('chart specs', () => {
  test('a small file: the unlocks spec is exactly the committed one (cumulative per category, the cliff marked)', async () => {
    const m = loadModelFromYaml(join(FIXTURES, 'small.yaml'));
    const r = { ...(await buildUnlocks(m, {})), params: { config: 'test/fixtures/small.yaml' } };
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'small-unlocks.vl.json'), 'utf8'));
    expect(await chartOf(r)).toEqual(expected);
    // By hand: Team 600 with a 3-month cliff (1/3 at it) then 2 monthly steps; Public 400, half at TGE then 2 steps.
    const values = expected.layer[0].data.values as {
      date: string;
      category: string;
      cumulative: number;
    }[];
    expect(values.filter((v) => v.category === 'Team').map((v) => v.cumulative)).toEqual([
      0, 0, 0, 200, 400, 600,
    ]);
    expect(values.filter((v) => v.category === 'Public').map((v) => v.cumulative)).toEqual([
      200, 300, 400, 400, 400, 400,
    ]);
    expect(expected.layer[1].data.values).toEqual([{ date: '2026-04-30', label: 'cliff: Team' }]);
  });
  test('plot values: base units to whole tokens, rationals and typed cells to floats', () => {
    expect(plotValue(1_500_000_000_000_000_000n, { key: 'x', kind: 'token' }, 18)).toBe(1.5);
    expect(plotValue(rat(1n, 4n), { key: 'x', kind: 'pct' }, 18)).toBe(0.25);
    expect(plotValue(typed('token', 25n), { key: 'x', kind: 'text' }, 1)).toBe(2.5);
    expect(plotValue(null, { key: 'x', kind: 'token' }, 18)).toBeNull();
    expect(tokenUnit(10e9)).toEqual({ div: 1e9, label: 'billion tokens' });
    expect(tokenUnit(5e6)).toEqual({ div: 1e6, label: 'million tokens' });
    expect(tokenUnit(999_999)).toEqual({ div: 1, label: 'tokens' });
  });
  test('a view without a chart is a user error naming the views that have one', async () => {
    const m = await loadModel();
    const r = await sourced(m, buildRewards(m, {}));
    await expect(requireChart(r, 'totals')).rejects.toThrow(
      'no chart for rewards --table totals; charts exist for its tables nodes',
    );
    expect(Object.keys(await chartsOf('burn'))).toEqual(['months', 'bands']);
  });
});

/** A burn sweep on the built-in file, as the CLI's params would echo it. */
const sweepOf = (vary: string[], sensitivity = false, metrics?: string[]): Promise<Report> =>
  buildSweep(
    {
      command: 'burn',
      sets: [],
      axes: vary.map((v) => parseVary(v)),
      options: {},
      sensitivity,
      metrics,
    },
    { params: { command: 'burn', config: 'built-in configs/gensyn.yaml', vary } },
  );

describe('sweep chart specs', () => {
  test('two parameters: a heatmap of the first metric, the grid in order, values in the metric unit', async () => {
    const spec = (await chartOf(
      await sweepOf(['buyback.revenueShare=10%,30%', 'projection.revenue.growth=0%,5%'], false, [
        'cumulative_burned',
        'final_circulating',
      ]),
    ))! as any;
    expect(spec.encoding.x).toMatchObject({
      field: 'x',
      type: 'ordinal',
      title: 'buyback.revenueShare',
      sort: ['10%', '30%'],
    });
    expect(spec.encoding.y).toMatchObject({
      field: 'y',
      type: 'ordinal',
      title: 'projection.revenue.growth',
      sort: ['5%', '0%'],
    });
    expect(spec.layer[0].mark.type).toBe('rect');
    expect(spec.layer[0].encoding.color).toMatchObject({
      field: 'value',
      title: 'billion tokens',
      scale: { scheme: 'viridis' },
    });
    const v = spec.data.values as { x: string; y: string; value: number }[];
    expect(v.map((p) => [p.x, p.y])).toEqual([
      ['10%', '0%'],
      ['10%', '5%'],
      ['30%', '0%'],
      ['30%', '5%'],
    ]);
    // Burn is linear in the revenue share: 30% burns 3× what 10% burns.
    expect(v[2]!.value).toBeCloseTo(3 * v[0]!.value, 6);
    expect(spec.title.subtitle).toContain(
      'colour: the first metric with numbers, cumulative_burned',
    );
  });
  test('--sensitivity: a tornado per metric, bars from the file value to low and high, parameters ranked by swing', async () => {
    const r = await sweepOf(
      ['buyback.revenueShare=10%,30%', 'projection.revenue.growth=0%,5%'],
      true,
      ['cumulative_burned'],
    );
    const spec = (await chartOf(r))! as any;
    expect(spec.vconcat).toHaveLength(1);
    const [bars, rule] = spec.vconcat[0].layer;
    const sens = (await Promise.resolve(r.tables[0]!.rows)) as Record<string, unknown>[];
    const order = sens.map((x) => `${String(x.parameter)} (${String(x.low)} → ${String(x.high)})`);
    expect(bars.encoding.y.sort).toEqual(order);
    expect(bars.encoding.x2).toEqual({ field: 'value' });
    const base = rule.data.values[0].base;
    for (const p of bars.data.values) expect(p.base).toBe(base);
    expect(bars.data.values.map((p: { end: string }) => p.end)).toEqual([
      'at the low value',
      'at the high value',
      'at the low value',
      'at the high value',
    ]);
    // The first-ranked parameter swings the metric at least as much as the second.
    const swing = (k: number) =>
      Math.abs(bars.data.values[2 * k + 1].value - bars.data.values[2 * k].value);
    expect(swing(0)).toBeGreaterThanOrEqual(swing(1));
  });
  test('three varied parameters, and simulate --table risks, have no chart', async () => {
    expect(
      await chartOf(
        await sweepOf([
          'buyback.revenueShare=10%,30%',
          'projection.revenue.growth=0%,5%',
          'projection.months=12,24',
        ]),
      ),
    ).toBeUndefined();
    const m = await loadModel();
    await expect(requireChart(await sourced(m, simulateReport(m, {})), 'risks')).rejects.toThrow(
      'no chart for simulate --table risks; charts exist for its tables months, bands',
    );
  });
});

describe('every chart renders to SVG that parses and names its series and axes', () => {
  let m: Model;
  const views: [string, () => Promise<Report>, string[]][] = [
    [
      'unlocks',
      () => sourced(m, buildUnlocks(m, {})),
      [
        ...CATS,
        'cliff: Investors, Team',
        'unlocked so far (billion tokens)',
        'period end (UTC)',
        'Cumulative unlocked tokens by category',
      ],
    ],
    [
      'unlocks --events',
      () => sourced(m, buildUnlocks(m, { events: true })),
      [...CATS, 'unlocked on the date (billion tokens)', 'unlock date (UTC)'],
    ],
    [
      'unlocks --at',
      () => sourced(m, buildUnlocks(m, { at: '2027-06-01' }), { at: '2027-06-01' }),
      [...CATS, 'unlocked', 'locked', 'billion tokens', 'on 2027-06-01'],
    ],
    [
      'allocation',
      () => sourced(m, buildAllocation(m, {})),
      [...CATS, '40.4%', '29.6%', 'share of total supply'],
    ],
    [
      'quote',
      () => sourced(m, buildQuote(m, { params: rat(7n * B), tokens: rat(140n * B) })),
      ['compute', 'tasks', 'duration', 'USD', 'fee line'],
    ],
    [
      'quote --compare',
      () =>
        sourced(
          m,
          buildQuote(m, {
            params: rat(7n * B),
            tokens: rat(140n * B),
            compare: ['H100', 'A100', 'MI300X'],
          }),
        ),
      ['H100', 'A100', 'MI300X', 'GPU class', 'USD', 'compute', 'tasks'],
    ],
    [
      'rewards',
      () => sourced(m, buildRewards(m, {})),
      ['node-a', 'val-1', 'compute', 'validator', 'reward (million tokens)', 'node'],
    ],
    [
      'burn',
      () => sourced(m, buildBurn(m, {})),
      ['total supply', 'circulating', 'cumulative burned', 'billion tokens', 'month (UTC)'],
    ],
    [
      'burn --all-scenarios',
      () => sourced(m, buildBurn(m, { allScenarios: true })),
      ['bear', 'base', 'bull', 'total supply', 'cumulative burned', 'scenario', 'series'],
    ],
    [
      'burn --runs',
      () => sourced(m, buildBurn(m, { runs: 50, seed: 7 })),
      ['circulating', 'cumulative burned', '50 runs, seed 7', 'p5–p95', 'billion tokens'],
    ],
    [
      'simulate',
      () => sourced(m, simulateReport(m, {})),
      [
        'circulating',
        'total supply',
        'token price (USD)',
        'billion tokens',
        'month (UTC)',
        'The closed loop',
      ],
    ],
    [
      'simulate --all-scenarios',
      () => sourced(m, simulateReport(m, { allScenarios: true })),
      [
        'bear',
        'base',
        'bull',
        'circulating',
        'total supply',
        'scenario',
        'series',
        'token price (USD)',
      ],
    ],
    [
      'simulate --runs',
      () => sourced(m, simulateReport(m, { runs: 30, seed: 2 })),
      [
        'circulating',
        'cumulative burned',
        '30 runs, seed 2',
        'p5–p95',
        'token price (USD)',
        'utilization of GPU capacity',
        'billion tokens',
      ],
    ],
    [
      'sweep, one parameter',
      () => sweepOf(['buyback.revenueShare=10%,20%,30%']),
      [
        'cumulative_burned (million tokens)',
        'break_even_revenue_usd (USD)',
        'buyback.revenueShare',
        '10%',
        '30%',
        'not drawn: net_deflation_from',
      ],
    ],
    [
      'sweep, two parameters',
      () => sweepOf(['buyback.revenueShare=10%,30%', 'projection.revenue.growth=0%,5%']),
      [
        'buyback.revenueShare',
        'projection.revenue.growth',
        'billion tokens',
        '0%',
        '5%',
        'cumulative_burned',
      ],
    ],
    [
      'sweep --sensitivity',
      () => sweepOf(['buyback.revenueShare=10%,30%', 'projection.revenue.growth=0%,5%'], true),
      [
        'buyback.revenueShare (10% → 30%)',
        'projection.revenue.growth (0% → 5%)',
        'at the low value',
        'at the high value',
        "cumulative_burned (billion tokens); dashed: the file's value",
      ],
    ],
  ];
  test.each(views)('%s', async (_name, build, labels) => {
    m ??= await loadModel();
    const spec = await requireChart(await build());
    // Single charts are 800×400; stacked panels (simulate, sweep) are 800 wide each.
    const panels = (spec as { vconcat?: { width: number }[] }).vconcat;
    if (panels) for (const p of panels) expect(p.width).toBe(800);
    else expect(spec).toMatchObject({ width: 800, height: 400 });
    expect(spec).toMatchObject({ config: { range: { category: { scheme: 'tableau10' } } } });
    expect(JSON.stringify(spec)).toContain('built-in configs/gensyn.yaml');
    const svg = await drawSvg(spec);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg.startsWith('<svg')).toBe(true);
    const text = svgText(svg);
    for (const l of labels) expect(text).toContain(l);
  });
});
