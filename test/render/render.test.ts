import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  compactNumber,
  compactText,
  displayText,
  exactText,
  jsonValue,
} from '../../src/core/cells.js';
import { parseAmount } from '../../src/core/units.js';
import { neutralise, renderCsv } from '../../src/render/csv.js';
import { renderJson } from '../../src/render/json.js';
import { renderMd } from '../../src/render/md.js';
import { rat, toNumber } from '../../src/core/rational.js';
import { col, type Report } from '../../src/core/table.js';
import type { Sink } from '../../src/runtime/output.js';

const memory = (): Sink & { text: string } => {
  const s = {
    text: '',
    isTTY: false,
    write: (c: string) => void (s.text += c),
    close: async () => {},
    abort: async () => {},
  };
  return s;
};
const E18 = 10n ** 18n;

describe('cells', () => {
  test('tokens: exact in csv/json, rounded for display', () => {
    const c = col('x', 'token');
    expect(exactText(92_645_833_333333333333333333n, c, 18)).toBe('92645833.333333333333333333');
    expect(jsonValue(5n * E18, c, 18)).toBe('5');
    expect(displayText(1_234_567_891n * 10n ** 16n, c, 18)).toBe('12,345,678.91');
    expect(displayText(1_234_567_891n * 10n ** 16n, col('x', 'token', 0), 18)).toBe('12,345,679');
  });
  test('percents are fractions of one printed as percents', () => {
    expect(exactText(rat(101n, 250n), col('p', 'pct'), 18)).toBe('40.4');
    expect(exactText(rat(1n, 3n), col('p', 'pct'), 18)).toBe('33.33333333');
    expect(displayText(rat(1n, 3n), col('p', 'pct'), 18)).toBe('33.33%');
    expect(displayText(0.5, col('p', 'pct'), 18)).toBe('50.00%');
  });
  test('usd: cents in table view, full precision in csv/json', () => {
    expect(displayText(rat(123456789n, 1000n), col('u', 'usd'), 18)).toBe('$123,456.79');
    expect(exactText(rat(123456789n, 1000n), col('u', 'usd'), 18)).toBe('123456.789');
    expect(displayText(rat(-5n, 2n), col('u', 'usd'), 18)).toBe('-$2.50');
  });
  test('a floating-point percent is the same percent in json, csv and the table view (issue 21.4)', () => {
    const p = col('p', 'pct', 2);
    for (const x of [0.00187828, 0.437, 0.07, 1, 0, -0.955, 0.5, 0.123456789]) {
      const fromJson = jsonValue(x, p, 18);
      expect(typeof fromJson).toBe('number');
      // csv rounds to 6 decimals; json keeps the double's digits, as 100 × the fraction.
      expect(Number(exactText(x, p, 18))).toBeCloseTo(fromJson as number, 6);
      expect(displayText(x, p, 18)).toBe(`${(fromJson as number).toFixed(2)}%`);
    }
    expect(jsonValue(0.00187828, p, 18)).toBe(0.187828);
    expect(jsonValue(0.07, p, 18)).toBe(7); // not 7.000000000000001
    expect(jsonValue({ as: 'pct', v: 0.25 }, col('value', 'number'), 18)).toBe(25);
    // Exact percents were already percents (decimal strings).
    expect(jsonValue(rat(1n, 4n), p, 18)).toBe('25');
  });
  test("usd: at least 3 significant digits below $100, the column's decimals otherwise (issue 21.5)", () => {
    const p4 = col('p', 'usd', 4);
    expect(displayText(0.0696123, p4, 18)).toBe('$0.0696');
    expect(displayText(0.00123456, p4, 18)).toBe('$0.00123');
    expect(displayText(0.1, p4, 18)).toBe('$0.1000'); // the column's 4 decimals stay
    expect(displayText(rat(123n, 1_000_000n), p4, 18)).toBe('$0.000123');
    expect(displayText(0.07, col('u', 'usd'), 18)).toBe('$0.07');
    expect(displayText(0.0004999, col('u', 'usd'), 18)).toBe('$0.0005');
    expect(displayText(1.5, col('r', 'usd', 0), 18)).toBe('$1.5');
    expect(displayText(4_485_000.4, col('r', 'usd', 0), 18)).toBe('$4,485,000');
    expect(displayText(rat(-7n, 100_000n), col('u', 'usd'), 18)).toBe('-$0.00007');
    expect(displayText(0, p4, 18)).toBe('$0.0000');
    // Any amount from 10⁻⁸ (10 decimals at most) keeps its first 3 significant digits.
    fc.assert(
      fc.property(fc.double({ min: 1e-8, max: 99, noNaN: true }), (x) => {
        const shown = Number(displayText(x, col('u', 'usd'), 18).replace(/[$,]/g, ''));
        expect(Math.abs(shown - x) / x).toBeLessThanOrEqual(0.00501);
      }),
    );
  });
  test('compact numbers: 3 significant digits and the suffixes the flags read (issue 21.21)', () => {
    expect(compactNumber(1_449_083_333)).toBe('1.45B');
    expect(compactNumber(75_750_000)).toBe('75.8M');
    expect(compactNumber(10e9)).toBe('10B');
    expect(compactNumber(999_500)).toBe('1M');
    expect(compactNumber(999_400)).toBe('999k');
    expect(compactNumber(1.5e15)).toBe('1,500T');
    const t = col('t', 'token', 0);
    expect(compactText(1_449_083_333n * E18, t, 18)).toBe('1.45B');
    expect(compactText(999n * E18, t, 18)).toBe('999');
    expect(compactText(-4_485_000, col('u', 'usd'), 18)).toBe('-$4.49M');
    expect(compactText(rat(1n, 3n), col('p', 'pct'), 18)).toBe('33.33%');
    // The compact text reads back, through the amount parser, within half its last digit.
    fc.assert(
      fc.property(fc.double({ min: 1000, max: 1e14, noNaN: true }), (x) => {
        const text = compactNumber(x);
        const back = toNumber(parseAmount(text.replace(/,/g, '')));
        expect(Math.abs(back - x) / x).toBeLessThanOrEqual(0.00501);
      }),
    );
  });
  test('counts and statistics are JSON numbers; empty cells null', () => {
    expect(jsonValue(42, col('n', 'int'), 18)).toBe(42);
    expect(jsonValue(0.25, col('f', 'float'), 18)).toBe(0.25);
    expect(jsonValue(null, col('f', 'token'), 18)).toBeNull();
    expect(displayText(1234567n, col('n', 'int'), 18)).toBe('1,234,567');
  });
});

