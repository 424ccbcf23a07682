/** The `ai-econ play` page's script, built for the browser into dist/ (scripts/build.mjs). */
import { readFileSync } from 'node:fs';
import { builtFile } from '../params/package.js';

export const playScript = (): string => readFileSync(builtFile('play.js'), 'utf8');
