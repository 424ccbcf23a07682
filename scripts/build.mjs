// Builds dist/ with esbuild: the CLI (dist/cli.js, started by bin/ai-econ.js), the library
// (dist/index.js) and the worker threads, sharing lazily loaded chunks; then the parameter file's
// JSON Schema beside them. Type declarations (dist/types/, `npm run build:types`) are made by
// tsc on `npm pack` and `npm test`, not here: they take ~10 s that every `npm ci` would pay.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import {
  buildOptions,
  outputOf,
  staticInputs,
  packagesIn,
  importCycle,
  CLI_ONLY,
  playPageOptions,
} from './bundle.mjs';

// AI_ECON_DIST lets parallel work build to its own folder (inside the checkout, so the bundle
// still finds configs/ and package.json by walking up).
const outdir = process.env.AI_ECON_DIST || 'dist';

// Clean all but the type declarations (prepack makes those before prepare runs this).
for (const f of (() => {
  try {
    return readdirSync(outdir);
  } catch {
    return [];
  }
})())
  if (f !== 'types') rmSync(`${outdir}/${f}`, { recursive: true, force: true });

const { metafile } = await build({ ...buildOptions(outdir), metafile: true });
const cycle = importCycle(metafile);
if (cycle) throw new Error(`source files import each other in a cycle: ${cycle.join(' -> ')}`);
// Importing the library must not load the CLI's own packages (test/lib/imports.test.ts checks it too).
const loaded = packagesIn(staticInputs(metafile, outputOf(metafile, 'src/index.ts'))).filter((p) =>
  CLI_ONLY.includes(p),
);
if (loaded.length)
  throw new Error(`importing the library would load ${loaded.join(', ')}; load them lazily`);

// The script of the `ai-econ play` page, for the browser: one file, no import of any kind, which
// `ai-econ play` inlines into the page with the parameter file.
await build(playPageOptions(outdir));

// The built-in parameters' snapshot (src/params/builtin.ts), and the parameter file's JSON Schema
// beside the bundle, for editors (`ai-econ schema --path`).
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
  [`${outdir}/cli.js`, 'schema', '-o', `${outdir}/ai-econ.schema.json`],
  {
    stdio: 'inherit',
  },
);
