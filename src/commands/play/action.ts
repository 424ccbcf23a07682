/**
 * `ai-econ play`: check the options and the parameter file (a bad file or --set stops here with
 * the same messages as every command), then the shell writes the page (src/render/play/) with the
 * file's text, read once.
 */
import { InputError } from '../../core/errors.js';
import { resolveParams } from '../../params/model.js';
import { parseOverride } from '../../params/overrides.js';
import { packageVersion } from '../../params/package.js';
import { parseParams } from '../../params/parse.js';
import type { ToolAction } from '../command.js';

export const play: ToolAction = async (_call, shell) => {
  const g = shell.globals;
  if (g.format !== 'table' && g.format !== 'html')
    throw new InputError(
      `option --format: ai-econ play writes html (the default); found ${g.format}`,
    );
  if (g.table !== undefined || g.columns !== undefined)
    throw new InputError(
      `option ${g.table !== undefined ? '--table' : '--columns'}: ai-econ play shows its own views; run the command itself for one table`,
    );
  shell.checkOutput();
  const p = await shell.paramText();
  const set = g.set ?? [];
  const { params, src } = parseParams(p.text, p.shown, set.map(parseOverride));
  resolveParams(params, src, p.builtin);
  await shell.playPage({
    yaml: p.text,
    file: p.shown,
    builtin: p.builtin,
    ...(p.file !== undefined ? { config: p.file } : {}),
    ...(set.length ? { set: [...set] } : {}),
    version: packageVersion(),
  });
};
