/** A report can be rendered and read again and again (issue 21.6). */
import { describe, expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { burn, render, rowsOf, simulate, unlocks, type Format } from '../../src/index.js';
import { tmp } from '../cli/run.js';

const FORMATS: Format[] = ['table', 'csv', 'json', 'md'];

describe('every table reads the same the second time', () => {
  test.each([
    ['simulate', () => simulate()],
    ['simulate runs', () => simulate(undefined, { runs: 20, months: 6 })],
    ['burn runs', () => burn(undefined, { runs: 20, months: 6 })],
    ['unlocks', () => unlocks()],
  ])('%s: render twice, same text; rowsOf twice, same rows', async (_name, build) => {
    const report = await build();
    for (const t of report.tables) {
      const first = await rowsOf(t);
      expect(first.length).toBeGreaterThan(0);
      expect(await rowsOf(t)).toEqual(first);
    }
    for (const f of FORMATS) {
      const once = await render(report, f);
      expect(await render(report, f)).toBe(once);
      for (const t of report.tables)
        expect(await render(report, f, { table: t.name })).toBe(
          await render(report, f, { table: t.name }),
        );
    }
    // The tables nobody asked for yet are there when asked for after a render.
    const json = JSON.parse(await render(report, 'json'));
    for (const t of json.tables) expect(t.rows.length).toBeGreaterThan(0);
  });

  test('simulate: ledger and risks after a csv of the main table', async () => {
    const fresh = (await simulate()).tables.find((t) => t.name === 'risks')!;
    const metrics = (await rowsOf(fresh)).map((row) => row.metric);
    expect(metrics.length).toBeGreaterThan(10);
    const r = await simulate();
    await render(r, 'csv');
    const risks = r.tables.find((t) => t.name === 'risks')!;
    expect((await rowsOf(risks)).map((row) => row.metric)).toEqual(metrics);
    expect(await render(r, 'csv', { table: 'ledger' })).toBe(
      await render(r, 'csv', { table: 'ledger' }),
    );
  });

  test('a table streamed from a grants file: a second read is an error, never an empty table', async () => {
    const file = join(tmp(), 'g.csv');
    writeFileSync(file, 'beneficiary,category,amount\nalice,Team,1000\n');
    const r = await unlocks(undefined, { grants: file });
    const text = await render(r, 'csv');
    expect(text.split('\n').length).toBeGreaterThan(2);
    await expect(render(r, 'csv')).rejects.toThrow(
      'table grants streams its rows and has been read already: build the report again',
    );
  });
});

describe('cells as plain data (cellValue, cellText)', () => {
  test('simulate risks: typed values as json and csv have them', async () => {
    const { cellValue, cellText } = await import('../../src/index.js');
    const r = await simulate();
    const risks = r.tables.find((t) => t.name === 'risks')!;
    const json = JSON.parse(await render(r, 'json', { table: 'risks' })).tables[0].rows;
    const rows = await rowsOf(risks);
    rows.forEach((row, i) => {
      expect(cellValue(r, risks, row, 'value')).toEqual(json[i].value);
    });
    const csv = (await render(r, 'csv', { table: 'risks' })).trim().split('\n').slice(1);
    expect(cellText(r, risks, rows[0]!, 'value')).toBe(csv[0]!.split(',')[1]);
  });
});
