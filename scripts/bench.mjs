// npm run bench — every speed target of the README's benchmark table, measured side by side in one
// run: each figure is a median over alternating runs (the cases of a group take turns, the order
// rotating each round, so drift and other load hit them alike) and is shown against its target with
// the command that reproduces it. Whole processes throughout.
//   1. start-up: `--version` and `quote` against bare `node -e 0`;
//   2. table view to a terminal (a pseudo-terminal from `script`), against `node -e 0` in the same;
//   3. the per-beneficiary grants export at 10k, 100k and 300k grants: rows/s, peak memory;
//   4. `burn --runs 10000 --months 120` against scripts/bench_mc.py, the numpy twin of the model;
//   5. `simulate`: deterministic against bare Node, Monte Carlo against `burn`'s, memory in runs;
//   6. `sweep`: 1,000 burn points against one burn run; --jobs 2 against --jobs 1 (wall and CPU).
// Not part of `npm test`: timings depend on the machine. `BENCH_RUNS=N` sets the repetitions.
// Writes .bench/results.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, availableParallelism } from 'node:os';
import { join, relative } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin', 'ai-econ.js');
const DIR = join(ROOT, '.bench');
const RUNS = Number(process.env.BENCH_RUNS || 11);
/** `BENCH_ONLY=sweep,simulate` runs only those sections (startup, table, grants, mc, simulate, sweep). */
const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : undefined;
const only = (section) => !ONLY || ONLY.includes(section);
mkdirSync(DIR, { recursive: true });
const baseEnv = { ...process.env, AI_ECON_STATS: '1' };
delete baseEnv.FORCE_COLOR;
delete baseEnv.NO_COLOR;
const rel = (p) => relative(process.cwd(), p) || '.';
const NODE = 'node';

/** A case: what to run, how to show it, and its target. */
const nodeCase = (name, args, extra = {}) => ({
  name,
  cmd: process.execPath,
  args,
  shown: `${NODE} ${args.map((a) => (a === BIN ? rel(BIN) : a)).join(' ')}`,
  ...extra,
});

function runOnce(c) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(c.cmd, c.args, {
    env: c.env ?? { ...baseEnv, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0)
    throw new Error(`${c.shown} failed (exit ${r.status}): ${(r.stderr || '').split('\n')[0]}`);
  const rss = /ai-econ-stats: maxrss_kb=(\d+)/.exec(r.stderr);
  return { ms, rssMb: rss ? Number(rss[1]) / 1024 : undefined };
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** Run each case `runs` times (after one unmeasured run each, unless `warm` is false), taking turns, the first of each round rotating; medians. */
function alternate(cases, runs = RUNS, warm = true) {
  if (warm) cases.forEach((c) => runOnce(c)); // warm the file cache
  const res = cases.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < cases.length; j++) {
      const k = (i + j) % cases.length;
      res[k].push(runOnce(cases[k]));
    }
  }
  return cases.map((c, j) => ({
    ...c,
    ms: median(res[j].map((r) => r.ms)),
    rssMb: median(res[j].map((r) => r.rssMb ?? 0)),
  }));
}
const lines = [];
const out = (s = '') => {
  lines.push(s);
  console.log(s);
};
const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' }).stdout;
const supports = (cmd) => new RegExp(`^  ${cmd} `, 'm').test(help);
const verdict = (ratio, max) => `≤ ${max}× ${ratio <= max ? 'met' : 'MISSED'}`;
/** A group measured against its first case (the baseline); rows: figure, ratio, target. */
function ratioTable(title, cases, runs) {
  const res = alternate(cases, runs);
  out(`### ${title}`);
  out();
  out('| command | median ms | × baseline | target |');
  out('|---|---:|---:|---|');
  for (const c of res) {
    const ratio = c.ms / res[0].ms;
    out(
      `| \`${c.shown}\` | ${c.ms.toFixed(1)} | ${ratio.toFixed(2)} | ${c === res[0] ? 'baseline' : c.target ? verdict(ratio, c.target) : ''} |`,
    );
  }
  out();
  return res;
}

