/** `ai-econ simulate`: its options, declared once as data (see ../spec.ts). */
import type { CommandSpec } from '../spec.js';
import type { Params } from '../../params/schema/index.js';

export const spec = {
  name: 'simulate',
  description:
    'run the closed loop month by month: demand, fees, node supply, buy-and-burn, unlocks and sells, with its risks as numbers',
  options: [
    {
      flags: '--months <n>',
      help: 'months to simulate',
      parse: 'months',
      fromFile: (p: Params) => (p.economy?.months ?? p.projection?.months)?.toString(),
      sets: ['economy.months', 'projection.months'],
    },
    {
      flags: '--scenario <name>',
      help: 'apply a named scenario from the parameter file (its economy overrides)',
      parse: 'text',
    },
    { flags: '--all-scenarios', help: 'every scenario side by side' },
    {
      flags: '--runs <n>',
      help: 'Monte Carlo: number of runs (demand shocks and market moves)',
      parse: 'runs',
    },
    {
      flags: '--seed <n>',
      help: 'Monte Carlo seed (default 1); the same seed gives the same output on any machine',
      parse: 'seed',
    },
  ],
  examples: [
    'ai-econ simulate                               the loop month by month: months, ledger, risks',
    'ai-econ simulate --table risks                 the risks table: where the loop is fragile',
    'ai-econ simulate --all-scenarios --table risks bear / base / bull side by side',
    'ai-econ simulate --runs 2000 --seed 7          Monte Carlo bands and p_ risks',
  ],
} as const satisfies CommandSpec;
