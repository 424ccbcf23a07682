/** `ai-econ schema`: the JSON Schema of the parameter file. */
import type { ToolCommand } from '../command.js';

export const spec = {
  name: 'schema',
  description: 'print the JSON Schema of the parameter file (for editor completion and checks)',
  options: [
    { flags: '--path', help: 'print the path of the schema file shipped with the package instead' },
  ],
} as const;

export const command = {
  kind: 'tool',
  spec,
  action: () => import('./action.js').then((m) => m.schema),
} as const satisfies ToolCommand<typeof spec>;
