/**
 * A command's options from what was typed: each through its declared parser (loaded only when
 * an option needs one), and the JSON `params` echo of them.
 */
import { flagOf, keyOf, type CommandSpec } from './spec.js';

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
  const { optionValue } = await import('./values.js');
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
