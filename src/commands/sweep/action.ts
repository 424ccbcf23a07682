/**
 * `ai-econ sweep <command> --vary PATH=VALUES … [command options]` and `ai-econ sweep merge FILE…`.
 * The swept command's own options pass through: the shell keeps what it does not know for the
 * sweep, and that command's declared options read it, so an option it does not have is an error.
 */
import { InputError } from '../../core/errors.js';
import { parseShard, parseVary } from '../../core/grid.js';
import { readTextFile } from '../../inputs/textfile.js';
import type { ToolAction } from '../command.js';
import { paramsEcho, parseOptions } from '../options.js';
import { buildSweep, mergeSweep, sweepShard } from './build.js';
import { sweepableOf } from './engine.js';
import { spec } from './spec.js';

export const sweep: ToolAction = async ({ args, raw, rest }, shell) => {
  const command = args[0] as string;
  if (command === 'merge') {
    const given = ['vary', 'metric', 'sensitivity', 'jobs', 'shard', 'runs', 'seed'].filter(
      (k) => raw[k] !== undefined,
    );
    if (given.length)
      throw new InputError(
        `sweep merge takes shard files only; the sweep's options (--${given.join(', --')}) are in the shards`,
      );
    const files = rest;
    const unknown = files.find((a) => a.startsWith('-'));
    if (unknown) throw new InputError(`sweep merge: unknown option '${unknown}'`);
    // -o may not be one of the shards it reads (it would be written over).
    shell.checkOutput(files);
    const texts = files.map((name) => ({ name, text: readTextFile(name, 'sweep merge') }));
    return shell.emit(async () => mergeSweep(texts));
  }
  const subSpec = sweepableOf(command).spec;
  const subRaw = shell.raw(subSpec, rest, `sweep ${command}`);
  const [own, options] = await Promise.all([
    parseOptions(spec, raw),
    parseOptions(subSpec, subRaw),
  ]);
  const sensitivity = Boolean(own.sensitivity);
  const axes = ((own.vary as string[] | undefined) ?? []).map((v) =>
    parseVary(v, { pair: sensitivity }),
  );
  const shard = own.shard !== undefined ? parseShard(own.shard as string) : undefined;
  const config = shell.configFile();
  const sets = shell.globals.set ?? [];
  const plan = {
    command,
    config,
    sets,
    axes,
    options,
    metrics: own.metric as string[] | undefined,
    sensitivity,
    runs: own.runs as number | undefined,
    seed: own.seed as number | undefined,
  };
  const echo = paramsEcho(subSpec, subRaw, config ?? 'built-in configs/gensyn.yaml', sets);
  const params = {
    command,
    ...echo,
    vary: axes.map((a) => a.text),
    ...(plan.metrics ? { metric: plan.metrics } : {}),
    ...(plan.sensitivity ? { sensitivity: true } : {}),
    ...(plan.runs !== undefined ? { runs: plan.runs, seed: plan.seed ?? 1 } : {}),
  };
  const jobs = (own.jobs as number | undefined) ?? shell.cores();
  if (shard) {
    if (shell.globals.output !== undefined) shell.checkOutput();
    return shell.write(await sweepShard(plan, { jobs, shard, params }, shell.env));
  }
  await shell.emit((env) => buildSweep(plan, { jobs, params }, env));
};
