/** `ai-econ init`: the built-in parameter file, its editor hint pointing at this installation's schema. */
import { InputError } from '../../core/errors.js';
import { builtinConfigText, findUp } from '../../params/package.js';
import type { ToolAction } from '../command.js';

export const init: ToolAction = async ({ args, options }, shell) => {
  const file = (args[0] as string | undefined) ?? 'ai-econ.yaml';
  // Point the editor hint at the schema shipped with this installation.
  const schema = findUp('dist/ai-econ.schema.json', 6);
  const source = builtinConfigText();
  const text = schema
    ? source.replace(/(# yaml-language-server: \$schema=).*/, `$1${schema}`)
    : source;
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
