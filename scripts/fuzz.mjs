#!/usr/bin/env node
/**
 * Fuzzing the built CLI (not part of CI): mutates parameter files (YAML) and data files (grants,
 * nodes, jobs CSV), runs a command on each with a 10 s timeout, and reports every run that
 * - printed a stack trace,
 * - ran past the timeout (a hang),
 * - ended with an exit code other than 0, 1 or 2 (or by a signal).
 * Exit-1 runs ("ai-econ: failed: …") are listed too: they are allowed, but worth a look.
 *
 *   npm run build && node scripts/fuzz.mjs [files=2000] [seed=1] [jobs=2]
 *   AI_ECON_DIST=.olddist node scripts/fuzz.mjs 300   # another build, to compare
 *
 * Failing inputs are kept in a folder named in the summary, with the command that failed.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
// AI_ECON_DIST (a build folder inside the checkout) fuzzes that build instead of bin/ -> dist/.
const BIN = process.env.AI_ECON_DIST
  ? resolve(ROOT, process.env.AI_ECON_DIST, 'ai-econ.cjs')
  : join(ROOT, 'bin', 'ai-econ.js');
const [files = 2000, seed = 1, parallel = 2] = process.argv.slice(2).map(Number);
const TIMEOUT_MS = 10_000;

// mulberry32: a small seeded generator, so a run can be repeated.
let state = seed >>> 0;
const rand = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const int = (n) => Math.floor(rand() * n);

const YAML_SEED = readFileSync(join(ROOT, 'configs/gensyn.yaml'), 'utf8');
// A small file in YAML flow style, with every kind of vesting (the built-in file is block style).
const MINI = `token: { name: Mini, symbol: MINI, totalSupply: 1_000, decimals: 2, tge: 2026-01-31, priceUsd: 0.5 }
allocations:
  - { name: Team, share: 50%, vesting: { cliff: 12mo, atCliff: 25%, linear: 36mo, every: month } }
  - { name: Sale, share: 30%, vesting: { tranches: [{ at: 2026-06-30, share: 50% }, { at: 18mo, share: 50% }] } }
  - { name: Rest, share: 20%, vesting: { segments: [{ linear: 12mo, share: 10% }, { linear: 2y }] } }
`;
const GRANTS =
  'beneficiary,category,amount,start,cliff,at_cliff,linear,every\nalice,Team,1000,2026-04-29,12mo,25%,36mo,month\nbob,Investors,250k,,6mo,,24mo,quarter\ncarol,Team,5,,,,,\n';
const NODES =
  'id,role,stake,tasks,quality,uptime,failed_checks\nn1,compute,1000,10,90%,99%,0\nn2,compute,500,3,80%,95%,1\nv1,verifier,2000,,,100%,0\n';
const JOBS =
  'id,gpu_hours,params,tokens,gpu,duration,utilization\nj1,100,,,H100,48h,50%\nj2,,7B,140B,A100,3d,1/3\nj3,10,,,,1.5d,\n';

// Values that have broken parsers before: huge, tiny, negative, non-finite, dates past 9999,
// reserved and inherited names, control characters, quotes, empty text, YAML syntax.
const NASTY = [
  '0',
  '-1',
  '1e400',
  '9'.repeat(400),
  '99999999999999999999999',
  '0.0000000000000000000001',
  'NaN',
  'Infinity',
  '-0',
  '9999-12-31',
  '10001-01-01',
  '0000-00-00',
  '2026-02-30',
  '1970-01-01',
  '99999999999y',
  '7975y',
  '1.1d',
  '0h',
  '1e9mo',
  '100%',
  '1000%',
  '1/0',
  '0/0',
  '-5%',
  '1/3',
  '__proto__',
  'constructor',
  'toString',
  'total',
  'date',
  'metric',
  '\u001b[2J',
  '\u001b]0;x\u0007',
  '\r',
  '"',
  "'",
  'a"b',
  '',
  ' ',
  '~',
  'null',
  '[',
  '{',
  '}',
  ']',
  '&a',
  '*a',
  '!!binary',
  '- x',
  ': :',
  '#',
  '\t',
  '😀',
  'ｱ',
  'Team,Investors',
  'H100',
  'day',
  'quarter',
  'gbm',
];

function mutateText(text) {
  let s = text;
  const n = 1 + int(3);
  for (let k = 0; k < n; k++) {
    const lines = s.split('\n');
    switch (int(8)) {
      case 0: {
        // replace a value (after ':' or ',') with a nasty one
        const i = int(lines.length);
        const parts = lines[i].split(/([:,])/);
        if (parts.length > 2) {
          const j = 2 * (1 + int((parts.length - 1) / 2));
          if (j < parts.length) parts[j] = ` ${pick(NASTY)}`;
          lines[i] = parts.join('');
        }
        s = lines.join('\n');
        break;
      }
      case 1: // delete a line
        lines.splice(int(lines.length), 1);
        s = lines.join('\n');
        break;
      case 2: // duplicate a line
        {
          const i = int(lines.length);
          lines.splice(i, 0, lines[i]);
          s = lines.join('\n');
        }
        break;
      case 3: // flip a byte
        {
          const i = int(s.length);
          s = s.slice(0, i) + String.fromCharCode(int(128)) + s.slice(i + 1);
        }
        break;
      case 4: // truncate
        s = s.slice(0, int(s.length + 1));
        break;
      case 5: // insert a nasty token anywhere
        {
          const i = int(s.length);
          s = s.slice(0, i) + pick(NASTY) + s.slice(i);
        }
        break;
      case 6: // swap two lines
        {
          const i = int(lines.length),
            j = int(lines.length);
          [lines[i], lines[j]] = [lines[j], lines[i]];
          s = lines.join('\n');
        }
        break;
      default: // change a number's digits
        s = s.replace(/\d+/, () =>
          String(pick([0, 1, 12, 9999, 1e6, 123456789012345, '9'.repeat(30)])),
        );
    }
  }
  return s;
}

const KINDS = [
  {
    ext: 'yaml',
    seed: () => (rand() < 0.5 ? YAML_SEED : MINI),
    commands: (f) =>
      pick([
        ['validate', f],
        ['unlocks', '-c', f, '-f', 'csv'],
        ['unlocks', '-c', f, '--events'],
        ['unlocks', '-c', f, '--at', '2030-01-01'],
        ['unlocks', '-c', f, '-f', 'md', '--every', 'quarter'],
        ['allocation', '-c', f],
        ['quote', '-c', f, '--gpu-hours', '10', '-f', 'json'],
        ['rewards', '-c', f],
        ['burn', '-c', f, '-f', 'csv'],
        ['burn', '-c', f, '--all-scenarios', '-f', 'csv'],
        ['burn', '-c', f, '--runs', '50'],
      ]),
  },
  {
    ext: 'csv',
    seed: () => GRANTS,
    commands: (f) =>
      pick([
        ['unlocks', '--grants', f, '-f', 'csv'],
        ['unlocks', '--grants', f],
        ['unlocks', '--grants', f, '-f', 'md'],
      ]),
  },
  {
    ext: 'csv',
    seed: () => NODES,
    commands: (f) => ['rewards', '--nodes', f, '-f', pick(['csv', 'table', 'json'])],
  },
  {
    ext: 'csv',
    seed: () => JOBS,
    commands: (f) => ['quote', '--jobs', f, '-f', pick(['csv', 'table', 'md'])],
  },
];

function run(args, cwd) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    let timedOut = false;
    child.stdout.resume();
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stderr, timedOut });
    });
  });
}

const work = mkdtempSync(join(tmpdir(), 'ai-econ-fuzz-'));
const keep = join(work, 'findings');
mkdirSync(keep);
const counts = { runs: 0, exit0: 0, exit1: 0, exit2: 0 };
const findings = [];
const exit1 = new Map();
const started = Date.now();
let next = 0;

async function worker() {
  for (;;) {
    const i = next++;
    if (i >= files) return;
    const kind = pick(KINDS);
    const text = mutateText(kind.seed());
    const dir = join(work, `case-${i}`);
    mkdirSync(dir);
    const file = join(dir, `input.${kind.ext}`);
    writeFileSync(file, text);
    const args = kind.commands(file);
    const r = await run(args, dir);
    counts.runs++;
    const trace = /\n\s+at .+:\d+:\d+/.test(r.stderr);
    const badCode = r.code !== 0 && r.code !== 1 && r.code !== 2;
    if (r.code === 0) counts.exit0++;
    if (r.code === 1) counts.exit1++;
    if (r.code === 2) counts.exit2++;
    const problem = r.timedOut
      ? 'hang (over 10 s)'
      : trace
        ? 'stack trace'
        : badCode
          ? `exit ${r.code ?? r.signal}`
          : undefined;
    if (problem || r.code === 1) {
      const saved = join(keep, `case-${i}.${kind.ext}`);
      writeFileSync(saved, text);
      const entry = {
        case: i,
        problem: problem ?? 'exit 1',
        args: args.map((a) => (a === file ? saved : a)),
        stderr: r.stderr.slice(0, 400),
      };
      if (problem) findings.push(entry);
      else
        exit1.set(
          r.stderr
            .split('\n')[0]
            .replace(/\/tmp\/\S+/g, 'FILE')
            .slice(0, 160),
          entry,
        );
    }
    rmSync(dir, { recursive: true, force: true });
    if (counts.runs % 100 === 0)
      process.stderr.write(
        `fuzz: ${counts.runs}/${files} runs, ${findings.length} findings, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
      );
  }
}

await Promise.all(Array.from({ length: parallel }, worker));
const summary = {
  files,
  seed,
  seconds: Math.round((Date.now() - started) / 1000),
  ...counts,
  findings: findings.length,
  exit1Kinds: [...exit1.keys()],
  kept: keep,
};
console.log(JSON.stringify(summary, null, 2));
for (const f of findings) console.log(JSON.stringify(f));
process.exitCode = findings.length ? 1 : 0;
