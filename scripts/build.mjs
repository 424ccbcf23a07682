// Bundles the CLI with esbuild into dist/ (one entry, lazily loaded chunks per command),
// so a one-shot command loads only what it needs and starts close to bare Node.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

// AI_ECON_DIST lets parallel work build to its own folder (inside the checkout, so the bundle
// still finds configs/ and package.json by walking up).
const outdir = process.env.AI_ECON_DIST || 'dist';
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { 'ai-econ': 'src/cli/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.js' },
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: false,
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies (cli-table3, commander's CJS core) call require() for Node built-ins.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

// Ship the parameter file's JSON Schema beside the bundle, for editors (`ai-econ schema --path`).
import { execFileSync } from 'node:child_process';
execFileSync(process.execPath, [`${outdir}/ai-econ.js`, 'schema', '-o', `${outdir}/ai-econ.schema.json`], { stdio: 'inherit' });
