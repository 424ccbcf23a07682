/**
 * Commands on commander, from their declarations (src/commands/registry.ts): a report command's
 * options are parsed (loading the parsers only then), the parameter file loaded, its builder
 * called through one lazy import, and the report rendered to stdout or atomically to -o; a tool
 * command's action gets a Shell (./run.ts).
 */
import { Command, CommanderError, Option } from 'commander';
import { InputError } from '../core/errors.js';
import type { Report } from '../core/table.js';
import type { Params } from '../params/schema/index.js';
import type { Model } from '../params/model.js';
import type { BuildEnv } from '../commands/env.js';
import type { CommandSpec, OptSpec } from '../commands/spec.js';
import type { ReportCommand, ToolCommand } from '../commands/command.js';
import type { Globals } from './globals.js';

type AnyBuilder = (
  m: Model,
  o: Record<string, unknown>,
  env?: BuildEnv,
) => Report | Promise<Report>;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `  $ ai-econ …` lines under "Examples:". */
export const examplesText = (xs: readonly string[] | undefined): string =>
  xs?.length ? `\nExamples:\n${xs.map((x) => `  $ ${x}`).join('\n')}` : '';

export function optionOf(o: OptSpec, file?: Params): Option {
  const fromFile = file && o.fromFile ? safe(() => o.fromFile!(file)) : undefined;
  const help =
    o.help +
    (fromFile !== undefined
      ? ` (default: ${fromFile})`
      : o.default !== undefined
        ? ` (default: ${o.default})`
        : '');
  const opt = new Option(o.flags, help);
  if (o.repeatable) opt.argParser(collect);
  return opt;
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** The description, with the parameter file's own values when it can be loaded for --help. */
const describe = (spec: CommandSpec, file?: Params): string =>
  (file && spec.describe ? safe(() => spec.describe!(file)) : undefined) ?? spec.description;

/** Register a report command. `file` (when known, for --help) lets help show the file's own defaults. */
export function registerReport(program: Command, def: ReportCommand, file?: Params): Command {
  const spec = def.spec;
  const cmd = program.command(spec.name).description(describe(spec, file));
  for (const o of spec.options) cmd.addOption(optionOf(o, file));
  cmd.addHelpText('after', examplesText(spec.examples));
  cmd.action((_o: unknown, c: Command) => runReport(c, def));
  return cmd;
}

export async function runReport(cmd: Command, def: ReportCommand): Promise<void> {
  const all = cmd.optsWithGlobals() as Globals & Record<string, unknown>;
  const [{ runWith }, { parseOptions, paramsEcho }] = await Promise.all([
    import('./run.js'),
    import('../commands/options.js'),
  ]);
  await runWith(all, async (ctx) => {
    const [build, opts, model] = await Promise.all([
      def.builder() as Promise<AnyBuilder>,
      parseOptions(def.spec, all),
      ctx.model(),
    ]);
    const report = await build(model, opts, ctx.env);
    report.params = { ...paramsEcho(def.spec, all, model.file, all.set, opts), ...report.params };
    return report;
  });
}

/**
 * Register a tool command: its positional arguments and options; with `passThrough`, options it
 * does not know are kept for its action. `{sweepable}` in an argument's help is the list of
 * commands sweep can run.
 */
export function registerTool(
  program: Command,
  def: ToolCommand,
  file: Params | undefined,
  sweepable: readonly string[],
): Command {
  const spec = def.spec;
  const cmd = program.command(spec.name).description(describe(spec, file));
  for (const a of def.args ?? []) {
    const name = `${a.name}${a.variadic ? '...' : ''}`;
    cmd.argument(
      a.required ? `<${name}>` : `[${name}]`,
      a.help.replace('{sweepable}', sweepable.join(', ')),
      a.default,
    );
  }
  for (const o of spec.options) cmd.addOption(optionOf(o, file));
  if (def.passThrough) cmd.allowUnknownOption();
  cmd.addHelpText(
    'after',
    (def.passThrough ? `\n${def.passThrough}` : '') + examplesText(spec.examples),
  );
  cmd.action(async (...given: unknown[]) => {
    const c = given.at(-1) as Command;
    const fixed = (def.args ?? []).filter((a) => !a.variadic).length;
    const args = given.slice(0, def.args?.length ?? 0) as (string | string[] | undefined)[];
    const raw = c.opts() as Record<string, unknown>;
    const [{ shellOf }, { parseOptions }, action] = await Promise.all([
      import('./run.js'),
      import('../commands/options.js'),
      def.action(),
    ]);
    const options = def.passThrough ? {} : await parseOptions(spec, raw);
    const rest = def.passThrough ? c.args.slice(fixed) : [];
    await action({ args, options, raw, rest }, shellOf(c.optsWithGlobals() as Globals));
  });
  return cmd;
}

/** A command's options from words a tool passed through (`sweep burn --months 24`), as typed. */
export function rawOptionsOf(
  spec: CommandSpec,
  words: readonly string[],
  name: string,
): Record<string, unknown> {
  const sub = new Command(name)
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  for (const o of spec.options) sub.addOption(optionOf(o));
  try {
    sub.parse([...words], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError)
      throw new InputError(e.message.replace(/^error: /, `${name}: `));
    throw e;
  }
  return sub.opts();
}

/** An option given an empty value (`-o ''`, `--nodes ''`, `--category ''`): exit 2 naming the flag. */
export function checkNoEmptyValues(cmd: Command): void {
  for (let c: Command | null = cmd; c; c = c.parent) {
    const values = c.opts() as Record<string, unknown>;
    for (const o of c.options) {
      const v = values[o.attributeName()];
      const empty =
        typeof v === 'string'
          ? v.trim() === ''
          : Array.isArray(v) && v.some((x) => typeof x === 'string' && x.trim() === '');
      if (empty)
        throw new InputError(`option ${o.long ?? o.short}: expected a value; found an empty one`);
    }
  }
}
