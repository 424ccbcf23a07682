/** `ai-econ sweep`: its options, declared once as data (see ../spec.ts). */
import type { CommandSpec } from '../spec.js';

export const spec = {
  name: 'sweep',
  description:
    'run unlocks --at, quote, rewards, burn or simulate over a grid of parameter values; which parameter matters (--sensitivity)',
  options: [
    {
      flags: '--vary <path=values>',
      help: 'a --set path and its values: a list 0%,3%,8%, a range 0%..10%:1% or 0.05..0.25~5 (repeatable: the full grid, first --vary slowest)',
      parse: 'text',
      repeatable: true,
    },
    {
      flags: '--metric <name>',
      help: 'a figure of the command to report (repeatable; default: its summary; see the error for the names)',
      parse: 'text',
      repeatable: true,
    },
    {
      flags: '--sensitivity',
      help: "one parameter at a time at its low and high (first and last --vary value; a..b alone is the two), the others at the file's values; ranked by swing",
    },
    {
      flags: '--jobs <n>',
      help: 'threads, at most, and never more than the cores (default: $SLURM_CPUS_PER_TASK, else the cores; a sweep with little work stays on one); the output is the same for every N',
      parse: 'threads',
    },
    {
      flags: '--shard <i/n>',
      help: 'compute only shard I of N (points i ≡ I mod N) and write them as JSON lines, for sweep merge',
      parse: 'text',
    },
    {
      flags: '--runs <n>',
      help: 'Monte Carlo runs per point (burn, simulate); each point its own stream from --seed and the point',
      parse: 'runs',
    },
    { flags: '--seed <n>', help: 'Monte Carlo seed of the sweep (default 1)', parse: 'seed' },
  ],
  examples: [
    'ai-econ sweep burn --vary projection.revenue.startUsd=1M..5M:1M --vary projection.revenue.growth=0%..8%:2% --metric net_deflation_from',
    'ai-econ sweep burn --sensitivity --vary projection.revenue.growth=0%..8%:8% --vary projection.price.startUsd=0.05..0.2~2',
    'ai-econ sweep quote --params 7B --tokens 140B --vary fees.market.utilization=50%..100%:10%',
    'ai-econ sweep unlocks --at 2027-06-30 --vary allocations.Team.vesting.cliff=6mo..24mo:6mo --metric at.unlocked.Team',
    'ai-econ sweep burn --vary projection.revenue.growth=0%..10%:1% --shard 0/4 -o s0.jsonl   (… 1/4 … 3/4), then: ai-econ sweep merge s*.jsonl',
  ],
} as const satisfies CommandSpec;
