/** The current UTC calendar date, for `today` in date flags; AI_ECON_TODAY=YYYY-MM-DD pins it (tests, reproducible runs). */
import { type CalDate, parseDate } from '../core/date.js';
import { InputError } from '../core/errors.js';

export function today(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): CalDate {
  const pinned = env.AI_ECON_TODAY?.trim();
  if (pinned) {
    try {
      return parseDate(pinned, 'a date');
    } catch (e) {
      throw new InputError(`environment variable AI_ECON_TODAY: ${(e as Error).message}`);
    }
  }
  return now.toISOString().slice(0, 10);
}