// The machine, and how busy it was.
const cpuModel = cpus()[0]?.model ?? 'unknown CPU';
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
out(`# ai-econ benchmark — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
out();
out(
  `Machine: ${availableParallelism()} cores (nproc), ${cpuModel}; Node ${process.version}; load average at start ${load()}.`,
);
out(
  `Medians of ${RUNS} alternating runs a case unless said otherwise; whole processes; ratios are against the first row of each table.`,
);
out();

// 1. Start-up
const node0 = nodeCase('node', ['-e', '0']);
if (only('startup')) {
  out('## Start-up');
  out();
  const start = [node0, nodeCase('version', [BIN, '--version'], { target: 1.3 })];
  if (supports('quote'))
    start.push(nodeCase('quote', [BIN, 'quote', '--gpu-hours', '1000'], { target: 1.6 }));
  ratioTable('Start-up against bare Node', start, Math.max(RUNS, 21));
}

// 2. Table view to a terminal: `script` gives the command a pseudo-terminal (colour on, as a user sees it).
if (only('table')) {
  out('## Table view to a terminal');
  out();
  const hasScript = spawnSync('script', ['-qc', 'true', '/dev/null']).status === 0;
  const tty = (name, line, target) =>
    hasScript
      ? {
          name,
          cmd: 'script',
          args: ['-qc', line, '/dev/null'],
          shown: `script -qc '${line.replace(process.execPath, NODE).replace(BIN, rel(BIN))}' /dev/null`,
          target,
          env: baseEnv,
        }
      : {
          name,
          cmd: '/bin/sh',
          args: ['-c', line],
          shown: `FORCE_COLOR=1 ${line.replace(process.execPath, NODE).replace(BIN, rel(BIN))}`,
          target,
          env: { ...baseEnv, FORCE_COLOR: '1' },
        };
  if (!hasScript)
    out(
      '(`script` is missing: the table view is measured with FORCE_COLOR=1 and stdout a pipe instead of a terminal.)\n',
    );
  const tableCases = [tty('node', `${process.execPath} -e 0`)];
  if (supports('burn'))
    tableCases.push(tty('burn', `${process.execPath} ${BIN} burn --months 120`, 2));
  tableCases.push(
    tty('unlocks', `${process.execPath} ${BIN} unlocks`, 2),
    tty('events', `${process.execPath} ${BIN} unlocks --events`, 2),
  );
  ratioTable('Table view against bare Node, both in a pseudo-terminal', tableCases);
}

// 3. Grants export
function grantsFile(n) {
  const f = join(DIR, `grants-${n}.csv`);
  if (!existsSync(f)) {
    const rows = ['beneficiary,category,amount,start,cliff,at_cliff,linear,every'];
    for (let i = 0; i < n; i++)
      rows.push(
        `b${i},Team,${1000 + (i % 5000)}.25,2026-${String(1 + (i % 12)).padStart(2, '0')}-15,12mo,25%,36mo,month`,
      );
    writeFileSync(f, rows.join('\n') + '\n');
  }
  return f;
}
if (only('grants')) {
  out('## Grants export');
  out();
  out(
    "`unlocks --grants FILE -f csv -o out.csv` (12-month cliff, 25% at the cliff, 36 monthly steps: 37 rows a grant); peak = the process's own maxRSS.",
  );
  out();
  out('| command | rows | median s | rows/s | peak MB | target |');
  out('|---|---:|---:|---:|---:|---|');
  const peaks = {};
  // The rate is absolute, and this VM's speed drifts by 2× over an hour: a fixed piece of arithmetic
  // runs in the same alternation as 100k grants, so the figure can be read against the machine's state.
  const control = {
    name: 'control',
    cmd: process.execPath,
    args: ['-e', 'let x=0;for(let i=0;i<4e8;i++)x+=i%7;'],
    shown: "node -e '<4e8 additions>'",
  };
  let controlMs;
  for (const n of [10_000, 100_000, 300_000]) {
    const f = grantsFile(n);
    const cases = [
      nodeCase(`grants ${n}`, [
        BIN,
        'unlocks',
        '--grants',
        f,
        '-f',
        'csv',
        '-o',
        join(DIR, 'grants-out.csv'),
      ]),
    ];
    if (n === 100_000) cases.push(control);
    const [r, c] = alternate(cases, n >= 300_000 ? 3 : 5, false);
    if (c) controlMs = c.ms;
    const rows = n * 37;
    const perS = rows / (r.ms / 1000);
    peaks[n] = r.rssMb;
    const target =
      n === 100_000
        ? `≥ 600,000 rows/s ${perS >= 600_000 ? 'met' : 'MISSED'}`
        : n === 300_000
          ? `peak flat (≤ 1.1× the 100k peak) ${r.rssMb <= 1.1 * peaks[100_000] ? 'met' : 'MISSED'}`
          : '';
    out(
      `| \`${r.shown.replace(f, rel(f)).replace(join(DIR, 'grants-out.csv'), rel(join(DIR, 'grants-out.csv')))}\` | ${rows.toLocaleString('en-US')} | ${(r.ms / 1000).toFixed(2)} | ${Math.round(perS).toLocaleString('en-US')} | ${r.rssMb.toFixed(0)} | ${target} |`,
    );
  }
  out();
  out(
    `Machine speed in the same alternation as 100k grants: \`${control.shown}\` took ${Math.round(controlMs)} ms (the faster the machine, the less).`,
  );
  out();
}

