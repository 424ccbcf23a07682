/** The library entry (src/index.ts) in-process: the same engines and text as the CLI, typed. */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { addOffset } from '../../src/core/date.js';
import {
  loadParams,
  unlocks,
  unlockEvents,
  unlockedAt,
  quote,
  rewards,
  burn,
  allocation,
  render,
  rowsOf,
  parse,
  ParamsError,
  InputError,
} from '../../src/index.js';
import { cli } from '../cli/run.js';

const E18 = 10n ** 18n;
const MINI = `token:
  name: Mini
  symbol: MINI
  decimals: 2
  totalSupply: 1000
  tge: 2026-01-31
  priceUsd: 0.5
allocations:
  - name: Team
    share: 60%
    vesting: { cliff: 1mo, linear: 2mo }
  - name: Sale
    share: 40%
`;

describe('engines on the built-in parameters', () => {
  test('unlocks: everything unlocks by 2030-04-29, exactly 10,000,000,000 tokens in base units', async () => {
    const r = await unlocks();
    expect(r.command).toBe('unlocks');
    expect(r.decimals).toBe(18);
    const rows = r.tables[0]!.rows as Record<string, unknown>[];
    expect(rows).toHaveLength(49);
    expect(rows[0]).toMatchObject({ date: '2026-04-29', total: 804_000_000n * E18 });
    expect(rows[48]).toMatchObject({ date: '2030-04-29', cumulative: 10_000_000_000n * E18 });
  });
  test('unlockedAt: 3,178,000,000 unlocked on the cliff date, the rest locked', async () => {
    const r = await unlockedAt(undefined, '2027-04-29');
    expect(r.tables[0]!.name).toBe('at');
    expect(r.tables[0]!.totals).toMatchObject({
      unlocked: 3_178_000_000n * E18,
      locked: 6_822_000_000n * E18,
    });
  });
  test('unlockEvents: one row per discrete unlock (Team: the cliff, then monthly)', async () => {
    const r = await unlockEvents(undefined, { category: ['Team'] });
    const rows = r.tables[0]!.rows as Record<string, unknown>[];
    // Team: 25% at the 12-month cliff, then 36 monthly steps.
    expect(rows[0]).toMatchObject({
      date: '2027-04-29',
      category: 'Team',
      amount: 625_000_000n * E18,
    });
    expect(rows).toHaveLength(37);
  });
  test('options as text (like the CLI) or typed values give the same report', async () => {
    const a = await quote(undefined, { gpuHours: '1000', gpu: 'a100', utilization: '95%' });
    const b = await quote(undefined, {
      gpuHours: parse.quantity('1000'),
      gpu: 'a100',
      utilization: { n: 19n, d: 20n },
    });
    expect(await render(b, 'csv')).toBe(await render(a, 'csv'));
    expect(a.params).toMatchObject({
      config: 'built-in configs/gensyn.yaml',
      gpu_hours: '1000',
      gpu: 'a100',
      utilization: '95%',
    });
    expect(b.params).toMatchObject({ gpu_hours: '1000', utilization: '19/20' });
  });
  test('a typed rational option need not be reduced (3/3, -5/-5 tokens, 10/100 USD): the same report as its text', async () => {
    // add/mul/div take reduced fractions (src/core/rational.ts): a caller's { n, d } is reduced where it comes in.
    const text = await render(await rewards(undefined, { fees: '1', emission: '0' }), 'csv');
    expect(
      await render(
        await rewards(undefined, { fees: { n: 3n, d: 3n }, emission: { n: 0n, d: 7n } }),
        'csv',
      ),
    ).toBe(text);
    expect(
      await render(await rewards(undefined, { fees: { n: -5n, d: -5n }, emission: '0' }), 'csv'),
    ).toBe(text);
    const a = await burn(undefined, {
      months: '3',
      revenue: '1000000',
      growth: '3%',
      price: '0.1',
    });
    const b = await burn(undefined, {
      months: '3',
      revenue: { n: 2_000_000n, d: 2n },
      growth: { n: 6n, d: 200n },
      price: { n: 10n, d: 100n },
    });
    expect(b.tables).toEqual(a.tables);
    await expect(rewards(undefined, { fees: { n: 1n, d: 0n } })).rejects.toThrow(
      /rewards option fees: .*denominator/,
    );
  });
  test('allocation, rewards and burn run', async () => {
    expect((await allocation()).tables[0]!.rows).toHaveLength(5);
    expect((await rewards(undefined, { fees: '1000', emission: '0' })).command).toBe('rewards');
    expect((await burn(undefined, { months: '3' })).tables[0]!.name).toBe('months');
  });
});

describe('the views agree with each other (property)', () => {
  test('on any date: unlocked + locked = the supply, and unlocked = the events up to that date', async () => {
    const model = loadParams();
    const events = await rowsOf((await unlockEvents(model)).tables[0]!);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -40, max: 60 * 31 }), async (days) => {
        const at = addOffset(model.tge, 0, days);
        const totals = (await unlockedAt(model, at)).tables[0]!.totals!;
        expect((totals.unlocked as bigint) + (totals.locked as bigint)).toBe(model.supply);
        expect(totals.unlocked).toBe(
          events
            .filter((e) => (e.date as string) <= at)
            .reduce((a, e) => a + (e.amount as bigint), 0n),
        );
      }),
      { numRuns: 60 },
    );
  });
});

