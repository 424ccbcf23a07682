/** Issue 21: the library's options and overrides go through the same checks as the CLI's text. */
import { describe, expect, test } from '@jest/globals';
import {
  InputError,
  burn,
  cellNumber,
  cellText,
  loadParams,
  quote,
  rowsOf,
  simulate,
  unlockedAt,
  unlocks,
} from '../../src/index.js';

describe('21.12 an alias in set is an InputError naming the flag', () => {
  test('loadParams({ set: ["token=*a"] })', () => {
    expect(() => loadParams(undefined, { set: ['token=*a'] })).toThrow(InputError);
    expect(() => loadParams(undefined, { set: ['token=*a'] })).toThrow(
      /option --set token=\*a: the value has a YAML alias \*a/,
    );
  });
});

describe('21.19 typed options go through the same checks as text', () => {
  test.each<[string, () => Promise<unknown>, RegExp]>([
    [
      'quote gpuHours -1',
      () => quote(undefined, { gpuHours: -1 }),
      /^quote option gpuHours: expected GPU-hours like .*; found "-1"$/,
    ],
    [
      'quote gpuHours Infinity',
      () => quote(undefined, { gpuHours: Infinity }),
      /^quote option gpuHours: .*found "Infinity"$/,
    ],
    [
      'quote gpuHours -1/1',
      () => quote(undefined, { gpuHours: { n: -1n, d: 1n } }),
      /^quote option gpuHours: expected GPU-hours above 0; found -1$/,
    ],
    [
      'quote utilization 4/3',
      () => quote(undefined, { gpuHours: 5, utilization: { n: 4n, d: 3n } }),
      /^quote option utilization: expected a utilization from 0% to 100%; found 4\/3$/,
    ],
    [
      'burn growth NaN',
      () => burn(undefined, { growth: NaN }),
      /^burn option growth: .*found "NaN"$/,
    ],
    [
      'burn growth -3/2',
      () => burn(undefined, { growth: { n: -3n, d: 2n } }),
      /^burn option growth: expected a monthly growth rate above -100%; found -3\/2$/,
    ],
    [
      'burn runs 0',
      () => burn(undefined, { runs: 0 }),
      /^burn option runs: expected a number of runs of at least 1; found "0"$/,
    ],
    [
      'burn months 1.5',
      () => burn(undefined, { months: 1.5 }),
      /^burn option months: expected a number of months \(0, 1, 2, …\); found "1\.5"$/,
    ],
    [
      'unlocks to an invalid Date',
      () => unlocks(undefined, { to: new Date('x') as never }),
      /^unlocks option to: expected a date; found an invalid Date$/,
    ],
    [
      'unlockedAt a number',
      () => unlockedAt(undefined, 20270429 as never),
      /^unlocks option at: expected a date as YYYY-MM-DD .*found "20270429"$/,
    ],
    [
      'a switch given text',
      () => unlocks(undefined, { events: 'yes' as never }),
      /^unlocks option events: expected true or false; found "yes"$/,
    ],
    [
      'an object for a number',
      () => burn(undefined, { months: {} as never }),
      /^burn option months: expected .* as text; found an object$/,
    ],
  ])('%s', async (_name, run, message) => {
    const e = await run().then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toMatch(message);
  });
  test('numbers, fractions and Dates that are right are read exactly', async () => {
    const a = await quote(undefined, { gpuHours: 0.1 });
    const b = await quote(undefined, { gpuHours: { n: 1n, d: 10n } });
    const c = await quote(undefined, { gpuHours: '0.1' });
    expect(JSON.stringify(a.tables[0]!.rows, big)).toBe(JSON.stringify(c.tables[0]!.rows, big));
    expect(JSON.stringify(b.tables[0]!.rows, big)).toBe(JSON.stringify(c.tables[0]!.rows, big));
    const d = await unlocks(undefined, { to: new Date('2027-01-01T10:00:00Z') as never });
    expect(d.params.to).toBe('2027-01-01');
  });
});

const big = (_k: string, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v);

describe('21.19 plain values of typed cells: cellText and cellNumber', () => {
  test('the risks table reads as its csv does', async () => {
    const r = await simulate();
    const risks = r.tables.find((t) => t.name === 'risks')!;
    const rows = await rowsOf(risks);
    const byMetric = new Map(rows.map((x) => [String(x.metric), x]));
    expect(cellText(r, risks, byMetric.get('emission_runs_out')!, 'value')).toBe('never');
    expect(cellNumber(r, risks, byMetric.get('emission_runs_out')!, 'value')).toBeNull();
    expect(cellText(r, risks, byMetric.get('months_nodes_unprofitable')!, 'value')).toBe('3');
    const dep = byMetric.get('reward_dependence_pct')!;
    expect(cellText(r, risks, dep, 'value')).toMatch(/^\d+\.\d{8}$/);
    expect(cellNumber(r, risks, dep, 'value')).toBe(Number(cellText(r, risks, dep, 'value')));
    expect(() => cellText(r, risks, dep, 'valu')).toThrow(
      /no column "valu" \(did you mean "value"\?\)/,
    );
  });
});
