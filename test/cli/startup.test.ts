/** Start-up: the CLI is the plain esbuild bundle, and help and errors come from commander. */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT } from './run.js';

describe('start-up', () => {
  test('bin/ai-econ.js starts the bundle the build wrote (dist/cli.js)', () => {
    expect(readFileSync(join(ROOT, 'bin', 'ai-econ.js'), 'utf8')).toContain("'../dist/cli.js'");
    expect(cli(['--version']).stdout).toBe(
      `${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`,
    );
  });
  test('help, suggestions and errors still come from commander', () => {
    expect(cli(['--help']).stdout).toMatch(/^Usage: ai-econ/);
    const r = cli(['unlcks']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Did you mean unlocks?');
  });
});
