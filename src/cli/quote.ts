/** `ai-econ quote`: a training job's fee in USD and tokens, and who gets it. */
import type { Command } from 'commander';
import type { Rational } from '../core/rational.js';
import type { Report, Row, Table } from '../core/table.js';
import type { FeeModel, Gpu, Quote } from '../core/fees.js';
import type { Model } from '../io/model.js';
import { runReport } from './run.js';

interface QuoteOptions {
  gpuHours?: string;
  params?: string;
  tokens?: string;
  gpu?: string;
  duration?: string;
  utilization?: string;
  price?: string;
  compare?: string;
  jobs?: string;
}

const EXAMPLES = `
Examples:
  $ ai-econ quote --params 7B --tokens 140B --duration 48h     a 7B model on 140B tokens on H100s
  $ ai-econ quote --gpu-hours 1000 --gpu A100 --utilization 95%
  $ ai-econ quote --params 70B --tokens 2T --compare H100,H200,MI300X -f csv
  $ ai-econ quote --jobs jobs.csv                               one row per job, with totals`;

export function register(program: Command): void {
  program
    .command('quote')
    .description("price a training job: fee lines in USD and tokens, the split, GPUs needed")
    .option('--gpu-hours <n>', 'GPU-hours of the job')
    .option('--params <n>', 'model parameters (e.g. 7B), with --tokens: GPU-hours by 6·N·D / (TFLOPS·MFU·3600)')
    .option('--tokens <n>', 'training tokens (e.g. 140B)')
    .option('--gpu <class>', 'GPU class (default: fees.defaultGpu)')
    .option('--duration <span>', 'wall-clock time allowed, e.g. 48h, 3d, 2w (default: fees.defaultDuration)')
    .option('--utilization <pct>', 'network utilization 0–100% for the demand multiplier (default: fees.market.utilization)')
    .option('--price <usd>', 'USD per token (default: token.priceUsd)')
    .option('--compare <classes>', 'quote on several GPU classes side by side, e.g. H100,A100')
    .option('--jobs <file>', 'a CSV of jobs (id,gpu_hours,params,tokens,gpu,duration,utilization): one row each, with totals')
    .addHelpText('after', EXAMPLES)
    .action((_o: unknown, cmd: Command) => runReport<QuoteOptions>(cmd, async (ctx) => buildQuote(ctx.opts, ...(await Promise.all([ctx.model(), ctx.source()])))));
}

interface JobValues {
  gpuHours?: Rational;
  params?: Rational;
  tokens?: Rational;
  gpu?: string;
  hours?: Rational;
  utilization?: Rational;
}

