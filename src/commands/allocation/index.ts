/** `ai-econ allocation` as data (see ../command.ts). */
import type { ReportCommand } from '../command.js';
import { spec } from './spec.js';

export const command = {
  kind: 'report',
  spec,
  builder: () => import('./build.js').then((m) => m.buildAllocation),
  charts: () => import('./chart.js').then((m) => m.CHARTS),
} as const satisfies ReportCommand<typeof spec>;
