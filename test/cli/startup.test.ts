/** Start-up: the CLI is the plain esbuild bundle, and help and errors come from commander. */
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli, ROOT, tmp } from './run.js';

/** The files of dist/ a CLI run imports, from a resolve hook that lists them on stderr. */
function imported(args: string[]): string[] {
  const dir = tmp();
  const hook = join(dir, 'hook.mjs');
  writeFileSync(
    hook,
    "export async function resolve(s, c, next) { const r = await next(s, c); if (r.url.includes('/dist/')) process.stderr.write('IMPORT ' + r.url.split('/dist/')[1] + '\\n'); return r; }\n",
  );
  const reg = join(dir, 'reg.mjs');
  writeFileSync(
    reg,
    `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hook).href)});\n`,
  );
  const r = cli(args, { env: { NODE_OPTIONS: `--import ${pathToFileURL(reg).href}` } });
  expect(r.code).toBe(0);
  return [...new Set([...r.stderr.matchAll(/^IMPORT (\S+)$/gm)].map((m) => m[1]!))];
}

describe('start-up', () => {
  test('bin/ai-econ.js starts the bundle the build wrote (dist/cli.js)', () => {
    expect(readFileSync(join(ROOT, 'bin', 'ai-econ.js'), 'utf8')).toContain("'../dist/cli.js'");
    expect(cli(['--version']).stdout).toBe(
      `${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`,
    );
  });
  test('quote on the built-in parameters loads no parameter-file parser: no zod, no YAML', () => {
    const zod = readdirSync(join(ROOT, 'dist', 'chunks')).filter((f) =>
      readFileSync(join(ROOT, 'dist', 'chunks', f), 'utf8').includes('ZodObject'),
    );
    expect(zod.length).toBeGreaterThan(0);
    const files = imported(['quote', '--gpu-hours', '100']);
    expect(files).toContain('cli.js');
    for (const f of zod) expect(files).not.toContain(`chunks/${f}`);
    // With -c the file is parsed and validated: the same hook sees zod load.
    const withFile = imported([
      'quote',
      '--gpu-hours',
      '100',
      '-c',
      join(ROOT, 'configs', 'gensyn.yaml'),
    ]);
    expect(zod.some((f) => withFile.includes(`chunks/${f}`))).toBe(true);
  });
  test('help, suggestions and errors still come from commander', () => {
    expect(cli(['--help']).stdout).toMatch(/^Usage: ai-econ/);
    const r = cli(['unlcks']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Did you mean unlocks?');
  });
});
