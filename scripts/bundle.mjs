// The esbuild options of the CLI bundle and of the library bundle (used by build.mjs, and by the
// test that checks what importing the library loads), and a reader of esbuild's metafile.

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

// cli-table3 and cli-progress measure every cell with string-width 4, which compiles two regular
// expressions per call; in the bundle they get src/io/render/string-width.ts instead (printable
// ASCII answered from the length, anything else handed to string-width itself).
const fastStringWidth = {
  name: 'fast-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/cli-table3/`) || args.importer.includes(`${'node_modules'}/cli-progress/`)
        ? { path: 'string-width', namespace: 'fast-string-width' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'fast-string-width' }, () => ({
      contents: "module.exports = require('./src/io/render/string-width.ts').default;",
      resolveDir: process.cwd(),
      loader: 'js',
    }));
  },
};
// commander requires node:child_process when it loads, for executable subcommands, which ai-econ
// has none of; loading it (and net, dgram and the stream internals behind it) costs every command
// a few milliseconds of start-up. In the bundle commander gets it on first use instead.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/commander/`) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "let cp; module.exports = new Proxy({}, { get: (_, k) => (cp ??= require('node:child_process'))[k] });",
      loader: 'js',
    }));
  },
};
const common = (outdir) => ({
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
  plugins: [onlyEnglishZodMessages, fastStringWidth, lazyChildProcess],
  // Vega and Vega-Lite (charts, -f svg/html) stay runtime dependencies loaded from node_modules on
  // first use: bundling them would add ~2 MB of chunks and seconds to every build for no start-up gain.
  external: ['vega', 'vega-lite'],
  // CommonJS dependencies (cli-table3, commander's CJS core) call require() for Node built-ins.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

/** The CLI: one entry, lazily loaded chunks per command (and the Monte Carlo worker). */
export const cliBuild = (outdir) => ({ ...common(outdir), entryPoints: { 'ai-econ': 'src/cli/main.ts', 'mc-worker': 'src/io/mc-worker.ts', 'sweep-worker': 'src/io/sweep-worker.ts' } });

/**
 * The library (`import … from 'ai-econ'`, src/index.ts): a build of its own, so the CLI's chunks and
 * start-up stay exactly as they are; its lazily loaded parts go to dist/lib/ (two levels from dist/,
 * where besideBundle looks for the snapshot and the Monte Carlo worker).
 */
export const libraryBuild = (outdir) => ({ ...common(outdir), entryPoints: { index: 'src/index.ts' }, chunkNames: 'lib/[name]-[hash]' });

/** The output file built from an entry point (`src/index.ts`). */
export const outputOf = (metafile, entry) => Object.keys(metafile.outputs).find((o) => metafile.outputs[o].entryPoint === entry);

/** The source files an output loads when it is imported: its own and those of its static imports, transitively (not `import()`). */
export function staticInputs(metafile, output) {
  const seen = new Set();
  const inputs = new Set();
  const visit = (o) => {
    if (seen.has(o)) return;
    seen.add(o);
    for (const i of Object.keys(metafile.outputs[o].inputs)) inputs.add(i);
    for (const imp of metafile.outputs[o].imports) if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
  };
  visit(output);
  return [...inputs];
}

/** Packages the library must not load on import (the CLI's own: argument parsing, colour, terminal tables). */
export const CLI_ONLY = ['commander', 'chalk', 'cli-table3'];
export const packagesIn = (inputs) => [...new Set(inputs.map((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(i)?.[1]).filter(Boolean))].sort();
