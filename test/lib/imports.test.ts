/**
 * What importing the library loads: the library bundle's static import graph (esbuild's metafile,
 * built with the same options as dist/index.js) holds none of the CLI's own packages — commander,
 * chalk, cli-table3 — which load only when a table is rendered; and the CLI never loads the library.
 * (esbuild runs in a child process: it refuses to run inside jest's sandbox.)
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { ROOT } from '../cli/run.js';

const graph = (): { lib: { static: string[]; all: string[] }; cli: string[] } => {
  const script = `
    import { build } from 'esbuild';
    import { buildOptions, staticInputs, allInputs, outputOf, packagesIn } from './scripts/bundle.mjs';
    const m = (await build({ ...buildOptions('/tmp/ai-econ-graph'), write: false, metafile: true })).metafile;
    const lib = outputOf(m, 'src/index.ts');
    console.log(JSON.stringify({
      lib: { static: packagesIn(staticInputs(m, lib)), all: packagesIn(allInputs(m, lib)) },
      cli: allInputs(m, outputOf(m, 'src/cli/main.ts')).filter((i) => !i.includes('node_modules')),
    }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
};

describe('importing the library', () => {
  const g = graph();
  test('loads neither commander, chalk nor cli-table3', () => {
    expect(g.lib.static).toEqual(expect.arrayContaining(['yaml', 'zod']));
    for (const p of ['commander', 'chalk', 'cli-table3', 'wrap-ansi', 'csv-stringify'])
      expect(g.lib.static).not.toContain(p);
  });
  test('cli-table3 and chalk come with the table renderer, lazily; commander never', () => {
    expect(g.lib.all).toEqual(expect.arrayContaining(['cli-table3', 'chalk']));
    expect(g.lib.all).not.toContain('commander');
  });
  test('the CLI does not load the library entry', () => {
    expect(g.cli).toContain('src/cli/main.ts');
    expect(g.cli).not.toContain('src/index.ts');
  });
});
