/** Reading flag values with the core's parsers; a bad value names the flag (exit 2). */
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

/** Commander collector for repeatable options (`--category A --category B`, also `A,B`). */
export const collect = (value: string, previous: string[] = []): string[] => [
  ...previous,
  ...value.split(',').map((s) => s.trim()).filter(Boolean),
];
