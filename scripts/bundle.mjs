// The esbuild options of the CLI bundle and of the library bundle (used by build.mjs, and by the
// test that checks what importing the library loads), and a reader of esbuild's metafile.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// zod re-exports all of its ~60 message locales as a namespace, which defeats tree-shaking; the
// CLI writes its own messages and zod only needs English, so the bundle gets just that one.
const onlyEnglishZodMessages = {
  name: 'only-english-zod-messages',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/zod/`)
        ? { path: 'zod-locales', namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js';",
      resolveDir: process.cwd(),
    }));
  },
};

// cli-table3 and cli-progress measure every cell with string-width 4, which compiles two regular
// expressions per call; in the bundle they get src/io/render/string-width.ts instead (printable
// ASCII answered from the length, anything else handed to string-width itself). So does wrap-ansi
// (table notes on a terminal): its own string-width 7 builds an Intl.Segmenter and a Unicode-property
// regular expression when it loads and the emoji expression on first use, ~30 ms of a table view;
// the notes then measure exactly as the table's cells do.
const fastStringWidth = {
  name: 'fast-string-width',
  setup(b) {
    const users = ['cli-table3', 'cli-progress', 'wrap-ansi'].map((p) => `${'node_modules'}/${p}/`);
    b.onResolve({ filter: /^string-width$/ }, (args) =>
      users.some((u) => args.importer.includes(u))
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
      args.importer.includes(`${'node_modules'}/commander/`)
        ? { path: 'child_process', namespace: 'lazy-child-process' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents:
        "let cp; module.exports = new Proxy({}, { get: (_, k) => (cp ??= require('node:child_process'))[k] });",
      loader: 'js',
    }));
  },
};
// The package's version, built in (src/io/paths.ts): no package.json to find and read at start-up.
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// cli-table3 sets up every cell by copying 17 options, each through `setOption`, which splits,
// capitalizes and joins the option's name, and `firstDefined`, which builds two arrays: about 60
// short-lived allocations a cell, a tenth of a 120-row table view and much of its garbage
// collection. In the bundle the two helpers compute the same values without allocating (a name's
// camelCase is remembered). The exact source is replaced, so a cli-table3 that changed it fails the
// build instead of being patched blindly.
const CELL_HELPERS = `function firstDefined(...args) {
  return args.filter((v) => v !== undefined && v !== null).shift();
}

// HELPER FUNCTIONS
function setOption(objA, objB, nameB, targetObj) {
  let nameA = nameB.split('-');
  if (nameA.length > 1) {
    nameA[1] = nameA[1].charAt(0).toUpperCase() + nameA[1].substr(1);
    nameA = nameA.join('');
    targetObj[nameA] = firstDefined(objA[nameA], objA[nameB], objB[nameA], objB[nameB]);
  } else {
    targetObj[nameB] = firstDefined(objA[nameB], objB[nameB]);
  }
}`;
const CELL_HELPERS_LEAN = `function firstDefined() {
  for (let i = 0; i < arguments.length; i++) if (arguments[i] !== undefined && arguments[i] !== null) return arguments[i];
  return undefined;
}

const camelNames = new Map();
function camelName(nameB) {
  let nameA = camelNames.get(nameB);
  if (nameA === undefined) {
    const parts = nameB.split('-');
    nameA = parts.length > 1 ? parts[0] + parts[1].charAt(0).toUpperCase() + parts[1].substr(1) + parts.slice(2).join('') : nameB;
    camelNames.set(nameB, nameA);
  }
  return nameA;
}
function setOption(objA, objB, nameB, targetObj) {
  const nameA = camelName(nameB);
  if (nameA !== nameB) {
    targetObj[nameA] = firstDefined(objA[nameA], objA[nameB], objB[nameA], objB[nameB]);
  } else {
    targetObj[nameB] = firstDefined(objA[nameB], objB[nameB]);
  }
}`;
const leanTableCells = {
  name: 'lean-table-cells',
  setup(b) {
    b.onLoad({ filter: /cli-table3[\\/]src[\\/]cell\.js$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const src = await readFile(args.path, 'utf8');
      if (!src.includes(CELL_HELPERS))
        throw new Error(
          `${args.path}: cli-table3's cell helpers changed; update lean-table-cells in scripts/bundle.mjs`,
        );
      return { contents: src.replace(CELL_HELPERS, CELL_HELPERS_LEAN), loader: 'js' };
    });
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
  minify: !process.env.AI_ECON_NO_MINIFY, // AI_ECON_NO_MINIFY=1: readable names in a --cpu-prof
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [onlyEnglishZodMessages, fastStringWidth, lazyChildProcess, leanTableCells],
  define: { AI_ECON_VERSION: JSON.stringify(version) },
  // Vega and Vega-Lite (charts, -f svg/html) stay runtime dependencies loaded from node_modules on
  // first use: bundling them would add ~2 MB of chunks and seconds to every build for no start-up gain.
  external: ['vega', 'vega-lite'],
  // CommonJS dependencies (cli-table3, commander's CJS core) call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
});

/**
 * The CLI: one entry, lazily loaded chunks per command (and the two workers). esbuild splits only
 * ESM, so this build is ESM with `.cjs` names and no banner, and commonJs() below turns each file
 * into CommonJS: Node loads CommonJS with `require`, which costs about a third less per file than
 * its ESM loader and nothing up front (the ESM loader's fixed cost was ~11 ms of a ~110 ms `node -e 0`).
 */
