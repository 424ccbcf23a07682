#!/usr/bin/env node
/**
 * Fuzzing the built CLI (not part of CI). Each case generates input files and one or more commands,
 * runs them (10 s timeout each) and judges the result:
 *
 * - a finding: a stack trace, a hang, an exit code other than 0, 1 or 2 (or a signal);
 * - an unexpected exit 1: "ai-econ: failed: …" (a crash), or any exit 1 where bad input should
 *   give exit 2 ("cannot write output" when stdout's file is capped is the expected exit 1);
 * - a false refusal: exit 2 on an input that is valid (a name like `constructor`, shards as
 *   written);
 * - a wrong output with exit 0, by an oracle: output that breaks an invariant (unlocks rows that
 *   do not add up to their total, a buy-back that does not split into burned + treasury +
 *   execution, csv rows of the wrong width, json that does not parse), a command that accepts a
 *   file `validate` refuses (or refuses at a line of a file `validate` accepts), an input that
 *   must be refused (a line break inside a number, a YAML alias in a flag, a shard cell that is
 *   no value of its metric, `sweep merge -o` onto one of its shards) run as if it were fine, an
 *   output cut by `ulimit -f` with exit 0, a chart that fails or drops a name like `constructor`,
 *   a merged sweep that differs from the sweep run whole.
 *
 * Case kinds: mutated parameter files (YAML) and data files (grants, nodes, jobs CSV); names from
 * Object.prototype; line breaks in numbers (flags, --set, YAML strings, quoted CSV cells); YAML
 * anchors and aliases in --set and --vary; tiny pools; sweep shards and merge attacks; stdout to a
 * file capped with `ulimit -f`.
 *
 *   npm run build && node scripts/fuzz.mjs [cases=2000] [seed=1] [jobs=2]
 *   AI_ECON_DIST=.olddist node scripts/fuzz.mjs 300   # another build, to compare
 *
 * Failing inputs are kept in a folder named in the summary, with the commands that failed.
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';

const ROOT = resolve(import.meta.dirname, '..');
// AI_ECON_DIST (a build folder inside the checkout) fuzzes that build instead of bin/ -> dist/.
const BIN = process.env.AI_ECON_DIST
  ? resolve(ROOT, process.env.AI_ECON_DIST, 'ai-econ.cjs')
  : join(ROOT, 'bin', 'ai-econ.js');
const [cases = 2000, seed = 1, parallel = 2] = process.argv.slice(2).map(Number);
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
  'id,role,stake,tasks,quality,uptime,failed_checks\nn1,compute,1000,10,90%,99%,0\nn2,compute,500,3,80%,95%,1\nv1,validator,2000,,,100%,0\n';
const JOBS =
  'id,gpu_hours,params,tokens,gpu,duration,utilization\nj1,100,,,H100,48h,50%\nj2,,7B,140B,A100,3d,1/3\nj3,10,,,,1.5d,\n';

/** Names every plain object has: legitimate names a user may choose. */
const PROTO_NAMES = [
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
];

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
  '1969-12-31',
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
  ...PROTO_NAMES,
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
  'quarterly',
  'gbm',
  '"1\\n%"',
  '"1\\n000"',
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

// --- oracles: what an exit-0 output must satisfy -------------------------------------------------

/** An exact decimal as a bigint at 40 fractional digits (csv cells are exact decimals). */
const SCALE = 40;
function dec(text) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  const frac = (m[3] ?? '').padEnd(SCALE, '0');
  if (frac.length > SCALE) return undefined;
  const v = BigInt(m[2] + frac);
  return m[1] ? -v : v;
}

function csvRows(text) {
  try {
    return parseCsv(text.replace(/^\uFEFF/, ''), { relax_column_count: true });
  } catch (e) {
    return `csv does not parse: ${e.message.slice(0, 80)}`;
  }
}

/** Every row as wide as the header. */
function rectangular(rows) {
  if (typeof rows === 'string') return rows;
  const w = rows[0]?.length;
  const bad = rows.findIndex((r) => r.length !== w);
  return bad >= 0 ? `csv row ${bad} has ${rows[bad].length} cells, the header ${w}` : undefined;
}