describe('render returns the text the CLI prints', () => {
  test.each([
    ['csv', ['unlocks', '-f', 'csv'], {}],
    ['md', ['unlocks', '-f', 'md', '--every', 'year'], { every: 'year' as const }],
    [
      'json',
      ['unlocks', '-f', 'json', '--every', 'quarter', '--category', 'Team'],
      { every: 'quarter' as const, category: ['Team'] },
    ],
    ['table', ['unlocks', '--to', '2026-06-29'], { to: '2026-06-29' }],
  ] as const)('%s', async (format, args, options) => {
    const r = cli([...args]);
    expect(r.code).toBe(0);
    expect(await render(await unlocks(undefined, options), format)).toBe(r.stdout);
  });
  test('burn json with a --set override, and csv --totals', async () => {
    const m = loadParams(undefined, { set: ['projection.months=3'] });
    const r = cli(['burn', '-f', 'json', '--set', 'projection.months=3', '--growth', '5%']);
    expect(await render(await burn(m, { growth: '5%' }), 'json')).toBe(r.stdout);
    expect(
      await render(await unlocks(undefined, { events: true }), 'csv', {
        totals: true,
        columns: ['date', 'amount'],
      }),
    ).toBe(
      cli(['unlocks', '-f', 'csv', '--events', '--totals', '--columns', 'date,amount']).stdout,
    );
    // A table without a totals row: refused, as by the CLI (issue 21.25).
    await expect(
      render(await unlocks(undefined, { every: 'year' }), 'csv', { totals: true }),
    ).rejects.toThrow('option --totals: table periods of unlocks has no totals row');
  });
  test('an unknown format is an InputError with a suggestion', async () => {
    await expect(render(await allocation(), 'cvs' as never)).rejects.toThrow(
      'render: unknown format "cvs" (did you mean "csv"?); expected one of table, csv, json, md',
    );
  });
});

describe('loadParams and ParamsError', () => {
  test('YAML text: a model in base units', async () => {
    const m = loadParams(MINI, { file: 'mini.yaml' });
    expect(m.supply).toBe(100_000n);
    expect(m.categories.map((c) => c.allocation)).toEqual([60_000n, 40_000n]);
    const r = await unlocks(m, { every: 'month' });
    expect(r.tables[0]!.title).toContain('mini.yaml');
    expect((r.tables[0]!.rows as Record<string, unknown>[]).map((x) => x.cumulative)).toEqual([
      40_000n,
      40_000n,
      70_000n,
      100_000n,
    ]);
  });
  test('every problem as data: path, line, column, message; the message as the CLI prints it', () => {
    const bad = MINI.replace('decimals: 2', 'decimals: two').replace('cliff: 1mo', 'clif: 1mo');
    let err: unknown;
    try {
      loadParams(bad, { file: 'bad.yaml' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParamsError);
    expect(err).toBeInstanceOf(InputError);
    const problems = (err as ParamsError).problems;
    expect(problems).toEqual([
      expect.objectContaining({ path: ['token', 'decimals'], file: 'bad.yaml', line: 4, col: 13 }),
      expect.objectContaining({
        path: ['allocations', 0, 'vesting', 'clif'],
        file: 'bad.yaml',
        line: 11,
        col: 16,
        message: 'unknown key "clif" (did you mean "cliff"?)',
      }),
    ]);
    expect((err as Error).message.split('\n')[1]).toBe(
      'bad.yaml:11:16: allocations[0].vesting.clif: unknown key "clif" (did you mean "cliff"?)',
    );
  });
  test('YAML syntax errors and --set problems are ParamsErrors too', () => {
    const syntax = (() => {
      try {
        loadParams('token: [1,\n', { file: 'x.yaml' });
      } catch (e) {
        return e as ParamsError;
      }
    })();
    expect(syntax?.problems[0]).toMatchObject({
      path: [],
      file: 'x.yaml',
      line: 2,
      message: expect.stringMatching(/^invalid YAML/),
    });
    const set = (() => {
      try {
        loadParams(undefined, { set: ['token.decimals=two'] });
      } catch (e) {
        return e as ParamsError;
      }
    })();
    expect(set).toBeInstanceOf(ParamsError);
    expect(set?.problems).toEqual([
      {
        path: ['token', 'decimals'],
        file: 'built-in configs/gensyn.yaml',
        flag: 'option --set token.decimals=two',
        message: expect.any(String),
      },
    ]);
    expect(set?.message).toMatch(/^option --set token\.decimals=two: /);
    const path = (() => {
      try {
        loadParams(undefined, { set: ['projection.monts=3'] });
      } catch (e) {
        return e as ParamsError;
      }
    })();
    expect(path?.problems[0]).toMatchObject({
      path: ['projection', 'monts'],
      flag: 'option --set projection.monts=3',
      message: expect.stringContaining('did you mean "months"'),
    });
  });
  test('every rule is checked at load: a bad --set value is a ParamsError located at the flag that set it', () => {
    const bad = (() => {
      try {
        loadParams(undefined, { set: ['projection.months=0'] });
      } catch (e) {
        return e as ParamsError;
      }
    })();
    expect(bad).toBeInstanceOf(ParamsError);
    expect(bad?.problems).toMatchObject([
      {
        path: ['projection', 'months'],
        flag: 'option --set projection.months=0',
        message: 'expected at least 1 month; found 0',
      },
    ]);
  });
  test('bad option values and names are InputErrors naming the option', async () => {
    await expect(unlocks(undefined, { at: '2027-13-01' })).rejects.toThrow(/^unlocks option at: /);
    await expect(unlocks(undefined, { evry: 'year' } as never)).rejects.toThrow(
      'unlocks: no option "evry" (did you mean "every"?)',
    );
  });
});
