/** `ai-econ unlocks` as data (see ../command.ts). */
import type { ReportCommand } from '../command.js';
import { spec } from './spec.js';

export const command = {
  kind: 'report',
  spec,
  builder: () => import('./build.js').then((m) => m.buildUnlocks),
  charts: () => import('./chart.js').then((m) => m.CHARTS),
  sweep: {
    metrics: () => ['unlocked', 'locked', 'unlocked_pct'],
    refuse: (o) =>
      o.at === undefined
        ? 'sweep unlocks needs --at DATE (one figure per category on that date)'
        : o.events || o.grants
          ? 'sweep unlocks takes --at DATE, not --events or --grants'
          : undefined,
  },
} as const satisfies ReportCommand<typeof spec>;
