import { describe, expect, test } from '@jest/globals';
import { memo, memoByText } from '../../src/core/memo.js';

describe('memo', () => {
  test('computes a key once; a computation that throws is not remembered', () => {
    let calls = 0;
    const m = memo<number>();
    expect(m('a', () => ++calls)).toBe(1);
    expect(m('a', () => ++calls)).toBe(1);
    expect(m('b', () => ++calls)).toBe(2);
    expect(() =>
      m('c', () => {
        throw new Error('bad');
      }),
    ).toThrow('bad');
    expect(m('c', () => ++calls)).toBe(3);
  });
  test('bounded: when full it starts afresh, and values stay right', () => {
    let calls = 0;
    const read = memoByText((t) => (calls++, t.length), 2);
    expect([read('x'), read('yy'), read('zzz'), read('x')]).toEqual([1, 2, 3, 1]);
    expect(calls).toBe(4); // 'x' was computed again after the memory filled up
    expect(read('x')).toBe(1);
    expect(calls).toBe(4);
  });
});
