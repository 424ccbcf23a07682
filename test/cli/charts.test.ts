/** -f svg, -f html, unlocks --chart and `ai-econ report`, end to end through the built CLI. */
import { describe, expect, test } from '@jest/globals';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { XMLValidator } from 'fast-xml-parser';
import { ROOT, cli, expectUserError, tmp, tmpFile } from './run.js';

const CATS = ['Community Treasury', 'Investors', 'Team', 'Community Sale', 'Testnet Rewards'];

/** Nothing loaded from elsewhere: no remote src/href, no script, stylesheet link, import or url(). */
function expectSelfContained(html: string): void {
  expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
  expect(html).not.toMatch(/<script\b/i);
  expect(html).not.toMatch(/<link\b/i);
  expect(html).not.toMatch(/@import|url\(/i);
  expect(html).not.toMatch(/<(img|iframe|object|embed)\b/i);
}
const tablesIn = (html: string): string[] =>
  [...html.matchAll(/<table data-table="([^"]+)"/g)].map((x) => x[1]!);
const jsonTables = (args: string[]): string[] =>
  (JSON.parse(cli([...args, '-f', 'json']).stdout).tables as { name: string }[]).map((t) => t.name);

describe('-f svg', () => {
  test('unlocks -f svg -o: an 800×400 chart that parses, names every category and is the README picture, in any time zone', () => {
    const out = join(tmp(), 'unlocks.svg');
    const r = cli(['unlocks', '-f', 'svg', '-o', out], { env: { TZ: 'Pacific/Kiritimati' } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const svg = readFileSync(out, 'utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    for (const c of [
      ...CATS,
      'cliff: Investors, Team',
      'unlocked so far (billion tokens)',
      'built-in configs/gensyn.yaml',
    ])
      expect(svg).toContain(c);
    // docs/unlocks.svg is current: regenerate it with `npm run docs`.
    expect(svg).toBe(readFileSync(join(ROOT, 'docs', 'unlocks.svg'), 'utf8'));
  });
  test("the README's flagship heatmap: net_deflation_from over demand × growth, as docs/flagship.svg", () => {
    // The command the README shows (and `npm run docs` runs).
    const r = cli([
      'sweep',
      'simulate',
      '--vary',
      'economy.demand.gpuHours=0.5M,1M,2M',
      '--vary',
      'economy.demand.growth=0%,5%,10%',
      '--metric',
      'net_deflation_from',
      '--metric',
      'burned_vs_emitted_and_unlocked_pct',
      '-f',
      'svg',
    ]);
    expect(r.code).toBe(0);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    for (const t of ['net_deflation_from over economy.demand.gpuHours', '2030-05', '0.5M', '10%'])
      expect(r.stdout).toContain(t);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'docs', 'flagship.svg'), 'utf8'));
  });
  test('allocation -f svg to stdout', () => {
    const r = cli(['allocation', '-f', 'svg']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<svg')).toBe(true);
  });
});

