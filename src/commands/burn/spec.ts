/** `ai-econ burn`: its options, declared once as data (see ../spec.ts). */
import { pctText, numText, type CommandSpec } from '../spec.js';
import type { Params } from '../../params/schema/index.js';

export const spec = {
  name: 'burn',
  description: 'project buy-and-burn of protocol revenue against unlocks',
  describe: (p: Params) =>
    p.buyback
      ? `project buy-and-burn of protocol revenue (${pctText(p.buyback.burn)} burned, ${pctText(p.buyback.treasury)} treasury, ${pctText(p.buyback.execution)} execution) against unlocks`
      : 'project buy-and-burn of protocol revenue against unlocks',
  options: [
    {
      flags: '--months <n>',
      help: 'months to project',
      parse: 'months',
      fromFile: (p: Params) => (p.projection ? String(p.projection.months) : undefined),
      sets: ['projection.months'],
    },
    {
      flags: '--revenue <usd>',
      help: 'revenue in month 1, USD',
      parse: 'usd',
      what: 'a monthly revenue in USD',
      fromFile: (p: Params) => numText(p.projection?.revenue.startUsd),
      sets: ['projection.revenue.startUsd'],
    },
    {
      flags: '--growth <pct>',
      help: 'revenue growth per month, e.g. 3% or -1%',
      parse: 'rate',
      fromFile: (p: Params) => pctText(p.projection?.revenue.growth),
      sets: ['projection.revenue.growth'],
    },
    {
      flags: '--price <usd>',
      help: 'token price in month 1, USD',
      parse: 'price',
      what: 'a token price in USD',
      fromFile: (p: Params) => numText(p.projection?.price.startUsd),
      sets: ['projection.price.startUsd'],
    },
    {
      flags: '--scenario <name>',
      help: 'apply a named scenario from the parameter file (e.g. bear, base, bull)',
      parse: 'text',
    },
    { flags: '--all-scenarios', help: 'every scenario side by side' },
    { flags: '--runs <n>', help: 'Monte Carlo: number of GBM price paths', parse: 'runs' },
    {
      flags: '--seed <n>',
      help: 'Monte Carlo seed (default 1); the same seed gives the same output on any machine',
      parse: 'seed',
    },
    { flags: '--chart', help: 'a terminal line chart of circulating and total supply' },
  ],
  examples: [
    'ai-econ burn                                   the base projection, month by month',
    'ai-econ burn --revenue 1M --growth 0% --months 12',
    'ai-econ burn --all-scenarios --table summary   bear / base / bull side by side',
    'ai-econ burn --runs 10000 --seed 42 --chart    Monte Carlo bands (GBM price) and a chart',
  ],
} as const satisfies CommandSpec;
