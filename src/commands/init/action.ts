/** `ai-econ init`: the built-in parameter file, its editor hint pointing at this installation's schema. */
import { dirname, resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import { builtinConfigText, schemaPathFrom } from '../../params/package.js';
import type { ToolAction } from '../command.js';

const HINT = /# yaml-language-server: \$schema=.*/;

/** What an editor needs to find the schema, as written at the top of the file. */
const SCHEMA_STEPS = [
  '# Editor checks and completion: write the schema beside this file with',
  '#   npx ai-econ schema -o ai-econ.schema.json',
  '# then put this line first: # yaml-language-server: $schema=ai-econ.schema.json',
].join('\n');

/** The editor hint for a file written in `dir` (see schemaPathFrom). */
const schemaHint = (dir: string): string => {
  const rel = schemaPathFrom(dir);
  return rel === undefined ? SCHEMA_STEPS : `# yaml-language-server: $schema=${rel}`;
};

export const init: ToolAction = async ({ args, options }, shell) => {
  const file = (args[0] as string | undefined) ?? 'ai-econ.yaml';
  const dir = file === '-' ? process.cwd() : dirname(resolve(file));
  const text = builtinConfigText().replace(HINT, () => schemaHint(dir));
  if (file === '-') return shell.write(text);
  if (shell.exists(file) && !options.force)
    throw new InputError(`${file} already exists; use --force to overwrite it`);
  await shell.write(text, file);
  shell.tell(
    file === 'ai-econ.yaml'
      ? `wrote ${file}; every ai-econ command in this folder now reads it (check it with: ai-econ validate)`
      : `wrote ${file}; check it with: ai-econ validate -c ${file}`,
  );
};