/** unlocks periods csv: the categories add up to total, and cumulative adds up the totals. */
function unlocksAddUp(rows) {
  const [head, ...body] = rows;
  const t = head.indexOf('total');
  const c = head.indexOf('cumulative');
  if (head[0] !== 'date' || t < 2 || c !== t + 1) return undefined; // not the periods table
  let cum = 0n;
  for (const [i, r] of body.entries()) {
    const parts = r.slice(1, t).map(dec);
    const total = dec(r[t]);
    if (parts.some((x) => x === undefined) || total === undefined)
      return `unlocks row ${i + 1}: a cell is no number (${r.slice(1, t + 1).join(',')})`;
    if (parts.reduce((a, b) => a + b, 0n) !== total)
      return `unlocks row ${i + 1}: the categories do not add up to total`;
    cum += total;
    if (dec(r[c]) !== cum) return `unlocks row ${i + 1}: cumulative is not the running total`;
  }
  return undefined;
}

/** burn csv: what the vault bought is burned + to_treasury + to_execution. */
function burnSplits(rows) {
  const [head, ...body] = rows;
  const k = ['bought', 'burned', 'to_treasury', 'to_execution'].map((x) => head.indexOf(x));
  if (k.some((x) => x < 0)) return undefined;
  for (const [i, r] of body.entries()) {
    const [b, u, t, e] = k.map((x) => dec(r[x]));
    if ([b, u, t, e].some((x) => x === undefined)) return `burn row ${i + 1}: a cell is no number`;
    if (u + t + e !== b) return `burn row ${i + 1}: burned + to_treasury + to_execution ≠ bought`;
  }
  return undefined;
}

/** The oracle of one exit-0 run, by its format: undefined when the output is right. */
function outputProblem(args, stdout) {
  const f = args[args.indexOf('-f') + 1];
  if (!args.includes('-f') || args.includes('-o')) return undefined;
  if (f === 'json') {
    try {
      JSON.parse(stdout);
    } catch (e) {
      return `json does not parse: ${e.message.slice(0, 80)}`;
    }
    return undefined;
  }
  if (f === 'csv') {
    const rows = csvRows(stdout);
    if (typeof rows === 'string') return rows;
    if (rows.length === 0) return undefined;
    return (
      rectangular(rows) ??
      (args[0] === 'unlocks' &&
      !args.some((a) => a === '--events' || a === '--at' || a === '--grants')
        ? unlocksAddUp(rows)
        : undefined) ??
      (args[0] === 'burn' ? burnSplits(rows) : undefined)
    );
  }
  if (f === 'svg') return stdout.startsWith('<svg') ? undefined : 'svg output is no <svg>';
  return undefined;
}

/** A message located in the parameter file (`file:line:col:`), as validate gives. */
const locatedIn = (stderr, file) => stderr.includes(`${file}:`) && /:\d+:\d+: /.test(stderr);

// --- case kinds ----------------------------------------------------------------------------------

const YAML_COMMANDS = (f) =>
  pick([
    ['unlocks', '-c', f, '-f', 'csv'],
    ['unlocks', '-c', f, '--events', '-f', 'csv'],
    ['unlocks', '-c', f, '--at', '2030-01-01', '-f', 'json'],
    ['unlocks', '-c', f, '-f', 'md', '--every', 'quarter'],
    ['allocation', '-c', f, '-f', 'csv'],
    ['quote', '-c', f, '--gpu-hours', '10', '-f', 'json'],
    ['rewards', '-c', f, '-f', 'csv'],
    ['burn', '-c', f, '-f', 'csv'],
    ['burn', '-c', f, '--all-scenarios', '-f', 'csv'],
    ['burn', '-c', f, '--runs', '50', '-f', 'json'],
    ['simulate', '-c', f, '-f', 'csv'],
    ['simulate', '-c', f, '--table', 'risks', '-f', 'table'],
  ]);

/**
 * Each kind makes one case: its files (name → text), its steps (the commands, each with what it
 * expects) and an optional oracle over all the steps' results. `expect`: 'refuse' (exit 2), 'ok'
 * (exit 0), 'capped' (exit 1 "cannot write output"), or undefined (0 or 2, both fine).
 */
