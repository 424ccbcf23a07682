/** `ai-econ validate [file]`: check a parameter file (the one every command would use), listing every problem with line:column. */
import type { Command } from 'commander';
import type { Globals } from './globals.js';

export function register(program: Command): void {
  program
    .command('validate')
    .description(
      'check a parameter file: every problem with file:line:col, exit 0 or 2 (default: the file commands use)',
    )
    .argument('[file]', 'the file to check (same as -c)')
    .action(async (file: string | undefined, _opts: unknown, cmd: Command) => {
      const g = cmd.optsWithGlobals() as Globals;
      const [{ modelOf, writeText }, { displayUnits }] = await Promise.all([
        import('./run.js'),
        import('../core/amount.js'),
      ]);
      const m = await modelOf({ ...g, config: file ?? g.config });
      await writeText(
        g,
        `${m.file}: valid — ${m.params.token.name} (${m.symbol}), supply ${displayUnits(m.supply, m.decimals, 0)}, ` +
          `${m.categories.length} allocations, ${m.categories.reduce((n, c) => n + c.unlocks.length, 0)} unlock events\n` +
          (await import('../params/rules.js'))
            .missingForCommands(m.params)
            .map((x) => `  note: ${x} (see ai-econ init)\n`)
            .join(''),
      );
    });
}
