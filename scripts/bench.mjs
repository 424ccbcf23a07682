// npm run bench — measures, side by side in one run (medians of several runs each):
//   1. start-up: `ai-econ --version` and a `quote` against bare `node -e 0`;
//   2. the per-beneficiary grants export (cliff 12mo, 25% at cliff, 36 monthly steps) to CSV at
//      10k, 100k and 300k grants: wall time, rows/s, peak memory (the process's own maxRSS);
//   3. `burn --runs 10000 --months 120` against a vectorized numpy twin of the same model
//      (scripts/bench_mc.py), whole process each.
// Not part of `npm test`: timings depend on the machine. `BENCH_RUNS=N` sets the repetitions.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin', 'ai-econ.js');
const DIR = join(ROOT, '.bench');
const RUNS = Number(process.env.BENCH_RUNS || 9);
mkdirSync(DIR, { recursive: true });
const env = { ...process.env, NO_COLOR: '1', AI_ECON_STATS: '1' };

function run(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const rss = /ai-econ-stats: maxrss_kb=(\d+)/.exec(r.stderr);
  return { ms, rssMb: rss ? Number(rss[1]) / 1024 : undefined };
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** Run each case RUNS times, interleaved (round robin) so drift hits them all alike. */
function sideBySide(cases, runs = RUNS) {
  const res = cases.map(() => []);
  for (let i = 0; i < runs; i++) cases.forEach((c, j) => res[j].push(run(c.cmd, c.args)));
  return cases.map((c, j) => ({ ...c, ms: median(res[j].map((r) => r.ms)), rssMb: median(res[j].map((r) => r.rssMb ?? 0)) }));
}
const lines = [];
const out = (s = '') => {
  lines.push(s);
  console.log(s);
};
const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' }).stdout;
const supports = (cmd) => new RegExp(`^  ${cmd} `, 'm').test(help);

out(`# ai-econ benchmark — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${RUNS} runs each (medians)`);
out();

// 1. Start-up
const node = { name: 'node -e 0', cmd: process.execPath, args: ['-e', '0'] };
const startCases = [node, { name: 'ai-econ --version', cmd: process.execPath, args: [BIN, '--version'], target: 1.5 }];
if (supports('quote')) startCases.push({ name: 'ai-econ quote --gpu-hours 1000', cmd: process.execPath, args: [BIN, 'quote', '--gpu-hours', '1000'], target: 2 });
startCases.push({ name: 'ai-econ unlocks', cmd: process.execPath, args: [BIN, 'unlocks'] });
run(process.execPath, [BIN, '--version']); // warm the file cache
const start = sideBySide(startCases, Math.max(RUNS, 15));
out('## Start-up');
out();
out('| command | median ms | × node | target |');
out('|---|---:|---:|---|');
for (const c of start) {
  const ratio = c.ms / start[0].ms;
  out(`| \`${c.name}\` | ${c.ms.toFixed(1)} | ${ratio.toFixed(2)} | ${c.target ? `≤ ${c.target}× ${ratio <= c.target ? 'met' : 'MISSED'}` : ''} |`);
}
out();

// 2. Grants export
function grantsFile(n) {
  const f = join(DIR, `grants-${n}.csv`);
  if (!existsSync(f)) {
    const rows = ['beneficiary,category,amount,start,cliff,at_cliff,linear,every'];
    for (let i = 0; i < n; i++) rows.push(`b${i},Team,${1000 + (i % 5000)}.25,2026-${String(1 + (i % 12)).padStart(2, '0')}-15,12mo,25%,36mo,month`);
    writeFileSync(f, rows.join('\n') + '\n');
  }
  return f;
}
out('## Grants export (`unlocks --grants FILE -f csv -o out.csv`; 37 rows a grant)');
out();
out('| grants | rows | median s | rows/s | peak MB |');
out('|---:|---:|---:|---:|---:|');
for (const n of [10_000, 100_000, 300_000]) {
  const f = grantsFile(n);
  const [r] = sideBySide([{ name: `grants ${n}`, cmd: process.execPath, args: [BIN, 'unlocks', '--grants', f, '-f', 'csv', '-o', join(DIR, 'grants-out.csv')] }], n >= 300_000 ? 3 : 5);
  const rows = n * 37;
  out(`| ${n.toLocaleString('en-US')} | ${rows.toLocaleString('en-US')} | ${(r.ms / 1000).toFixed(2)} | ${Math.round(rows / (r.ms / 1000)).toLocaleString('en-US')} | ${r.rssMb.toFixed(0)} |`);
}
out();
out('Targets: ≥ 400,000 rows/s at 100k grants, peak under 200 MB and flat as the grant count grows.');
out();

// 3. Monte Carlo against numpy
if (supports('burn')) {
  const py = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  const cases = [{ name: 'ai-econ burn --runs 10000 --months 120', cmd: process.execPath, args: [BIN, 'burn', '--runs', '10000', '--months', '120', '--seed', '42', '-f', 'csv', '-o', join(DIR, 'bands.csv')] }];
  if (py.status === 0) cases.push({ name: 'numpy twin (scripts/bench_mc.py)', cmd: 'python3', args: [join(ROOT, 'scripts', 'bench_mc.py'), '--runs', '10000', '--months', '120', '--seed', '42'] });
  // The numpy twin gets the same inputs: ai-econ's own deterministic projection and parameters.
  const proj = JSON.parse(spawnSync(process.execPath, [BIN, 'burn', '--months', '120', '-f', 'json'], { encoding: 'utf8', maxBuffer: 1 << 26 }).stdout);
  const rows = proj.tables[0].rows;
  const first = rows[0];
  const inputs = {
    vault_in_usd: rows.map((r) => Number(r.revenue_usd)), // revenueShare is 100% in the built-in file
    unlocks: rows.map((r) => Number(r.unlocked)),
    unlocked_before: Number(first.circulating) + Number(first.burned) + Number(first.to_treasury) - Number(first.unlocked),
    p0: 0.1, mu: 0, sigma: 0.8, max_buy: 0.1, burn: 0.7, treasury: 0.29,
  };
  writeFileSync(join(DIR, 'mc-inputs.json'), JSON.stringify(inputs));
  if (py.status === 0) cases[1].args.push('--inputs', join(DIR, 'mc-inputs.json'), '--out', join(DIR, 'bands-numpy.csv'));
  const mc = sideBySide(cases, 5);
  out('## Monte Carlo, 10,000 paths × 120 months (whole process)');
  out();
  out('| implementation | median ms | × numpy |');
  out('|---|---:|---:|');
  const np = mc[1]?.ms;
  for (const c of mc) out(`| ${c.name} | ${c.ms.toFixed(0)} | ${np ? (c.ms / np).toFixed(2) : 'n/a'} |`);
  out();
  out('Target: as fast as numpy or faster.');
}
writeFileSync(join(DIR, 'results.md'), lines.join('\n') + '\n');
console.error(`\n(written to .bench/results.md)`);
