// The esbuild options of the one build (CLI, library and worker threads share chunks), used by
// build.mjs and by the test that checks what importing the library loads; and a reader of
// esbuild's metafile. Plain bundling: no dependency's code is changed.
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Every entry point: the CLI, the library, and the worker threads the runtime starts. */
export const ENTRIES = {
  cli: 'src/cli/main.ts',
  index: 'src/index.ts',
  'mc-worker': 'src/runtime/mc-worker.ts',
  'sweep-worker': 'src/runtime/sweep-worker.ts',
  'grants-worker': 'src/runtime/grants-worker.ts',
};

/**
 * zod's translations of its messages (zod/v4/locales/index.js, ~260 KB of the ~470 KB zod chunk):
 * no code uses them (our messages are our own; zod's English default is loaded by zod itself), so
 * the module is bundled as an empty one instead of being parsed at every start of a command that
 * reads a parameter file. zod's own code is not changed.
 */
const noZodLocales = {
  name: 'no-zod-locales',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export {};',
    }));
  },
};

export const buildOptions = (outdir) => ({
  entryPoints: ENTRIES,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  minify: !process.env.AI_ECON_NO_MINIFY, // AI_ECON_NO_MINIFY=1: readable names in a --cpu-prof
  legalComments: 'none',
  logLevel: 'warning',
  // The version is built in, so no package.json is read at start-up (src/params/package.ts).
  define: { AI_ECON_VERSION: JSON.stringify(version) },
  // Vega and Vega-Lite (charts) stay runtime dependencies, loaded from node_modules on first use.
  external: ['vega', 'vega-lite'],
  plugins: [noZodLocales],
  // CommonJS dependencies (cli-table3, commander) call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
});

/**
 * The `ai-econ play` page's script (dist/play.js): the engines, Vega and Vega-Lite for the browser,
 * as one classic script. The page runs from file:// and loads nothing, so nothing may stay an
 * import: a module the page reaches that imports a Node built-in fails this build. Two things are
 * left out on purpose:
 * - what the page's code loads only with import() — the CLI's file readers (a grants file, the
 *   package's version for Monte Carlo reports), which the page never runs: they stay `import()`
 *   calls to nothing, so any that ran would show as a request (the browser test fails on any);
 * - zod's translations of its messages, as in the CLI's build (noZodLocales).
 */
export const playPageOptions = (outdir) => ({
  entryPoints: ['src/render/play/page.ts'],
  outfile: `${outdir}/play.js`,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome110', 'firefox115', 'safari16'],
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [
    {
      name: 'play-page',
      setup(b) {
        b.onResolve({ filter: /.*/ }, (a) =>
          a.kind === 'dynamic-import' ? { path: a.path, external: true } : undefined,
        );
      },
    },
    noZodLocales,
  ],
});

/** The output file built from an entry point (`src/index.ts`). */
export const outputOf = (metafile, entry) =>
  Object.keys(metafile.outputs).find((o) => metafile.outputs[o].entryPoint === entry);

/** The source files an output loads when it is imported: its own and those of its static imports, transitively (not `import()`). */
export function staticInputs(metafile, output) {
  const seen = new Set();
  const inputs = new Set();
  const visit = (o) => {
    if (seen.has(o)) return;
    seen.add(o);
    for (const i of Object.keys(metafile.outputs[o].inputs)) inputs.add(i);
    for (const imp of metafile.outputs[o].imports)
      if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
  };
  visit(output);
  return [...inputs];
}

/** Every source file an entry reaches, statically or through import(). */
export function allInputs(metafile, output) {
  const seen = new Set();
  const inputs = new Set();
  const visit = (o) => {
    if (seen.has(o) || !metafile.outputs[o]) return;
    seen.add(o);
    for (const i of Object.keys(metafile.outputs[o].inputs)) inputs.add(i);
    for (const imp of metafile.outputs[o].imports) if (!imp.external) visit(imp.path);
  };
  visit(output);
  return [...inputs];
}

/** Packages the library must not load on import (the CLI's own: argument parsing, colour, terminal tables). */
export const CLI_ONLY = ['commander', 'chalk', 'cli-table3'];
export const packagesIn = (inputs) =>
  [
    ...new Set(
      inputs.map((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(i)?.[1]).filter(Boolean),
    ),
  ].sort();

/**
 * A cycle of static imports among our own source files (esbuild's resolved import graph), as a list of paths, or
 * undefined. The layers import one way (ARCHITECTURE.md); a cycle inside a layer is a design smell
 * the build refuses.
 */
export function importCycle(metafile) {
  const own = Object.keys(metafile.inputs).filter((i) => i.startsWith('src/'));
  // Static imports only: a lazy import() runs after every module loaded so far has finished.
  const deps = (p) =>
    metafile.inputs[p].imports
      .filter((i) => i.kind === 'import-statement')
      .map((i) => i.path)
      .filter((d) => d.startsWith('src/'));
  const state = new Map();
  const visit = (p, path) => {
    if (state.get(p) === 2) return undefined;
    if (state.get(p) === 1) return [...path.slice(path.indexOf(p)), p];
    state.set(p, 1);
    for (const d of deps(p)) {
      const c = visit(d, [...path, p]);
      if (c) return c;
    }
    state.set(p, 2);
    return undefined;
  };
  for (const p of own) {
    const c = visit(p, []);
    if (c) return c;
  }
  return undefined;
}
