/** `quote`: a training job's fee in USD and tokens, and who gets it. */
import { InputError } from '../../core/errors.js';
import { type Rational, add, mul, rat, toDecimal } from '../../core/rational.js';
import { col, type Report, type Row, type Table } from '../../core/table.js';
import {
  gpuHoursFor,
  quoteJob,
  trainingFlops,
  type FeeModel,
  type Gpu,
  type Quote,
} from '../../core/fees.js';
import { PARSERS } from '../parsers.js';
import { durationHours } from '../../core/units.js';
import type { Model } from '../../params/model.js';
import { suggestion } from '../../core/suggest.js';
import type { Builder } from '../env.js';
import type { OptionsOf } from '../spec.js';
import type { spec } from './spec.js';

type QuoteOptions = OptionsOf<typeof spec>;
interface JobValues {
  gpuHours?: Rational;
  params?: Rational;
  tokens?: Rational;
  duration?: Rational;
  utilization?: Rational;
}
/** A job's problem, located at a flag (`--gpu-hours`) or at a CSV cell (`gpu_hours`). */
type Fail = (field: keyof JobValues | 'gpu', msg: string) => Error;
const FLAG: Record<keyof JobValues | 'gpu', string> = {
  gpuHours: '--gpu-hours',
  params: '--params',
  tokens: '--tokens',
  duration: '--duration',
  utilization: '--utilization',
  gpu: '--gpu',
};
const JOB_COLUMNS = {
  id: 'id',
  gpuHours: 'gpu_hours',
  params: 'params',
  tokens: 'tokens',
  gpu: 'gpu',
  duration: 'duration',
  utilization: 'utilization',
} as const;

