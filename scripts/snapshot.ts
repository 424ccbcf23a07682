// Build step: write the built-in parameters' schema output as a snapshot beside the bundle
// (see src/params/builtin.ts). Run by scripts/build.mjs through esbuild.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseParams, resolveParams } from '../src/params/load.js';
import { SNAPSHOT_FILE, toSnapshot } from '../src/params/builtin.js';
import { builtinConfigPath } from '../src/params/package.js';

const outdir = process.argv[2]!;
const text = readFileSync(builtinConfigPath(), 'utf8');
const { params, src } = parseParams(text, 'configs/gensyn.yaml');
writeFileSync(
  join(outdir, SNAPSHOT_FILE),
  toSnapshot(text, params, resolveParams(params, src, true)),
);
