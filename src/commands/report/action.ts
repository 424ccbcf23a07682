/** `ai-econ report`: html (the default) or md with SVG files; every table, so no --table/--columns. */
import { InputError } from '../../core/errors.js';
import type { ToolAction } from '../command.js';
import { parseOptions } from '../options.js';
import { buildEconomyReport } from './build.js';
import { spec } from './spec.js';

export const report: ToolAction = async ({ raw }, shell) => {
  const g = shell.globals;
  const format = g.format === 'table' ? 'html' : g.format;
  if (format !== 'html' && format !== 'md')
    throw new InputError(
      `option --format: ai-econ report writes html (the default) or md; found ${g.format}`,
    );
  if (g.table !== undefined || g.columns !== undefined)
    throw new InputError(
      `option ${g.table !== undefined ? '--table' : '--columns'}: ai-econ report shows every table; run the command itself for one table`,
    );
  if (format === 'md' && g.output === undefined)
    throw new InputError(
      'option --format md: ai-econ report -f md writes report.md and SVG files into a folder; give it with -o DIR',
    );
  const o = (await parseOptions(spec, raw)) as { runs: number; seed: number };
  if (g.output !== undefined) {
    if (format === 'html') shell.checkOutput();
    else shell.checkFolder();
  }
  const r = await buildEconomyReport(await shell.model(), o, { warn: shell.env.warn });
  await shell.page(r, format);
};
