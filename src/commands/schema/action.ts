/** `ai-econ schema`: generated from the same definition the loader validates with. */
import { packageFile } from '../../params/package.js';
import { jsonSchema } from '../../params/schema/index.js';
import type { ToolAction } from '../command.js';

export const schema: ToolAction = async ({ options }, shell) =>
  shell.write(
    options.path
      ? `${packageFile('dist/ai-econ.schema.json')}\n`
      : `${JSON.stringify(jsonSchema(), null, 2)}\n`,
  );
