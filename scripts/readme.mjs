// Keeps the help blocks of README.md and docs/commands/*.md true: each block between
// `<!-- help: ARGS -->` and `<!-- /help -->` is the output of `ai-econ ARGS` (built bundle).
// `node scripts/readme.mjs` rewrites them; `--check` exits 1 naming any block that is stale (a test
// runs it).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const bin = new URL('bin/ai-econ.js', root).pathname;
const pages = [
  'README.md',
  ...readdirSync(new URL('docs/commands/', root))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/commands/${f}`),
];

/** The page with its help blocks regenerated, and the ARGS of the blocks that changed. */
function refresh(text) {
  const stale = [];
  const out = text.replace(
    /<!-- help: (.*?) -->\n```\n([\s\S]*?)```\n<!-- \/help -->/g,
    (_all, args, old) => {
      const help = execFileSync(process.execPath, [bin, ...args.split(' ')], {
        encoding: 'utf8',
        env: { ...process.env, COLUMNS: '100', NO_COLOR: '1', AI_ECON_CONFIG: '' },
        cwd: root.pathname,
      });
      // A command's own options; the global ones are shown once, in the `--help` block.
      const now =
        args === '--help'
          ? help
          : help.replace(/\nGlobal Options:\n[\s\S]*?(\n\n|$)/, '\n').replace(/\n+$/, '\n');
      if (now !== old) stale.push(args);
      return `<!-- help: ${args} -->\n\`\`\`\n${now}\`\`\`\n<!-- /help -->`;
    },
  );
  return { out, stale };
}

const check = process.argv.includes('--check');
const stale = [];
for (const page of pages) {
  const file = new URL(page, root);
  const r = refresh(readFileSync(file, 'utf8'));
  stale.push(...r.stale.map((args) => `${page}: ${args}`));
  if (!check && r.stale.length) writeFileSync(file, r.out);
}
if (check) {
  if (stale.length) {
    console.error(`help blocks out of date: ${stale.join('; ')} (run: node scripts/readme.mjs)`);
    process.exit(1);
  }
} else {
  console.log(stale.length ? `updated: ${stale.join('; ')}` : 'help blocks are current');
}
