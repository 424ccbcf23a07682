/** Charts a reader can read (issue 21.28): nothing cut, one precision, visible bars and bands. */
import { describe, expect, test } from '@jest/globals';
import type { Report } from '../../src/core/table.js';
import type { Model } from '../../src/params/model.js';
import { loadModel } from '../../src/params/builtin.js';
import { buildRewards } from '../../src/commands/rewards/build.js';
import { buildBurn } from '../../src/commands/burn/build.js';
import { simulateReport } from '../../src/commands/simulate/build.js';
import { buildSweep } from '../../src/commands/sweep/build.js';
import { parseVary } from '../../src/core/grid.js';
import { requireChart } from '../../src/render/charts.js';
import { narrowBandNote } from '../../src/commands/chart.js';
import { drawSvg } from '../../src/render/draw.js';
import { textWidthPx } from '../../src/render/text-width.js';

let m: Model;
const model = async () => (m ??= await loadModel());
const sourced = async (r: Report | Promise<Report>): Promise<Report> => ({
  ...(await r),
  params: { config: (await model()).file },
});
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
const texts = (svg: string): string[] =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((x) =>
    x[1]!.replace(/&amp;/g, '&').replace(/&gt;/g, '>').replace(/&lt;/g, '<'),
  );
const svgWidth = (svg: string): number => Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)?.[1]);
type Spec = Record<string, unknown>;
const find = (x: unknown, key: string): unknown[] => {
  if (x === null || typeof x !== 'object') return [];
  const own = key in x ? [(x as Spec)[key]] : [];
  return [...own, ...Object.values(x).flatMap((v) => find(v, key))];
};

describe('text is measured in the charts’ font, not estimated 0.8 em a character', () => {
  test('Helvetica widths', () => {
    expect(textWidthPx('m', 10)).toBeCloseTo(8.33, 2);
    expect(textWidthPx('i', 10)).toBeCloseTo(2.22, 2);
    expect(textWidthPx('ab', 11, true)).toBeCloseTo((556 + 611) * 0.011, 5);
  });
  test('tornado: every label whole, USD values with their $', async () => {
    const report = await sweepOf(
      [
        'projection.revenue.startUsd=1M..5M:1M',
        'projection.revenue.growth=0%..10%:2%',
        'projection.price.startUsd=0.05,0.25',
      ],
      true,
      ['cumulative_burned'],
    );
    const svg = await drawSvg(await requireChart(report, 'sensitivity'));
    const t = texts(svg);
    expect(t.some((x) => x.includes('…'))).toBe(false);
    expect(t).toContain('projection.revenue.startUsd ($1M → $5M)');
    expect(t).toContain('projection.price.startUsd ($0.05 → $0.25)');
    // No blank margin: the picture is the plot, its labels and a little more.
    expect(svgWidth(svg)).toBeLessThan(1100);
  });
  test.each([
    ['burn --runs', () => sourced(buildBurn(m, { runs: 50, seed: 7 }))],
    [
      'sweep heatmap',
      () => sweepOf(['buyback.revenueShare=10%,20%,30%', 'projection.revenue.growth=0%..5%:1%']),
    ],
  ])('%s: no wide blank right margin', async (_n, build) => {
    await model();
    const svg = await drawSvg(await requireChart(await build()));
    expect(svgWidth(svg)).toBeLessThan(1000);
  });
});

describe('a heatmap has one precision and its units', () => {
  test('every cell with the same decimals', async () => {
    const report = await sweepOf([
      'buyback.revenueShare=10%,20%,30%',
      'projection.revenue.growth=0%..5%:1%',
    ]);
    const svg = await drawSvg(await requireChart(report));
    const cells = texts(svg).filter((x) => /^\d+\.\d+$/.test(x));
    expect(cells.length).toBeGreaterThanOrEqual(18);
    expect(new Set(cells.map((x) => x.split('.')[1]?.length))).toEqual(new Set([3]));
    expect(cells).toContain('0.084');
    expect(cells).toContain('1.485');
  });
  test('USD on the axes and in the cells', async () => {
    const report = await sweepOf(
      ['projection.revenue.startUsd=1M..3M:1M', 'projection.revenue.growth=0%,5%'],
      false,
      ['break_even_revenue_usd'],
    );
    const t = texts(await drawSvg(await requireChart(report)));
    expect(t).toEqual(expect.arrayContaining(['$1M', '$2M', '$3M']));
    expect(t.filter((x) => /^\$[\d.,]+$/.test(x)).length).toBeGreaterThanOrEqual(6);
    expect(t.join('\n')).toContain('million USD');
  });
});

describe('legends, bars and bands a reader can see', () => {
  test('burn fan: legend swatches are the solid line colours', async () => {
    const spec = await requireChart(await sourced(buildBurn(await model(), { runs: 50 })));
    const legends = find(spec, 'legend').filter((l): l is Spec => !!l && typeof l === 'object');
    expect(legends.some((l) => l.symbolOpacity === 1 && l.symbolType === 'stroke')).toBe(true);
  });
  test('legends are 13 px, readable where the report shows a chart narrower', async () => {
    const spec = await requireChart(
      await sourced(buildBurn(await model(), { allScenarios: true })),
    );
    expect(spec).toMatchObject({ config: { legend: { labelFontSize: 13, titleFontSize: 13 } } });
  });
  test('rewards: a panel per role on its own scale, so validator bars show', async () => {
    const spec = (await requireChart(
      await sourced(buildRewards(await model(), {})),
    )) as unknown as Spec;
    const panels = spec.vconcat as Spec[];
    expect(panels).toHaveLength(2);
    const data = panels.map((p) => (p.data as { values: { reward: number }[] }).values);
    // Each panel's largest bar is at least a tenth of its axis (23,437.5 tokens: not 0.02 million).
    for (const v of data) expect(Math.max(...v.map((x) => x.reward))).toBeGreaterThan(1);
    const svg = texts(await drawSvg(spec as never)).join('\n');
    expect(svg).toContain('validator reward (tokens)');
    expect(svg).toContain('0 (stake below minimum)');
  });
  test('simulate bands: supply on its own axes; a band too narrow to see says so', async () => {
    const spec = (await requireChart(
      await sourced(simulateReport(await model(), { runs: 30, seed: 2 })),
    )) as unknown as Spec;
    const titles = (spec.vconcat as Spec[]).map((p) => (p.title as { text: string }).text);
    expect(titles).toHaveLength(4);
    expect(titles[1]).toMatch(/^circulating/);
    expect(titles[2]).toMatch(/^cumulative burned/);
    // The built-in economy's circulating band is wide (its pool's depth follows the market); a band
    // under a hundredth of its axis is named in the title, with its width.
    const flat = [1, 2, 3].map((k) => ({ p5: 1000 * k, p50: 1000 * k + 1, p95: 1000 * k + 2 }));
    expect(narrowBandNote(flat, false)).toMatch(
      /^p5–p95 band at most 0\.2% of the median wide: too narrow to see/,
    );
    expect(narrowBandNote([{ p5: 1, p50: 2, p95: 3 }], true)).toBeUndefined();
  });
});
