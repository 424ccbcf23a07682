import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cli, csvLines, expectUserError, tmp, tmpFile } from '../../../test/cli/run.js';

const csv = (args: string[]) => csvLines('simulate', args);
const CONFIG = readFileSync(join(ROOT, 'configs/gensyn.yaml'), 'utf8');
/** The built-in file with one line changed; fails if the line is not there. */
const edited = (from: string, to: string): string => {
  if (!CONFIG.includes(from)) throw new Error(`not in the built-in file: ${from}`);
  return tmpFile('ai-econ.yaml', CONFIG.replace(from, to));
};
const lineOf = (text: string): number => CONFIG.slice(0, CONFIG.indexOf(text)).split('\n').length;

describe('ai-econ simulate', () => {
  test('months: SPEC columns; month 1 by hand', () => {
    const lines = csv(['--months', '3']);
    expect(lines[0]).toBe(
      'month,demand_gpu_hours,capacity_gpu_hours,utilization_pct,multiplier,fee_usd_per_gpu_hour,revenue_usd,price_usd,buy_price_usd,unlocked,sold_by_holders,sold_by_nodes,bought_for_fees,bought_back,burned,vault_usd,emitted,node_margin_pct,treasury,circulating,total_supply',
    );
    // U₀ = 80% = target: m = 1, fee = the H100 list price $2.99; 1.5M GPU-hours requested of 2M
    // offered: utilization 75%, revenue 1.5M × $2.99 = $4,485,000. 20M tokens emitted.
    expect(lines[1]).toMatch(
      /^2026-05,1500000,2000000,75,1,2\.99,4485000,[0-9.]+,[0-9.]+,84083333\.333333333333333333,/,
    );
    expect(lines[1]!.split(',')[16]).toBe('20000000');
    // Month 2: the nodes' margin was positive, so capacity grew by the 15% cap: 2.3M; m(75%) =
    // 1 − 0.5·(0.8 − 0.75)/0.8 = 0.96875, and the file's fees.market.adjustment 50% closes half the
    // gap from month 1's m = 1: 0.984375, fee $2.99 × 0.984375 = $2.94328125.
    expect(lines[2]).toMatch(/^2026-06,[0-9.]+,2300000,[0-9.]+,0\.984375,2\.94328125,/);
    expect(lines).toHaveLength(4);
  });

  test('ledger: every place, and their sum is the supply every month', () => {
    const lines = csv(['--table', 'ledger', '--months', '120']);
    expect(lines[0]).toBe(
      'month,locked_community_treasury,locked_investors,locked_team,locked_community_sale,locked_testnet_rewards,holders_investors,holders_team,holders_community_sale,holders_testnet_rewards,treasury,nodes,validators,pool,outside,execution,burned,sum',
    );
    expect(lines).toHaveLength(121);
    for (const l of lines.slice(1)) {
      const cells = l.split(',');
      expect(cells.at(-1)).toBe('10000000000');
      expect(cells.slice(1).every((c) => !c.startsWith('-'))).toBe(true);
    }
  });

  test("risks: SPEC's metrics, each with what it means", () => {
    const r = cli(['simulate', '--table', 'risks', '-f', 'json']);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout).tables.find((x: { name: string }) => x.name === 'risks');
    expect(t.columns).toEqual(['metric', 'value', 'what_it_means']);
    expect(t.rows.map((x: { metric: string }) => x.metric)).toEqual([
      'reward_dependence_pct',
      'emission_runs_out',
      'utilization_min_pct',
      'utilization_max_pct',
      'months_nodes_unprofitable',
      'fee_volatility_pct',
      'worst_month_price_change_pct',
      'worst_month_price_change_month',
      'unlock_sold_vs_pool_pct',
      'cumulative_burned',
      'burned_vs_emitted_and_unlocked_pct',
      'burned_value_usd',
      'fee_cycle_months',
      'months_float_cap_bound',
      'vault_usd_unspent',
      'pool_tokens_min_vs_start_pct',
      'liquidity_usd_net',
      'last_unlock_month',
      'net_deflation_from',
    ]);
    for (const x of t.rows) expect(x.what_it_means.length).toBeGreaterThan(20);
  });

  test('--scenario applies its economy overrides: bear starts at 500k GPU-hours', () => {
    expect(csv(['--scenario', 'bear', '--months', '1'])[1]).toMatch(
      /^2026-05,500000,2000000,25,1,2\.99,1495000,/,
    );
  });

  test('--all-scenarios: months and ledger carry a scenario column; risks one column per scenario', () => {
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
    const risks = csv(['--all-scenarios', '--table', 'risks']);
    expect(risks[0]).toBe('metric,bear,base,bull,what_it_means');
    expect(risks).toHaveLength(20);
  });

  test('--runs 2000 --seed 7: bands and p_ risks; the same seed gives the same bytes; JSON carries seed, runs, version', () => {
    const a = cli(['simulate', '--runs', '2000', '--seed', '7', '-f', 'json']);
    const b = cli(['simulate', '--runs', '2000', '--seed', '7', '-f', 'json']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const j = JSON.parse(a.stdout);
    expect([j.seed, j.runs, j.version]).toEqual([
      7,
      2000,
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
    ]);
    const [bands, risks] = j.tables;
    expect(bands.name).toBe('bands');
    expect(bands.columns).toEqual([
      'month',
      ...[
        'price_usd',
        'capacity_gpu_hours',
        'utilization_pct',
        'circulating',
        'cumulative_burned',
      ].flatMap((n) => ['p5', 'p50', 'p95'].map((p) => `${p}_${n}`)),
    ]);
    expect(bands.rows).toHaveLength(60);
    for (const row of bands.rows) {
      expect(row.p5_price_usd).toBeLessThanOrEqual(row.p50_price_usd);
      expect(row.p50_price_usd).toBeLessThanOrEqual(row.p95_price_usd);
      expect(row.p5_capacity_gpu_hours).toBeGreaterThan(0);
    }
    // Month 1's capacity is the file's 2M GPU-hours in every run.
    expect([bands.rows[0].p5_capacity_gpu_hours, bands.rows[0].p95_capacity_gpu_hours]).toEqual([
      2000000, 2000000,
    ]);
    const p = risks.rows.filter((x: { metric: string }) => x.metric.startsWith('p_'));
    expect(p.map((x: { metric: string }) => x.metric)).toEqual([
      'p_emission_runs_out',
      'p_nodes_unprofitable_3_months',
      'p_net_deflation',
    ]);
    for (const x of p) expect(Number(x.value)).toBeGreaterThanOrEqual(0);
    const c = cli(['simulate', '--runs', '2000', '--seed', '8', '-f', 'json']);
    expect(c.stdout).not.toBe(a.stdout);
  });

  const risk = (args: string[], metric: string): string => {
    const row = csv(['--table', 'risks', ...args]).find((l) => l.startsWith(`${metric},`));
    if (!row) throw new Error(`no risk ${metric}`);
    return row.split(',')[1]!;
  };

  test('more usage burns more: the built-in file at 0%, 5% and 10% demand growth', () => {
    const at = (g: string) => ['--set', `economy.demand.growth=${g}`];
    const value = ['0%', '5%', '10%'].map((g) => Number(risk(at(g), 'burned_value_usd')));
    const tokens = ['0%', '5%', '10%'].map((g) => Number(risk(at(g), 'cumulative_burned')));
    // $166M, $1.02B, $9.08B of value; 1.14B, 1.60B, 2.10B tokens.
    expect(value[0]).toBeGreaterThan(100e6);
    expect(value[1]).toBeGreaterThan(value[0]! * 5);
    expect(value[2]).toBeGreaterThan(value[1]! * 5);
    expect(tokens[1]).toBeGreaterThan(tokens[0]!);
    expect(tokens[2]).toBeGreaterThan(tokens[1]!);
  });

  test('no fee cycle on the built-in file; without the damping one shows where demand is elastic', () => {
    expect(risk(['--months', '120'], 'fee_cycle_months')).toBe('0');
    const elastic = ['--months', '120', '--set', 'economy.demand.elasticity=2'];
    const undamped = [...elastic, '--set', 'fees.market.adjustment=100%'];
    expect(Number(risk(undamped, 'fee_cycle_months'))).toBeGreaterThanOrEqual(4);
    // A bound on the monthly change alone keeps the cycle; the partial adjustment ends it.
    const bounded = [...undamped, '--set', 'fees.market.maxChangePerMonth=12.5%'];
    expect(Number(risk(bounded, 'fee_cycle_months'))).toBeGreaterThanOrEqual(4);
    expect(risk(elastic, 'fee_cycle_months')).toBe('0');
  });

  test('binding constraints are named: the float cap and the unspent USD, a thin pool, the end of vesting', () => {
    const tight = ['--set', 'buyback.maxBuyPctOfFloat=0.5%'];
    expect(Number(risk(tight, 'months_float_cap_bound'))).toBeGreaterThan(0);
    expect(Number(risk(tight, 'vault_usd_unspent'))).toBeGreaterThan(0);
    const months = csv([...tight, '--months', '6']);
    const vaultUsd = months[0]!.split(',').indexOf('vault_usd');
    expect(months.slice(1).some((l) => Number(l.split(',')[vaultUsd]) > 0)).toBe(true);
    // A fixed pool is drained by the 2027-04 cliff's buyers and sellers; one that follows the market is not.
    const fixed = ['--set', 'economy.market.liquidity.model=fixed'];
    expect(Number(risk(fixed, 'pool_tokens_min_vs_start_pct'))).toBeLessThan(20);
    expect(Number(risk([], 'pool_tokens_min_vs_start_pct'))).toBeGreaterThan(50);
    expect(Number(risk(fixed, 'liquidity_usd_net'))).toBe(0);
    const r = cli(['simulate', '--table', 'risks', '-f', 'json']);
    const rows = JSON.parse(r.stdout).tables[0].rows as {
      metric: string;
      value: string;
      what_it_means: string;
    }[];
    const ndf = rows.find((x) => x.metric === 'net_deflation_from')!;
    expect(ndf.value).toBe('2030-05');
    expect(rows.find((x) => x.metric === 'last_unlock_month')!.value).toBe('2030-04');
    expect(ndf.what_it_means).toContain('only with the end of vesting');
  });

  test('sweep -f svg draws a month metric as a heatmap: months by colour, never as never', () => {
    const r = cli([
      'sweep',
      'simulate',
      '--vary',
      'economy.months=24,60',
      '--vary',
      'economy.demand.growth=0%,10%',
      '--metric',
      'net_deflation_from',
      '-f',
      'svg',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<svg');
    // 24 months end before vesting does: never; 60 months reach 2030-05.
    expect(r.stdout).toContain('>never<');
    expect(r.stdout).toContain('>2030-05<');
    expect(r.stdout).toContain('grey: never within the horizon');
  });

  test('a file written by init works, deterministic and Monte Carlo', () => {
    const dir = tmp();
    expect(cli(['init', 'mine.yaml'], { cwd: dir }).code).toBe(0);
    const r = cli(['simulate', '-c', 'mine.yaml', '--months', '12', '-f', 'csv'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(13);
    expect(
      cli(['simulate', '--runs', '200', '--seed', '3', '--months', '12'], { cwd: dir }).code,
    ).toBe(0);
    expect(cli(['simulate', '--all-scenarios', '--table', 'risks'], { cwd: dir }).code).toBe(0);
  });

  test('bad economy values: one clear line with file:line:col, exit 2, nothing written; validate says the same', () => {
    const cases: [string, string, RegExp][] = [
      [
        'sellShare: { Investors: 40%,',
        'sellShare: { Investors: 140%,',
        /economy\.holders\.sellShare\.Investors: expected 0% to 100%; found 140%/,
      ],
      [
        'sellShare: { Investors: 40%,',
        'sellShare: { Investers: 40%,',
        /economy\.holders\.sellShare\.Investers: no category "Investers" in allocations; expected one of Community Treasury, Investors/,
      ],
      [
        '    from: Community Treasury    # the $AI overview',
        '    from: Treasury    # the $AI overview',
        /economy\.emission\.from: no category "Treasury"/,
      ],
      [
        'pool: { tokens: 100_000_000,',
        'pool: { tokens: 500_000_000,',
        /economy\.market\.pool\.tokens: the pool needs 500,000,000 tokens but Community Treasury has unlocked only 404,000,000 before 2026-05/,
      ],
      [
        '    sellShare: 60%  ',
        '    sellShare: 60  ',
        /economy\.supply\.sellShare: expected a share like 95%, 19\/20 or 0\.95; found "60", which is ambiguous: 60% or 6000%\?/,
      ],
      [
        '    maxChange: 15%',
        '    maxChange: 100%',
        /economy\.supply\.maxChange: expected below 100%/,
      ],
      [
        'economy: { demand: { growth: 8% } }',
        'economy: { supply: { sellShare: 101% } }',
        /scenarios\.bull\.economy\.supply\.sellShare: expected 0% to 100%; found 101%/,
      ],
      // The new fields: the fee's dynamics, the pool's liquidity, GPU-hours written as amounts.
      [
        '    adjustment: 50% ',
        '    adjustment: 0% ',
        /fees\.market\.adjustment: expected a share above 0; found "0%"/,
      ],
      [
        '    adjustment: 50% ',
        '    adjustment: 50%\n    maxChangePerMonth: 150% ',
        /fees\.market\.maxChangePerMonth: expected 0% to 100%; found 150%/,
      ],
      [
        '      model: marketCap ',
        '      model: marketcap ',
        /economy\.market\.liquidity\.model: expected fixed or marketCap; found "marketcap"/,
      ],
      [
        '      share: 20% ',
        '      share: 100% ',
        /economy\.market\.liquidity\.share: expected above 0% and below 100%; found 100%/,
      ],
      [
        '      share: 20% ',
        '      # share: 20% ',
        /economy\.market\.liquidity: model marketCap needs share/,
      ],
      [
        '      from: Community Treasury  #',
        '      from: Treasury  #',
        /economy\.market\.liquidity\.from: no category "Treasury" in allocations/,
      ],
      [
        '    gpuHours: 1_500_000 ',
        '    gpuHours: 1.5 million ',
        /economy\.demand\.gpuHours: expected GPU-hours like/,
      ],
    ];
    for (const [from, to, msg] of cases) {
      const file = edited(from, to);
      const out = join(tmp(), 'out.csv');
      const r = cli(['simulate', '-c', file, '-o', out]);
      expectUserError(r, msg);
      expect(r.stderr).toMatch(
        new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `),
      );
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
      expectUserError(cli(['validate', '-c', file]), msg);
    }
    // A mistyped key: "did you mean", and the key it leaves missing.
    expectUserError(
      cli(['simulate', '-c', edited('    elasticity: 0.5 ', '    elasticty: 0.5 ')]),
      /economy\.demand\.elasticty: unknown key "elasticty" \(did you mean "elasticity"\?\)/,
    );
    // The line of the mistake: the holders' sellShare line.
    const r = cli([
      'simulate',
      '-c',
      edited('sellShare: { Investors: 40%,', 'sellShare: { Investors: 140%,'),
    ]);
    expect(r.stderr).toContain(`:${lineOf('sellShare: { Investors: 40%,')}:`);
  });

  test('bad flags and a file without an economy: exit 2', () => {
    expectUserError(cli(['simulate', '--months', '0']), 'option --months');
    expectUserError(cli(['simulate', '--seed', '3']), 'option --seed goes with --runs');
    expectUserError(cli(['simulate', '--scenario', 'nope']), 'no scenario "nope"');
    // The same rule and message as burn (src/commands/messages.ts), "did you mean" included.
    expectUserError(
      cli(['simulate', '--scenario', 'bul']),
      /option --scenario: no scenario "bul" .*\(did you mean "bull"\?\); expected one of bear, base, bull/,
    );
    expectUserError(
      cli(['simulate', '--runs', '10', '--all-scenarios']),
      'cannot be used together',
    );
    const noEconomy = tmpFile(
      'x.yaml',
      CONFIG.slice(0, CONFIG.indexOf('# --- economy')).replace(
        /, economy: \{ demand: \{[^}]*\} \}/g,
        '',
      ),
    );
    expectUserError(cli(['simulate', '-c', noEconomy]), 'has no economy section');
    const noFees = tmpFile('p.yaml', CONFIG.replace(/\nfees:[\s\S]*?(?=\n# ---)/, '\n'));
    expectUserError(cli(['simulate', '-c', noFees]), 'has no fees section');
  });
});
