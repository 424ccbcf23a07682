/** `ai-econ play`: its options, declared once as data (see ../spec.ts). */
import type { CommandSpec } from '../spec.js';

export const spec = {
  name: 'play',
  description:
    'one offline page that reruns the model in the browser as you change its assumptions: charts, and the risks exactly as simulate prints them',
  options: [],
  examples: [
    'ai-econ play -o play.html                  the built-in parameters; open play.html in a browser',
    'ai-econ play -c my.yaml -o my-play.html',
    "ai-econ play --set 'economy.demand.growth=8%' -o play.html   start from other values",
  ],
} as const satisfies CommandSpec;
