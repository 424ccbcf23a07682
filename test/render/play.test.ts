/**
 * What the `ai-econ play` page computes (src/render/play/engine.ts), run here in Node: its figures
 * are the CLI's `simulate --table risks -f csv` values for the same --set (the built binary, and a
 * property over generated values against the CLI's own path in-process), its problems are the CLI's
 * messages, its command line reproduces the state and its downloaded file reads back the same.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Play, type Figures, type PlayData, type Problems } from '../../src/render/play/engine.js';
import { loadModelFromYaml, parseParams, resolveParams } from '../../src/params/load.js';
import { parseOverride } from '../../src/params/overrides.js';
import { simulateReport } from '../../src/commands/simulate/build.js';
import { renderCsv } from '../../src/render/csv.js';
import { stringSink } from '../../src/render/sink.js';
import { ROOT, cli, miniParams, tmpFile } from '../cli/run.js';

const YAML = readFileSync(join(ROOT, 'configs/gensyn.yaml'), 'utf8');
const BUILTIN: PlayData = {
  yaml: YAML,
  file: 'built-in configs/gensyn.yaml',
  builtin: true,
  version: '0.0.0',
};

const figures = (x: Figures | Problems): Figures => {
  if ('problems' in x) throw new Error(x.problems.map((p) => p.text).join('\n'));
  return x;
};
const risksOf = (f: Figures) => new Map(f.risks.map((r) => [r.metric, r.text]));

/** The built CLI's `simulate --table risks -f csv`: metric → value. */
function cliRisks(args: string[]): Map<string, string> {
  const r = cli(['simulate', '--table', 'risks', '-f', 'csv', ...args]);
  if (r.code !== 0) throw new Error(r.stderr);
  return new Map(
    r.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => [l.slice(0, l.indexOf(',')), /^[^,]+,([^,]*)/.exec(l)?.[1] ?? '']),
  );
}

/** The CLI's path in-process: load with --set (validateRaw), build, render csv. */
async function libRisks(set: string[], scenario?: string): Promise<Map<string, string>> {
  const m = loadModelFromYaml(undefined, set.map(parseOverride));
  const r = await simulateReport(m, scenario ? { scenario } : {});
  const sink = stringSink();
  await renderCsv(
    r,
    r.tables.find((t) => t.name === 'risks')!,
    sink,
  );
  return new Map(
    sink
      .text()
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => [l.slice(0, l.indexOf(',')), /^[^,]+,([^,]*)/.exec(l)?.[1] ?? '']),
  );
}

