/**
 * Training-job fees (SPEC §4 quote): GPU-hours from model size, the demand multiplier, the fee
 * lines in USD (exact rationals) and tokens (base units), and the split of the fee.
 */
import { percentText } from './shown.js';
import { allocate } from './allocate.js';
import { InputError } from './errors.js';
import {
  type Rational,
  rat,
  add,
  ceil,
  cmp,
  div,
  floor,
  max,
  mul,
  scaledRound,
  sub,
  ONE,
  ZERO,
} from './rational.js';

export interface Market {
  target: Rational;
  belowSlope: Rational;
  aboveSlope: Rational;
  floor: Rational;
}

export interface Gpu {
  name: string;
  pricePerHourUsd: Rational;
  tflops: Rational;
}

export interface FeeModel {
  mfu: Rational;
  maxTaskGpuHours: Rational;
  baseFeePerTaskUsd: Rational;
  durationFeePerHourUsd: Rational;
  market: Market;
  split: { nodes: Rational; validators: Rational; treasury: Rational };
}

/** Training compute by the 6·N·D rule (Kaplan et al. 2020): FLOPs for N parameters on D tokens. */
/** The fee split when a parameter file names none for rewards (and has no fees.split): 80% / 15% / 5%. */
export const DEFAULT_SPLIT: FeeModel['split'] = {
  nodes: rat(4n, 5n),
  validators: rat(3n, 20n),
  treasury: rat(1n, 20n),
};

export const trainingFlops = (params: Rational, tokens: Rational): Rational =>
  mul(rat(6n), mul(params, tokens));

/** FLOPs one GPU delivers in an hour at a model-FLOPs utilization: TFLOPS·10¹²·MFU·3600. */
export const flopsPerGpuHour = (tflops: Rational, mfu: Rational): Rational =>
  mul(mul(tflops, rat(10n ** 12n * 3600n)), mfu);

/** GPU-hours to train: FLOPs / (TFLOPS·10¹²·MFU·3600). */
export function gpuHoursFor(flops: Rational, gpu: Gpu, mfu: Rational): Rational {
  const perHour = flopsPerGpuHour(gpu.tflops, mfu);
  if (perHour.n === 0n)
    throw new InputError(`GPU ${gpu.name} delivers no FLOPs (tflops or mfu is 0)`);
  return div(flops, perHour);
}

/**
 * Demand multiplier m(U): 1 − belowSlope·(target − U)/target at or below the target,
 * 1 + aboveSlope·(U − target)/(1 − target) above it; never below the floor.
 */
export function demandMultiplier(u: Rational, m: Market): Rational {
  let v: Rational;
  if (cmp(u, m.target) <= 0)
    v = m.target.n === 0n ? ONE : sub(ONE, div(mul(m.belowSlope, sub(m.target, u)), m.target));
  else
    v =
      cmp(m.target, ONE) >= 0
        ? ONE
        : add(ONE, div(mul(m.aboveSlope, sub(u, m.target)), sub(ONE, m.target)));
  return max(v, m.floor);
}

export interface JobInput {
  gpu: Gpu;
  gpuHours: Rational;
  /** Wall-clock hours the job may take. */
  hours: Rational;
  utilization: Rational;
  /** USD per token. */
  priceUsd: Rational;
  decimals: number;
}

export interface Line {
  item: 'compute' | 'tasks' | 'duration';
  quantity: Rational;
  unit: string;
  rateUsd: Rational;
  usd: Rational;
}

export interface Quote {
  gpu: string;
  gpuHours: Rational;
  /** FLOPs the GPU-hours deliver at the model's MFU. */
  flops: Rational;
  multiplier: Rational;
  tasks: bigint;
  hours: Rational;
  gpusNeeded: bigint;
  lines: Line[];
  totalUsd: Rational;
  /** Base units: the line tokens add up to the total, the split parts too. */
  lineTokens: bigint[];
  totalTokens: bigint;
  split: {
    recipient: 'nodes' | 'validators' | 'treasury';
    share: Rational;
    usd: Rational;
    tokens: bigint;
  }[];
}

/** USD to base units at a price, rounded down: floor(usd / price · 10^decimals). */
export function usdToUnits(usd: Rational, priceUsd: Rational, decimals: number): bigint {
  if (priceUsd.n <= 0n) throw new InputError('the token price must be above 0');
  return floor(mul(div(usd, priceUsd), rat(10n ** BigInt(decimals))));
}

