/** `ai-econ report`: its options, declared once as data (see ../spec.ts). */
import type { CommandSpec } from '../spec.js';

/** `ai-econ report` writes a page, not a table: its shell is src/cli/report.ts; its options are declared here like every command's. */
export const spec = {
  name: 'report',
  description:
    'the whole economy of the parameter file on one self-contained page: allocation, unlocks, a quote, rewards, burn and Monte Carlo (html, or md with SVG files)',
  options: [
    {
      flags: '--runs <n>',
      help: 'Monte Carlo runs for the burn and simulate bands',
      parse: 'runs',
      default: '1000',
    },
    { flags: '--seed <n>', help: 'Monte Carlo seed', parse: 'seed', default: '1' },
  ],
  examples: [
    'ai-econ report -o report.html              one page: charts, tables and notes; opens offline',
    'ai-econ report -c my.yaml --runs 5000 -o my.html',
    'ai-econ report -f md -o wiki/              report.md with an SVG file per chart beside it',
  ],
} as const satisfies CommandSpec;
