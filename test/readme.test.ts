/**
 * Documentation examples are true: every ```console block of README.md and of every Markdown page under docs/
 * runs its `$ npx ai-econ …` lines against the built CLI (in a fresh folder holding the files its
 * `$ cat FILE` lines show), and every output line the page shows appears in the real output, in
 * order. Consecutive shown lines must be consecutive in the output; a line holding only `…` marks
 * lines left out. Dates are pinned (AI_ECON_TODAY), no colour.
 */
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cli, tmp } from './cli/run.js';

interface Step {
  command: string;
  shown: string[];
  line: number;
}

/** The console blocks of a Markdown text, each as its `$ ` commands with the lines shown after them. */
export function consoleBlocks(md: string): Step[][] {
  const blocks: Step[][] = [];
  let block: Step[] | undefined;
  md.split('\n').forEach((text, i) => {
    if (block === undefined) {
      if (/^```console\s*$/.test(text)) block = [];
      return;
    }
    if (/^```\s*$/.test(text)) {
      blocks.push(block);
      block = undefined;
    } else if (text.startsWith('$ '))
      block.push({ command: text.slice(2), shown: [], line: i + 1 });
    else block.at(-1)?.shown.push(text);
  });
  return blocks;
}

/** Shell-like words: whitespace-separated, with '…' and "…" quoting. */
const words = (command: string): string[] =>
  [...command.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');

/** Where `shown` (runs separated by `…`) fails to appear in `actual` in order, or undefined. */
export function missingLine(shown: string[], actual: string[]): string | undefined {
  const trim = (s: string) => s.replace(/\s+$/, '');
  const out = actual.map(trim);
  const runs: string[][] = [[]];
  for (const l of shown)
    if (trim(l) === '…') runs.push([]);
    else runs.at(-1)!.push(trim(l));
  let from = 0;
  for (const run of runs.filter((r) => r.length)) {
    let at = -1;
    for (let i = from; i + run.length <= out.length && at < 0; i++)
      if (run.every((l, k) => out[i + k] === l)) at = i;
    if (at < 0) {
      // Name the first line of the run that is not where it should be.
      const first = out.indexOf(run[0]!, from);
      if (first < 0) return run[0];
      return run.find((l, k) => out[first + k] !== l) ?? run[0];
    }
    from = at + run.length;
  }
  return undefined;
}

/** README.md and every Markdown page under docs/, as paths relative to the checkout. */
export const docPages = (): string[] => [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f))
    .sort(),
];

const blocks = docPages().flatMap((file) =>
  consoleBlocks(readFileSync(join(ROOT, file), 'utf8'))
    .filter((b) => b.some((s) => s.command.startsWith('npx ai-econ')))
    .map((steps) => ({ file, steps })),
);

describe('documentation examples', () => {
  test('the pages have examples to check', () => expect(blocks.length).toBeGreaterThanOrEqual(10));
  test('the matcher: runs in order, … skips lines, a shown run is contiguous', () => {
    expect(missingLine(['a', 'b', '…', 'd'], ['a', 'b', 'c', 'd'])).toBeUndefined();
    expect(missingLine(['a', 'c'], ['a', 'b', 'c'])).toBe('c');
    expect(missingLine(['b', '…', 'a'], ['a', 'b'])).toBe('a');
    expect(missingLine(['x'], ['a'])).toBe('x');
  });
  test.each(
    blocks.map(({ file, steps }) => {
      const first = steps.find((s) => s.command.startsWith('npx'))!;
      return [`${file}:${first.line}: $ ${first.command}`, file, steps] as const;
    }),
  )('%s', (_name, file, block) => {
    const dir = tmp();
    for (const step of block) {
      const [program, ...args] = words(step.command);
      if (program === 'cat' && args.length === 1) {
        writeFileSync(join(dir, args[0]!), `${step.shown.join('\n')}\n`);
        continue;
      }
      if (program !== 'npx' || args[0] !== 'ai-econ')
        throw new Error(`${file}:${step.line}: cannot run ${step.command}`);
      const r = cli(args.slice(1), {
        cwd: dir,
        // Piped and no $COLUMNS: every column, as the pages show them.
        env: { NO_COLOR: '1', AI_ECON_TODAY: '2027-04-29' },
      });
      expect({ line: step.line, code: r.code, stderr: r.code ? r.stderr : '' }).toEqual({
        line: step.line,
        code: 0,
        stderr: '',
      });
      const missing = missingLine(step.shown, r.stdout.split('\n'));
      if (missing !== undefined)
        throw new Error(
          `${file}:${step.line}: $ ${step.command}\nshown but not in the output (in order): ${missing}\n--- output ---\n${r.stdout}`,
        );
    }
  });
});
