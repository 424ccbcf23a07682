/** `ai-econ simulate` as data (see ../command.ts). */
import type { ReportCommand } from '../command.js';
import { spec } from './spec.js';

export const command = {
  kind: 'report',
  spec,
  builder: () => import('./build.js').then((m) => m.simulateReport),
  charts: () => import('./chart.js').then((m) => m.CHARTS),
  sweep: {
    // The risks table: the exact run's risks, and with --runs the p_ shares too.
    metrics: () => ({ tables: ['risks'] }),
    refuse: (o) =>
      o.allScenarios
        ? 'sweep simulate runs one scenario at a time; use --scenario NAME, or vary the economy'
        : undefined,
    monteCarlo: true,
  },
} as const satisfies ReportCommand<typeof spec>;
