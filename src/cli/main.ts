/**
 * ai-econ's entry point: global options, the commands, and the one place where errors become
 * exit codes (0 ok, 1 runtime failure, 2 bad usage or bad input). Only commander and the option
 * declarations load up front; each command loads its builder when it runs.
 */
import { Command, CommanderError } from 'commander';
import { InputError } from '../core/errors.js';
import { packageVersion } from '../params/package.js';
import { OutputError, asOutputError, quietOnClosedPipe } from '../runtime/output.js';
import { escapeControlLines } from '../core/text.js';
import type { Params } from '../params/schema/index.js';
import { COMMANDS } from '../commands/registry.js';
import type { AnyCommand } from '../commands/command.js';
import { checkNoEmptyValues, examplesText, registerReport, registerTool } from './command.js';
import { globalOptions, type Globals } from './globals.js';

const EXAMPLES =
  examplesText([
    'ai-econ unlocks                         monthly unlocks of the built-in Gensyn $AI parameters',
    'ai-econ unlocks --at 2027-04-29         what is unlocked and locked on a date',
    'ai-econ unlocks --events -f csv -o events.csv',
    'ai-econ quote --params 7B --tokens 140B --duration 48h',
    'ai-econ rewards --fees 250k',
    'ai-econ burn --all-scenarios --set projection.revenue.growth=5%',
    'ai-econ simulate --table risks         the risks table: where the loop is fragile, as numbers',
    'ai-econ init && ai-econ validate        write ./ai-econ.yaml, which every command then reads',
  ]) +
  `

Exit codes: 0 ok, 1 runtime failure, 2 bad usage or bad parameter file.
Colours: off with --no-color, NO_COLOR=1 or when stdout is not a terminal; FORCE_COLOR=1 forces them.`;

export function buildProgram(file?: Params): Command {
  const program = new Command('ai-econ')
    .description(
      'Economics calculator for decentralized AI-compute token networks (built-in: Gensyn $AI)',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (s, write) => write(`ai-econ: ${escapeControlLines(s)}`) })
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', EXAMPLES);
  for (const o of globalOptions()) program.addOption(o);
  // Every command from the registry: its declared options, its builder or action loaded when it runs.
  const all = Object.values(COMMANDS) as readonly AnyCommand[];
  const sweepable = all.filter((c) => c.kind === 'report' && c.sweep).map((c) => c.spec.name);
  for (const c of all)
    if (c.kind === 'report') registerReport(program, c, file);
    else registerTool(program, c, file, sweepable);
  program.commands.forEach((c) =>
    c.exitOverride().showSuggestionAfterError().configureHelp({ showGlobalOptions: true }),
  );
  program.hook('preAction', (_program, action) => checkNoEmptyValues(action));
  return program;
}

/** For --help: the parameter file the command line names (or the default one), if it loads. */
async function helpParams(argv: string[]): Promise<Params | undefined> {
  if (!argv.some((a) => a === '-h' || a === '--help')) return undefined;
  const i = argv.findIndex((a) => a === '-c' || a === '--config');
  const g = { config: i >= 0 ? argv[i + 1] : undefined } as Globals;
  try {
    const { modelOf } = await import('./run.js');
    return (await modelOf(g)).params;
  } catch {
    return undefined;
  }
}

/** Run the CLI; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram(await helpParams(argv));
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return 2;
    }
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return 0;
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
  process.on('exit', () =>
    process.stderr.write(`ai-econ-stats: maxrss_kb=${process.resourceUsage().maxRSS}\n`),
  );
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
