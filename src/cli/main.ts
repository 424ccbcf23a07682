/**
 * ai-econ's entry point: global options, the commands, and the one place where errors become
 * exit codes (0 ok, 1 runtime failure, 2 bad usage or bad input). Only commander loads up front;
 * each command loads what it needs when it runs.
 */
import { Command, CommanderError, Option } from 'commander';
import { InputError } from '../core/errors.js';
import { packageVersion } from '../io/paths.js';
import { OutputError, asOutputError, quietOnClosedPipe } from '../io/output.js';
import { escapeControlLines } from '../core/text.js';
import { checkNoEmptyValues } from './flags.js';
import { register as registerInit } from './init.js';
import { register as registerValidate } from './validate.js';
import { register as registerSchema } from './schema.js';
import { register as registerAllocation } from './allocation.js';
import { register as registerUnlocks } from './unlocks.js';
import { register as registerQuote } from './quote.js';
import { register as registerRewards } from './rewards.js';
import { register as registerBurn } from './burn.js';

const EXAMPLES = `
Examples:
  $ ai-econ unlocks                         monthly unlocks of the built-in Gensyn $AI parameters
  $ ai-econ unlocks --at 2027-04-29         what is unlocked and locked on a date
  $ ai-econ unlocks --events -f csv -o events.csv
  $ ai-econ quote --params 7B --tokens 140B --duration 48h
  $ ai-econ rewards --fees 250k
  $ ai-econ burn --all-scenarios
  $ ai-econ init my.yaml && ai-econ validate -c my.yaml

Exit codes: 0 ok, 1 runtime failure, 2 bad usage or bad parameter file.
Colours: off with --no-color, NO_COLOR=1 or when stdout is not a terminal; FORCE_COLOR=1 forces them.`;

export function buildProgram(): Command {
  const program = new Command('ai-econ')
    .description('Economics calculator for decentralized AI-compute token networks (built-in: Gensyn $AI)')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('-c, --config <file>', 'parameter file (default: built-in Gensyn $AI parameters, configs/gensyn.yaml)')
    .addOption(new Option('-f, --format <fmt>', 'output format').choices(['table', 'csv', 'json', 'md']).default('table'))
    .option('-o, --output <file>', 'write to this file (atomically) instead of stdout')
    .option('--no-color', 'no colours (also NO_COLOR=1 or a non-terminal stdout)')
    .option('--bom', 'csv: begin with a UTF-8 byte-order mark, for Excel')
    .option('--table <name>', 'print only this table (csv: instead of the main one)')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (s, write) => write(`ai-econ: ${escapeControlLines(s)}`) })
    .addHelpText('after', EXAMPLES);
  for (const reg of [registerInit, registerValidate, registerSchema, registerAllocation, registerUnlocks, registerQuote, registerRewards, registerBurn]) {
    reg(program);
  }
  program.commands.forEach((c) => c.exitOverride().showSuggestionAfterError());
  program.hook('preAction', (_program, action) => checkNoEmptyValues(action));
  return program;
}

/** Run the CLI; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return 2;
    }
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof InputError) {
      const lines = escapeControlLines(e.message).split('\n');
      process.stderr.write(lines.map((l) => `ai-econ: error: ${l}\n`).join(''));
      return 2;
    }
    const err = asOutputError(e) as Error;
    if (err instanceof OutputError) {
      process.stderr.write(`ai-econ: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`ai-econ: failed: ${escapeControlLines(err?.message ?? String(e))}\n`);
    if (process.env.AI_ECON_DEBUG) process.stderr.write(`${err?.stack}\n`);
    return 1;
  }
}

quietOnClosedPipe();
// For `npm run bench`: the process's own peak memory, printed on stderr at exit.
if (process.env.AI_ECON_STATS) {
  process.on('exit', () => process.stderr.write(`ai-econ-stats: maxrss_kb=${process.resourceUsage().maxRSS}\n`));
}
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`ai-econ: failed: ${(e as Error)?.message}\n`);
    process.exitCode = 1;
  },
);
