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
      { color: false, height: 4 },
    );
    const lines = text.split('\n');
    // asciichart marks a series' first value on the axis (┼), then draws the rest.
    expect(lines[0]).toMatch(/^\s+5M\s+┼\+{3}$/);
    expect(lines[4]).toMatch(/^\s+1M\s+┼\*{3}$/);
    for (const l of lines.slice(1, 4)) expect(l).toMatch(/┤$/); // nothing between them
    expect(lines[5]).toBe(
      `${' '.repeat(10)}* low   + high (millions of tokens; one column = 1 month)`,
    );
    expect(text).not.toMatch(/\x1b\[/);
  });
  test('a rising series draws its symbol along its whole path, vertical steps included', () => {
    const text = drawChart([{ label: 'up', values: [0, 0, 4e6, 4e6] }], {
      color: false,
      height: 4,
      period: 'quarter',
    });
    const grid = text.split('\n').slice(0, 5);
    expect(grid.join('\n').match(/\*/g)!.length).toBeGreaterThanOrEqual(3 + 3); // the columns after the first + the rows of the rise
    expect(text).not.toMatch(/[─╭╮╰╯│]/);
    expect(text.endsWith('* up (millions of tokens; one column = 1 quarter)')).toBe(true);
  });
});