describe('csv', () => {
  test('formula triggers are neutralised unless the cell is a number', () => {
    expect(neutralise('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(neutralise('+cmd')).toBe("'+cmd");
    expect(neutralise('@x')).toBe("'@x");
    expect(neutralise('\tx')).toBe("'\tx");
    expect(neutralise('-5')).toBe('-5');
    expect(neutralise('-1.5e3')).toBe('-1.5e3');
    expect(neutralise('plain')).toBe('plain');
  });
  test('quoting by csv-stringify, header of keys, totals last', async () => {
    const report: Report = {
      command: 't',
      params: {},
      decimals: 0,
      tables: [
        {
          name: 'main',
          columns: [col('name'), col('amount', 'token')],
          rows: [
            { name: 'a, "b"', amount: 5n },
            { name: 'line\nbreak', amount: 1n },
          ],
          totals: { name: 'total', amount: 6n },
        },
      ],
    };
    const s = memory();
    await renderCsv(report, report.tables[0]!, s, { totals: true });
    expect(s.text).toBe('name,amount\n"a, ""b""",5\n"line\nbreak",1\ntotal,6\n');
    const tidy = memory();
    await renderCsv(report, report.tables[0]!, tidy);
    expect(tidy.text).toBe('name,amount\n"a, ""b""",5\n"line\nbreak",1\n');
  });
  test('property: every row parses back to its cells', async () => {
    const { parse } = await import('csv-parse/sync');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.string(), fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n })), {
          maxLength: 20,
        }),
        async (rows) => {
          const report: Report = {
            command: 't',
            params: {},
            decimals: 2,
            tables: [
              {
                name: 'm',
                columns: [col('s'), col('t', 'token')],
                rows: rows.map(([s, t]) => ({ s, t })),
              },
            ],
          };
          const sink = memory();
          await renderCsv(report, report.tables[0]!, sink);
          const back = parse(sink.text, { relax_column_count: false }) as string[][];
          expect(back.length).toBe(rows.length + 1);
          back.slice(1).forEach((r, i) => {
            expect(r[0]).toBe(neutralise(rows[i]![0]));
          });
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('csv lines', () => {
  test('property: a line is what csv-stringify writes for its neutralised cells, also when a cell or an amount repeats a row before', async () => {
    const { stringify } = await import('csv-stringify/sync');
    const text = fc.constantFrom('a', 'a,b', '=x', 'q"', '', '-5', 'line\nbreak');
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            text,
            text,
            fc.oneof(
              fc.constantFrom(5n, 7n, -3n, 0n, 10n ** 20n + 1n),
              fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }),
            ),
          ),
          { minLength: 1, maxLength: 30 },
        ),
        async (rows) => {
          const report: Report = {
            command: 't',
            params: {},
            decimals: 2,
            tables: [
              {
                name: 'm',
                columns: [col('a'), col('b'), col('t', 'token')],
                rows: rows.map(([a, b, t]) => ({ a, b, t })),
              },
            ],
          };
          const sink = memory();
          await renderCsv(report, report.tables[0]!, sink);
          const want =
            'a,b,t\n' +
            rows
              .map(([a, b, t]) =>
                stringify([[neutralise(a), neutralise(b), exactText(t, col('t', 'token'), 2)]]),
              )
              .join('');
          expect(sink.text).toBe(want);
        },
      ),
      { numRuns: 200 },
    );
  });
  test('a repeated cell that needs quotes is quoted on every row', async () => {
    const report: Report = {
      command: 't',
      params: {},
      decimals: 0,
      tables: [
        {
          name: 'm',
          columns: [col('who'), col('n', 'int')],
          rows: [
            { who: 'Smith, J', n: 1 },
            { who: 'Smith, J', n: 2 },
            { who: '=cmd', n: 3 },
            { who: '=cmd', n: 4 },
          ],
        },
      ],
    };
    const s = memory();
    await renderCsv(report, report.tables[0]!, s);
    expect(s.text).toBe('who,n\n"Smith, J",1\n"Smith, J",2\n\'=cmd,3\n\'=cmd,4\n');
  });
});

