import { describe, expect, test } from '@jest/globals';
import { cli, tmpFile } from './run.js';

/** Node's built-in modules a command loaded, by a preload that lists them at exit. */
const builtins = (args: string[]): string[] => {
  const hook = tmpFile('list-modules.cjs', "process.on('exit', () => process.stderr.write('\\nmodules: ' + process.moduleLoadList.join(',') + '\\n'));");
  const r = cli(args, { env: { NODE_OPTIONS: `--require ${hook}` } });
  expect(r.code).toBe(0);
  return /modules: (.*)/.exec(r.stderr)![1].split(',');
};

describe('start-up', () => {
  test('commander does not load node:child_process (nor net, dgram) until it spawns', () => {
    const loaded = builtins(['--version']);
    expect(loaded).not.toContain('NativeModule child_process');
    expect(loaded).not.toContain('NativeModule dgram');
  });
  test('help, suggestions and errors still come from commander', () => {
    expect(cli(['--help']).stdout).toMatch(/^Usage: ai-econ/);
    const r = cli(['unlcks']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Did you mean unlocks?');
  });
});
