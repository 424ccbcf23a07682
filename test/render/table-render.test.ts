import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import Table3 from 'cli-table3';
import { drawGrid } from '../../src/render/table.js';

/** Sizes around a cli-table3 slice of 16 rows (the grid was once drawn in slices). */
const GRID_ROWS = 16;

type Align = 'left' | 'right';

/** The grid drawn whole by cli-table3, the way table.ts drew it before it drew slices. */
const whole = (head: string[], body: string[][], colAligns: Align[]): string => {
  const g = new Table3({
    head,
    colAligns,
    style: { head: [], border: [], compact: true },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  g.push(...body);
  return g.toString();
};

describe('drawGrid: a table drawn row by row is the grid cli-table3 draws whole', () => {
  const head = ['month', 'amount', 'note'];
  const aligns: Align[] = ['left', 'right', 'left'];
  const row = (i: number) => [
    `2026-${String((i % 12) + 1).padStart(2, '0')}`,
    (i * 1234.5).toFixed(2),
    i % 3 ? 'x' : 'a longer note',
  ];
  test('a 3-row table, exactly', () => {
    expect(drawGrid(head, [row(0), row(1), row(2)], aligns)).toBe(
      [
        '┌─────────┬─────────┬───────────────┐',
        '│ month   │  amount │ note          │',
        '│ 2026-01 │    0.00 │ a longer note │',
        '│ 2026-02 │ 1234.50 │ x             │',
        '│ 2026-03 │ 2469.00 │ x             │',
        '└─────────┴─────────┴───────────────┘',
      ].join('\n'),
    );
  });
  test.each([0, 1, GRID_ROWS - 1, GRID_ROWS, GRID_ROWS + 1, 2 * GRID_ROWS, 5 * GRID_ROWS + 3])(
    '%i rows, byte for byte',
    (n) => {
      const body = Array.from({ length: n }, (_, i) => row(i));
      expect(drawGrid(head, body, aligns)).toBe(whole(head, body, aligns));
    },
  );
  test('any cells, colour codes, wide characters and line breaks included', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }).map((s) => s.replace(/[\n\r]/g, ' ')),
      fc.constantFrom(
        '中文',
        '…',
        '\u001b[1mbold\u001b[22m',
        '\u001b[36mcyan\u001b[39m',
        '',
        'two\nlines',
      ),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((w) =>
          fc.tuple(
            fc.array(cell, { minLength: w, maxLength: w }),
            fc.array(fc.array(cell, { minLength: w, maxLength: w }), {
              maxLength: 3 * GRID_ROWS + 2,
            }),
            fc.array(fc.constantFrom<Align>('left', 'right'), { minLength: w, maxLength: w }),
          ),
        ),
        ([h, body, al]) => {
          expect(drawGrid(h, body, al)).toBe(whole(h, body, al));
        },
      ),
      { numRuns: 200 },
    );
  });
});
