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
