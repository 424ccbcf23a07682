/** The library's simulate and sweep engines, and render(report, 'svg' | 'html'): the very text the CLI writes. */
import { describe, expect, test } from '@jest/globals';
import { XMLValidator } from 'fast-xml-parser';
import { simulate, sweep, render, rowsOf } from '../../src/index.js';
import { cli } from '../cli/run.js';

describe('simulate and sweep from code', () => {
  test('simulate: 60 months on the built-in file; its svg and html equal the CLI output', async () => {
    const r = await simulate();
    expect(r.tables.map((t) => t.name)).toEqual(['months', 'ledger', 'risks']);
    expect(r.tables[0]!.rows).toHaveLength(60);
    const svg = await render(r, 'svg');
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toBe(cli(['simulate', '-f', 'svg']).stdout);
    const html = await render(r, 'html');
    expect(html).toBe(cli(['simulate', '-f', 'html']).stdout);
    for (const t of ['months', 'ledger', 'risks']) expect(html).toContain(`data-table="${t}"`);
  });
  test('simulate with runs: the bands fan equals the CLI one', async () => {
    const r = await simulate(undefined, { runs: 40, seed: 3 });
    expect(await render(r, 'svg')).toBe(
      cli(['simulate', '--runs', '40', '--seed', '3', '-f', 'svg']).stdout,
    );
  });
  test('sweep over two parameters: the grid in order, and the heatmap the CLI draws', async () => {
    const vary = ['buyback.revenueShare=10%,30%', 'projection.revenue.growth=0%,5%'];
    const r = await sweep({ command: 'burn', vary, metrics: ['cumulative_burned'] });
    const rows = await rowsOf(r.tables[0]!);
    expect(rows.map((x) => [x['buyback.revenueShare'], x['projection.revenue.growth']])).toEqual([
      ['10%', '0%'],
      ['10%', '5%'],
      ['30%', '0%'],
      ['30%', '5%'],
    ]);
    // burn is linear in the revenue share: 30% burns exactly 3 times what 10% burns, at each growth.
    expect(rows[2]!.cumulative_burned).toBe(3n * (rows[0]!.cumulative_burned as bigint));
    const args = [
      'sweep',
      'burn',
      ...vary.flatMap((v) => ['--vary', v]),
      '--metric',
      'cumulative_burned',
      '--jobs',
      '1',
      '-f',
      'svg',
    ];
    expect(await render(r, 'svg')).toBe(cli(args).stdout);
  });
  test('sweep --sensitivity: the sensitivity table first, and the tornado the CLI draws', async () => {
    const vary = ['buyback.revenueShare=10%,30%', 'projection.revenue.growth=0%,5%'];
    const r = await sweep({ command: 'burn', vary, sensitivity: true, options: { months: 24 } });
    expect(r.tables.map((t) => t.name)).toEqual(['sensitivity', 'points']);
    const args = [
      'sweep',
      'burn',
      ...vary.flatMap((v) => ['--vary', v]),
      '--sensitivity',
      '--months',
      '24',
      '--jobs',
      '1',
      '-f',
      'svg',
    ];
    expect(await render(r, 'svg')).toBe(cli(args).stdout);
  });
  test('a command that cannot be swept is an InputError', async () => {
    await expect(
      sweep({ command: 'allocation' as 'burn', vary: ['buyback.revenueShare=10%'] }),
    ).rejects.toThrow('sweep: cannot sweep "allocation"');
  });
});
