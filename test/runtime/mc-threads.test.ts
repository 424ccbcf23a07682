/**
 * Monte Carlo on two threads (runtime/mc-threads.ts): the task list, taken in its order by one
 * thread with its block slots reused many times, gives the one-thread bands; so does the real worker
 * (the built dist/mc-worker.js) sharing the tasks with this thread.
 */
import { describe, expect, test } from '@jest/globals';
import { bandsOf, mcLayout, runMonteCarlo, type McInputs } from '../../src/core/montecarlo.js';
import { runMonteCarloThreads, sharedRun, start, work } from '../../src/runtime/mc-threads.js';

const mc = (runs: number, months: number, seed = 5): McInputs => ({
  runs,
  seed,
  vaultInUsd: Float64Array.from({ length: months }, (_, k) => 1_000_000 * (1 + k / 50)),
  unlocks: Float64Array.from({ length: months }, (_, k) => (k % 12 === 0 ? 1e9 : 5e7)),
  unlockedBefore: 8e8,
  p0: 0.1,
  mu: 0.05,
  sigma: 0.8,
  maxBuyPctOfFloat: 0.1,
  burn: 0.7,
  treasury: 0.29,
  execution: 0.01,
  treasuryCirculates: false,
  executionCirculates: true,
});

describe('Monte Carlo on threads', () => {
  test.each([
    [300, 40, 3, 3, 64], // 14 blocks through three slots; five slices a block
    [1000, 13, 12, 3, 1000], // one slice; a short last block
    [50, 1, 1, 3, 7],
    [200, 25, 2, 2, 30], // two slots: a block simulated while the one before is reduced
  ])(
    '%i runs × %i months, blocks of %i months, %i slots, slices of %i runs: the one-thread bands',
    (runs, months, block, slots, slice) => {
      const inp = mc(runs, months);
      const s = sharedRun(inp, mcLayout(runs, months, slots, block), slice);
      start(s);
      work(s); // every task, in the order the threads take them
      expect(bandsOf(s.layout, s.buf)).toEqual(runMonteCarlo(inp));
    },
  );
  test('the worker and this thread sharing the tasks: the one-thread bands, and progress to the last month', async () => {
    const inp = mc(40_000, 30, 11); // over the two-thread threshold; columns bracketed
    const seen: number[] = [];
    const bands = await runMonteCarloThreads(inp, (k) => seen.push(k));
    expect(bands).toEqual(runMonteCarlo(inp));
    expect(seen.at(-1)).toBe(30);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});
