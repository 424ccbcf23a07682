/** `ai-econ report`: the whole economy of the parameter file on one page (see ../command.ts). */
import type { ToolCommand } from '../command.js';
import { spec } from './spec.js';

export const command = {
  kind: 'tool',
  spec,
  action: () => import('./action.js').then((m) => m.report),
} as const satisfies ToolCommand<typeof spec>;
