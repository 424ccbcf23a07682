import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cli, expectUserError, tmp, tmpFile, csvLines } from '../../../test/cli/run.js';

const csv = (args: string[]) => csvLines('burn', args);
const CONFIG = readFileSync(join(ROOT, 'configs/gensyn.yaml'), 'utf8');

describe('ai-econ burn', () => {
  test('a base case by hand: $1M a month at $0.10 buys 10M AI — 7M burned, 2.9M treasury, 0.1M execution', () => {
    const lines = csv(['--revenue', '1M', '--growth', '0%', '--months', '3']);
    expect(lines[0]).toBe(
      'month,revenue_usd,vault_usd,price_usd,bought,burned,to_treasury,to_execution,unlocked,net_emission,total_supply,circulating,cumulative_burned,inflation_annualized_pct,coverage_pct',
    );
    // circulating: 804M at TGE + 84,083,333.33 unlocked − 7M burned − 2.9M to the treasury
    expect(lines[1]).toBe(
      '2026-05,1000000,0,0.1,10000000,7000000,2900000,100000,84083333.333333333333333333,77083333.333333333333333333,9993000000,878183333.333333333333333333,7000000,110.72139303,8.32507433',
    );
    expect(lines[3]).toMatch(/^2026-07,.*,9979000000,1026550000,21000000,/);
  });
  test('summary: cumulative burned, supply, net deflation, break-even revenue', () => {
    expect(
      csv(['--revenue', '1M', '--growth', '0%', '--months', '3', '--table', 'summary']),
    ).toEqual([
      'metric,value',
      'cumulative_burned,21000000',
      'final_total_supply,9979000000',
      'final_circulating,1026550000',
      'net_deflation_from,never',
      'steady_state_unlock,189500000.000000000000000001',
      // 189.5M × $0.10 / (100% × 70%)
      'break_even_revenue_usd,27071428.5714285714',
    ]);
  });
  test('--price changes what a dollar buys; --growth compounds from month 1', () => {
    expect(
      csv(['--revenue', '1M', '--growth', '10%', '--price', '0.5', '--months', '2'])[2],
    ).toMatch(/^2026-06,1100000,0,0\.5,2200000,1540000,638000,22000,/);
  });
  test('--scenario applies its overrides; bull starts at $0.25', () => {
    expect(csv(['--scenario', 'bull', '--months', '1'])[1]).toMatch(
      /^2026-05,2000000,0,0\.25,8000000,5600000,/,
    );
    expect(csv(['--scenario', 'bear', '--months', '1'])[1]).toMatch(
      /^2026-05,500000,0,0\.1,5000000,3500000,/,
    );
  });
  test('--all-scenarios: months carry a scenario column; the summary has one column per scenario', () => {
    const months = csv(['--all-scenarios', '--months', '2']);
    expect(months[0]!.startsWith('scenario,month,')).toBe(true);
    expect(months.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      'bear,2026-05',
      'bear,2026-06',
      'base,2026-05',
      'base,2026-06',
      'bull,2026-05',
      'bull,2026-06',
    ]);
    const summary = csv(['--all-scenarios', '--table', 'summary']);
    expect(summary[0]).toBe('metric,bear,base,bull');
    expect(summary).toContain('net_deflation_from,2030-05,2030-05,2030-03');
  });
  test('the vault never buys more than 10% of the float: a huge revenue carries over', () => {
    const l = csv(['--revenue', '1B', '--growth', '0%', '--months', '2']);
    // float 888,083,333.33 → at most 88,808,333.33 bought; $991,119,166.67 stays in the vault
    expect(l[1]).toMatch(
      /^2026-05,1000000000,991119166\.666666666\d*,0\.1,88808333\.333333333333333333,/,
    );
  });
  test('Monte Carlo: bands, the same seed gives the same output, JSON carries seed, runs and version', () => {
    const a = cli(['burn', '--runs', '500', '--seed', '42', '--months', '24', '-f', 'json']);
    const b = cli(['burn', '--runs', '500', '--seed', '42', '--months', '24', '-f', 'json']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const j = JSON.parse(a.stdout);
    expect(j.seed).toBe(42);
    expect(j.runs).toBe(500);
    expect(j.version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const bands = j.tables[0];
    expect(bands.name).toBe('bands');
    expect(bands.columns).toEqual([
      'month',
      'p5_circulating',
      'p50_circulating',
      'p95_circulating',
      'p5_cumulative_burned',
      'p50_cumulative_burned',
      'p95_cumulative_burned',
      'p5_price_usd',
      'p50_price_usd',
      'p95_price_usd',
      'p_net_deflation',
    ]);
    for (const r of bands.rows) {
      expect(r.p5_circulating).toBeLessThanOrEqual(r.p50_circulating);
      expect(r.p50_circulating).toBeLessThanOrEqual(r.p95_circulating);
      expect(r.p5_price_usd).toBeLessThanOrEqual(r.p95_price_usd);
    }
    expect(bands.rows[0].p50_price_usd).toBe(0.1);
    const c = cli(['burn', '--runs', '500', '--seed', '43', '--months', '24', '-f', 'json']);
    expect(c.stdout).not.toBe(a.stdout);
    expect(bands.notes.join(' ')).toContain('floating point');
  });
  test('two threads (simulation and bands pipelined) give exactly the one-thread output', () => {
    const args = ['burn', '--runs', '20000', '--seed', '9', '--months', '24', '-f', 'csv'];
    const threaded = cli(args);
    const single = cli(args, { env: { AI_ECON_THREADS: '1' } });
    expect(threaded.code).toBe(0);
    expect(threaded.stdout.split('\n')).toHaveLength(26);
    expect(threaded.stdout).toBe(single.stdout);
    // 20,000 runs × 24 months is over the two-thread threshold, and the build ships the worker.
    expect(existsSync(join(ROOT, process.env.AI_ECON_DIST || 'dist', 'mc-worker.js'))).toBe(true);
  });
  test('--chart draws circulating and total supply (table view), or to stderr with csv', () => {
    const r = cli(['burn', '--months', '24', '--chart']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/┤/);
    expect(r.stdout).toMatch(/\* circulating {3}\+ total supply\s+\(millions of tokens/);
    const c = cli(['burn', '--months', '24', '--chart', '-f', 'csv']);
    expect(c.stdout.startsWith('month,')).toBe(true);
    expect(c.stderr).toMatch(/┤/);
  });
  test.each<[string[], RegExp | string]>([
    [['--months', '0'], /option --months: expected a number of months of at least 1; found "0"/],
    [['--months', '-3'], /option --months: expected a number of months .*found "-3"/],
    [['--price', '0'], /option --price: expected a token price in USD above 0; found "0"/],
    [['--price', '-1'], /option --price: expected a token price in USD .*found "-1"/],
    [['--revenue', 'lots'], /option --revenue: expected a monthly revenue in USD .*found "lots"/],
    [
      ['--growth', '3'],
      /option --growth: expected a monthly growth rate like 95%, 19\/20 or 0\.95; found "3", which is ambiguous: 3% or 300%\?/,
    ],
    [['--growth', '-150%'], /option --growth: expected a monthly growth rate above -100%/],
    [['--runs', '0'], /option --runs: expected a number of runs of at least 1; found "0"/],
    [['--runs', '-5'], /option --runs: .*found "-5"/],
    [['--seed', '5'], 'option --seed goes with --runs N'],
    [
      ['--scenario', 'bul'],
      /option --scenario: no scenario "bul" .*\(did you mean "bull"\?\); expected one of bear, base, bull/,
    ],
    [
      ['--scenario', 'bull', '--all-scenarios'],
      'options --scenario and --all-scenarios cannot be used together',
    ],
    [
      ['--runs', '10', '--all-scenarios'],
      'options --runs and --all-scenarios cannot be used together',
    ],
  ])('bad flag %j', (args, msg) => expectUserError(cli(['burn', ...args]), msg));
  test.each<[string, string, RegExp]>([
    [
      'shares not adding up to 100%',
      CONFIG.replace('execution: 1%                 # published', 'execution: 2%'),
      /p\.yaml:\d+:\d+: buyback: burn \+ treasury \+ execution add up to 101%; they must add up to exactly 100%/,
    ],
    [
      'zero months',
      CONFIG.replace('  months: 60', '  months: 0'),
      /p\.yaml:\d+:\d+: projection\.months: expected at least 1 month; found 0/,
    ],
    [
      'zero price',
      CONFIG.replace('startUsd: 0.10, drift', 'startUsd: 0, drift'),
      /projection\.price\.startUsd: expected a price above 0/,
    ],
    [
      'unknown price model',
      CONFIG.replace('model: constant', 'model: random'),
      /projection\.price\.model: expected constant, growth or gbm; found "random"/,
    ],
    [
      'unknown scenario key',
      CONFIG.replace('bull: { revenue: { growth: 8% }', 'bull: { revenu: { growth: 8% }'),
      /scenarios\.bull\.revenu: unknown key "revenu" \(did you mean "revenue"\?\)/,
    ],
  ])('bad parameter file: %s', (_n, text, msg) => {
    expectUserError(cli(['burn', '-c', tmpFile('p.yaml', text)]), msg);
  });
  test('nothing written on failure', () => {
    const out = join(tmp(), 'b.csv');
    expectUserError(cli(['burn', '--months', '0', '-o', out]), 'option --months');
    expect(existsSync(out)).toBe(false);
  });
});
