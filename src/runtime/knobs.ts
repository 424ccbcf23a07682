/** Tuning knobs from the environment (for the bench and the tests): a number, or one clear error. */
import { InputError } from '../core/errors.js';

/** With AI_ECON_STATS set (the bench and the tests), one `ai-econ-stats: …` line on stderr about how a run went. */
export function stat(text: string): void {
  if (process.env.AI_ECON_STATS) process.stderr.write(`ai-econ-stats: ${text}\n`);
}

/** `name`'s value as a non-negative number, `fallback` when unset or empty; anything else is an InputError (exit 2). */
export function envNumber(name: string, expected: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const v = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !Number.isFinite(v))
    throw new InputError(
      `environment variable ${name}: expected ${expected}; found ${JSON.stringify(text)}`,
    );
  return v;
}
