/**
 * One validation (SPEC §1): every rule a command enforces about the parameter file is checked when
 * the file is loaded. For each rule, a minimal bad file: `validate` exits 2 naming the field's
 * line, and the command that used to enforce the rule exits 2 with the same message.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cli, expectUserError, tmpFile } from '../../../test/cli/run.js';

const GOOD = readFileSync(join(ROOT, 'configs/gensyn.yaml'), 'utf8');

/** Replace `from` (which must occur) in the built-in file. */
function edit(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`no ${String(from)} in the file`);
  return out;
}
/** 1-based line of the first line containing `needle`. */
const lineOf = (text: string, needle: string): number => {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line with ${needle}`);
  return i + 1;
};
const drop = (text: string, section: string): string =>
  edit(text, new RegExp(`\\n${section}:[\\s\\S]*?(?=\\n\\S|$)`), '\n');

interface Rule {
  rule: string;
  text: string;
  /** A text on the line the message must name (for a whole mapping: its first entry). */
  line: string;
  path: string;
  message: RegExp;
  command: string[];
}

const decimals0 = edit(GOOD, 'decimals: 18 ', 'decimals: 0  ');
const rules: Rule[] = [
  // burn (src/cli/burn.ts)
  {
    rule: 'buyback burn + treasury + execution = 100%',
    text: edit(GOOD, 'burn: 70%', 'burn: 50%'),
    line: 'revenueShare:',
    path: 'buyback',
    message: /burn \+ treasury \+ execution add up to 80%; they must add up to exactly 100%/,
    command: ['burn'],
  },
  {
    rule: 'buyback.revenueShare at most 100%',
    text: edit(GOOD, 'revenueShare: 100%', 'revenueShare: 150%'),
    line: 'revenueShare:',
    path: 'buyback.revenueShare',
    message: /expected 0% to 100%; found 150%/,
    command: ['burn'],
  },
  {
    rule: 'buyback.maxBuyPctOfFloat at most 100%',
    text: edit(GOOD, 'maxBuyPctOfFloat: 10%', 'maxBuyPctOfFloat: 3/2'),
    line: 'maxBuyPctOfFloat:',
    path: 'buyback.maxBuyPctOfFloat',
    message: /expected 0% to 100%; found 3\/2/,
    command: ['burn'],
  },
  {
    rule: 'projection.months at least 1',
    text: edit(GOOD, '  months: 60', '  months: 0'),
    line: '  months: 0',
    path: 'projection.months',
    message: /expected at least 1 month; found 0/,
    command: ['burn'],
  },
  {
    rule: 'projection.months at most 1200 (as --months)',
    text: edit(GOOD, '  months: 60', '  months: 1201'),
    line: '  months: 1201',
    path: 'projection.months',
    message: /expected at most 1200 months; found 1201/,
    command: ['burn'],
  },
  {
    rule: 'projection.price.startUsd above 0',
    text: edit(GOOD, 'startUsd: 0.10, drift', 'startUsd: 0, drift'),
    line: 'model: constant',
    path: 'projection.price.startUsd',
    message: /expected a price above 0; found "0"/,
    command: ['burn'],
  },
  {
    rule: 'scenario months at least 1',
    text: edit(GOOD, 'bull: { revenue', 'bull: { months: 0, revenue'),
    line: 'bull:',
    path: 'scenarios.bull.months',
    message: /expected at least 1 month; found 0/,
    command: ['burn', '--all-scenarios'],
  },
  {
    rule: 'scenario price above 0',
    text: edit(GOOD, 'price: { startUsd: 0.25 }', 'price: { startUsd: 0 }'),
    line: 'bull:',
    path: 'scenarios.bull.price.startUsd',
    message: /expected a price above 0/,
    command: ['burn', '--scenario', 'bull'],
  },
  {
    rule: 'buyback goes with projection',
    text: drop(drop(GOOD, 'scenarios'), 'projection'),
    line: 'revenueShare:',
    path: 'buyback',
    message: /buyback goes with a projection section/,
    command: ['burn'],
  },
  {
    rule: 'projection goes with buyback',
    text: drop(GOOD, 'buyback'),
    line: 'start: 2026-05-01',
    path: 'projection',
    message: /projection goes with a buyback section/,
    command: ['burn'],
  },
  // quote (src/cli/quote.ts)
  {
    rule: 'fees.split adds up to 100%',
    text: edit(GOOD, 'nodes: 80%', 'nodes: 70%'),
    line: 'nodes: 70%',
    path: 'fees.split',
    message:
      /the split adds up to 90%; nodes \+ validators \+ treasury must add up to exactly 100%/,
    command: ['quote', '--gpu-hours', '10'],
  },
  {
    rule: 'fees.market.utilization at most 100%',
    text: edit(GOOD, 'utilization: 80%', 'utilization: 120%'),
    line: 'utilization: 120%',
    path: 'fees.market.utilization',
    message: /expected 0% to 100%; found 120%/,
    command: ['quote', '--gpu-hours', '10'],
  },
  {
    rule: 'fees.market.target at most 100%',
    text: edit(GOOD, 'target: 80%', 'target: 1.2'),
    line: 'target: 1.2',
    path: 'fees.market.target',
    message: /expected 0% to 100%; found 1.2/,
    command: ['quote', '--gpu-hours', '10'],
  },
  {
    rule: 'fees.defaultGpu is a known class',
    text: edit(GOOD, 'defaultGpu: H100', 'defaultGpu: H1000'),
    line: 'defaultGpu:',
    path: 'fees.defaultGpu',
    message:
      /unknown GPU "H1000" \(did you mean "H100"\?\); known: H100, H200, A100, L40S, RTX4090, MI300X/,
    command: ['quote', '--gpu-hours', '10'],
  },
  {
    rule: 'GPU classes differ other than in case',
    text: edit(GOOD, '    A100:', '    h100:'),
    line: '    h100:',
    path: 'fees.gpus.h100',
    message: /GPU class "h100" differs from "H100" only in case/,
    command: ['quote', '--gpu-hours', '10'],
  },
  {
    rule: 'token.priceUsd above 0',
    text: edit(GOOD, 'priceUsd: 0.10', 'priceUsd: 0'),
    line: 'priceUsd:',
    path: 'token.priceUsd',
    message: /expected a price above 0; found "0"/,
    command: ['quote', '--gpu-hours', '10'],
  },
  {
    rule: 'fees.defaultDuration in hours, days or weeks',
    text: edit(GOOD, 'defaultDuration: 48h', 'defaultDuration: 1mo'),
    line: 'defaultDuration:',
    path: 'fees.defaultDuration',
    message: /must be in hours, days or weeks/,
    command: ['quote', '--gpu-hours', '10'],
  },
  {
    rule: 'fees.defaultDuration above 0',
    text: edit(GOOD, 'defaultDuration: 48h', 'defaultDuration: 0h'),
    line: 'defaultDuration:',
    path: 'fees.defaultDuration',
    message: /expected a duration above 0; found "0h"/,
    command: ['quote', '--gpu-hours', '10'],
  },
  {
    rule: 'fees.mfu above 0',
    text: edit(GOOD, 'mfu: 40%', 'mfu: 0%'),
    line: 'mfu:',
    path: 'fees.mfu',
    message: /expected a share above 0; found "0%"/,
    command: ['quote', '--params', '7B', '--tokens', '1B'],
  },
  {
    rule: 'GPU TFLOPS above 0',
    text: edit(GOOD, 'tflops: 989.4,  pricePerHourUsd: 2.99', 'tflops: 0,  pricePerHourUsd: 2.99'),
    line: 'H100:',
    path: 'fees.gpus.H100.tflops',
    message: /expected a number above 0; found "0"/,
    command: ['quote', '--params', '7B', '--tokens', '1B'],
  },
  {
    rule: 'fees.maxTaskGpuHours above 0',
    text: edit(GOOD, 'maxTaskGpuHours: 100', 'maxTaskGpuHours: 0'),
    line: 'maxTaskGpuHours:',
    path: 'fees.maxTaskGpuHours',
    message: /expected a number above 0/,
    command: ['quote', '--gpu-hours', '10'],
  },
  {
    rule: 'a bare integer utilization is ambiguous',
    text: edit(GOOD, 'utilization: 80%', 'utilization: 1'),
    line: 'utilization: 1',
    path: 'fees.market.utilization',
    message: /found "1", which is ambiguous: 1% or 100%\?/,
    command: ['quote', '--gpu-hours', '10'],
  },
  // rewards (src/commands/rewards, src/inputs/nodes.ts)
  {
    rule: 'rewards.split adds up to 100%',
    text: edit(GOOD, '  # split: { nodes: 80%', '  split: { nodes: 85%'),
    line: '  split: { nodes: 85%',
    path: 'rewards.split',
    message: /the split adds up to 105%/,
    command: ['rewards'],
  },
  {
    rule: 'rewards falls back to fees.split, which must add up',
    text: edit(GOOD, 'treasury: 5%\n', 'treasury: 15%\n'),
    line: 'nodes: 80%',
    path: 'fees.split',
    message: /the split adds up to 110%/,
    command: ['rewards'],
  },
  {
    rule: 'rewards.emissionPerEpoch no finer than the decimals',
    text: edit(decimals0, 'emissionPerEpoch: 5_000_000', 'emissionPerEpoch: 5_000_000.5'),
    line: 'emissionPerEpoch:',
    path: 'rewards.emissionPerEpoch',
    message: /the amount has more than 0 decimal places/,
    command: ['rewards'],
  },
  {
    rule: 'rewards.epochFees no finer than the decimals',
    text: edit(decimals0, 'epochFees: 250_000', 'epochFees: 250_000.5'),
    line: 'epochFees:',
    path: 'rewards.epochFees',
    message: /the amount has more than 0 decimal places/,
    command: ['rewards'],
  },
  {
    rule: 'rewards.stakeMin no finer than the decimals',
    text: edit(decimals0, 'stakeMin: 10_000', 'stakeMin: 10_000.5'),
    line: 'stakeMin:',
    path: 'rewards.stakeMin',
    message: /the amount has more than 0 decimal places/,
    command: ['rewards'],
  },
  {
    rule: 'node ids are unique',
    text: edit(GOOD, 'id: node-b', 'id: node-a'),
    line: 'stake: 25_000',
    path: 'nodes[1].id',
    message: /duplicate id "node-a"/,
    command: ['rewards'],
  },
  {
    rule: 'a compute node has quality',
    text: edit(GOOD, 'quality: 98%, ', ''),
    line: 'id: node-a',
    path: 'nodes[0].quality',
    message: /a compute node needs quality/,
    command: ['rewards'],
  },
  {
    rule: 'a compute node has tasks',
    text: edit(GOOD, 'tasks: 80,  ', ''),
    line: 'id: node-b',
    path: 'nodes[1].tasks',
    message: /a compute node needs tasks/,
    command: ['rewards'],
  },
  {
    rule: 'node stakes no finer than the decimals',
    text: edit(decimals0, 'stake: 50_000,', 'stake: 50_000.5,'),
    line: 'id: node-a',
    path: 'nodes[0].stake',
    message: /stake has more than 0 decimal places/,
    command: ['rewards'],
  },
  {
    rule: 'a decimal comma is never read as thousands',
    text: edit(GOOD, 'epochFees: 250_000', 'epochFees: 250,5'),
    line: 'epochFees:',
    path: 'rewards.epochFees',
    message:
      /found "250,5": commas may only separate groups of three digits, like 1,000,000 \(for a decimal, write 250\.5\)/,
    command: ['rewards'],
  },
];

describe('validate rejects exactly what the commands reject', () => {
  test('the built-in file is valid (control)', () => {
    const r = cli(['validate', '-c', join(ROOT, 'configs/gensyn.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/valid — Gensyn \(AI\)/);
  });
  test.each(rules.map((r) => [r.rule, r] as const))('%s', (_name, r) => {
    const f = tmpFile('p.yaml', r.text);
    const where = new RegExp(
      `p\\.yaml:${lineOf(r.text, r.line)}:\\d+: ${r.path.replace(/[.[\]]/g, (c) => `\\${c}`)}: (?:.*)${r.message.source}`,
    );
    expectUserError(cli(['validate', f]), where);
    expectUserError(cli([...r.command, '-c', f]), where);
  });
  test('field problems too come all at once, in the order of the file', () => {
    let text = edit(GOOD, 'months: 60', 'months: 0');
    text = edit(text, 'tge: 2026-04-29', 'tge: 20260601');
    text = edit(text, 'mfu: 40%', 'mfu: 40');
    const r = cli(['validate', tmpFile('p.yaml', text)]);
    expectUserError(r, 'token.tge');
    expect(
      r.stderr
        .trim()
        .split('\n')
        .map((l) => /p\.yaml:(\d+):\d+: ([^:]+):/.exec(l)!.slice(1).join(' ')),
    ).toEqual([
      `${lineOf(text, 'tge:')} token.tge`,
      `${lineOf(text, 'mfu:')} fees.mfu`,
      `${lineOf(text, 'months: 0')} projection.months`,
    ]);
  });
  test('a valid file without the sections a command needs: validate says which, and the command stops', () => {
    const mini =
      'token: { name: Mini, symbol: MINI, totalSupply: 1_000, decimals: 2, tge: 2026-01-31, priceUsd: 0.5 }\nallocations:\n  - { name: Team, share: 100% }\n';
    const f = tmpFile('mini.yaml', mini);
    const r = cli(['validate', f]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(1)).toEqual([
      '  note: ai-econ quote needs a fees section (see ai-econ init)',
      '  note: ai-econ rewards needs a rewards section (see ai-econ init)',
      '  note: ai-econ burn needs buyback and projection sections (see ai-econ init)',
      '  note: ai-econ simulate needs economy, fees and buyback sections (see ai-econ init)',
      '',
    ]);
    expectUserError(cli(['quote', '--gpu-hours', '1', '-c', f]), /has no fees section/);
    expect(cli(['validate', join(ROOT, 'configs/gensyn.yaml')]).stdout).not.toContain('note:');
  });
  test('every problem at once, each with its line', () => {
    let text = edit(GOOD, 'burn: 70%', 'burn: 50%');
    text = edit(text, 'nodes: 80%', 'nodes: 70%');
    text = edit(text, 'id: node-b', 'id: node-a');
    const r = cli(['validate', tmpFile('p.yaml', text)]);
    expectUserError(r, 'buyback: burn + treasury + execution');
    expect(r.stderr).toMatch(
      new RegExp(`p\\.yaml:${lineOf(text, 'nodes: 70%')}:\\d+: fees\\.split: `),
    );
    expect(r.stderr).toMatch(
      new RegExp(`p\\.yaml:${lineOf(text, 'stake: 25_000')}:\\d+: nodes\\[1\\]\\.id: duplicate id`),
    );
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    // In the order of the file: fees, nodes, buyback.
    expect(lines.map((l) => /p\.yaml:\d+:\d+: ([^:]+):/.exec(l)![1])).toEqual([
      'fees.split',
      'nodes[1].id',
      'buyback',
    ]);
  });
});

describe('every problem in one run, cross-field rules too (issue 21.16)', () => {
  test('a split that does not add up, an unknown economy name, a pool too deep and a bad field', () => {
    let text = edit(GOOD, 'share: 40.40%', 'share: 40.30%');
    text = edit(text, 'from: Community Treasury    #', 'from: Comunity Treasury    #');
    text = edit(text, 'pool: { tokens: 100_000_000', 'pool: { tokens: 900_000_000');
    text = edit(text, 'mfu: 40%', 'mfu: 140%');
    const r = cli(['validate', tmpFile('p.yaml', text)]);
    expectUserError(r, 'allocations add up to 99.9%');
    expect(
      r.stderr
        .trim()
        .split('\n')
        .map((l) => /p\.yaml:\d+:\d+: ([^:]+):/.exec(l)![1]),
    ).toEqual(['allocations', 'fees.mfu', 'economy.emission.from', 'economy.market.pool.tokens']);
    expect(r.stderr).toContain(
      'the pool needs 900,000,000 tokens but Community Treasury has unlocked only 403,000,000',
    );
  });
  test('a section that does not parse is not also reported missing by the rules that pair it', () => {
    const text = edit(GOOD, 'months: 60\n  revenue', 'months: 0\n  revenue');
    const r = cli(['validate', tmpFile('p.yaml', text)]);
    expectUserError(r, 'projection.months');
    expect(r.stderr).not.toContain('goes with a projection');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  test('a vesting that cannot be made: the economy rules still run, without a false pool problem', () => {
    let text = edit(
      GOOD,
      'vesting: { atStart: 10%, linear: 48mo, every: month }',
      'vesting: { atStart: 10%, linear: 48mo, segments: [{ linear: 1mo }] }',
    );
    text = edit(text, 'treasury: Community Treasury  #', 'treasury: Nobody  #');
    const r = cli(['validate', tmpFile('p.yaml', text)]);
    expectUserError(r, 'use either linear or segments');
    expect(r.stderr).toContain('no category "Nobody"');
    expect(r.stderr).not.toContain('the pool needs');
  });
});

describe('horizons and reference prices (issue 21.15)', () => {
  test.each<[string, string[], string]>([
    [
      'projection past the calendar',
      ['--set', 'projection.start=9999-06-01'],
      'projection.months: 60 months from 9999-06 run past 9999-12-31',
    ],
    [
      'economy past the calendar',
      ['--set', 'economy.start=9999-06-01'],
      'economy.months: 60 months from 9999-06 run past 9999-12-31',
    ],
    [
      "a scenario's months past the calendar",
      ['--set', 'projection.start=9950-01-01', '--set', 'scenarios.bull.months=1200'],
      'option --set scenarios.bull.months=1200: 1200 months from 9950-01 run past',
    ],
    [
      'projection before the TGE',
      ['--set', 'projection.start=2026-03-31'],
      'option --set projection.start=2026-03-31: projection starts in 2026-03, before the token exists (token.tge 2026-04-29)',
    ],
    [
      'economy before the TGE',
      ['--set', 'economy.start=2026-01-01'],
      'economy starts in 2026-01, before the token exists',
    ],
  ])('%s: refused by validate and by the command', (_name, set, message) => {
    expectUserError(cli(['validate', ...set]), message);
    const command = _name.startsWith('economy') ? 'simulate' : 'burn';
    expectUserError(cli([command, ...set]), message);
  });
  test('in the file: the line of the field', () => {
    const text = edit(
      GOOD,
      'start: 2026-05-01             # month 1',
      'start: 9999-01-01             # month 1',
    );
    expectUserError(
      cli(['validate', tmpFile('p.yaml', text)]),
      new RegExp(
        `p\\.yaml:${lineOf(text, '  months: 60')}:\\d+: projection\\.months: 60 months from 9999-01`,
      ),
    );
  });
  test('the TGE month itself is a valid start', () => {
    expect(cli(['validate', '--set', 'projection.start=2026-04-01']).code).toBe(0);
  });
  test('token.priceUsd and projection.price.startUsd differ: validate warns, naming who uses which', () => {
    const r = cli(['validate', '--set', 'projection.price.startUsd=0.2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '  warning: token.priceUsd ($0.1) and projection.price.startUsd ($0.2) differ: quote converts USD to tokens at token.priceUsd, burn starts its price at projection.price.startUsd',
    );
    expect(cli(['validate']).stdout).not.toContain('warning');
  });
});