async function buildQuote(o: QuoteOptions, m: Model, source: Record<string, unknown>): Promise<Report> {
  // Loaded together, not one after another: start-up time is what a quote is waiting for.
  const [{ flag }, { InputError }, units, { rat, add, cmp, mul, toDecimal, formatPercent, ONE, parseDecimal }, fees, { suggestion }, { col }] = await Promise.all([
    import('./flags.js'),
    import('../core/errors.js'),
    import('../core/units.js'),
    import('../core/rational.js'),
    import('../core/fees.js'),
    import('../io/suggest.js'),
    import('../core/table.js'),
  ]);

  const f = m.params.fees;
  if (!f) throw new InputError(`${m.file} has no fees section; ai-econ quote needs one (see ai-econ init for a commented example)`);
  try {
    fees.checkSplit(f.split);
  } catch (e) {
    throw m.errorAt(['fees', 'split'], (e as Error).message);
  }
  for (const [k, v] of [['utilization', f.market.utilization], ['target', f.market.target]] as const) {
    if (cmp(v, ONE) > 0) throw m.errorAt(['fees', 'market', k], `expected 0% to 100%; found ${formatPercent(v)}`);
  }
  const gpus = Object.entries(f.gpus).map(([name, g]): Gpu => ({ name, pricePerHourUsd: g.pricePerHourUsd, tflops: g.tflops }));
  const known = gpus.map((g) => g.name);
  const findGpu = (name: string, where: (msg: string) => Error): Gpu => {
    const g = gpus.find((x) => x.name.toLowerCase() === name.trim().toLowerCase());
    if (!g) throw where(`unknown GPU "${name}"${suggestion(name, known)}; known: ${known.join(', ')}`);
    return g;
  };
  findGpu(f.defaultGpu, (msg) => m.errorAt(['fees', 'defaultGpu'], msg));
  const model: FeeModel = { mfu: f.mfu, maxTaskGpuHours: f.maxTaskGpuHours, baseFeePerTaskUsd: f.baseFeePerTaskUsd, durationFeePerHourUsd: f.durationFeePerHourUsd, market: f.market, split: f.split };
  const priceUsd = flag('--price', o.price, (t) => units.parseUsd(t, 'a USD price'), true) ?? m.priceUsd;
  if (priceUsd.n === 0n) throw new InputError(o.price !== undefined ? 'option --price: expected a price above 0; found 0' : `${m.file}: token.priceUsd must be above 0 to convert USD to tokens`);

  const hoursOf = (t: string): Rational => {
    const h = units.durationHours(units.parseDuration(t), 'the duration');
    if (h.n === 0n) throw new InputError('expected a duration above zero; found 0');
    return h;
  };
  const utilizationOf = (t: string): Rational => {
    const u = units.parseFraction(t, 'a utilization');
    if (cmp(u, ONE) > 0) throw new InputError(`expected a utilization from 0% to 100%; found ${JSON.stringify(t)}`);
    return u;
  };
  const positive = (what: string) => (t: string): Rational => {
    const v = units.parseAmount(t, what);
    if (v.n === 0n) throw new InputError(`expected ${what} above 0; found ${JSON.stringify(t)}`);
    return v;
  };
  const defaultHours = f.defaultDuration ? units.durationHours(f.defaultDuration, 'fees.defaultDuration') : undefined;

  /** One job's quote; `fail(field, msg)` locates a problem (a flag, or a CSV cell). */
  const quoteOne = (v: JobValues, gpu: Gpu, fail: (field: string, msg: string) => Error): Quote => {
    if (v.gpuHours && (v.params || v.tokens)) throw fail('gpu-hours', 'give either GPU-hours or --params with --tokens, not both');
    if (v.params && !v.tokens) throw fail('tokens', 'missing: --params needs --tokens (training tokens, e.g. 140B)');
    if (v.tokens && !v.params) throw fail('params', 'missing: --tokens needs --params (model parameters, e.g. 7B)');
    if (!v.gpuHours && !v.params) throw fail('gpu-hours', 'missing: give --gpu-hours N, or --params N with --tokens N, to size the job');
    const gpuHours = v.gpuHours ?? fees.gpuHoursFor(fees.trainingFlops(v.params!, v.tokens!), gpu, f.mfu);
    const hours = v.hours ?? defaultHours;
    if (!hours) throw fail('duration', 'missing: give --duration (e.g. 48h) or set fees.defaultDuration');
    return fees.quoteJob({ gpu, gpuHours, hours, utilization: v.utilization ?? f.market.utilization, priceUsd, decimals: m.decimals }, model);
  };

  const flagFail = (field: string, msg: string) => new InputError(`option --${field}: ${msg}`);
  const base: JobValues = {
    gpuHours: flag('--gpu-hours', o.gpuHours, positive('GPU-hours'), true),
    params: flag('--params', o.params, positive('a parameter count'), true),
    tokens: flag('--tokens', o.tokens, positive('a token count'), true),
    hours: flag('--duration', o.duration, hoursOf, true),
    utilization: flag('--utilization', o.utilization, utilizationOf, true),
  };
  const params = { ...source, gpu_hours: o.gpuHours, params: o.params, tokens: o.tokens, gpu: o.gpu, duration: o.duration, utilization: o.utilization, price: o.price, compare: o.compare, jobs: o.jobs };
  const report = (tables: Table[]): Report => ({ command: 'quote', params, decimals: m.decimals, tables });
  const notes = [
    `USD figures to 10⁻¹⁰ USD; tokens at $${toDecimal(priceUsd, 10)} per ${m.symbol} (floor to the base unit). Line USD and tokens and the split divide the total by largest remainder, so they add up to it exactly.`,
    'GPU-hours from model size: 6·params·tokens / (TFLOPS·10¹²·MFU·3600); the compute rate includes the demand multiplier.',
  ];
  if (m.builtin) notes.push('GPU prices and the fee parameters are editable defaults (ASSUMPTION; see configs/gensyn.yaml).');
  const multi = [o.compare && '--compare', o.jobs && '--jobs'].filter(Boolean);
  if (multi.length > 1) throw new InputError('options --compare and --jobs cannot be used together');

  const usdCols = [col('compute_usd', 'usd'), col('tasks_usd', 'usd'), col('duration_usd', 'usd'), col('total_usd', 'usd'), col('total_tokens', 'token')];
  const summaryRow = (q: Quote): Row => ({
    gpu: q.gpu,
    gpu_hours: q.gpuHours,
    multiplier: q.multiplier,
    compute_usd: q.lines[0].usd,
    tasks_usd: q.lines[1].usd,
    duration_usd: q.lines[2].usd,
    total_usd: q.totalUsd,
    total_tokens: q.totalTokens,
    gpus_needed: q.gpusNeeded,
  });

  if (o.compare) {
    const names = o.compare.split(',').map((s) => s.trim()).filter(Boolean);
    if (names.length === 0) throw new InputError('option --compare: expected GPU classes like H100,A100');
    const qs = names.map((n) => quoteOne(base, findGpu(n, (msg) => flagFail('compare', msg)), flagFail));
    return report([
      {
        name: 'compare',
        title: `Quote on ${qs.map((q) => q.gpu).join(', ')} — ${m.file}`,
        columns: [col('gpu'), col('gpu_hours', 'number', 2), col('multiplier', 'number'), ...usdCols, col('gpus_needed', 'int')],
        rows: qs.map(summaryRow),
        notes: base.gpuHours ? ['The same GPU-hours on every class (given with --gpu-hours).', ...notes] : notes,
      },
    ]);
  }

  if (o.jobs) {
    const { readCsvFile } = await import('../io/csvfile.js');
    const cols = ['id', 'gpu_hours', 'params', 'tokens', 'gpu', 'duration', 'utilization'];
    const rows = readCsvFile(o.jobs, '--jobs', cols, []);
    if (rows.length === 0) throw new InputError(`option --jobs: ${o.jobs} has no jobs`);
    const seen = new Set<string>();
    const out: Row[] = rows.map((r) => {
      const v: JobValues = {
        gpuHours: r.cell('gpu_hours', positive('GPU-hours')),
        params: r.cell('params', positive('a parameter count')),
        tokens: r.cell('tokens', positive('a token count')),
        hours: r.cell('duration', hoursOf) ?? base.hours,
        utilization: r.cell('utilization', utilizationOf) ?? base.utilization,
      };
      const id = r.cells.id || `job ${r.row}`;
      if (seen.has(id)) throw r.error('id', `duplicate id "${id}"`);
      seen.add(id);
      const gpu = findGpu(r.cells.gpu || o.gpu || f.defaultGpu, (msg) => r.error('gpu', msg));
      const q = quoteOne(v, gpu, (field, msg) => r.error(field.replace('-', '_'), msg.replace(/--(gpu-hours|params|tokens|duration)/g, (x) => x.slice(2).replace('-', '_'))));
      return { id, ...summaryRow(q) };
    });
    const sum = (k: string) => out.reduce((a, r) => add(a, r[k] as Rational), rat(0n));
    const sumInt = (k: string) => out.reduce((a, r) => a + (r[k] as bigint), 0n);
    return report([
      {
        name: 'jobs',
        title: `Quotes for ${rows.length} jobs from ${o.jobs} — ${m.file}`,
        columns: [col('id'), col('gpu'), col('gpu_hours', 'number', 2), col('multiplier', 'number'), ...usdCols, col('gpus_needed', 'int')],
        rows: out,
        totals: { id: 'total', gpu_hours: sum('gpu_hours'), compute_usd: sum('compute_usd'), tasks_usd: sum('tasks_usd'), duration_usd: sum('duration_usd'), total_usd: sum('total_usd'), total_tokens: sumInt('total_tokens'), gpus_needed: sumInt('gpus_needed') },
        notes,
      },
    ]);
  }

  const gpu = findGpu(o.gpu ?? f.defaultGpu, (msg) => (o.gpu ? flagFail('gpu', msg) : m.errorAt(['fees', 'defaultGpu'], msg)));
  const q = quoteOne(base, gpu, flagFail);
  return report([
    {
      name: 'breakdown',
      title: `Quote: ${toDecimal(q.gpuHours, 2)} GPU-hours on ${q.gpu} at ${toDecimal(mul(q.multiplier, rat(1n)), 4)}× demand — ${m.file}`,
      columns: [col('item'), col('quantity', 'number', 2), col('unit'), col('rate_usd', 'usd', 4), col('usd', 'usd'), col('tokens', 'token')],
      rows: [
        ...q.lines.map((l, i) => ({ item: l.item, quantity: l.quantity, unit: l.unit, rate_usd: l.rateUsd, usd: l.usd, tokens: q.lineTokens[i] })),
        { item: 'total', usd: q.totalUsd, tokens: q.totalTokens },
      ],
      notes,
    },
    {
      name: 'split',
      title: 'Who gets the fee',
      columns: [col('recipient'), col('share_pct', 'pct'), col('usd', 'usd'), col('tokens', 'token')],
      rows: q.split.map((s) => ({ recipient: s.recipient, share_pct: s.share, usd: s.usd, tokens: s.tokens })),
      totals: { recipient: 'total', share_pct: rat(1n), usd: q.totalUsd, tokens: q.totalTokens },
    },
    {
      name: 'job',
      title: 'The job',
      columns: [col('metric'), col('value', 'number', 4)],
      rows: [
        { metric: 'flops', value: q.flops },
        { metric: 'gpu_hours', value: q.gpuHours },
        { metric: 'gpu', value: q.gpu },
        { metric: 'multiplier', value: q.multiplier },
        { metric: 'tasks', value: rat(q.tasks) },
        { metric: 'duration_hours', value: q.hours },
        { metric: 'gpus_needed', value: rat(q.gpusNeeded) },
        { metric: 'token_price_usd', value: priceUsd },
      ],
    },
  ]);
}

