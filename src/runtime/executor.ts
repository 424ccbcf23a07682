/**
 * The executor the CLI and the library hand to the builders (src/commands/env.ts): Monte Carlo
 * paths, sweep points and big grants files on worker threads. Each part loads when first used, so
 * a command that needs none of them loads no thread code.
 */
import type { Executor, GrantsSplitter } from '../commands/env.js';

type GrantsSplit = typeof import('./grants-split.js');
let grants: GrantsSplit | undefined;

export const threads: Executor = {
  monteCarlo: async (inp, onProgress) =>
    (await import('./mc-threads.js')).runMonteCarloThreads(inp, onProgress),
  sweepPoints: async (plan, points, jobs, onProgress) =>
    (await import('./sweep-threads.js')).runPoints(plan, points, jobs, onProgress),
  grants: {
    splitFor: async (file) => (grants ??= await import('./grants-split.js')).splitFor(file),
    // Called only once splitFor has found a place to cut the file (so the module is loaded).
    checkInTwo: (job, first, second, granted) => loaded().checkInTwo(job, first, second, granted),
    splitTail: (job, rows, granted) => loaded().splitTail(job, rows, granted),
  } satisfies GrantsSplitter,
};

function loaded(): GrantsSplit {
  if (!grants) throw new Error('grants split used before splitFor');
  return grants;
}
