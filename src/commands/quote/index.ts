/** `ai-econ quote` as data (see ../command.ts). */
import type { ReportCommand } from '../command.js';
import { spec } from './spec.js';

export const command = {
  kind: 'report',
  spec,
  builder: () => import('./build.js').then((m) => m.buildQuote),
  charts: () => import('./chart.js').then((m) => m.CHARTS),
  sweep: {
    metrics: () => ['total_usd', 'total_tokens'],
    aliases: { total_usd: 'breakdown.usd', total_tokens: 'breakdown.tokens' },
    refuse: (o) =>
      o.compare
        ? 'sweep quote prices one GPU class; vary fees.defaultGpu instead of --compare'
        : undefined,
  },
} as const satisfies ReportCommand<typeof spec>;
