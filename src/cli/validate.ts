/** `ai-econ validate [-c file]`: check a parameter file, listing every problem with line:column. */
import type { Command } from 'commander';
import type { Globals } from './run.js';

export function register(program: Command): void {
  program
    .command('validate')
    .description('check a parameter file: every problem with file:line:col, exit 0 or 2')
    .argument('[file]', 'the file to check (same as -c)')
    .action(async (file: string | undefined, _opts: unknown, cmd: Command) => {
      const g = cmd.optsWithGlobals() as Globals;
      const { loadModelFromYaml } = await import('../io/load.js');
      const { displayUnits } = await import('../core/amount.js');
      const m = loadModelFromYaml(file ?? g.config);
      process.stdout.write(
        `${m.file}: valid — ${m.params.token.name} (${m.symbol}), supply ${displayUnits(m.supply, m.decimals, 0)}, ` +
          `${m.categories.length} allocations, ${m.categories.reduce((n, c) => n + c.unlocks.length, 0)} unlock events\n` +
          (await import('../io/rules.js')).missingForCommands(m.params).map((x) => `  note: ${x} (see ai-econ init)\n`).join(''),
      );
    });
}