/** Integer weights proportional to exact rationals (over a common denominator), for allocate(). */
export function weightsOf(xs: readonly Rational[]): bigint[] {
  const g = (a: bigint, b: bigint): bigint => (b === 0n ? a : g(b, a % b));
  const D = xs.reduce((acc, x) => (acc * x.d) / g(acc, x.d), 1n);
  return xs.map((x) => (x.n * D) / x.d);
}

/** Fractional digits USD figures are printed with in csv/json (the renderers' EXACT_DIGITS.usd). */
export const USD_DIGITS = 10;

/**
 * Parts of a USD total as printed: the total rounded to USD_DIGITS decimals, divided in proportion
 * to `weights` by largest remainder, so the printed parts add up to the printed total exactly.
 */
export function usdParts(
  total: Rational,
  weights: readonly Rational[],
): { total: Rational; parts: Rational[] } {
  const scale = 10n ** BigInt(USD_DIGITS);
  const units = scaledRound(total, USD_DIGITS);
  const w = weightsOf(weights);
  const parts = w.some((x) => x > 0n) ? allocate(units, w) : w.map(() => 0n);
  return { total: rat(units, scale), parts: parts.map((p) => rat(p, scale)) };
}

export function quoteJob(job: JobInput, fees: FeeModel): Quote {
  if (job.gpuHours.n <= 0n) throw new InputError('GPU-hours must be above 0');
  if (job.hours.n <= 0n) throw new InputError('the duration must be above 0');
  const m = demandMultiplier(job.utilization, fees.market);
  const tasks = fees.maxTaskGpuHours.n > 0n ? ceil(div(job.gpuHours, fees.maxTaskGpuHours)) : 1n;
  const computeRate = mul(job.gpu.pricePerHourUsd, m);
  const lines: Line[] = [
    {
      item: 'compute',
      quantity: job.gpuHours,
      unit: 'GPU-hour',
      rateUsd: computeRate,
      usd: mul(job.gpuHours, computeRate),
    },
    {
      item: 'tasks',
      quantity: rat(tasks),
      unit: 'task',
      rateUsd: fees.baseFeePerTaskUsd,
      usd: mul(rat(tasks), fees.baseFeePerTaskUsd),
    },
    {
      item: 'duration',
      quantity: job.hours,
      unit: 'hour',
      rateUsd: fees.durationFeePerHourUsd,
      usd: mul(job.hours, fees.durationFeePerHourUsd),
    },
  ];
  const exactUsd = lines.reduce((a, l) => add(a, l.usd), ZERO);
  const totalTokens = usdToUnits(exactUsd, job.priceUsd, job.decimals);
  // USD as printed (10 decimals): lines and split by largest remainder, adding up to the total.
  const lineWeights = weightsOf(lines.map((l) => l.usd));
  const { total: totalUsd, parts: lineUsd } = usdParts(
    exactUsd,
    lines.map((l) => l.usd),
  );
  lines.forEach((l, i) => (l.usd = lineUsd[i]!));
  const lineTokens = lineWeights.some((w) => w > 0n)
    ? allocate(totalTokens, lineWeights)
    : lines.map(() => 0n);
  const recipients = ['nodes', 'validators', 'treasury'] as const;
  const shares = recipients.map((r) => fees.split[r]);
  const splitTokens = allocate(totalTokens, weightsOf(shares));
  const splitUsd = usdParts(exactUsd, shares).parts;
  return {
    gpu: job.gpu.name,
    gpuHours: job.gpuHours,
    flops: mul(job.gpuHours, flopsPerGpuHour(job.gpu.tflops, fees.mfu)),
    multiplier: m,
    tasks,
    hours: job.hours,
    gpusNeeded: ceil(div(job.gpuHours, job.hours)),
    lines,
    totalUsd,
    lineTokens,
    totalTokens,
    split: recipients.map((r, i) => ({
      recipient: r,
      share: shares[i]!,
      usd: splitUsd[i]!,
      tokens: splitTokens[i]!,
    })),
  };
}

/** The fee split must add up to exactly 100%. */
export function checkSplit(split: FeeModel['split']): void {
  const s = add(add(split.nodes, split.validators), split.treasury);
  if (cmp(s, ONE) !== 0) {
    throw new InputError(
      `the split adds up to ${percentText(s)}; nodes + validators + treasury must add up to exactly 100%`,
    );
  }
}
