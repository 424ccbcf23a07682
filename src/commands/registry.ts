/**
 * Every command, once. The CLI (src/cli/main.ts) registers each with commander, the library
 * (src/index.ts) gives each report command a function, `sweep` runs those that have sweep traits,
 * and the charts come from here. Importing this loads only the commands' option declarations.
 * A new command: its folder (spec.ts, build.ts, chart.ts, index.ts, tests) and one line here.
 */
import { command as allocation } from './allocation/index.js';
import { command as unlocks } from './unlocks/index.js';
import { command as quote } from './quote/index.js';
import { command as rewards } from './rewards/index.js';
import { command as burn } from './burn/index.js';
import { command as simulate } from './simulate/index.js';
import { command as sweep } from './sweep/index.js';
import { command as report } from './report/index.js';
import { command as play } from './play/index.js';
import { command as init } from './init/index.js';
import { command as validate } from './validate/index.js';
import { command as schema } from './schema/index.js';
import type { AnyCommand, ReportCommand } from './command.js';

export const COMMANDS = {
  init,
  validate,
  schema,
  allocation,
  unlocks,
  quote,
  rewards,
  burn,
  simulate,
  report,
  play,
  sweep,
} as const;

export type CommandName = keyof typeof COMMANDS;

/** A command by name, or undefined. */
export const commandOf = (name: string): AnyCommand | undefined =>
  Object.hasOwn(COMMANDS, name) ? (COMMANDS[name as CommandName] as AnyCommand) : undefined;

/** The report commands (those that build a Report of tables), in registry order. */
export const REPORT_COMMANDS = Object.values(COMMANDS).filter(
  (c): c is Extract<(typeof COMMANDS)[CommandName], { kind: 'report' }> => c.kind === 'report',
) as unknown as readonly ReportCommand[];