const KINDS = [
  {
    name: 'yaml',
    weight: 6,
    make() {
      const text = mutateText(rand() < 0.5 ? YAML_SEED : MINI);
      const args = YAML_COMMANDS('input.yaml');
      return {
        files: { 'input.yaml': text },
        steps: [{ args: ['validate', 'input.yaml'] }, { args }],
        // validate runs the same checks as every command.
        oracle: ([v, c]) =>
          v.code === 0 && c.code === 2 && locatedIn(c.stderr, 'input.yaml')
            ? `validate accepts the file, ${args[0]} refuses it at a line: ${c.stderr.split('\n')[0].slice(0, 160)}`
            : v.code === 2 && c.code === 0
              ? `validate refuses the file, ${args[0]} runs on it: ${v.stderr.split('\n')[0].slice(0, 160)}`
              : undefined,
      };
    },
  },
  {
    name: 'grants',
    weight: 1,
    make: () => ({
      files: { 'input.csv': mutateText(GRANTS) },
      steps: [{ args: ['unlocks', '--grants', 'input.csv', '-f', pick(['csv', 'table', 'md'])] }],
    }),
  },
  {
    name: 'nodes',
    weight: 1,
    make: () => ({
      files: { 'input.csv': mutateText(NODES) },
      steps: [{ args: ['rewards', '--nodes', 'input.csv', '-f', pick(['csv', 'table', 'json'])] }],
    }),
  },
  {
    name: 'jobs',
    weight: 1,
    make: () => ({
      files: { 'input.csv': mutateText(JOBS) },
      steps: [{ args: ['quote', '--jobs', 'input.csv', '-f', pick(['csv', 'table', 'md'])] }],
    }),
  },
  {
    // Categories, scenarios, node ids and GPU classes named like Object.prototype's members: legitimate
    // names, which every command and chart must handle like any other.
    name: 'proto-names',
    weight: 2,
    make() {
      const [a, b, c, d] = [
        pick(PROTO_NAMES),
        pick(PROTO_NAMES),
        pick(PROTO_NAMES),
        pick(PROTO_NAMES),
      ];
      const text = YAML_SEED.replaceAll('Investors', a)
        .replace('    H200:', `    ${b}:`)
        .replace('  bear:', `  ${c}:`)
        .replace('id: node-a,', `id: ${d},`);
      const [args, shown] = pick([
        [['unlocks', '-f', pick(['svg', 'csv', 'json'])], a],
        [['allocation', '-f', pick(['svg', 'html'])], a],
        [['quote', '--gpu-hours', '100', '--compare', `H100,${b}`, '-f', pick(['svg', 'csv'])], b],
        [['quote', '--gpu-hours', '100', '--gpu', b, '-f', 'json'], undefined],
        [['rewards', '-f', pick(['svg', 'csv'])], d],
        [['burn', '--all-scenarios', '-f', pick(['svg', 'csv'])], c],
        [['burn', '--scenario', c, '-f', 'csv'], undefined],
        [['simulate', '--all-scenarios', '-f', pick(['svg', 'csv'])], c],
        [['unlocks', '--category', a, '-f', 'csv'], a],
        [
          [
            'sweep',
            'burn',
            '--vary',
            `scenarios.${c}.revenue.growth=1%,2%`,
            '--scenario',
            c,
            '-f',
            'csv',
          ],
          undefined,
        ],
      ]);
      return {
        files: { 'p.yaml': text },
        steps: [{ args: [...args, '-c', 'p.yaml'], expect: 'ok' }],
        oracle: ([r]) =>
          r.code === 0 && shown && !r.stdout.includes(shown)
            ? `the output drops "${shown}"`
            : undefined,
      };
    },
  },
  {
    // A line break inside a number: refused (exit 2), never read around or crashed on.
    name: 'line-breaks',
    weight: 2,
    make() {
      const n = pick(['1\n%', '1,0\n00', '5\n0%', '$\n5', '1\r\n2', '48\nh', '2\u2028%', '1e\n3']);
      const where = int(4);
      if (where === 0) {
        const [flag, cmd] = pick([
          ['--utilization', ['quote', '--gpu-hours', '5']],
          ['--gpu-hours', ['quote']],
          ['--duration', ['quote', '--gpu-hours', '5']],
          ['--price', ['burn']],
          ['--growth', ['burn']],
          ['--revenue', ['burn']],
          ['--months', ['burn']],
          ['--fees', ['rewards']],
        ]);
        return { files: {}, steps: [{ args: [...cmd, flag, n], expect: 'refuse' }] };
      }
      if (where === 1) {
        const path = pick([
          'projection.revenue.growth',
          'fees.market.utilization',
          'token.priceUsd',
          'buyback.burn',
        ]);
        const v = pick([JSON.stringify(n), n]);
        return {
          files: {},
          steps: [{ args: ['validate', '--set', `${path}=${v}`], expect: 'refuse' }],
        };
      }
      if (where === 2) {
        const text = YAML_SEED.replace('priceUsd: 0.10 ', `priceUsd: ${JSON.stringify(n)} `);
        return {
          files: { 'p.yaml': text },
          steps: [{ args: ['validate', 'p.yaml'], expect: 'refuse' }],
        };
      }
      const [file, args] = pick([
        [
          `id,role,stake,tasks,quality,uptime\nn1,compute,"${n}",10,90%,99%\n`,
          ['rewards', '--nodes'],
        ],
        [`beneficiary,category,amount\nal,Team,"${n}"\n`, ['unlocks', '--grants']],
        [`id,gpu_hours\nj,"${n}"\n`, ['quote', '--jobs']],
      ]);
      return {
        files: { 'd.csv': file },
        steps: [{ args: [...args, 'd.csv', '-f', 'csv'], expect: 'refuse' }],
      };
    },
  },
  {
    // YAML anchors and aliases in flags: a flag's value is one value.
    name: 'flag-aliases',
    weight: 1,
    make() {
      const v = pick(['*a', '&a x', '[&a 1, *a]', '{a: &x 1, b: *x}', '*a,2']);
      const args = pick([
        ['burn', '--set', `token.name=${v}`],
        ['burn', '--set', `token=${v}`],
        ['simulate', '--set', `economy.demand.growth=${v}`],
        ['sweep', 'burn', '--vary', `projection.months=${v}`],
        ['sweep', 'burn', '--vary', `token.name=${v},b`],
      ]);
      return { files: {}, steps: [{ args: [...args, '-f', 'csv'], expect: 'refuse' }] };
    },
  },
  {
    // A pool too shallow for a price, from the file or a flag: refused before any output, or run.
    name: 'tiny-pool',
    weight: 1,
    make() {
      const usd = pick(['1e-30', '0.000001', '0.5', '1', '1e-6', '0.0000005', '1e99']);
      const tokens = pick(['0.000000000000000001', '1e-18', '1', '100_000_000', '1e-9', '9e40']);
      const f = pick(['csv', 'table', 'json', 'md', 'svg']);
      const set = pick([
        ['--set', `economy.market.pool.usd=${usd}`],
        ['--set', `economy.market.pool.tokens=${tokens}`],
        ['--set', `scenarios.bear.economy.market.pool.usd=${usd}`, '--scenario', 'bear'],
        ['--set', `economy.market.pool={tokens: ${tokens}, usd: ${usd}, from: Community Treasury}`],
      ]);
      return {
        files: {},
        steps: [{ args: ['simulate', ...set, '-f', f, ...(rand() < 0.3 ? ['--runs', '20'] : [])] }],
      };
    },
  },
  {
    // Sweep shards, then a merge of shards a user may have edited, or onto one of them.
    name: 'sweep-merge',
    weight: 1,
    make() {
      const vary = pick([
        'projection.revenue.growth=0%,1%,2%',
        'buyback.maxBuyPctOfFloat=5%,10%',
        'projection.months=12..24:6',
      ]);
      const base = [
        'sweep',
        'burn',
        '--vary',
        vary,
        '--metric',
        'cumulative_burned',
        '--metric',
        'net_deflation_from',
      ];
      const attack = pick(['none', 'empty', 'abc', 'negative', 'month', 'o-input', 'drop', 'dup']);
      return {
        files: {},
        steps: [
          { args: [...base, '--shard', '0/2', '-o', 's0.jsonl'], expect: 'ok' },
          { args: [...base, '--shard', '1/2', '-o', 's1.jsonl'], expect: 'ok' },
          { args: [...base, '-f', 'csv'], expect: 'ok' },
          {
            before: (dir) => attackShard(dir, attack),
            args: [
              'sweep',
              'merge',
              's0.jsonl',
              's1.jsonl',
              '-f',
              'csv',
              ...(attack === 'o-input' ? ['-o', 's0.jsonl'] : []),
            ],
            expect: attack === 'none' ? 'ok' : attack === 'dup' ? undefined : 'refuse',
          },
        ],
        oracle: (rs) => {
          const [, , whole, merged] = rs;
          if (attack === 'none' && merged.code === 0 && merged.stdout !== whole.stdout)
            return 'the merged shards differ from the sweep run whole';
          return undefined;
        },
      };
    },
  },
  {
    // stdout into a file capped by `ulimit -f`: the output is cut, so the exit is 1 ("cannot write
    // output"), never 0.
    name: 'ulimit',
    weight: 1,
    make() {
      const f = pick(['csv', 'table', 'json', 'md', 'svg', 'html']);
      const args = pick([
        ['unlocks', '--every', 'day', '--to', '2032-01-01', '-f', f],
        ['burn', '--months', '1200', '-f', f],
        ['simulate', '--months', '600', '-f', f],
        ['sweep', 'burn', '--vary', 'projection.revenue.growth=0%..20%:0.1%', '-f', f],
        ['schema'],
      ]);
      return { files: {}, steps: [{ args, ulimitBlocks: 8, expect: 'capped' }] };
    },
  },
];

