// Keeps README.md's help blocks true: each block between `<!-- help: ARGS -->` and `<!-- /help -->`
// is the output of `ai-econ ARGS` (built bundle). `node scripts/readme.mjs` rewrites them;
// `--check` exits 1 naming any block that is stale (a test runs it).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../README.md', import.meta.url);
const bin = new URL('../bin/ai-econ.js', import.meta.url).pathname;
const text = readFileSync(file, 'utf8');
const stale = [];
const out = text.replace(
  /<!-- help: (.*?) -->\n```\n([\s\S]*?)```\n<!-- \/help -->/g,
  (_all, args, old) => {
    const help = execFileSync(process.execPath, [bin, ...args.split(' ')], {
      encoding: 'utf8',
      env: { ...process.env, COLUMNS: '100', NO_COLOR: '1', AI_ECON_CONFIG: '' },
      cwd: new URL('..', import.meta.url).pathname,
    });
    // A command's own options; the global ones are shown once, in the first block.
    const now =
      args === '--help'
        ? help
        : help.replace(/\nGlobal Options:\n[\s\S]*?(\n\n|$)/, '\n').replace(/\n+$/, '\n');
    if (now !== old) stale.push(args);
    return `<!-- help: ${args} -->\n\`\`\`\n${now}\`\`\`\n<!-- /help -->`;
  },
);
if (process.argv.includes('--check')) {
  if (stale.length) {
    console.error(
      `README.md help blocks out of date: ${stale.join('; ')} (run: node scripts/readme.mjs)`,
    );
    process.exit(1);
  }
} else {
  writeFileSync(file, out);
  console.log(stale.length ? `updated: ${stale.join('; ')}` : 'README.md help blocks are current');
}
