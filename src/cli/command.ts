/**
 * The one shell every report command shares: register its declared options with commander, and
 * when it runs, parse them (loading the parsers only then), load the parameter file, call the
 * command's builder through one lazy import, and render to stdout or atomically to -o.
 */
import { Command, Option } from 'commander';
import { InputError } from '../core/errors.js';
import type { Report } from '../core/table.js';
import type { Params } from '../params/schema/index.js';
import type { Model } from '../params/model.js';
import type { BuildEnv } from '../commands/env.js';
import { flagOf, keyOf, type CommandSpec, type OptSpec } from '../commands/spec.js';
import type { Globals } from './globals.js';

type AnyBuilder = (
  m: Model,
  o: Record<string, unknown>,
  env?: BuildEnv,
) => Report | Promise<Report>;
export type LoadBuilder = () => Promise<AnyBuilder>;

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

/** Register a report command. `file` (when known, for --help) lets help show the file's own defaults. */
export function registerReport(
  program: Command,
  spec: CommandSpec,
  load: LoadBuilder,
  file?: Params,
): Command {
  const cmd = program
    .command(spec.name)
    .description(
      (file && spec.describe ? safe(() => spec.describe!(file)) : undefined) ?? spec.description,
    );
  for (const o of spec.options) cmd.addOption(optionOf(o, file));
  cmd.addHelpText('after', examplesText(spec.examples));
  cmd.action((_o: unknown, c: Command) => runReport(c, spec, load));
  return cmd;
}

/** Parse a command's option texts with their declared parsers; a bad value names its flag. */
export async function parseOptions(
  spec: CommandSpec,
  raw: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  if (
    !spec.options.some(
      (o) => o.parse && (raw[keyOf(o.flags)] !== undefined || o.default !== undefined),
    )
  ) {
    for (const o of spec.options)
      if (raw[keyOf(o.flags)] !== undefined) out[keyOf(o.flags)] = raw[keyOf(o.flags)];
    return out;
  }
  const { optionValue } = await import('../commands/values.js');
  for (const o of spec.options) {
    const key = keyOf(o.flags);
    const v = raw[key] ?? o.default;
    if (v !== undefined) out[key] = optionValue(o, v, `option ${flagOf(o.flags)}`);
  }
  return out;
}

/** JSON `params`: which file, every override, and every option as the user typed it (snake_case keys). */
export function paramsEcho(
  spec: CommandSpec,
  raw: Record<string, unknown>,
  file: string,
  sets: readonly string[] | undefined,
  parsed: Record<string, unknown> = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = { config: file };
  if (sets?.length) out.set = [...sets];
  for (const o of spec.options) {
    // A date as used (`today` becomes the day it was); every other option as typed.
    const v =
      o.parse === 'date' && raw[keyOf(o.flags)] !== undefined
        ? parsed[keyOf(o.flags)]
        : raw[keyOf(o.flags)];
    if (v !== undefined) out[flagOf(o.flags).slice(2).replace(/-/g, '_')] = v;
  }
  return out;
}

export async function runReport(cmd: Command, spec: CommandSpec, load: LoadBuilder): Promise<void> {
  const all = cmd.optsWithGlobals() as Globals & Record<string, unknown>;
  const { runWith } = await import('./run.js');
  await runWith(all, async (ctx) => {
    const [build, opts, model] = await Promise.all([load(), parseOptions(spec, all), ctx.model()]);
    const report = await build(model, opts, ctx.env);
    report.params = { ...paramsEcho(spec, all, model.file, all.set, opts), ...report.params };
    return report;
  });
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