/** What a user may do to a shard before merging it. */
function attackShard(dir, attack) {
  const p = join(dir, 's0.jsonl');
  if (!existsSync(p)) return;
  const lines = readFileSync(p, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.startsWith('{"point"'));
  if (i < 0) return;
  const point = JSON.parse(lines[i]);
  const set = (k, v) => {
    point[k] = v;
    lines[i] = JSON.stringify(point);
  };
  if (attack === 'empty') set('cumulative_burned', '');
  if (attack === 'abc') set('cumulative_burned', 'abc');
  if (attack === 'negative') set('cumulative_burned', '-5');
  if (attack === 'month') set('net_deflation_from', '2031-13');
  if (attack === 'drop') lines.splice(i, 1);
  if (attack === 'dup') lines.splice(i, 0, lines[i]);
  if (attack === 'o-input') copyFileSync(p, join(dir, 's0.orig'));
  writeFileSync(p, lines.join('\n'));
}

// --- running -------------------------------------------------------------------------------------

function run(step, cwd) {
  return new Promise((done) => {
    const args = step.ulimitBlocks
      ? [
          '-c',
          `ulimit -f ${step.ulimitBlocks}; exec "$0" "$@" > out.txt`,
          process.execPath,
          BIN,
          ...step.args,
        ]
      : [BIN, ...step.args];
    const child = spawn(step.ulimitBlocks ? 'sh' : process.execPath, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => {
      if (stdout.length < 4e6) stdout += d;
    });
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr, timedOut });
    });
  });
}

