/**
 * `ai-econ sweep <command> --vary PATH=VALUES … [command options]` and `ai-econ sweep merge FILE…`.
 * The swept command's own options (burn --months, unlocks --at, …) pass through: commander keeps
 * what it does not know for the sweep, and a parser made from the command's declared options reads
 * it, so an option that command does not have is still an error.
 */
import { Command, CommanderError } from 'commander';
import * as specs from '../commands/specs.js';
import { examplesText, optionOf, paramsEcho, parseOptions } from './command.js';
import type { Globals } from './globals.js';

const SWEEPABLE_NAMES = ['unlocks', 'quote', 'rewards', 'burn', 'simulate'] as const;

export function registerSweep(program: Command): Command {
  const spec = specs.sweep;
  const cmd = program
    .command(spec.name)
    .description(spec.description)
    .argument(
      '<command>',
      `the command to sweep: ${SWEEPABLE_NAMES.join(', ')}; or merge, to join shard files`,
    )
    .argument('[files...]', 'with merge: the shard files')
    .allowUnknownOption();
  for (const o of spec.options) cmd.addOption(optionOf(o));
  cmd.addHelpText(
    'after',
    `\nThe swept command's own options pass through (burn --months, unlocks --at, quote --params …).${examplesText(spec.examples)}`,
  );
  cmd.action((command: string, _files: string[], _o: unknown, c: Command) => runSweep(command, c));
  return cmd;
}

/** Options of the swept command from what the sweep did not know, parsed by that command's declared options. */
function subOptions(
  command: string,
  args: string[],
  InputError: new (m: string) => Error,
): Record<string, unknown> {
  const spec = (specs as Record<string, unknown>)[
    command
  ] as import('../commands/spec.js').CommandSpec;
  const sub = new Command(`sweep ${command}`)
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  for (const o of spec.options) sub.addOption(optionOf(o));
  try {
    sub.parse(args, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError)
      throw new InputError(e.message.replace(/^error: /, `sweep ${command}: `));
    throw e;
  }
  return sub.opts();
}

async function runSweep(command: string, cmd: Command): Promise<void> {
  const all = cmd.optsWithGlobals() as Globals & Record<string, unknown>;
  const [{ runWith, writeText }, { InputError }] = await Promise.all([
    import('./run.js'),
    import('../core/errors.js'),
  ]);
  const rest = cmd.args.slice(1);
  if (command === 'merge') {
    const given = ['vary', 'metric', 'sensitivity', 'jobs', 'shard', 'runs', 'seed'].filter(
      (k) => all[k] !== undefined,
    );
    if (given.length)
      throw new InputError(
        `sweep merge takes shard files only; the sweep's options (--${given.join(', --')}) are in the shards`,
      );
    const unknown = rest.find((a) => a.startsWith('-'));
    if (unknown) throw new InputError(`sweep merge: unknown option '${unknown}'`);
    const [{ readFileSync }, { mergeSweep }] = await Promise.all([
      import('node:fs'),
      import('../commands/sweep/build.js'),
    ]);
    const files = rest.map((name) => {
      try {
        return { name, text: readFileSync(name, 'utf8') };
      } catch (e) {
        throw new InputError(
          `sweep merge: cannot read ${name}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
        );
      }
    });
    await runWith(all, async () => mergeSweep(files));
    return;
  }
  const [{ SWEEPABLE }, { parseVary, parseShard }, { configFile }, { availableParallelism }] =
    await Promise.all([
      import('../commands/sweep/engine.js'),
      import('../core/grid.js'),
      import('../params/builtin.js'),
      import('node:os'),
    ]);
  if (!Object.hasOwn(SWEEPABLE, command)) {
    const { sweepableOf } = await import('../commands/sweep/engine.js');
    sweepableOf(command);
  }
  const subSpec = SWEEPABLE[command].spec;
  const subRaw = subOptions(command, rest, InputError);
  const [own, options] = await Promise.all([
    parseOptions(specs.sweep, all),
    parseOptions(subSpec, subRaw),
  ]);
  const axes = ((own.vary as string[] | undefined) ?? []).map(parseVary);
  const shard = own.shard !== undefined ? parseShard(own.shard as string) : undefined;
  const config = configFile(all.config);
  const plan = {
    command,
    config,
    sets: all.set ?? [],
    axes,
    options,
    metrics: own.metric as string[] | undefined,
    sensitivity: Boolean(own.sensitivity),
    runs: own.runs as number | undefined,
    seed: own.seed as number | undefined,
  };
  const echo = paramsEcho(subSpec, subRaw, config ?? 'built-in configs/gensyn.yaml', all.set);
  const params = {
    command,
    ...echo,
    vary: axes.map((a) => a.text),
    ...(plan.metrics ? { metric: plan.metrics } : {}),
    ...(plan.sensitivity ? { sensitivity: true } : {}),
    ...(plan.runs !== undefined ? { runs: plan.runs, seed: plan.seed ?? 1 } : {}),
  };
  const jobs = (own.jobs as number | undefined) ?? availableParallelism();
  const { buildSweep, sweepShard } = await import('../commands/sweep/build.js');
  if (shard) {
    if (all.output !== undefined)
      (await import('../runtime/output.js')).checkOutputPath(all.output);
    await writeText(all, await sweepShard(plan, { jobs, shard, params }));
    return;
  }
  await runWith(all, async (ctx) => buildSweep(plan, { jobs, params }, ctx.env));
}
