/** `ai-econ sweep <command> --vary …` and `ai-econ sweep merge FILE…` (see ../command.ts). */
import type { ToolCommand } from '../command.js';
import { spec } from './spec.js';

export const command = {
  kind: 'tool',
  spec,
  args: [
    {
      name: 'command',
      help: 'the command to sweep: {sweepable}; or merge, to join shard files',
      required: true,
    },
    { name: 'files', help: 'with merge: the shard files', variadic: true },
  ],
  passThrough:
    "The swept command's own options pass through (burn --months, unlocks --at, quote --params …).",
  action: () => import('./action.js').then((m) => m.sweep),
  charts: () => import('./chart.js').then((m) => m.CHARTS),
} as const satisfies ToolCommand<typeof spec>;
