/** `ai-econ play`: the model in the browser, in one offline page (see ../command.ts). */
import type { ToolCommand } from '../command.js';
import { spec } from './spec.js';

export const command = {
  kind: 'tool',
  spec,
  action: () => import('./action.js').then((m) => m.play),
} as const satisfies ToolCommand<typeof spec>;
