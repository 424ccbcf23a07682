/** `ai-econ init [file]`: write the commented default parameter file. */
import type { ToolCommand } from '../command.js';

export const spec = {
  name: 'init',
  description: 'write the commented default parameter file (Gensyn $AI) to start from',
  options: [{ flags: '--force', help: 'overwrite an existing file' }],
} as const;

export const command = {
  kind: 'tool',
  spec,
  args: [{ name: 'file', help: 'where to write it ("-" for stdout)', default: 'ai-econ.yaml' }],
  action: () => import('./action.js').then((m) => m.init),
} as const satisfies ToolCommand<typeof spec>;
