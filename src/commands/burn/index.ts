/** `ai-econ burn` as data (see ../command.ts). */
import type { ReportCommand } from '../command.js';
import { spec } from './spec.js';

export const command = {
  kind: 'report',
  spec,
  builder: () => import('./build.js').then((m) => m.buildBurn),
  charts: () => import('./chart.js').then((m) => m.CHARTS),
  sweep: {
    metrics: (o) =>
      o.runs !== undefined
        ? [
            'p5_cumulative_burned',
            'p50_cumulative_burned',
            'p95_cumulative_burned',
            'p50_circulating',
            'p_net_deflation_last_month',
          ]
        : [
            'cumulative_burned',
            'final_total_supply',
            'final_circulating',
            'net_deflation_from',
            'steady_state_unlock',
            'break_even_revenue_usd',
          ],
    refuse: (o) =>
      o.allScenarios
        ? 'sweep burn runs one scenario at a time; use --scenario NAME, or vary the projection'
        : undefined,
    monteCarlo: true,
  },
} as const satisfies ReportCommand<typeof spec>;
