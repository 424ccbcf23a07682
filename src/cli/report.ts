/** `ai-econ report`: the whole economy of the parameter file on one self-contained page. */
import type { Command } from 'commander';
import type { Globals } from './run.js';

interface ReportOptions {
  runs?: string;
  seed?: string;
}

const EXAMPLES = `
Examples:
  $ ai-econ report -o report.html              one page: charts, tables and notes; opens offline
  $ ai-econ report -c my.yaml --runs 5000 -o my.html
  $ ai-econ report -f md -o wiki/              report.md with an SVG per chart beside it`;

export function register(program: Command): void {
  program
    .command('report')
    .description('the whole economy of the parameter file on one page: allocation, unlocks, a quote, rewards, burn and Monte Carlo (html, or md with SVGs)')
    .option('--runs <n>', 'Monte Carlo runs for the burn bands (default 1000)')
    .option('--seed <n>', 'Monte Carlo seed (default 1)')
    .addHelpText('after', EXAMPLES)
    .action((_o: unknown, cmd: Command) => runEconomyReport(cmd.optsWithGlobals() as ReportOptions & Globals));
}

async function runEconomyReport(o: ReportOptions & Globals): Promise<void> {
  const { InputError } = await import('../core/errors.js');
  const format = o.format === 'table' ? 'html' : o.format;
  if (format !== 'html' && format !== 'md') throw new InputError(`option --format: ai-econ report writes html (the default) or md; found ${o.format}`);
  if (o.table !== undefined) throw new InputError('option --table: ai-econ report shows every table; run the command itself for one table');
  if (format === 'md' && !o.output) throw new InputError('option --format md: ai-econ report -f md writes report.md and SVG files into a folder; give it with -o DIR');
  const { checkOutputPath } = await import('../io/output.js');
  if (o.output && format === 'html') checkOutputPath(o.output);
  if (o.output && format === 'md') checkFolder(o.output, InputError);
  const { loadModel } = await import('../io/params.js');
  const m = await loadModel(o.config);
  const { buildEconomyReport } = await import('../reports/report.js');
  const r = await buildEconomyReport(m, { config: m.file }, { runs: o.runs, seed: o.seed });
  const page = await import('../io/render/page.js');
  if (format === 'html') {
    const { writeText } = await import('./run.js');
    return writeText(o, await page.reportHtml(r));
  }
  const files = await page.reportMd(r);
  await page.writeFiles(o.output!, files);
}

function checkFolder(dir: string, Err: new (msg: string) => Error): void {
  // A folder that exists, or a new one whose parent exists (created when the report is written).
  const { statSync } = process.getBuiltinModule('node:fs') as typeof import('node:fs');
  const { dirname } = process.getBuiltinModule('node:path') as typeof import('node:path');
  const st = (p: string) => {
    try {
      return statSync(p);
    } catch {
      return undefined;
    }
  };
  const s = st(dir);
  if (s && !s.isDirectory()) throw new Err(`option -o, --output: ${dir} is a file; -f md writes a folder (report.md and SVG files)`);
  if (!s && !st(dirname(dir))?.isDirectory()) throw new Err(`option -o, --output: cannot create folder ${dir}: ${dirname(dir)} does not exist`);
}