describe('json and md', () => {
  const report: Report = {
    command: 'demo',
    params: { big: 10n },
    decimals: 18,
    tables: [
      {
        name: 'a',
        columns: [col('k'), col('v', 'token')],
        rows: [{ k: 'x|y', v: E18 }],
        totals: { k: 'total', v: E18 },
        notes: ['note'],
      },
      { name: 'b', title: 'B', columns: [col('n', 'int')], rows: [] },
    ],
  };
  test('json carries every table, bigints as strings', async () => {
    const s = memory();
    await renderJson(report, s);
    expect(JSON.parse(s.text)).toEqual({
      command: 'demo',
      params: { big: '10' },
      tables: [
        {
          name: 'a',
          columns: ['k', 'v'],
          rows: [{ k: 'x|y', v: '1' }],
          totals: { k: 'total', v: '1' },
          notes: ['note'],
        },
        { name: 'b', title: 'B', columns: ['n'], rows: [] },
      ],
    });
  });
  test('md escapes pipes, bolds totals, right-aligns numbers', async () => {
    const s = memory();
    await renderMd(report, s);
    expect(s.text).toContain(
      '| k | v |\n| --- | ---: |\n| x\\|y | 1.00 |\n| **total** | **1.00** |\n\n- note\n',
    );
    expect(s.text).toContain('### B');
  });
});
