/** The reading views (table, md, html) of the built CLI, as a newcomer sees them (issue 21). */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, cli, tmp } from './run.js';

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

/** Run on a pseudo-terminal `cols` wide (script), without colour; the output's lines. */
const onTerminal = (args: string[], cols = 100): string[] => {
  const line = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('script', ['-qc', `stty cols ${cols}; ${line}`, '/dev/null'], {
    cwd: ROOT,
    env: { ...process.env, COLUMNS: undefined, NO_COLOR: '1' },
    encoding: 'utf8',
    input: '',
  });
  return r.stdout.replace(/\r/g, '').split('\n');
};
const widest = (lines: string[]): number => Math.max(...lines.map((l) => [...l].length));
/** The header cells of the first grid (a header on two lines, whose second starts blank, as one). */
const header = (lines: string[]): string[] => {
  const top = lines.findIndex((l) => l.startsWith('┌'));
  const cellsOf = (l = '') =>
    l
      .split('│')
      .slice(1, -1)
      .map((x) => x.trim());
  const [first, next] = [cellsOf(lines[top + 1]), cellsOf(lines[top + 2])];
  const two = next[0] === '';
  return first.map((c, j) => (two && next[j] ? `${c} ${next[j]}` : c));
};

describe('unlocks fits 100 columns by compact numbers first (issue 21.21)', () => {
  test('Team, Investors and the sale stay; only a small category goes, and the total says so', () => {
    const lines = onTerminal(['unlocks']);
    expect(widest(lines)).toBeLessThanOrEqual(100);
    const h = header(lines);
    expect(h).toEqual(expect.arrayContaining(['Community Treasury', 'Investors', 'Team']));
    expect(h).toEqual(expect.arrayContaining(['total', 'cumulative', 'unlocked_pct']));
    const text = lines.join('\n');
    expect(text).toMatch(/│ 2027-04-29 │ +75\.8M │ +740M │ +625M │/);
    expect(text).toContain('Numbers compact to fit 100 columns');
    const hidden = [
      'Community Treasury',
      'Investors',
      'Team',
      'Community Sale',
      'Testnet Rewards',
    ].filter((c) => !h.includes(c));
    for (const c of hidden) expect(text).toMatch(new RegExp(`total and cumulative include .*${c}`));
  });
  test('a wide terminal shows every column in full', () => {
    const lines = onTerminal(['unlocks'], 200);
    expect(lines.join('\n')).toContain('1,449,083,333');
    expect(lines.join('\n')).not.toContain('compact');
  });
  test('piped (| less) with $COLUMNS: the same fitting as on the terminal', () => {
    const piped = cli(['unlocks'], { env: { COLUMNS: '100' } });
    expect(piped.code).toBe(0);
    expect(piped.stdout.trimEnd().split('\n')).toEqual(
      onTerminal(['unlocks']).join('\n').trimEnd().split('\n'),
    );
    // Without $COLUMNS a pipe gets every column, exactly (a file, a script).
    expect(cli(['unlocks']).stdout).toContain('1,449,083,333');
  });
});

describe('explanations and important columns at 100 columns (issue 21.22)', () => {
  test('simulate --table risks: what_it_means as a list under the table', () => {
    const lines = onTerminal(['simulate', '--table', 'risks']);
    expect(widest(lines)).toBeLessThanOrEqual(100);
    expect(header(lines)).toEqual(['metric', 'value']);
    const text = lines.join('\n');
    expect(text).toContain('\nwhat_it_means\n- reward_dependence_pct: Share of the nodes');
    expect(text).toContain('- net_deflation_from: First month from which');
  });
  test('--wide: every column, and the explanations still as a list (no wrapped grid)', () => {
    const lines = onTerminal(['simulate', '--table', 'risks', '--all-scenarios', '--wide']);
    expect(widest(lines)).toBeLessThanOrEqual(100);
    expect(header(lines)).toEqual(['metric', 'bear', 'base', 'bull']);
    expect(lines.join('\n')).toContain('- fee_volatility_pct: How much the fee');
  });
  test('simulate months: price_usd is shown before multiplier', () => {
    const h = header(onTerminal(['simulate', '--table', 'months']));
    expect(h).toContain('price_usd');
    expect(h).not.toContain('multiplier');
  });
});

describe('the table view streams (issue 21.23)', () => {
  test('a table read once (grants) with a wider cell after the first 2,048 rows: a new grid, nothing cut', () => {
    const rows = ['beneficiary,category,amount'];
    for (let i = 0; i < 2500; i++) rows.push(`b${i},Team,${1000 + i}`);
    rows.push(`a-much-longer-beneficiary-name,Team,5`);
    const g = join(tmp(), 'g.csv');
    writeFileSync(g, `${rows.join('\n')}\n`);
    const r = cli(['unlocks', '--grants', g]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => l.startsWith('┌'))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('└'))).toHaveLength(2);
    expect(lines.filter((l) => /^│ date /.test(l))).toHaveLength(2);
    expect(r.stdout).toContain('│ a-much-longer-beneficiary-name │');
    const data = lines.filter((l) => /^│ \d{4}-/.test(l));
    expect(data.length).toBe(
      cli(['unlocks', '--grants', g, '-f', 'csv']).stdout.split('\n').length - 2,
    );
  });
});

describe('--totals adds a totals row, or says there is none (issue 21.25)', () => {
  test.each([
    [['unlocks'], 'table periods of unlocks has no totals row'],
    [['burn'], 'table months of burn has no totals row'],
    [['burn', '--runs', '20'], 'table bands of burn has no totals row'],
    [['quote', '--gpu-hours', '100', '--table', 'job'], 'table job of quote has no totals row'],
  ])('%j --totals: exit 2, nothing written', (args, message) => {
    for (const f of ['csv', 'table', 'json']) {
      const r = cli([...args, '--totals', '-f', f]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`ai-econ: error: option --totals: ${message}`);
    }
    if (args[0] === 'quote')
      expect(cli([...args, '--totals']).stderr).toContain('tables with one: breakdown, split');
  });
  test('control: unlocks --events --totals appends its totals row', () => {
    const r = cli(['unlocks', '--events', '--totals', '-f', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('total,,10000000000,100,');
  });
});