const work = mkdtempSync(join(tmpdir(), 'ai-econ-fuzz-'));
const keep = join(work, 'findings');
mkdirSync(keep);
const counts = {
  cases: 0,
  runs: 0,
  exit0: 0,
  exit1: 0,
  exit2: 0,
  exit1Unexpected: 0,
  wrongOutput: 0,
  falseRefusal: 0,
  findings: 0,
};
const byKind = {};
const problems = [];
const started = Date.now();
let next = 0;

/** Judge one step: a problem text (kind: finding | exit1 | wrong), or undefined. */
function judge(step, r, dir) {
  const trace = /\n\s+at .+:\d+:\d+/.test(r.stderr);
  if (r.timedOut) return ['finding', 'hang (over 10 s)'];
  if (trace) return ['finding', 'stack trace'];
  if (r.code !== 0 && r.code !== 1 && r.code !== 2)
    return ['finding', `exit ${r.code ?? r.signal}`];
  const first = r.stderr.split('\n').find((l) => l.startsWith('ai-econ:')) ?? '';
  if (step.expect === 'capped') {
    const full = existsSync(join(dir, 'out.txt')) ? statSync(join(dir, 'out.txt')).size : 0;
    const cap = step.ulimitBlocks * 512;
    if (r.code === 0 && full >= cap)
      return ['wrong', `exit 0 with stdout cut at ${full} bytes by ulimit -f`];
    if (r.code === 1 && !/cannot write output/.test(first)) return ['exit1', first];
    return undefined;
  }
  if (r.code === 1) return ['exit1', first];
  if (step.expect === 'refuse' && r.code === 0)
    return ['wrong', `exit 0 where bad input must be refused`];
  if (step.expect === 'ok' && r.code !== 0)
    return ['refused', `exit ${r.code} where the input is valid: ${first.slice(0, 160)}`];
  if (r.code === 0) {
    const p = outputProblem(step.args, r.stdout);
    if (p) return ['wrong', p];
  }
  return undefined;
}