describe('the play page engine', () => {
  const play = new Play(BUILTIN);

  test("the file as it is: the figures are the CLI's, byte for byte", async () => {
    expect(risksOf(figures(await play.run([])))).toEqual(cliRisks([]));
  });

  test('settings and a scenario: the CLI with the same --set and --scenario', async () => {
    const set = [
      ['economy.demand.growth', '8%'],
      ['economy.holders.sellShare.Community Sale', '10%'],
      ['fees.market.aboveSlope', '2.5'],
    ] as const;
    const f = figures(await play.run(set, 'bear'));
    expect(risksOf(f)).toEqual(
      cliRisks(['--scenario', 'bear', ...set.flatMap(([p, v]) => ['--set', `${p}=${v}`])]),
    );
    expect(play.command(set, 'bear')).toBe(
      "ai-econ simulate --scenario bear --set economy.demand.growth=8% --set 'economy.holders.sellShare.Community Sale=10%' --set fees.market.aboveSlope=2.5",
    );
  });

  test('property: any demand growth, elasticity, float cap and scenario gives what the CLI path gives', async () => {
    const pct = (lo: number, hi: number) =>
      fc.integer({ min: lo * 10, max: hi * 10 }).map((x) => `${x / 10}%`);
    await fc.assert(
      fc.asyncProperty(
        pct(-5, 15),
        fc.integer({ min: 0, max: 30 }).map((x) => String(x / 10)),
        pct(1, 100),
        fc.constantFrom(undefined, 'bear', 'base', 'bull'),
        async (growth, elasticity, cap, scenario) => {
          const set = [
            ['economy.demand.growth', growth],
            ['economy.demand.elasticity', elasticity],
            ['buyback.maxBuyPctOfFloat', cap],
          ] as const;
          const got = risksOf(figures(await play.run(set, scenario)));
          const want = await libRisks(
            set.map(([p, v]) => `${p}=${v}`),
            scenario,
          );
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);

  test("a bad value: the CLI's message, at its control; a rule across fields: the CLI's message, at the control that broke it", async () => {
    const bad = (await play.run([['economy.demand.growth', 'x']])) as Problems;
    const r = cli(['simulate', '--set', 'economy.demand.growth=x']);
    expect(bad.problems).toEqual([
      { path: 'economy.demand.growth', text: r.stderr.trim().replace(/^ai-econ: error: /, '') },
    ]);
    const split = (await play.run([['buyback.burn', '80%']])) as Problems;
    const r2 = cli(['simulate', '--set', 'buyback.burn=80%']);
    expect(split.problems).toEqual([
      { path: 'buyback.burn', text: r2.stderr.trim().replace(/^ai-econ: error: /, '') },
    ]);
    // A good state after a bad one computes as usual.
    expect(risksOf(figures(await play.run([])))).toEqual(cliRisks([]));
  });

  test("controls: named by --set paths, the file's text as value, the schema's description as help", () => {
    const c = new Map(play.controls.map((x) => [x.path, x]));
    expect(c.get('economy.demand.growth')).toMatchObject({ value: '5%', start: '5%' });
    expect(c.get('economy.demand.growth')?.help).toMatch(/Growth of demand per month/);
    expect(c.get('economy.market.pool.tokens')?.value).toBe('100_000_000');
    // One sell share per category but the treasury's.
    expect([...c.keys()].filter((p) => p.startsWith('economy.holders.sellShare.'))).toEqual([
      'economy.holders.sellShare.Investors',
      'economy.holders.sellShare.Team',
      'economy.holders.sellShare.Community Sale',
      'economy.holders.sellShare.Testnet Rewards',
    ]);
    expect(play.scenarios).toEqual(['bear', 'base', 'bull']);
  });

  test("the economy's liquidity and fee dynamics: a select of the model, its share, the fee adjustment and bound", async () => {
    const c = new Map(play.controls.map((x) => [x.path, x]));
    expect(c.get('economy.market.liquidity.model')).toMatchObject({
      value: 'marketCap',
      choices: ['fixed', 'marketCap'],
    });
    expect(c.get('economy.market.liquidity.model')?.help).toMatch(
      /fixed: the pool keeps its depth/,
    );
    expect(c.get('economy.market.liquidity.share')).toMatchObject({
      value: '20%',
      unit: expect.stringContaining('%'),
    });
    expect(c.get('fees.market.adjustment')).toMatchObject({ value: '50%', placeholder: '100%' });
    // Commented out in the built-in file: no value, the placeholder says what applies.
    expect(c.get('fees.market.maxChangePerMonth')).toMatchObject({
      value: '',
      placeholder: 'none',
    });
    for (const set of [
      [
        ['economy.market.liquidity.model', 'fixed'],
        ['fees.market.adjustment', '25%'],
        ['fees.market.maxChangePerMonth', '12.5%'],
      ],
      [['economy.market.liquidity.share', '35%']],
    ] as const)
      expect(risksOf(figures(await play.run(set)))).toEqual(
        cliRisks(set.flatMap(([p, v]) => ['--set', `${p}=${v}`])),
      );
    const bad = (await play.run([['economy.market.liquidity.model', 'deep']])) as Problems;
    const r = cli(['simulate', '--set', 'economy.market.liquidity.model=deep']);
    expect(r.code).toBe(2);
    expect(bad.problems).toEqual([
      {
        path: 'economy.market.liquidity.model',
        text: r.stderr.trim().replace(/^ai-econ: error: /, ''),
      },
    ]);
  });

  test('a file without market.liquidity still has its controls: the default fixed, marketCap by two values', async () => {
    const file = tmpFile(
      'no-liquidity.yaml',
      YAML.replace(/^ {4}liquidity:.*\n(?: {6}.*\n)+/m, ''),
    );
    expect(readFileSync(file, 'utf8')).not.toMatch(/liquidity:/);
    const p = new Play({
      yaml: readFileSync(file, 'utf8'),
      file,
      builtin: false,
      config: file,
      version: '0',
    });
    const c = new Map(p.controls.map((x) => [x.path, x]));
    expect(c.get('economy.market.liquidity.model')).toMatchObject({
      value: '',
      placeholder: 'fixed',
    });
    expect(c.get('economy.market.liquidity.share')?.value).toBe('');
    const set = [
      ['economy.market.liquidity.model', 'marketCap'],
      ['economy.market.liquidity.share', '20%'],
    ] as const;
    expect(risksOf(figures(await p.run(set)))).toEqual(
      cliRisks(['-c', file, ...set.flatMap(([k, v]) => ['--set', `${k}=${v}`])]),
    );
    // The same figures as the built-in file, whose liquidity is just that (from the pool's category).
    expect(risksOf(figures(await p.run(set)))).toEqual(cliRisks([]));
  });

  test('play --set: the starting values; a path no control has stays set', async () => {
    const p = new Play({
      ...BUILTIN,
      set: ['economy.demand.growth=7%', 'economy.supply.maxChange=10%'],
    });
    expect(p.controls.find((c) => c.path === 'economy.demand.growth')?.start).toBe('7%');
    const values = new Map(p.controls.map((c) => [c.path, c.start]));
    const settings = p.changed(values);
    expect(settings).toEqual([
      ['economy.supply.maxChange', '10%'],
      ['economy.demand.growth', '7%'],
    ]);
    expect(risksOf(figures(await p.run(settings)))).toEqual(
      cliRisks(['--set', 'economy.supply.maxChange=10%', '--set', 'economy.demand.growth=7%']),
    );
  });

  test('download: the file with the values written in, comments kept; it reads back to the same model', async () => {
    const set = [
      ['economy.demand.growth', '8%'],
      ['economy.demand.elasticity', '0.75'],
      ['fees.market.floor', '0.10'],
      ['economy.market.pool.tokens', '50_000_000'],
      ['economy.holders.sellShare.Community Sale', '10%'],
    ] as const;
    const text = play.yaml(set);
    expect(text).toContain('growth: 8%');
    expect(text).toContain('elasticity: 0.75');
    expect(text).toContain('floor: 0.10');
    expect(text).toContain('# ASSUMPTION: per month');
    expect(text).toContain('# Sources: the $AI tokenomics overview');
    const { params, src } = parseParams(text, 'downloaded.yaml');
    const fromFile = await simulateReport(resolveParams(params, src), {});
    const fromSet = await simulateReport(
      loadModelFromYaml(
        undefined,
        set.map(([p, v]) => parseOverride(`${p}=${v}`)),
      ),
      {},
    );
    expect(fromFile.tables.find((t) => t.name === 'risks')!.rows).toEqual(
      fromSet.tables.find((t) => t.name === 'risks')!.rows,
    );
    expect(play.yaml([])).toBe(YAML);
  });

  test('a file without economy: unlocks only, and the page says what is missing', async () => {
    const file = tmpFile('mini.yaml', miniParams());
    const p = new Play({
      yaml: readFileSync(file, 'utf8'),
      file,
      builtin: false,
      config: file,
      version: '0',
    });
    expect(p.controls).toEqual([]);
    const f = figures(await p.run([]));
    expect(f.risks).toEqual([]);
    expect(f.missing).toEqual([
      'burn: the file has no buyback or projection section',
      'simulate: the file has no economy section',
    ]);
    expect(p.command([])).toBe(`ai-econ simulate -c ${file}`);
  });
});
