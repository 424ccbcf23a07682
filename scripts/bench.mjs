// npm run bench — every speed target (docs/benchmarks.md), measured side by side in one run: each
// figure is a median over alternating runs (the cases of a group take turns, the order rotating each
// round, so drift and other load hit them alike) and is shown against its target with the command
// that reproduces it. Whole processes throughout.
//   1. start-up: `--version` ≤ 1.5× and `quote` ≤ 2.0× bare `node -e 0` (issue 22);
//   2. table view to a terminal (a pseudo-terminal from `script`) ≤ 2× `node -e 0` in the same (13);
//   3. the per-beneficiary grants export: ≥ 600,000 rows/s at 100k grants, peak flat to 300k (13);
//   4. `burn --runs 100000 --months 120` ≤ 0.6× scripts/bench_mc.py, the numpy twin of the model,
//      peak ≤ 150 MB, and the same peak at 1,200 months (23);
//   5. `simulate`: deterministic ≤ 2× bare Node, Monte Carlo ≤ 3× `burn`'s, memory flat in runs (11);
//   6. `sweep`: 1,000 burn points ≤ 10× one burn run (12); 10,000 simulate points, --jobs 2 ≥ 1.8×
//      --jobs 1 (23), with the CPU time of each thread and a control of bare arithmetic.
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

/** GNU time, for the CPU time and peak memory of any command (the numpy twin included). */
const hasTime = spawnSync('/usr/bin/env', ['time', '-f', '%U', 'true']).status === 0;