// 4. Monte Carlo against numpy
/** The Python that has numpy, as the interpreter itself (a pyenv shim is a bash script: ~50 ms). */
function findNumpy() {
  const r = spawnSync(
    'python3',
    ['-c', 'import sys, numpy; print(sys.executable); print(numpy.__version__)'],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) return undefined;
  const [exe, version] = r.stdout.trim().split('\n');
  return { exe, version };
}
if (supports('burn') && only('mc')) {
  out('## Monte Carlo, 10,000 paths × 120 months');
  out();
  const bandsFile = join(DIR, 'bands.csv');
  const mc = nodeCase(
    'ai-econ',
    [
      BIN,
      'burn',
      '--months',
      '120',
      '--runs',
      '10000',
      '--seed',
      '1',
      '-f',
      'csv',
      '-o',
      bandsFile,
    ],
    { target: 0.5 },
  );
  mc.shown = mc.shown.replace(bandsFile, rel(bandsFile));
  const np = findNumpy();
  if (!np) {
    out(
      '**numpy is missing** (`python3 -c "import numpy"` failed; `pip install numpy` or `apt-get install python3-numpy`): the comparison with the numpy twin is skipped.',
    );
    out();
    const [r] = alternate([mc], 5);
    out(`\`${r.shown}\`: ${r.ms.toFixed(0)} ms`);
  } else {
    // The twin's inputs: ai-econ's own deterministic projection and parameters.
    const proj = JSON.parse(
      spawnSync(process.execPath, [BIN, 'burn', '--months', '120', '-f', 'json'], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      }).stdout,
    );
    const rows = proj.tables[0].rows;
    const first = rows[0];
    const inputs = {
      vault_in_usd: rows.map((r) => Number(r.revenue_usd)), // revenueShare is 100% in the built-in file
      unlocks: rows.map((r) => Number(r.unlocked)),
      unlocked_before:
        Number(first.circulating) +
        Number(first.burned) +
        Number(first.to_treasury) -
        Number(first.unlocked),
      p0: 0.1,
      mu: 0,
      sigma: 0.8,
      max_buy: 0.1,
      burn: 0.7,
      treasury: 0.29,
    };
    const inputsFile = join(DIR, 'mc-inputs.json');
    const npOut = join(DIR, 'bands-numpy.csv');
    writeFileSync(inputsFile, JSON.stringify(inputs));
    // numpy at its best: the interpreter itself, one OpenBLAS thread (the twin uses no BLAS; the
    // thread pool only costs start-up), OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset.
    const npEnv = { ...baseEnv, OPENBLAS_NUM_THREADS: '1' };
    delete npEnv.OPENBLAS_CORETYPE;
    delete npEnv.OPENBLAS_L2_SIZE;
    const twinArgs = [
      join(ROOT, 'scripts', 'bench_mc.py'),
      '--runs',
      '10000',
      '--months',
      '120',
      '--seed',
      '1',
      '--inputs',
      inputsFile,
      '--out',
      npOut,
    ];
    const twin = {
      name: 'numpy',
      cmd: np.exe,
      args: twinArgs,
      env: npEnv,
      shown: `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 ${np.exe} ${twinArgs.map((a) => (a.startsWith(ROOT) ? rel(a) : a)).join(' ')}`,
    };
    const numpyImport = {
      name: 'import numpy',
      cmd: np.exe,
      args: ['-c', 'import numpy'],
      env: npEnv,
      shown: `OPENBLAS_NUM_THREADS=1 ${np.exe} -c 'import numpy'`,
    };
    const res = alternate([twin, mc, node0, numpyImport], RUNS);
    out(
      `numpy ${np.version}. The twin (scripts/bench_mc.py) is the same model vectorised over runs: one draw of every normal, price paths by row sums and one exp, unlocks precomputed, an in-place buy loop over months, bands by numpy's SIMD sort.`,
    );
    out();
    out('| command | median ms | × numpy twin | target |');
    out('|---|---:|---:|---|');
    for (const c of res) {
      const ratio = c.ms / res[0].ms;
      out(
        `| \`${c.shown}\` | ${c.ms.toFixed(0)} | ${ratio.toFixed(2)} | ${c === res[0] ? 'baseline' : c.target ? verdict(ratio, c.target) : 'floor, for reference'} |`,
      );
    }
    out();
    // Same model, independent streams: the bands must agree statistically.
    const last = (f) => readFileSync(f, 'utf8').trim().split('\n').at(-1).split(',');
    const [a, b] = [last(bandsFile), last(npOut)];
    out(
      `Check, month 120 p50 circulating / p50 cumulative burned: ai-econ ${Number(a[2]).toFixed(0)} / ${Number(a[5]).toFixed(0)}, numpy ${Number(b[2]).toFixed(0)} / ${Number(b[5]).toFixed(0)} (independent random streams).`,
    );
    out();
  }
}

