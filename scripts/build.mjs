// Bundles the CLI with esbuild into dist/ (one entry, lazily loaded chunks per command),
// so a one-shot command loads only what it needs and starts close to bare Node; and the library
// (dist/index.js, its types in dist/types/). The esbuild options are in bundle.mjs.
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  cliBuild,
  commonJs,
  requireCycle,
  libraryBuild,
  staticInputs,
  outputOf,
  packagesIn,
  CLI_ONLY,
} from './bundle.mjs';

// AI_ECON_DIST lets parallel work build to its own folder (inside the checkout, so the bundle
// still finds configs/ and package.json by walking up).
const outdir = process.env.AI_ECON_DIST || 'dist';

rmSync(outdir, { recursive: true, force: true });
// The CLI: split as ESM by esbuild, then written as CommonJS (bundle.mjs), started by bin/ai-econ.js.
const cli = await build({ ...cliBuild(outdir), write: false });
const cjs = await commonJs(cli.outputFiles);
const cycle = requireCycle(cjs);
if (cycle)
  throw new Error(
    `the CLI's bundle files require each other in a cycle (FLAT_EXPORTS in bundle.mjs needs none): ${cycle.join(' -> ')}`,
  );
for (const f of cjs) {
  mkdirSync(dirname(f.path), { recursive: true });
  writeFileSync(f.path, f.text);
}
// For every require, Node looks for the requiring file's package.json (package self-reference): from
// a chunk it tried dist/chunks/, dist/ and then the package root, ~3 ms of quote's start-up. This one
// ends the search at once (and says what the folder holds).
writeFileSync(`${outdir}/chunks/package.json`, '{ "type": "commonjs" }\n');
const lib = await build({ ...libraryBuild(outdir), metafile: true });
// Importing the library must not load the CLI's own packages (test/lib/imports.test.ts checks it too).
const loaded = packagesIn(
  staticInputs(lib.metafile, outputOf(lib.metafile, 'src/index.ts')),
).filter((p) => CLI_ONLY.includes(p));
if (loaded.length)
  throw new Error(`importing the library would load ${loaded.join(', ')}; load them lazily`);
// Its type declarations (dist/types/, `npm run build:types`) are not made here: the TypeScript compiler
// takes ~10 s, which every `npm ci` would pay; `npm pack` / `npm publish` (prepack) and `npm test` make them.

// Ship the parameter file's JSON Schema beside the bundle, for editors (`ai-econ schema --path`),
// and the built-in parameters' snapshot (src/io/params.ts).
await build({
  entryPoints: ['scripts/snapshot.ts'],
  outfile: `${outdir}/.snapshot.mjs`,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  packages: 'external',
});
execFileSync(process.execPath, [`${outdir}/.snapshot.mjs`, outdir], { stdio: 'inherit' });
rmSync(`${outdir}/.snapshot.mjs`);
execFileSync(
  process.execPath,
  [`${outdir}/ai-econ.cjs`, 'schema', '-o', `${outdir}/ai-econ.schema.json`],
  { stdio: 'inherit' },
);
