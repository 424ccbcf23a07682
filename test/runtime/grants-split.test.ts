/**
 * Cutting a grants file in two (src/runtime/grants-split.ts): reading the two parts one after the other gives
 * exactly the rows of reading it whole — grants, row numbers and line numbers — for files with
 * CRLF or LF, a BOM, blank lines and padded cells; a file that could hold a quoted line break
 * before the middle is not cut.
 */
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findSplit } from '../../src/runtime/grants-split.js';
import { readGrants, type GrantsRange } from '../../src/inputs/grants.js';
import { loadModel } from '../../src/params/builtin.js';

const dir = mkdtempSync(join(tmpdir(), 'ai-econ-split-test-'));
let n = 0;
const write = (text: string): string => {
  const f = join(dir, `g${n++}.csv`);
  writeFileSync(f, text);
  return f;
};
async function rows(file: string, range?: GrantsRange) {
  const m = await loadModel();
  const out = [];
  for await (const g of readGrants(file, m, range))
    out.push({ row: g.row, line: g.line, grant: g.grant, unlocks: g.unlocks.length });
  return out;
}

const cell = fc.constantFrom('', ' ', '  ');
const grantLine = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.constantFrom('Team', 'investors', 'Community Sale'),
    fc.integer({ min: 1, max: 10 ** 9 }),
    cell,
    fc.constantFrom('', '6mo', '12mo'),
  )
  .map(([i, c, a, pad, cliff]) => `${pad}b${i}${pad},${c},${a},,${cliff},,,`);
const file = fc.record({
  lines: fc.array(
    fc.oneof(
      { weight: 6, arbitrary: grantLine },
      { weight: 1, arbitrary: fc.constantFrom('', '   ') },
    ),
    { minLength: 1, maxLength: 40 },
  ),
  eol: fc.constantFrom('\n', '\r\n'),
  bom: fc.boolean(),
  last: fc.boolean(),
});

describe('findSplit', () => {
  test('the two parts read one after the other are the whole file, row and line numbers included', async () => {
    let cut = 0;
    await fc.assert(
      fc.asyncProperty(file, async ({ lines, eol, bom, last }) => {
        const text =
          (bom ? '\ufeff' : '') +
          ['beneficiary,category,amount,start,cliff,at_cliff,linear,every', ...lines].join(eol) +
          (last ? eol : '');
        const f = write(text);
        const whole = await rows(f);
        const s = findSplit(f);
        const bytes = readFileSync(f);
        if (!s) {
          // Not cut only when the header reaches the middle or no line break but a last one follows it.
          const mid = Math.floor(bytes.length / 2);
          const next = bytes.indexOf(0x0a, mid);
          expect(bytes.indexOf(0x0a) >= mid || next === -1 || next === bytes.length - 1).toBe(true);
          return;
        }
        expect(bytes[s.start - 1]).toBe(0x0a);
        expect(s.start).toBeGreaterThan(bytes.length / 2);
        expect(s.line0).toBe(bytes.subarray(0, s.start).toString('latin1').split('\n').length - 1);
        const first = await rows(f, { start: 0, end: s.start });
        const second = await rows(f, {
          start: s.start,
          columns: s.columns,
          line0: s.line0,
          row0: first.length,
        });
        expect([...first, ...second]).toEqual(whole);
        cut++;
      }),
      { numRuns: 60 },
    );
    expect(cut).toBeGreaterThan(30); // most files are cut: the property is about cut files
  });
  test('mixed line breaks (CRLF, LF, a lone CR in a cell): the two parts read the same rows, lines and errors as the whole', async () => {
    // The second part's reader used to guess its own line break from its first line (a lone CR
    // there made it the line break), and a lone CR before the cut, a line to csv-parse, was not counted.
    const outcome = async (f: () => Promise<unknown[]>) => {
      try {
        return await f();
      } catch (e) {
        return (e as Error).message;
      }
    };
    const eol = fc.constantFrom('\n', '\r\n');
    // Mostly the header's line break, sometimes the other one or a lone CR in a cell.
    const line = fc.tuple(
      fc.integer({ min: 0, max: 999 }),
      fc.constantFrom('', '', '', '', '', '', '\r'),
      fc.constantFrom(true, true, true, true, true, true, false),
    );
    let cut = 0;
    await fc.assert(
      fc.asyncProperty(
        eol,
        fc.array(line, { minLength: 2, maxLength: 30 }),
        async (headEol, lines) => {
          const body = lines.map(
            ([i, cr, same]) =>
              `b${cr}${i},Team,${i + 1},,,,,${same === (headEol === '\n') ? '\n' : '\r\n'}`,
          );
          const f = write(
            'beneficiary,category,amount,start,cliff,at_cliff,linear,every' +
              headEol +
              body.join(''),
          );
          const s = findSplit(f);
          if (!s) return;
          cut++;
          const whole = await outcome(() => rows(f));
          const parts = await outcome(async () => {
            const first = await rows(f, { start: 0, end: s.start });
            return [...first, ...(await rows(f, { ...s, row0: first.length }))];
          });
          expect(parts).toEqual(whole);
        },
      ),
      { numRuns: 150 },
    );
    expect(cut).toBeGreaterThan(20);
  });
  test('a quote before the middle: not cut; after it: cut', () => {
    const body = Array.from({ length: 20 }, (_, i) => `b${i},Team,10,,,,,`);
    const quotedEarly = body.map((l, i) => (i === 2 ? `"b, 2",Team,10,,,,,` : l));
    const quotedLate = body.map((l, i) => (i === 18 ? `"b, 18",Team,10,,,,,` : l));
    const head = 'beneficiary,category,amount,start,cliff,at_cliff,linear,every\n';
    expect(findSplit(write(head + quotedEarly.join('\n') + '\n'))).toBeUndefined();
    expect(findSplit(write(head + quotedLate.join('\n') + '\n'))).toMatchObject({
      columns: [
        'beneficiary',
        'category',
        'amount',
        'start',
        'cliff',
        'at_cliff',
        'linear',
        'every',
      ],
    });
  });
  test('smaller than `least`, a lone CR as line break, a bad header: not cut', () => {
    const text = 'beneficiary,category,amount\n' + 'b,Team,10\n'.repeat(50);
    expect(findSplit(write(text), text.length + 1)).toBeUndefined();
    expect(findSplit(write(text), text.length)).toBeDefined();
    expect(findSplit(write(text.replace(/\n/g, '\r')))).toBeUndefined();
    expect(findSplit(write(text.replace('category', 'categroy')))).toBeUndefined();
  });
});