// 5. simulate (issue 11: deterministic 120 months ≤ 2× node; --runs 10000 ≤ 3× burn --runs 10000, memory flat in runs)
if (supports('simulate') && only('simulate')) {
  out('## simulate');
  out();
  const simCsv = join(DIR, 'simulate.csv');
  const sim = nodeCase(
    'simulate',
    [BIN, 'simulate', '--months', '120', '-f', 'csv', '-o', simCsv],
    { target: 2 },
  );
  sim.shown = sim.shown.replace(simCsv, rel(simCsv));
  ratioTable('Deterministic, 120 months, against bare Node', [node0, sim]);
  const mcCase = (cmd, runs, target) => {
    const f = join(DIR, `${cmd}-mc-${runs}.csv`);
    const c = nodeCase(
      `${cmd} ${runs}`,
      [BIN, cmd, '--months', '120', '--runs', String(runs), '--seed', '1', '-f', 'csv', '-o', f],
      target ? { target } : {},
    );
    c.shown = c.shown.replace(f, rel(f));
    return c;
  };
  const mc = alternate(
    [mcCase('burn', 10_000), mcCase('simulate', 10_000, 3), mcCase('simulate', 2_500)],
    Math.min(RUNS, 5),
  );
  out(
    '### Monte Carlo, 120 months, against `burn` with the same runs; peak memory against a quarter of the runs',
  );
  out();
  out('| command | median ms | × burn | peak MB | target |');
  out('|---|---:|---:|---:|---|');
  const flat = mc[1].rssMb <= 1.25 * mc[2].rssMb;
  for (const c of mc) {
    const ratio = c.ms / mc[0].ms;
    const target =
      c === mc[0]
        ? 'baseline'
        : c.target
          ? verdict(ratio, c.target)
          : `peak flat (10,000 runs ≤ 1.25× this) ${flat ? 'met' : 'MISSED'}`;
    out(
      `| \`${c.shown}\` | ${c.ms.toFixed(0)} | ${ratio.toFixed(2)} | ${c.rssMb.toFixed(0)} | ${target} |`,
    );
  }
  out();
}

