// Bundles the CLI with esbuild into dist/ (one entry, lazily loaded chunks per command),
// so a one-shot command loads only what it needs and starts close to bare Node.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

// AI_ECON_DIST lets parallel work build to its own folder (inside the checkout, so the bundle
// still finds configs/ and package.json by walking up).
const outdir = process.env.AI_ECON_DIST || 'dist';

// zod re-exports all of its ~60 message locales as a namespace, which defeats tree-shaking; the
// CLI writes its own messages and zod only needs English, so the bundle gets just that one.
const onlyEnglishZodMessages = {
  name: 'only-english-zod-messages',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/zod/`) ? { path: 'zod-locales', namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js';",
      resolveDir: process.cwd(),
    }));
  },
};
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { 'ai-econ': 'src/cli/main.ts', 'mc-worker': 'src/io/mc-worker.ts', 'sweep-worker': 'src/io/sweep-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.js' },
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: false,
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [onlyEnglishZodMessages],
  // CommonJS dependencies (cli-table3, commander's CJS core) call require() for Node built-ins.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

// Ship the parameter file's JSON Schema beside the bundle, for editors (`ai-econ schema --path`),
// and the built-in parameters' snapshot (src/io/params.ts).
import { execFileSync } from 'node:child_process';
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
execFileSync(process.execPath, [`${outdir}/ai-econ.js`, 'schema', '-o', `${outdir}/ai-econ.schema.json`], { stdio: 'inherit' });
