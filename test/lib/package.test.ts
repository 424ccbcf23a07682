/**
 * The library as a user gets it: `npm pack` a copy of the checkout with its scripts on, as `npm
 * publish` would (prepack makes the type declarations, prepare the bundle), install the tarball into
 * a fresh project with no warning, run the library examples of README.md and docs/library.md there
 * (importing 'ai-econ' by name) and compare with the output the pages show; type-check them against
 * the installed declarations, and check that they reject misuse. The install prefers npm's cache
 * and falls back to the registry. (A copy, so that building it does not touch the dist/ the other
 * tests run.)
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
  let install: ReturnType<typeof run>;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(() => {
    dir = tmp();
    const copy = join(dir, 'checkout');
    const tracked = ok(run('git', ['ls-files', '-co', '--exclude-standard'], ROOT)).split('\n');
    for (const f of tracked.filter(Boolean)) {
      mkdirSync(dirname(join(copy, f)), { recursive: true });
      cpSync(join(ROOT, f), join(copy, f));
    }
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    const packed = JSON.parse(
      ok(run(NPM, ['pack', '--json', '--pack-destination', dir], copy)).replace(/^[^[]*/, ''),
    ) as { filename: string; files: { path: string }[] }[];
    const files = packed[0]!.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'dist/index.js',
        'dist/types/index.d.ts',
        'dist/cli.js',
        'dist/gensyn.params.json',
        'dist/ai-econ.schema.json',
        'bin/ai-econ.js',
        'configs/gensyn.yaml',
      ]),
    );
    proj = join(dir, 'consumer');
    mkdirSync(proj);
    writeFileSync(
      join(proj, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    install = run(
      NPM,
      ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, packed[0]!.filename)],
      proj,
    );
    ok(install);
  }, 180_000);

  test('installing it prints no warning', () => {
    expect(install.err.split('\n').filter((l) => /warn/i.test(l))).toEqual([]);
  });

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