export const buildQuote: Builder<typeof spec> = async (
  m: Model,
  o: QuoteOptions,
): Promise<Report> => {
  const f = m.params.fees;
  if (!f)
    throw new InputError(
      `${m.file} has no fees section; ai-econ quote needs one (see ai-econ init for a commented example)`,
    );
  // The split adding up, utilization and target in range, defaultGpu naming a class: checked when the file loads.
  const gpus = Object.entries(f.gpus).map(([name, g]): Gpu => ({
    name,
    pricePerHourUsd: g.pricePerHourUsd,
    tflops: g.tflops,
  }));
  const known = gpus.map((g) => g.name);
  const findGpu = (name: string, fail: (msg: string) => Error): Gpu => {
    const g = gpus.find((x) => x.name.toLowerCase() === name.trim().toLowerCase());
    if (!g)
      throw fail(`unknown GPU "${name}"${suggestion(name, known)}; known: ${known.join(', ')}`);
    return g;
  };
  const fees: FeeModel = {
    mfu: f.mfu,
    maxTaskGpuHours: f.maxTaskGpuHours,
    baseFeePerTaskUsd: f.baseFeePerTaskUsd,
    durationFeePerHourUsd: f.durationFeePerHourUsd,
    market: f.market,
    split: f.split,
  };
  const priceUsd = o.price ?? m.priceUsd;
  const defaultHours = f.defaultDuration
    ? durationHours(f.defaultDuration, 'fees.defaultDuration')
    : undefined;

  /** `name` says a field as the input has it: a flag (`--gpu-hours`) or a CSV column (`gpu_hours`). */
  const quoteOne = (
    v: JobValues,
    gpu: Gpu,
    fail: Fail,
    name: (f: keyof JobValues) => string = (f) => FLAG[f],
  ): Quote => {
    if (v.gpuHours && (v.params || v.tokens))
      throw fail(
        'gpuHours',
        `give either ${name('gpuHours')} or ${name('params')} with ${name('tokens')}, not both`,
      );
    if (v.params && !v.tokens)
      throw fail(
        'tokens',
        `missing: ${name('params')} needs ${name('tokens')} (training tokens, e.g. 140B)`,
      );
    if (v.tokens && !v.params)
      throw fail(
        'params',
        `missing: ${name('tokens')} needs ${name('params')} (model parameters, e.g. 7B)`,
      );
    if (!v.gpuHours && !v.params)
      throw fail(
        'gpuHours',
        `missing: give ${name('gpuHours')} N, or ${name('params')} N with ${name('tokens')} N, to size the job`,
      );
    const gpuHours = v.gpuHours ?? gpuHoursFor(trainingFlops(v.params!, v.tokens!), gpu, f.mfu);
    const hours = v.duration ?? defaultHours;
    if (!hours)
      throw fail(
        'duration',
        `missing: give ${name('duration')} (e.g. 48h) or set fees.defaultDuration`,
      );
    return quoteJob(
      {
        gpu,
        gpuHours,
        hours,
        utilization: v.utilization ?? f.market.utilization,
        priceUsd,
        decimals: m.decimals,
      },
      fees,
    );
  };
  const flagFail: Fail = (field, msg) => new InputError(`option ${FLAG[field]}: ${msg}`);
  const base: JobValues = {
    gpuHours: o.gpuHours,
    params: o.params,
    tokens: o.tokens,
    duration: o.duration,
    utilization: o.utilization,
  };
  const report = (tables: Table[]): Report => ({
    command: 'quote',
    params: {},
    decimals: m.decimals,
    tables,
  });
  const notes = [
    `USD figures to 10⁻¹⁰ USD; tokens at $${toDecimal(priceUsd, 10)} per ${m.symbol} (floor to the base unit). Line USD and tokens and the split divide the total by largest remainder, so they add up to it exactly.`,
    'GPU-hours from model size: 6·params·tokens / (TFLOPS·10¹²·MFU·3600); the compute rate includes the demand multiplier.',
  ];
  if (m.builtin)
    notes.push(
      'GPU prices and the fee parameters are editable defaults (ASSUMPTION; see configs/gensyn.yaml).',
    );
  if (o.compare && o.jobs)
    throw new InputError('options --compare and --jobs cannot be used together');

  const usdCols = [
    col('compute_usd', 'usd'),
    col('tasks_usd', 'usd'),
    col('duration_usd', 'usd'),
    col('total_usd', 'usd'),
    col('total_tokens', 'token'),
  ];
  const summaryRow = (q: Quote): Row => ({
    gpu: q.gpu,
    gpu_hours: q.gpuHours,
    multiplier: q.multiplier,
    compute_usd: q.lines[0]!.usd,
    tasks_usd: q.lines[1]!.usd,
    duration_usd: q.lines[2]!.usd,
    total_usd: q.totalUsd,
    total_tokens: q.totalTokens,
    gpus_needed: q.gpusNeeded,
  });

  if (o.compare) {
    const qs = o.compare.map((n) =>
      quoteOne(
        base,
        findGpu(n, (msg) => new InputError(`option --compare: ${msg}`)),
        flagFail,
      ),
    );
    return report([
      {
        name: 'compare',
        title: `Quote on ${qs.map((q) => q.gpu).join(', ')} — ${m.file}`,
        columns: [
          col('gpu'),
          col('gpu_hours', 'number', 2),
          col('multiplier', 'number'),
          ...usdCols,
          col('gpus_needed', 'int'),
        ],
        rows: qs.map(summaryRow),
        terminal: ['gpu', 'total_usd', 'total_tokens', 'gpu_hours', 'gpus_needed', 'multiplier'],
        notes: base.gpuHours
          ? ['The same GPU-hours on every class (given with --gpu-hours).', ...notes]
          : notes,
      },
    ]);
  }

  if (o.jobs) {
    const { readCsvFile } = await import('../../inputs/csvfile.js'); // csv-parse only for a jobs file
    const rows = readCsvFile(o.jobs, '--jobs', Object.values(JOB_COLUMNS), []);
    if (rows.length === 0) throw new InputError(`option --jobs: ${o.jobs} has no jobs`);
    const seen = new Set<string>();
    const out: Row[] = rows.map((r) => {
      const cell = <K extends keyof JobValues>(k: K, parse: (t: string) => Rational) =>
        r.cell(JOB_COLUMNS[k], parse);
      const v: JobValues = {
        gpuHours: cell('gpuHours', (t) => PARSERS.quantity(t, 'GPU-hours')),
        params: cell('params', (t) => PARSERS.quantity(t, 'a parameter count')),
        tokens: cell('tokens', (t) => PARSERS.quantity(t, 'a token count')),
        duration: cell('duration', PARSERS.hours) ?? base.duration,
        utilization: cell('utilization', PARSERS.utilization) ?? base.utilization,
      };
      const id = r.cells.id || `job ${r.row}`;
      if (seen.has(id)) throw r.error('id', `duplicate id "${id}"`);
      seen.add(id);
      const gpu = findGpu(r.cells.gpu || o.gpu || f.defaultGpu, (msg) => r.error('gpu', msg));
      const q = quoteOne(
        v,
        gpu,
        (field, msg) => r.error(JOB_COLUMNS[field], msg),
        (f) => JOB_COLUMNS[f],
      );
      return { id, ...summaryRow(q) };
    });
    const sum = (k: string) => out.reduce((a, r) => add(a, r[k] as Rational), rat(0n));
    const sumInt = (k: string) => out.reduce((a, r) => a + (r[k] as bigint), 0n);
    return report([
      {
        name: 'jobs',
        title: `Quotes for ${rows.length} jobs from ${o.jobs} — ${m.file}`,
        columns: [
          col('id'),
          col('gpu'),
          col('gpu_hours', 'number', 2),
          col('multiplier', 'number'),
          ...usdCols,
          col('gpus_needed', 'int'),
        ],
        rows: out,
        terminal: ['id', 'gpu', 'total_usd', 'total_tokens', 'gpu_hours', 'gpus_needed'],
        totals: {
          id: 'total',
          gpu_hours: sum('gpu_hours'),
          compute_usd: sum('compute_usd'),
          tasks_usd: sum('tasks_usd'),
          duration_usd: sum('duration_usd'),
          total_usd: sum('total_usd'),
          total_tokens: sumInt('total_tokens'),
          gpus_needed: sumInt('gpus_needed'),
        },
        notes,
      },
    ]);
  }

  const gpu = findGpu(o.gpu ?? f.defaultGpu, (msg) =>
    o.gpu ? flagFail('gpu', msg) : m.errorAt(['fees', 'defaultGpu'], msg),
  );
  const q = quoteOne(base, gpu, flagFail);
  return report([
    {
      name: 'breakdown',
      title: `Quote: ${toDecimal(q.gpuHours, 2)} GPU-hours on ${q.gpu} at ${toDecimal(mul(q.multiplier, rat(1n)), 4)}× demand — ${m.file}`,
      columns: [
        col('item'),
        col('quantity', 'number', 2),
        col('unit'),
        col('rate_usd', 'usd', 4),
        col('usd', 'usd'),
        col('tokens', 'token'),
      ],
      rows: q.lines.map((l, i) => ({
        item: l.item,
        quantity: l.quantity,
        unit: l.unit,
        rate_usd: l.rateUsd,
        usd: l.usd,
        tokens: q.lineTokens[i],
      })),
      totals: { item: 'total', usd: q.totalUsd, tokens: q.totalTokens },
      notes,
    },
    {
      name: 'split',
      title: 'Who gets the fee',
      columns: [
        col('recipient'),
        col('share_pct', 'pct'),
        col('usd', 'usd'),
        col('tokens', 'token'),
      ],
      rows: q.split.map((s) => ({
        recipient: s.recipient,
        share_pct: s.share,
        usd: s.usd,
        tokens: s.tokens,
      })),
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
};
