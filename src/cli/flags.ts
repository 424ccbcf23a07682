/** Reading flag values with the core's parsers; a bad value names the flag (exit 2). */
import type { Command } from 'commander';
import { InputError } from '../core/errors.js';

export function flag<T>(name: string, value: unknown, parse: (text: string) => T): T;
export function flag<T>(name: string, value: unknown, parse: (text: string) => T, optional: true): T | undefined;
export function flag<T>(name: string, value: unknown, parse: (text: string) => T, _optional?: true): T | undefined {
  if (value === undefined) return undefined;
  try {
    return parse(String(value));
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`option ${name}: ${e.message}`);
    throw e;
  }
}

/** Commander collector for repeatable options (`--category A --category B`); `A,B` is split later by splitNames, where an exact name wins. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** An option given an empty value (`-o ''`, `--nodes ''`, `--category ''`): exit 2 naming the flag. */
export function checkNoEmptyValues(cmd: Command): void {
  for (let c: Command | null = cmd; c; c = c.parent) {
    const values = c.opts() as Record<string, unknown>;
    for (const o of c.options) {
      const v = values[o.attributeName()];
      const empty = typeof v === 'string' ? v.trim() === '' : Array.isArray(v) && v.some((x) => typeof x === 'string' && x.trim() === '');
      if (empty) throw new InputError(`option ${o.long ?? o.short}: expected a value; found an empty one`);
    }
  }
}