async function worker() {
  for (;;) {
    const i = next++;
    if (i >= cases) return;
    // Weighted choice of a kind.
    const total = KINDS.reduce((a, k) => a + k.weight, 0);
    let w = rand() * total;
    const kind = KINDS.find((k) => (w -= k.weight) < 0) ?? KINDS[0];
    const c = kind.make();
    const dir = join(work, `case-${i}`);
    mkdirSync(dir);
    for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name), text);
    const results = [];
    const found = [];
    for (const step of c.steps) {
      step.before?.(dir);
      const r = await run(step, dir);
      results.push(r);
      counts.runs++;
      if (r.code === 0) counts.exit0++;
      if (r.code === 1) counts.exit1++;
      if (r.code === 2) counts.exit2++;
      const j = judge(step, r, dir);
      if (j) found.push({ step: step.args, what: j[0], why: j[1] });
    }
    const o = c.oracle?.(results);
    if (o) found.push({ step: c.steps.at(-1).args, what: 'wrong', why: o });
    counts.cases++;
    byKind[kind.name] ??= {
      cases: 0,
      exit1Unexpected: 0,
      wrongOutput: 0,
      falseRefusal: 0,
      findings: 0,
    };
    byKind[kind.name].cases++;
    for (const f of found) {
      const key = {
        finding: 'findings',
        exit1: 'exit1Unexpected',
        wrong: 'wrongOutput',
        refused: 'falseRefusal',
      }[f.what];
      counts[key]++;
      byKind[kind.name][key]++;
      const saved = join(keep, `case-${i}`);
      mkdirSync(saved, { recursive: true });
      for (const [name, text] of Object.entries(c.files)) writeFileSync(join(saved, name), text);
      problems.push({ case: i, kind: kind.name, ...f, kept: saved });
    }
    rmSync(dir, { recursive: true, force: true });
    if (counts.cases % 100 === 0)
      process.stderr.write(
        `fuzz: ${counts.cases}/${cases} cases, ${counts.runs} runs, ${counts.exit1Unexpected} exit-1, ${counts.wrongOutput} wrong, ${counts.findings} findings, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
      );
  }
}

await Promise.all(Array.from({ length: parallel }, worker));
// The kinds of problem, each once, with how often and one example.
const kinds = new Map();
for (const p of problems) {
  const key = `${p.kind} ${p.what}: ${p.why
    .replace(/\/tmp\/\S+/g, 'FILE')
    .replace(/\d+/g, 'N')
    .slice(0, 140)}`;
  const k = kinds.get(key) ?? { n: 0, example: p };
  k.n++;
  kinds.set(key, k);
}
const summary = {
  cases,
  seed,
  seconds: Math.round((Date.now() - started) / 1000),
  ...counts,
  byKind,
  problemKinds: [...kinds.entries()].map(([k, v]) => `${v.n}× ${k}`),
  kept: keep,
};
console.log(JSON.stringify(summary, null, 2));
for (const [, v] of kinds)
  console.log(JSON.stringify({ ...v.example, step: v.example.step.join(' ') }));
process.exitCode =
  counts.findings + counts.exit1Unexpected + counts.wrongOutput + counts.falseRefusal ? 1 : 0;
