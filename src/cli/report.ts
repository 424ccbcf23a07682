/**
 * `ai-econ report`: the whole economy of the parameter file on one self-contained page (html), or
 * Markdown with SVG files beside it (-f md -o DIR). Options are declared in src/reports/specs.ts;
 * the page is composed by src/reports/report.ts.
 */
import { Option, type Command } from 'commander';
import { report as spec } from '../commands/specs.js';
import { examplesText } from './command.js';
import type { Globals } from './globals.js';

export function register(program: Command): void {
  const cmd = program.command(spec.name).description(spec.description);
  for (const o of spec.options)
    cmd.addOption(new Option(o.flags, `${o.help} (default: ${o.default})`));
  cmd.addHelpText('after', examplesText(spec.examples));
  cmd.action((_o: unknown, c: Command) =>
    runEconomyReport(c.optsWithGlobals() as Globals & Record<string, unknown>),
  );
}

async function runEconomyReport(g: Globals & Record<string, unknown>): Promise<void> {
  const { InputError } = await import('../core/errors.js');
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
  const { parseOptions } = await import('./command.js');
  const o = (await parseOptions(spec, g)) as { runs: number; seed: number };
  const page = await import('../render/page.js');
  if (g.output !== undefined) {
    if (format === 'html') (await import('../runtime/output.js')).checkOutputPath(g.output);
    else (await import('../runtime/output.js')).checkFolder(g.output);
  }
  const [{ modelOf, writeText }, { buildEconomyReport }] = await Promise.all([
    import('./run.js'),
    import('../commands/report/build.js'),
  ]);
  const r = await buildEconomyReport(await modelOf(g), o, {
    warn: (msg) => void process.stderr.write(`ai-econ: warning: ${msg}\n`),
  });
  if (format === 'html') return writeText(g, await page.reportHtml(r));
  await (await import('../runtime/output.js')).writeFiles(g.output!, await page.reportMd(r));
}