// 6. sweep (issue 12): 1,000 burn points ≤ 10× one burn run; --jobs 2 ≥ 1.7× --jobs 1 on 1,000 simulate points.
if (supports('sweep') && only('sweep')) {
  out('## sweep, 1,000 points');
  out();
  const vary = ['--vary', 'projection.revenue.growth=0%..9.99%:0.01%'];
  const sweepCase = (name, cmd, jobs, extra = {}) => {
    const f = join(DIR, `sweep-${cmd}-${jobs}.csv`);
    const c = nodeCase(
      name,
      [BIN, 'sweep', cmd, ...vary, '--jobs', String(jobs), '-f', 'csv', '-o', f],
      extra,
    );
    c.shown = c.shown.replace(f, rel(f));
    return c;
  };
  const burn1 = nodeCase('burn', [BIN, 'burn', '-f', 'csv', '-o', join(DIR, 'burn.csv')]);
  burn1.shown = burn1.shown.replace(join(DIR, 'burn.csv'), rel(join(DIR, 'burn.csv')));
  ratioTable(
    '1,000 points of burn against one burn run (one thread: the per-point cost)',
    [burn1, sweepCase('sweep burn', 'burn', 1, { target: 10 })],
    Math.min(RUNS, 5),
  );

  // Threads: wall time, and the CPU time (user + sys) the process used, since the machine may be shared.
  const timed = (c) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/env', ['time', '-f', 'ai-econ-cpu: %U %S', c.cmd, ...c.args], {
      env: { ...baseEnv, NO_COLOR: '1' },
      encoding: 'utf8',
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${c.shown} failed: ${(r.stderr || '').split('\n')[0]}`);
    const m = /ai-econ-cpu: ([\d.]+) ([\d.]+)/.exec(r.stderr);
    return { ms, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN };
  };
  const hasTime = spawnSync('/usr/bin/env', ['time', '-f', '%U', 'true']).status === 0;
  const j = [sweepCase('jobs 1', 'simulate', 1), sweepCase('jobs 2', 'simulate', 2)];
  const runs = Math.min(RUNS, 5);
  const res = j.map(() => []);
  for (let i = 0; i < runs; i++)
    for (let k = 0; k < j.length; k++)
      res[(i + k) % j.length].push(
        hasTime ? timed(j[(i + k) % j.length]) : { ...runOnce(j[(i + k) % j.length]), cpuMs: NaN },
      );
  const [w1, w2] = res.map((rs) => median(rs.map((r) => r.ms)));
  const [c1, c2] = res.map((rs) => median(rs.map((r) => r.cpuMs)));
  out('### Threads: `--jobs 2` against `--jobs 1`, 1,000 points of simulate');
  out();
  out(
    `Medians of ${runs} alternating runs. CPU = user + sys of the whole process (GNU time); with two threads busy, wall ≈ CPU / 2 on an idle machine — a wall time above that is other load.`,
  );
  out();
  out('| command | median wall ms | median CPU ms | speed-up (wall) | target |');
  out('|---|---:|---:|---:|---|');
  out(`| \`${j[0].shown}\` | ${w1.toFixed(0)} | ${c1.toFixed(0)} | baseline | |`);
  out(
    `| \`${j[1].shown}\` | ${w2.toFixed(0)} | ${c2.toFixed(0)} | ${(w1 / w2).toFixed(2)} | ≥ 1.7× ${w1 / w2 >= 1.7 ? 'met' : 'MISSED'} |`,
  );

  // Control: the same split of pure arithmetic (one thread doing 2 units, or two threads 1 each): the speed-up the machine allows now.
  const spin = (n) => `let x=0;for(let i=0;i<${n}e8;i++)x+=i%7;`;
  const ctl = [
    {
      name: 'control 1',
      cmd: process.execPath,
      args: ['-e', spin(8)],
      shown: `node -e '<8e8 additions on one thread>'`,
    },
    {
      name: 'control 2',
      cmd: process.execPath,
      args: [
        '-e',
        `new (require('worker_threads').Worker)(${JSON.stringify(spin(4))},{eval:true});${spin(4)}`,
      ],
      shown: `node -e '<4e8 additions on each of two threads>'`,
    },
  ];
  const cr = ctl.map(() => []);
  for (let i = 0; i < runs; i++)
    for (let k = 0; k < 2; k++) cr[(i + k) % 2].push(runOnce(ctl[(i + k) % 2]).ms);
  const [k1, k2] = cr.map(median);
  out(`| control: \`${ctl[0].shown}\` | ${k1.toFixed(0)} | | baseline | |`);
  out(
    `| control: \`${ctl[1].shown}\` | ${k2.toFixed(0)} | | ${(k1 / k2).toFixed(2)} | what two threads of bare Node get on this machine now |`,
  );
  out();
  out(
    `Parallel efficiency by CPU time: --jobs 2 did the work of ${c1.toFixed(0)} ms of one thread with ${c2.toFixed(0)} ms of CPU (${((100 * c1) / c2).toFixed(0)}%); the best wall speed-up that allows on 2 free cores is ${((2 * c1) / c2).toFixed(2)}×.`,
  );
  out();
}

out(`Load average at the end: ${load()}.`);
writeFileSync(join(DIR, 'results.md'), lines.join('\n') + '\n');
console.error(`\n(written to ${rel(join(DIR, 'results.md'))})`);
