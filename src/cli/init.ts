/** `ai-econ init [file]`: write the commented default parameter file. */
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('init')
    .description('write the commented default parameter file (Gensyn $AI) to start from')
    .argument('[file]', 'where to write it ("-" for stdout)', 'ai-econ.yaml')
    .option('--force', 'overwrite an existing file')
    .action(async (file: string, opts: { force?: boolean }) => {
      const { readFileSync, existsSync } = await import('node:fs');
      const { builtinConfigPath } = await import('../params/package.js');
      const { InputError } = await import('../core/errors.js');
      const { writeText } = await import('./run.js');
      const { findUp } = await import('../params/package.js');
      // Point the editor hint at the schema shipped with this installation.
      const schema = findUp('dist/ai-econ.schema.json', 6);
      const source = readFileSync(builtinConfigPath(), 'utf8');
      const text = schema
        ? source.replace(/(# yaml-language-server: \$schema=).*/, `$1${schema}`)
        : source;
      if (file === '-') return writeText({}, text);
      if (existsSync(file) && !opts.force)
        throw new InputError(`${file} already exists; use --force to overwrite it`);
      await writeText({ output: file }, text);
      process.stderr.write(
        file === 'ai-econ.yaml'
          ? `wrote ${file}; every ai-econ command in this folder now reads it (check it with: ai-econ validate)\n`
          : `wrote ${file}; check it with: ai-econ validate -c ${file}\n`,
      );
    });
}
