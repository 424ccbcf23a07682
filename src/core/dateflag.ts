/** Dates typed in flags (`--at`, `--from`, `--to`, ...): `YYYY-MM-DD` or `today`. */
import { type CalDate, parseDate } from './date.js';
import { InputError } from './errors.js';

/**
 * A date flag's value: an ISO date, or `today` (any case) — the current UTC date, which the caller
 * passes in (src/inputs/today.ts reads it, honouring AI_ECON_TODAY), so this stays pure.
 */
export function parseDateFlag(text: string, today: CalDate, what = 'a date'): CalDate {
  const t = text.trim();
  if (t.toLowerCase() === 'today') return today;
  if (!/^\d{4}-/.test(t))
    throw new InputError(
      `expected ${what} as YYYY-MM-DD (like 2026-04-29) or today; found ${JSON.stringify(text)}`,
    );
  return parseDate(t, what);
}