function runOnce(c) {
  const timed = c.timed && hasTime;
  const [cmd, args] = timed
    ? ['/usr/bin/env', ['time', '-f', 'ai-econ-time: %U %S %M', c.cmd, ...c.args]]
    : [c.cmd, c.args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, {
    env: c.env ?? { ...baseEnv, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0)
    throw new Error(`${c.shown} failed (exit ${r.status}): ${(r.stderr || '').split('\n')[0]}`);
  const t = /ai-econ-time: ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  const rss = t ? t[3] : /ai-econ-stats: maxrss_kb=(\d+)/.exec(r.stderr)?.[1];
  return {
    ms,
    rssMb: rss ? Number(rss) / 1024 : undefined,
    cpuMs: t ? (Number(t[1]) + Number(t[2])) * 1000 : undefined,
    stderr: r.stderr,
  };
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
    cpuMs: median(res[j].map((r) => r.cpuMs ?? NaN)),
    all: res[j],
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
  const start = [node0, nodeCase('version', [BIN, '--version'], { target: 1.5 })];
  if (supports('quote'))
    start.push(nodeCase('quote', [BIN, 'quote', '--gpu-hours', '100'], { target: 2 }));
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
  const RUNS_MC = 100_000;
  out('## Monte Carlo, 100,000 paths × 120 months');
  out();
  const bandsFile = join(DIR, 'bands.csv');
  const mcArgs = (months, f) => [
    BIN,
    'burn',
    '--months',
    String(months),
    '--runs',
    String(RUNS_MC),
    '--seed',
    '1',
    '-f',
    'csv',
    '-o',
    f,
  ];
  const mc = nodeCase('ai-econ', mcArgs(120, bandsFile), { target: 0.6, timed: true });
  mc.shown = mc.shown.replace(bandsFile, rel(bandsFile));
  const oneFile = join(DIR, 'bands-1.csv');
  const mcOne = nodeCase('ai-econ, one thread', mcArgs(120, oneFile), {
    timed: true,
    env: { ...baseEnv, NO_COLOR: '1', AI_ECON_THREADS: '1' },
  });
  mcOne.shown = `AI_ECON_THREADS=1 ${mcOne.shown.replace(oneFile, rel(oneFile))}`;
  const np = findNumpy();
  if (!np) {
    out(
      '**numpy is missing** (`python3 -c "import numpy"` failed; `pip install numpy` or `apt-get install python3-numpy`): the comparison with the numpy twin is skipped.',
    );
    out();
    const [r] = alternate([mc], 5);
    out(`\`${r.shown}\`: ${r.ms.toFixed(0)} ms, peak ${r.rssMb.toFixed(0)} MB`);
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
      String(RUNS_MC),
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
      timed: true,
      shown: `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 ${np.exe} ${twinArgs.map((a) => (a.startsWith(ROOT) ? rel(a) : a)).join(' ')}`,
    };
    const node0t = { ...node0, timed: true };
    const res = alternate([twin, mc, mcOne, node0t], Math.min(RUNS, 7));
    out(
      `numpy ${np.version}. The twin (scripts/bench_mc.py) is the same model vectorised over runs: one draw of every normal, price paths by row sums and one exp, unlocks precomputed, an in-place buy loop over months, bands by numpy's SIMD sort. Peak = maxRSS (GNU time); CPU = user + sys.`,
    );
    out();
    out('| command | median ms | × numpy twin | CPU ms | peak MB | target |');
    out('|---|---:|---:|---:|---:|---|');
    for (const c of res) {
      const ratio = c.ms / res[0].ms;
      const target =
        c === res[0]
          ? 'baseline'
          : c.target
            ? `${verdict(ratio, c.target)}; peak ≤ 150 MB ${c.rssMb <= 150 ? 'met' : 'MISSED'}`
            : c === res[2]
              ? 'for reference'
              : 'floor, for reference';
      out(
        `| \`${c.shown}\` | ${c.ms.toFixed(0)} | ${ratio.toFixed(2)} | ${c.cpuMs.toFixed(0)} | ${c.rssMb.toFixed(0)} | ${target} |`,
      );
    }
    out();
    // Same model, independent streams: the bands must agree statistically.
    const last = (f) => readFileSync(f, 'utf8').trim().split('\n').at(-1).split(',');
    const [a, b] = [last(bandsFile), last(npOut)];
    out(
      `Check, month 120 p50 circulating / p50 cumulative burned: ai-econ ${Number(a[2]).toFixed(0)} / ${Number(a[5]).toFixed(0)}, numpy ${Number(b[2]).toFixed(0)} / ${Number(b[5]).toFixed(0)} (independent random streams); one thread and two give the same bytes: ${readFileSync(bandsFile, 'utf8') === readFileSync(oneFile, 'utf8') ? 'yes' : 'NO'}.`,
    );
    out();
  }
  // Memory does not grow with the months: ten times the months, the same peak.
  const longFile = join(DIR, 'bands-1200.csv');
  const long = nodeCase('1,200 months', mcArgs(1200, longFile), { timed: true });
  long.shown = long.shown.replace(longFile, rel(longFile));
  const [l120, l1200] = alternate([{ ...mc }, long], 3);
  out('### Peak memory in months');
  out();
  out('| command | median ms | peak MB | target |');
  out('|---|---:|---:|---|');
  out(`| \`${l120.shown}\` | ${l120.ms.toFixed(0)} | ${l120.rssMb.toFixed(0)} | baseline |`);
  out(
    `| \`${l1200.shown}\` | ${l1200.ms.toFixed(0)} | ${l1200.rssMb.toFixed(0)} | flat (≤ 1.1× the 120-month peak) ${l1200.rssMb <= 1.1 * l120.rssMb ? 'met' : 'MISSED'} |`,
  );
  out();
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

// 6. sweep: 1,000 burn points ≤ 10× one burn run (12); --jobs 2 ≥ 1.8× --jobs 1 on 10,000 simulate points (23).
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

  // Threads: 10,000 points of simulate, wall time and the CPU time of the whole process and of each
  // JavaScript thread (the sweep's stats line); the rest is V8's own threads (compiler, GC).
  out('## sweep threads, 10,000 points of simulate');
  out();
  const big = [
    '--vary',
    'economy.demand.growth=0%..9.99%:0.01%',
    '--vary',
    'economy.demand.elasticity=0.1..1:0.1',
  ];
  const jobsCase = (jobs, target) => {
    const f = join(DIR, `sweep-simulate-${jobs}.csv`);
    const c = nodeCase(
      `jobs ${jobs}`,
      [BIN, 'sweep', 'simulate', ...big, '--jobs', String(jobs), '-f', 'csv', '-o', f],
      { timed: true, ...(target ? { target } : {}) },
    );
    c.shown = c.shown.replace(f, rel(f));
    c.file = f;
    return c;
  };
  // Control: the same split of pure arithmetic (one thread doing 2 units, or two threads 1 each): the
  // speed-up the machine allows now, in the same alternation.
  const spin = (n) => `let x=0;for(let i=0;i<${n}e8;i++)x+=i%7;`;
  const ctl = [
    {
      name: 'control 1',
      cmd: process.execPath,
      args: ['-e', spin(8)],
      shown: `node -e '<8e8 additions on one thread>'`,
      timed: true,
    },
    {
      name: 'control 2',
      cmd: process.execPath,
      args: [
        '-e',
        `new (require('worker_threads').Worker)(${JSON.stringify(spin(4))},{eval:true});${spin(4)}`,
      ],
      shown: `node -e '<4e8 additions on each of two threads>'`,
      timed: true,
    },
  ];
  const runs = Math.min(RUNS, 5);
  const [j1, j2, k1, k2] = alternate([jobsCase(1), jobsCase(2, 1.8), ...ctl], runs, false);
  const same = readFileSync(j1.file, 'utf8') === readFileSync(j2.file, 'utf8');
  /** Median CPU of the JavaScript threads, from the sweep's stats line. */
  const jsCpu = (r, key) =>
    median(r.all.map((x) => Number(new RegExp(`${key}=(\\d+)`).exec(x.stderr)?.[1] ?? NaN)));
  out(
    `Medians of ${runs} alternating runs; CPU = user + sys (GNU time). "JS threads" is the CPU time of the threads running points (this thread, and the worker with --jobs 2, each from /proc/thread-self); "V8 threads" is the rest of the process: V8's compiler and garbage-collector threads.`,
  );
  out();
  out(
    '| command | median wall ms | CPU ms | JS threads ms | V8 threads ms | speed-up (wall) | target |',
  );
  out('|---|---:|---:|---:|---:|---:|---|');
  const js1 = jsCpu(j1, 'main_cpu_ms');
  const js2 = jsCpu(j2, 'main_cpu_ms') + jsCpu(j2, 'worker_cpu_ms');
  out(
    `| \`${j1.shown}\` | ${j1.ms.toFixed(0)} | ${j1.cpuMs.toFixed(0)} | ${js1.toFixed(0)} | ${(j1.cpuMs - js1).toFixed(0)} | baseline | |`,
  );
  out(
    `| \`${j2.shown}\` | ${j2.ms.toFixed(0)} | ${j2.cpuMs.toFixed(0)} | ${js2.toFixed(0)} | ${(j2.cpuMs - js2).toFixed(0)} | ${(j1.ms / j2.ms).toFixed(2)} | ≥ 1.8× ${j1.ms / j2.ms >= 1.8 ? 'met' : 'MISSED'}; same bytes: ${same ? 'yes' : 'NO'} |`,
  );
  out(
    `| control: \`${k1.shown}\` | ${k1.ms.toFixed(0)} | ${k1.cpuMs.toFixed(0)} | | | baseline | |`,
  );
  out(
    `| control: \`${k2.shown}\` | ${k2.ms.toFixed(0)} | ${k2.cpuMs.toFixed(0)} | | | ${(k1.ms / k2.ms).toFixed(2)} | what two threads of bare Node get on this machine now |`,
  );
  out();
  out(
    `Parallel efficiency by CPU time: --jobs 2 did the work of ${j1.cpuMs.toFixed(0)} ms of CPU (--jobs 1) with ${j2.cpuMs.toFixed(0)} ms (${((100 * j1.cpuMs) / j2.cpuMs).toFixed(0)}%). --jobs 1 already keeps ${(j1.cpuMs / j1.ms).toFixed(2)} cores busy (its V8 threads run on the second core), so the best wall speed-up two free cores allow is 2 × ${j1.ms.toFixed(0)} / ${j2.cpuMs.toFixed(0)} = ${((2 * j1.ms) / j2.cpuMs).toFixed(2)}×.`,
  );
  out();
}

out(`Load average at the end: ${load()}.`);
writeFileSync(join(DIR, 'results.md'), lines.join('\n') + '\n');
console.error(`\n(written to ${rel(join(DIR, 'results.md'))})`);
