/** `ai-econ schema`: the JSON Schema of the parameter file, from the same definition the loader validates with. */
import type { Command } from 'commander';
import type { Globals } from './globals.js';

export function register(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of the parameter file (for editor completion and checks)')
    .option('--path', 'print the path of the schema file shipped with the package instead')
    .action(async (opts: { path?: boolean }, cmd: Command) => {
      const g = cmd.optsWithGlobals() as Globals;
      const { writeText } = await import('./run.js');
      if (opts.path) {
        const { packageFile } = await import('../params/package.js');
        return writeText(g, `${packageFile('dist/ai-econ.schema.json')}\n`);
      }
      const { jsonSchema } = await import('../params/schema/index.js');
      await writeText(g, `${JSON.stringify(jsonSchema(), null, 2)}\n`);
    });
}
