/** The help blocks of README.md and docs/commands/*.md are the real `--help` output (declared once, in src/commands/<name>/spec.ts and src/cli/globals.ts). */
import { expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './run.js';

test('the help blocks of README.md and docs/commands match the built binary', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'readme.mjs'), '--check'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});
