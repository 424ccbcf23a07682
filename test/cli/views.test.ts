/** The reading views (table, md, html) of the built CLI, as a newcomer sees them (issue 21). */
import { describe, expect, test } from '@jest/globals';
import { cli } from './run.js';

const ok = (args: string[], env?: Record<string, string | undefined>): string => {
  const r = cli(args, { env });
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return r.stdout;
};

describe('small prices keep their significant digits in every view (issue 21.5)', () => {
  const price = ['--columns', 'month,p5_price_usd,p50_price_usd,p95_price_usd'];
  test.each([['table'], ['md'], ['html']])('simulate --runs: price bands in -f %s', (f) => {
    const out = ok(['simulate', '--runs', '20', '--months', '3', ...price, '-f', f]);
    const table = f === 'html' ? out.slice(out.indexOf('<table'), out.indexOf('</table>')) : out;
    const prices = table.match(/\$\d[\d,.]*/g) ?? [];
    expect(prices).toHaveLength(9);
    for (const p of prices) expect(Number(p.slice(1))).toBeGreaterThan(0.01);
  });
  test('burn: a price of $0.000123 is not $0.0001', () => {
    const out = ok(['burn', '--set', 'projection.price.startUsd=0.000123', '--months', '1']);
    expect(out).toContain('$0.000123');
  });
});

describe('unbounded outputs stream or are refused with the size (issue 21.18)', () => {
  const daily = ['unlocks', '--every', 'day', '--to', '2600-12-31'];
  test('json of 210,000 daily rows streams in constant memory', () => {
    const r = cli([...daily, '-f', 'json'], { env: { AI_ECON_STATS: '1' } });
    expect(r.code).toBe(0);
    const kb = Number(/maxrss_kb=(\d+)/.exec(r.stderr)?.[1]);
    // 340 MB before (every row held, then the whole table as one string); ~90 MB streamed.
    expect(kb).toBeLessThan(160 * 1024);
    const json = JSON.parse(r.stdout);
    expect(json.tables[0].rows).toHaveLength(209_896);
    expect(json.tables[0].rows.at(-1)).toMatchObject({
      date: '2600-12-31',
      cumulative: '10000000000',
    });
  });
  test.each([['svg'], ['html']])('a chart of more than 20,000 rows is refused (-f %s)', (f) => {
    const r = cli([...daily, '-f', f]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('would draw more than 20,000 rows: use -f csv, -f json or -f md');
  });
});
