/**
 * The library as a user gets it: `npm pack` the checkout (its built dist/), install the tarball into
 * a fresh project, run the library examples of README.md and docs/library.md there (importing
 * 'ai-econ' by name) and compare with the output the pages show; type-check them against the
 * installed declarations, and check that they reject misuse. The install prefers npm's cache and
 * falls back to the registry.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tmp } from '../cli/run.js';

const run = (cmd: string, args: string[], cwd: string) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
};
const ok = (r: ReturnType<typeof run>): string => {
  if (r.code !== 0) throw new Error(`exit ${r.code}\n${r.out}\n${r.err}`);
  return r.out;
};
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const tsc = (files: string[], cwd: string) =>
  run(
    process.execPath,
    [
      TSC,
      '--noEmit',
      '--strict',
      '--allowJs',
      '--checkJs',
      '--target',
      'es2022',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--typeRoots',
      join(ROOT, 'node_modules', '@types'),
      '--types',
      'node',
      ...files,
    ],
    cwd,
  );

/** The library examples (```js, then `It prints:` and ```text) of README.md and docs/library.md. */
function libraryExamples(): { file: string; code: string; output: string }[] {
  return ['README.md', 'docs/library.md'].map((file) => {
    const page = readFileSync(join(ROOT, file), 'utf8');
    const code = /```js\n([\s\S]*?)```/.exec(page)?.[1];
    const output = /```\n\nIt prints:\n\n```text\n([\s\S]*?)```/.exec(page)?.[1];
    if (!code || !output)
      throw new Error(`${file}: no library example (\`\`\`js) with its output (\`\`\`text)`);
    return { file, code, output };
  });
}

describe('the packed package, installed into a fresh project', () => {
  let dir = '';
  let proj = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(() => {
    dir = tmp();
    const packed = JSON.parse(
      ok(run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT)),
    ) as { filename: string; files: { path: string }[] }[];
    const files = packed[0].files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'dist/index.js',
        'dist/types/index.d.ts',
        'dist/ai-econ.cjs',
        'bin/ai-econ.js',
        'bin/package.json',
        'configs/gensyn.yaml',
      ]),
    );
    proj = join(dir, 'consumer');
    mkdirSync(proj);
    writeFileSync(
      join(proj, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    ok(
      run(
        NPM,
        [
          'install',
          '--prefer-offline',
          '--no-audit',
          '--no-fund',
          '--ignore-scripts',
          '--loglevel=error',
          join(dir, packed[0].filename),
        ],
        proj,
      ),
    );
  }, 120_000);

  test.each(libraryExamples())(
    'the library example of $file runs and prints what the page shows',
    ({ code, output }) => {
      writeFileSync(join(proj, 'example.mjs'), code);
      expect(ok(run(process.execPath, ['example.mjs'], proj)).trimEnd()).toBe(output.trimEnd());
    },
  );

  test('it type-checks against the installed declarations, which reject misuse', () => {
    const examples = libraryExamples().map((e, i) => {
      writeFileSync(join(proj, `example${i}.mjs`), e.code);
      return `example${i}.mjs`;
    });
    writeFileSync(
      join(proj, 'misuse.ts'),
      `import { quote, render, unlocks, type Report } from 'ai-econ';
const r: Report = await quote(undefined, { gpuHourz: '1000' });
await render(r, 'pdf');
await unlocks({ file: 'x' });
`,
    );
    // One compiler run for both (the declarations of zod, yaml and the package itself are trusted: --skipLibCheck).
    const r = tsc(['--skipLibCheck', ...examples, 'misuse.ts'], proj);
    const errors = r.out.split('\n').filter((l) => /error TS/.test(l));
    expect(errors.filter((l) => !l.startsWith('misuse.ts'))).toEqual([]);
    expect(errors).toEqual([
      expect.stringMatching(
        /^misuse\.ts\(2,\d+\): error TS2561: .*'gpuHourz' does not exist in type 'QuoteOptions'. Did you mean to write 'gpuHours'/,
      ),
      expect.stringMatching(
        /^misuse\.ts\(3,\d+\): error TS2345: Argument of type '"pdf"' is not assignable to parameter of type 'Format/,
      ),
      expect.stringMatching(/^misuse\.ts\(4,\d+\): error TS2345: .* type 'Model'/),
    ]);
  }, 60_000);

  test('the CLI still runs from the install (bin)', () => {
    expect(ok(run(join(proj, 'node_modules', '.bin', 'ai-econ'), ['--version'], proj)).trim()).toBe(
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
    );
  });
});
