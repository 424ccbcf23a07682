import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import wrapAnsi from 'wrap-ansi';
import { wrapAnsi as fastWrapAnsi } from 'fast-wrap-ansi';
import { SAME_AS_WRAP_ANSI, wrapLines } from '../../src/render/wrap.js';

/** Every character SAME_AS_WRAP_ANSI admits, from the ranges written in its pattern. */
const admitted: string[] = [];
for (let cp = 0x20; cp <= 0x22ff; cp++) {
  const ch = String.fromCodePoint(cp);
  if (SAME_AS_WRAP_ANSI.test(ch)) admitted.push(ch);
}
const word = fc
  .array(fc.constantFrom(...admitted), { minLength: 1, maxLength: 14 })
  .map((cs) => cs.join(''));
const text = fc
  .array(fc.oneof(word, fc.constantFrom(' ', '  ', '   ', 'x'.repeat(40))), { maxLength: 40 })
  .map((ps) => ps.join(''));

describe('wrapping notes', () => {
  test('fast-wrap-ansi breaks the lines wrap-ansi breaks, for text within SAME_AS_WRAP_ANSI', () => {
    expect(admitted.length).toBeGreaterThan(1000);
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 130 }), (t, w) => {
        expect(SAME_AS_WRAP_ANSI.test(t)).toBe(true);
        expect(fastWrapAnsi(t, w, { hard: true })).toBe(wrapAnsi(t, w, { hard: true }));
      }),
      { numRuns: 3000 },
    );
  });
  test('wrapLines: wrap-ansi lines for every text, whichever library wraps it', async () => {
    const texts = [
      'Revenue, price and scenarios are ASSUMPTIONS (see configs/gensyn.yaml); the 70/29/1 split is published.',
      'USD exact, rounded to 10⁻¹² USD a month; tokens exact to the base unit — × ≤ − ·',
      'a file name with emoji © ™ 🎉 and zero\u200bwidth and 中文字符, which only wrap-ansi measures its way',
      '',
      '   spaces   around   ',
    ];
    for (const w of [1, 7, 40, 100])
      expect(await wrapLines(texts, w)).toEqual(texts.map((t) => wrapAnsi(t, w, { hard: true })));
    expect(SAME_AS_WRAP_ANSI.test(texts[2]!)).toBe(false);
  });
});
