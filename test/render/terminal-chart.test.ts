/** Terminal charts: without colour every series draws with its own symbol. */
import { describe, expect, test } from '@jest/globals';
import { drawChart } from '../../src/render/terminal-chart.js';

describe('drawChart without colour', () => {
  test('a low flat series and a high flat series: one symbol each, on their own rows, and a legend', () => {
    const text = drawChart(
      [
        { label: 'low', values: [1e6, 1e6, 1e6, 1e6] },
        { label: 'high', values: [5e6, 5e6, 5e6, 5e6] },
      ],
      { color: false, height: 4, width: 52 },
    );
    const lines = text.split('\n');
    // asciichart marks a series' first value on the axis (┼), then draws the rest: 4 points in
    // 41 columns, each point after the first 13 columns wide.
    expect(lines[0]).toMatch(/^\s+5M\s+┼\+{39}$/);
    expect(lines[4]).toMatch(/^\s+1M\s+┼\*{39}$/);
    for (const l of lines.slice(1, 4)) expect(l).toMatch(/┤$/); // nothing between them
    // The legend wraps at the width.
    expect(lines.slice(5)).toEqual([
      `${' '.repeat(10)}* low   + high`,
      `${' '.repeat(10)}(millions of tokens; 13 columns = 1 month)`,
    ]);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(52);
    expect(text).not.toMatch(/\x1b\[/);
  });
  test('a rising series draws its symbol along its whole path, vertical steps included', () => {
    const text = drawChart([{ label: 'up', values: [0, 0, 4e6, 4e6] }], {
      color: false,
      height: 4,
      period: 'quarter',
      width: 14,
    });
    const grid = text.split('\n').slice(0, 5);
    expect(grid.join('\n').match(/\*/g)!.length).toBeGreaterThanOrEqual(3 + 3); // the columns after the first + the rows of the rise
    expect(text).not.toMatch(/[─╭╮╰╯│]/);
    expect(text.endsWith('(millions of tokens; 3 columns = 1 quarter)')).toBe(true);
  });
  test('more points than columns: sampled down, each column a few of them', () => {
    const values = Array.from({ length: 200 }, (_, i) => i * 1e6);
    const text = drawChart([{ label: 'up', values }], { color: false, height: 4, width: 80 });
    expect(text.endsWith('(millions of tokens; one column = 3 months)')).toBe(true);
    for (const l of text.split('\n')) expect(l.length).toBeLessThanOrEqual(80);
  });
});
