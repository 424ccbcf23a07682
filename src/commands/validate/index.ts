/** `ai-econ validate [file]`: check a parameter file, listing every problem with line:column. */
import type { ToolCommand } from '../command.js';

export const spec = {
  name: 'validate',
  description:
    'check a parameter file: every problem with file:line:col, exit 0 or 2 (default: the file commands use)',
  options: [],
} as const;

export const command = {
  kind: 'tool',
  spec,
  args: [{ name: 'file', help: 'the file to check (same as -c)' }],
  action: () => import('./action.js').then((m) => m.validate),
} as const satisfies ToolCommand<typeof spec>;