export const cliBuild = (outdir) => ({
  ...common(outdir),
  entryPoints: {
    'ai-econ': 'src/cli/main.ts',
    'mc-worker': 'src/io/mc-worker.ts',
    'sweep-worker': 'src/io/sweep-worker.ts',
    'grants-worker': 'src/io/grants-worker.ts',
    'compile-cache': 'src/io/compile-cache.ts',
  },
  outExtension: { '.js': '.cjs' },
  banner: {},
});

// `import("./chunks/x.cjs")` and `import("node:fs")`: what a CommonJS file loads with require
// (a promise still, as import() gave). Only packages that are ESM-only (vega, vega-lite) keep import().
const ownImport = /\bimport\("((?:\.\.?\/[^"]+\.cjs)|(?:node:[a-z_/]+))"\)/g;

/**
 * The CLI build's output files (`write: false`) as CommonJS, each with its path: strict mode as ESM
 * was, `import.meta.url` from `__filename` (src/io/paths.ts), our own chunks and Node's built-ins
 * loaded with require; throws if any other import() is left but vega's.
 */
export async function commonJs(outputFiles) {
  const { transform } = await import('esbuild');
  return Promise.all(
    outputFiles.map(async (f) => {
      const esm = f.text.replace(
        ownImport,
        (_, spec) => `Promise.resolve().then(()=>require(${JSON.stringify(spec)}))`,
      );
      const left = [...esm.matchAll(/(?<!["'`])\bimport\(([^)]*)\)/g)]
        .map((m) => m[1])
        .filter((s) => !/^"vega(-lite)?"$/.test(s));
      if (left.length)
        throw new Error(
          `${f.path}: import(${left.join('), import(')}) would load through Node's ESM loader`,
        );
      const meta = esm.includes('import.meta');
      const { code } = await transform(esm, {
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        minify: !process.env.AI_ECON_NO_MINIFY,
        legalComments: 'none',
        logLevel: 'warning',
        define: meta ? { 'import.meta.url': '__importMetaUrl' } : undefined,
        banner: `"use strict";${meta ? 'var __importMetaUrl=require("node:url").pathToFileURL(__filename).href;' : ''}`,
      });
      return {
        path: f.path,
        text: /\bmodule\.exports\s*=/.test(code) ? code + FLAT_EXPORTS : code,
      };
    }),
  );
}

/**
 * esbuild's CommonJS exports are getters (ESM's live bindings), two per name across chunks, called on
 * every use: `(0, chunk.formatUnits)(…)` ran two getters per call, ~2–3% of a grants export's or a
 * sweep's profile (and kept V8 from inlining across chunks). Once a file has run, its exports are
 * final — our sources and the bundled packages export no binding they assign again later (`export
 * let`), and the only lazily initialised module (esbuild's `__esm`, the fast string-width) exports a
 * function that exists from the start — so each file ends by replacing its exports with a plain object
 * of their values. A file that requires one still running (a cycle) would get the getters and keep
 * them, but could also read a value before it is set: the build fails on a cycle (requireCycle).
 * A 1,000-point simulate sweep took 7% less time, a 100k-grants export 15% less.
 */
/**
 * A cycle of plain requires among the CommonJS files, as a list of paths, or undefined. FLAT_EXPORTS
 * is right only without one (the build fails if there is): in a cycle a file could read another's
 * exports before that file has finished. A require behind a promise (`()=>require(…)`, a lazy chunk)
 * runs after every file loaded so far has finished, so it cannot close a cycle.
 */
export function requireCycle(files) {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const deps = (f) =>
    [...f.text.matchAll(/(?<!=>)\brequire\("(\.\.?\/[^"]+\.cjs)"\)/g)]
      .map((m) => join(dirname(f.path), m[1]))
      .filter((p) => byPath.has(p));
  const state = new Map(); // 1: on the path, 2: done
  const visit = (p, path) => {
    if (state.get(p) === 2) return undefined;
    if (state.get(p) === 1) return [...path.slice(path.indexOf(p)), p];
    state.set(p, 1);
    for (const d of deps(byPath.get(p))) {
      const c = visit(d, [...path, p]);
      if (c) return c;
    }
    state.set(p, 2);
    return undefined;
  };
  for (const f of files) {
    const c = visit(f.path, []);
    if (c) return c;
  }
  return undefined;
}

const FLAT_EXPORTS =
  'module.exports=(m=>{const o={};for(const k of Object.keys(m))o[k]=m[k];return Object.defineProperty(o,"__esModule",{value:!0})})(module.exports);\n';

/**
 * The library (`import … from 'ai-econ'`, src/index.ts): a build of its own, so the CLI's chunks and
 * start-up stay exactly as they are; its lazily loaded parts go to dist/lib/ (two levels from dist/,
 * where besideBundle looks for the snapshot and the Monte Carlo worker).
 */
export const libraryBuild = (outdir) => ({
  ...common(outdir),
  entryPoints: { index: 'src/index.ts' },
  chunkNames: 'lib/[name]-[hash]',
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

/** Packages the library must not load on import (the CLI's own: argument parsing, colour, terminal tables). */
export const CLI_ONLY = ['commander', 'chalk', 'cli-table3'];
export const packagesIn = (inputs) =>
  [
    ...new Set(
      inputs.map((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(i)?.[1]).filter(Boolean),
    ),
  ].sort();