describe('-f html', () => {
  test('burn --runs 2000 -f html: one self-contained page with the fan chart and every table with its notes', () => {
    const out = join(tmp(), 'burn.html');
    const r = cli(['burn', '--runs', '2000', '-f', 'html', '-o', out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(XMLValidator.validate(html)).toBe(true);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(tablesIn(html)).toEqual(['bands', 'summary']);
    expect(html).toContain('<svg');
    expect(html).toContain('p5–p95 band and p50 line');
    expect(html).toContain('Hyndman–Fan type 7'); // a note of the bands table
    expect(html).toContain('<td class="n">2,000</td>'); // runs, printed as in the table view
    expectSelfContained(html);
  });
  test.each([
    [['allocation']],
    [['unlocks', '--at', '2027-06-01']],
    [['quote', '--params', '7B', '--tokens', '140B']],
    [['rewards']],
    [['burn', '--all-scenarios', '--months', '12']],
  ])('%j -f html: parses, carries every table of the json and a chart', (args) => {
    const r = cli([...args, '-f', 'html']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(''); // no Vega-Lite warnings either
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    expect(tablesIn(r.stdout)).toEqual(jsonTables(args));
    expect(r.stdout).toContain('<figure><svg');
    expectSelfContained(r.stdout);
  });
  test('a view without a chart still gets its page, without a figure; --table keeps one table', () => {
    const r = cli(['rewards', '--table', 'totals', '-f', 'html']);
    expect(r.code).toBe(0);
    expect(tablesIn(r.stdout)).toEqual(['totals']);
    expect(r.stdout).not.toContain('<svg');
    expect(r.stdout).toContain('Balanced to the base unit.');
  });
  test('cells are escaped', () => {
    const cfg = readFileSync(join(ROOT, 'configs', 'gensyn.yaml'), 'utf8').replace(
      /\bTeam\b/g,
      '"R&D <core>"',
    );
    const r = cli(['allocation', '-c', tmpFile('esc.yaml', cfg), '-f', 'html']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<td>R&amp;D &lt;core&gt;</td>');
    expect(XMLValidator.validate(r.stdout)).toBe(true);
  });
});

describe('bad input with svg and html: exit 2, one line, nothing written', () => {
  test.each<[string[], string]>([
    [
      ['unlocks', '--from', '2030-01-01', '--to', '2029-01-01', '-f', 'svg'],
      'option --from 2030-01-01 is after --to 2029-01-01',
    ],
    [['burn', '--runs', '0', '-f', 'html'], 'option --runs'],
    [['rewards', '--table', 'totals', '-f', 'svg'], 'no chart for rewards --table totals'],
    [
      ['unlocks', '--grants', 'configs/nodes.example.csv', '-f', 'svg'],
      'no chart for unlocks (table grants)',
    ],
    [['report', '--runs', 'many'], 'option --runs'],
    [['report', '-f', 'csv'], 'ai-econ report writes html (the default) or md'],
    [['report', '-f', 'md'], 'give it with -o DIR'],
    [['burn', '--table', 'nope', '-f', 'svg'], 'no table "nope" in burn'],
  ])('%j', (args, message) => {
    const dir = tmp();
    const out = join(dir, 'out.file');
    const r = cli([
      ...args,
      ...(args.includes('-o') || (args[0] === 'report' && args.includes('md')) ? [] : ['-o', out]),
    ]);
    expectUserError(r, message);
    expect(readdirSync(dir)).toEqual([]);
  });
  test('a bad parameter file: exit 2 with the line, no page and no folder', () => {
    const bad = tmpFile(
      'bad.yaml',
      readFileSync(join(ROOT, 'configs', 'gensyn.yaml'), 'utf8').replace(
        'share: 40.40%',
        'share: 40.41%',
      ),
    );
    const dir = tmp();
    expectUserError(cli(['report', '-c', bad, '-o', join(dir, 'report.html')]), bad);
    expectUserError(cli(['unlocks', '-c', bad, '-f', 'svg', '-o', join(dir, 'u.svg')]), bad);
    expectUserError(cli(['report', '-c', bad, '-f', 'md', '-o', join(dir, 'wiki')]), bad);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('unlocks --chart', () => {
  test('without colour each series has its own symbol, with a legend', () => {
    const r = cli(['unlocks', '--chart', '--every', 'quarter']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '* Community Treasury   + Investors   o Team   x Community Sale\n          # Testnet Rewards   @ total\n          (millions of tokens; 4 columns = 1 quarter)',
    );
    expect(r.stdout).toMatch(/10000M\s+┼\s*@/); // the total reaches 10B at the end
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });
  test('with csv the chart goes to stderr and the data stays clean; not with --events', () => {
    const r = cli(['unlocks', '--chart', '-f', 'csv']);
    expect(r.stdout.startsWith('date,')).toBe(true);
    expect(r.stderr).toContain('@ total');
    expectUserError(cli(['unlocks', '--chart', '--events']), 'option --chart');
  });
});

describe('Vega loads only when a chart is drawn', () => {
  const traced = (args: string[]) =>
    cli(args, {
      env: {
        NODE_OPTIONS: `--import ${pathToFileURL(join(ROOT, 'test', 'fixtures', 'trace-vega.mjs')).href}`,
      },
    });
  test.each([
    [['--version']],
    [['quote', '--gpu-hours', '1000']],
    [['unlocks', '-f', 'md']],
    [['burn', '--months', '12', '-f', 'json']],
    [['allocation', '-f', 'csv']],
  ])('%j: no vega', (args) => {
    const r = traced(args);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('LOADED');
  });
  test('-f svg: vega and vega-lite', () => {
    const r = traced(['allocation', '-f', 'svg']);
    expect(r.stderr).toContain('LOADED vega');
    expect(r.stderr).toContain('LOADED vega-lite');
  });
});

describe('ai-econ report', () => {
  test('one self-contained page: every section with its chart, tables and notes', () => {
    const out = join(tmp(), 'report.html');
    const r = cli(['report', '-o', out]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(XMLValidator.validate(html)).toBe(true);
    expectSelfContained(html);
    for (const h of [
      'Allocation',
      'Unlocks',
      'Reference quote',
      'The same job on every GPU class',
      'Rewards of the example epoch',
      'Buy-and-burn scenarios',
      'Monte Carlo bands',
      'The closed loop: risks (simulate)',
      'The closed loop: Monte Carlo bands',
    ]) {
      expect(html).toContain(`>${h}</h2>`);
    }
    expect(tablesIn(html)).toEqual([
      'allocation',
      'events',
      'breakdown',
      'split',
      'job',
      'compare',
      'nodes',
      'totals',
      'months',
      'summary',
      'bands',
      'summary',
      'risks',
      'bands',
    ]);
    expect(html.match(/<figure><svg/g)).toHaveLength(9);
    // simulate: the risks with the Monte Carlo shares, the price/supply chart and the fans.
    expect(html).toContain('p_emission_runs_out');
    expect(html).toContain(
      'The closed loop: token price in the pool, circulating and total supply',
    );
    expect(html).toContain('p5–p95 band and p50 line of price, supply and utilization');
    expect(html).toContain('The 10 largest unlock events');
    expect(html).toContain('ai-econ burn --runs 1000 --seed 1');
    // The ten largest events: the TGE and cliff unlocks lead (Community Treasury 404M at TGE, Investors 740M at the cliff).
    const events = html.slice(
      html.indexOf('data-table="events"'),
      html.indexOf('</table>', html.indexOf('data-table="events"')),
    );
    expect(events.match(/<tr>/g)).toHaveLength(11); // header + 10
    expect(events).toContain('<td class="n">740,000,000</td>');
  });
  test('-f md -o DIR: Markdown with an SVG file per chart beside it', () => {
    const dir = join(tmp(), 'wiki');
    const r = cli(['report', '-f', 'md', '-o', dir, '--runs', '100']);
    expect(r.code).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files).toEqual([
      'allocation.svg',
      'burn.svg',
      'gpus.svg',
      'montecarlo.svg',
      'quote.svg',
      'report.md',
      'rewards.svg',
      'simulate-bands.svg',
      'simulate.svg',
      'unlocks.svg',
    ]);
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    for (const f of files.filter((x) => x.endsWith('.svg'))) {
      expect(md).toContain(`](${f})`);
      expect(XMLValidator.validate(readFileSync(join(dir, f), 'utf8'))).toBe(true);
    }
    expect(md).toContain('### The 10 largest unlock events');
    expect(existsSync(join(dir, '.report.md.tmp'))).toBe(false);
  });
});

describe('names equal to members of Object.prototype (issue 21.8)', () => {
  // Vega's expression parser read a string literal such as "constructor" as an identifier: every
  // chart naming such a category, scenario, node or GPU class failed with "Operator not defined".
  const NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];
  const GOOD = readFileSync(join(ROOT, 'configs/gensyn.yaml'), 'utf8');
  const file = tmpFile(
    'proto.yaml',
    GOOD.replaceAll('Investors', 'constructor')
      .replace('  - name: Team', '  - name: __defineGetter__')
      .replace('Team: 20%', '__defineGetter__: 20%')
      .replace('    H200:', '    toString:')
      .replace('  bear:', '  valueOf:')
      .replace('id: node-a,', 'id: hasOwnProperty,'),
  );
  const jobs = tmpFile('jobs.csv', 'id,gpu_hours,gpu\nvalueOf,100,toString\nj2,50,H100\n');
  test.each<[string, string[], string[]]>([
    ['unlocks', ['unlocks'], ['constructor', '__defineGetter__']],
    ['allocation', ['allocation'], ['constructor', '__defineGetter__']],
    [
      'quote --compare',
      ['quote', '--gpu-hours', '1000', '--compare', 'H100,toString'],
      ['toString'],
    ],
    ['quote --jobs', ['quote', '--jobs', jobs], ['valueOf']],
    ['rewards', ['rewards'], ['hasOwnProperty']],
    ['burn --all-scenarios', ['burn', '--all-scenarios'], ['valueOf']],
    ['simulate --all-scenarios', ['simulate', '--all-scenarios'], ['valueOf']],
    [
      'sweep',
      ['sweep', 'burn', '--vary', 'buyback.revenueShare=10%,20%', '--scenario', 'valueOf'],
      [],
    ],
  ])('%s -f svg draws them', (_name, args, shown) => {
    const r = cli([...args, '-c', file, '-f', 'svg']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    for (const n of shown) expect(r.stdout).toContain(`>${n}<`);
  });
  test('report: every chart on one page', () => {
    const out = join(tmp(), 'report.html');
    const r = cli(['report', '-c', file, '--runs', '20', '-o', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    for (const n of NAMES) expect(html).toContain(n);
  });
});
