/** The project's own setup: a quiet `npm ci` and a quiet `npm test`. */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli/run.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};

/** Every installed package (name, folder), nested ones included. */
function installed(dir: string): { name: string; dir: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    if (entry.startsWith('.')) return [];
    if (entry.startsWith('@'))
      return readdirSync(join(dir, entry)).flatMap((sub) => here(join(dir, entry, sub)));
    return here(join(dir, entry));
  });
}
function here(d: string): { name: string; dir: string }[] {
  const file = join(d, 'package.json');
  if (!existsSync(file)) return [];
  const { name } = JSON.parse(readFileSync(file, 'utf8')) as { name: string };
  return [{ name, dir: d }, ...installed(join(d, 'node_modules'))];
}

describe('project setup', () => {
  test('allowScripts covers every dependency with an install script (npm ci prints no install-scripts warning)', () => {
    const withScripts = installed(join(ROOT, 'node_modules'))
      .filter(({ dir }) => {
        const scripts =
          (
            JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
              scripts?: Record<string, string>;
            }
          ).scripts ?? {};
        return (
          ['preinstall', 'install', 'postinstall'].some((k) => k in scripts) ||
          existsSync(join(dir, 'binding.gyp'))
        );
      })
      .map((p) => p.name);
    const covered = Object.keys(pkg.allowScripts ?? {}).map((k) => k.replace(/(?<=.)@.*$/, ''));
    expect(withScripts.filter((n) => !covered.includes(n))).toEqual([]);
    expect(pkg.allowScripts).toEqual({ esbuild: true, '@parcel/watcher': false });
  });
  test('npm test runs jest without the VM-modules ExperimentalWarning', () => {
    const flags = pkg.scripts.test!.split(/\s+/).filter((w) => w.startsWith('--'));
    expect(flags).toContain('--experimental-vm-modules');
    const r = spawnSync(
      process.execPath,
      [...flags, '-e', "new (require('node:vm').SourceTextModule)('export {}')"],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const loud = spawnSync(
      process.execPath,
      ['--experimental-vm-modules', '-e', "new (require('node:vm').SourceTextModule)('export {}')"],
      { encoding: 'utf8' },
    );
    expect(loud.stderr).toMatch(/ExperimentalWarning/);
  });
});
