/** `ai-econ rewards` as data (see ../command.ts). */
import type { ReportCommand } from '../command.js';
import { spec } from './spec.js';

export const command = {
  kind: 'report',
  spec,
  builder: () => import('./build.js').then((m) => m.buildRewards),
  charts: () => import('./chart.js').then((m) => m.CHARTS),
  sweep: {
    metrics: () => [
      'compute_pool',
      'validator_pool',
      'rewards_compute',
      'rewards_validators',
      'treasury_total',
    ],
  },
} as const satisfies ReportCommand<typeof spec>;
