/** Runs the built CLI (bin/ai-econ.js -> dist/cli.js) end to end, as a user would. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../..');
// AI_ECON_DIST (a build folder inside the checkout) runs that build instead of bin/ -> dist/.
export const BIN = process.env.AI_ECON_DIST
  ? join(ROOT, process.env.AI_ECON_DIST, 'cli.js')
  : join(ROOT, 'bin', 'ai-econ.js');

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(
  args: string[],
  opts: { env?: Record<string, string | undefined>; cwd?: string; input?: string } = {},
): Result {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NO_COLOR: undefined,
    FORCE_COLOR: undefined,
    // $COLUMNS fits a piped table view to its width: only where a test sets it.
    COLUMNS: undefined,
    ...opts.env,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: env as NodeJS.ProcessEnv,
    input: opts.input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary folder. */
export const tmp = (): string => mkdtempSync(join(tmpdir(), 'ai-econ-test-'));

/** Write a file into a fresh temporary folder and return its path. */
export function tmpFile(name: string, text: string): string {
  const p = join(tmp(), name);
  writeFileSync(p, text);
  return p;
}

/** Expect a user error: exit 2, one message naming `where`, no stack trace, nothing on stdout. */
export function expectUserError(r: Result, where: RegExp | string): void {
  const ok =
    r.code === 2 &&
    r.stdout === '' &&
    !/\n\s+at .+:\d+:\d+/.test(r.stderr) &&
    (typeof where === 'string' ? r.stderr.includes(where) : where.test(r.stderr));
  if (!ok)
    throw new Error(
      `expected exit 2 mentioning ${String(where)}; got exit ${r.code}\nstdout: ${r.stdout.slice(0, 500)}\nstderr: ${r.stderr}`,
    );
}

/** A command's csv output as lines; fails the test with its stderr unless it exits 0. */
export function csvLines(command: string, args: string[]): string[] {
  const r = cli([command, ...args, '-f', 'csv']);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return r.stdout.trim().split('\n');
}

/** A minimal valid parameter file: two categories, Team (with `vesting`) and Sale (all at TGE). */
export const miniParams = (
  vesting = '{ cliff: 12mo, atCliff: 25%, linear: 36mo }',
): string => `token:
  name: Mini
  symbol: MINI
  totalSupply: 1_000
  decimals: 2
  tge: 2026-01-31
  priceUsd: 0.5
allocations:
  - name: Team
    share: 50%
    vesting: ${vesting}
  - name: Sale
    share: 50%
`;
