// Keeps docs/scale-out.md showing the recipe files whole: each block between
// `<!-- file: PATH -->` and `<!-- /file -->` is the file PATH of the repository, as it is.
// `node scripts/docs-files.mjs` rewrites the blocks; `--check` exits 1 naming any block that is
// stale and any file under examples/ that the page does not show (npm run test:cluster runs it).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const doc = path.join(root, 'docs/scale-out.md');
const text = readFileSync(doc, 'utf8');
const lang = (f) =>
  /\.(sh|sbatch)$/.test(f)
    ? 'sh'
    : /\.ya?ml$/.test(f)
      ? 'yaml'
      : /Dockerfile$/.test(f)
        ? 'dockerfile'
        : 'text';

const stale = [];
const shown = new Set();
const out = text.replace(
  /<!-- file: (\S+) -->\n```[a-z]*\n([\s\S]*?)```\n<!-- \/file -->/g,
  (_all, file, old) => {
    shown.add(file);
    const now = readFileSync(path.join(root, file), 'utf8');
    if (now !== old) stale.push(file);
    return `<!-- file: ${file} -->\n\`\`\`${lang(file)}\n${now}\`\`\`\n<!-- /file -->`;
  },
);

const walk = (dir) =>
  readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`],
  );
const unshown = walk('examples').filter((f) => !shown.has(f));

if (process.argv.includes('--check')) {
  if (stale.length || unshown.length) {
    if (stale.length) console.error(`docs/scale-out.md: stale: ${stale.join(', ')}`);
    if (unshown.length) console.error(`docs/scale-out.md: not shown: ${unshown.join(', ')}`);
    console.error('run: node scripts/docs-files.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(doc, out);
  if (unshown.length)
    console.error(`docs/scale-out.md: not shown (add a block): ${unshown.join(', ')}`);
}
