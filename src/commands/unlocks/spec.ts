/** `ai-econ unlocks`: its options, declared once as data (see ../spec.ts). */
import type { CommandSpec } from '../spec.js';

export const spec = {
  name: 'unlocks',
  description:
    'what unlocks when: per period (default), at a date (--at) or every unlock event (--events)',
  options: [
    { flags: '--from <date>', help: 'first period end to show (YYYY-MM-DD)', parse: 'date' },
    {
      flags: '--to <date>',
      help: 'last date to show (default: when everything is vested)',
      parse: 'date',
    },
    {
      flags: '--every <step>',
      help: 'period: day | week | month | quarter | year',
      parse: 'step',
      default: 'month',
    },
    {
      flags: '--category <name>',
      help: 'only this category (repeatable, or comma-separated)',
      parse: 'names',
      repeatable: true,
    },
    {
      flags: '--at <date>',
      help: 'one row per category: unlocked and locked on this date, and the next unlock',
      parse: 'date',
    },
    {
      flags: '--events',
      help: 'every discrete unlock with its size against the supply already unlocked',
    },
    {
      flags: '--grants <file>',
      help: 'per-beneficiary grants from CSV (see README)',
      parse: 'text',
    },
    {
      flags: '--chart',
      help: 'a terminal chart of cumulative unlocks per category, below the table',
    },
  ],
  examples: [
    'ai-econ unlocks --every quarter --to 2028-12-31',
    'ai-econ unlocks --at 2027-04-29',
    'ai-econ unlocks --events --category Team,Investors -f csv',
  ],
} as const satisfies CommandSpec;
