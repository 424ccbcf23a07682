/** Tuning knobs from the environment (for the bench and the tests): a number, or one clear error. */
import { readFileSync } from 'node:fs';
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

/**
 * CPU time (user + system) this thread has used, in ms, from /proc/thread-self/stat (Linux; else
 * undefined): for the stats line only (the bench tells the threads running points from V8's own).
 */
export function threadCpuMs(): number | undefined {
  if (!process.env.AI_ECON_STATS) return undefined;
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // clock ticks of 1/100 s
  } catch {
    return undefined;
  }
}
