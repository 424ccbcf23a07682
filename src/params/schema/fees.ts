import { z } from 'zod';
import { hoursDuration, namedRecord, number, share, usd } from './fields.js';

const GpuSchema = z.strictObject({
  pricePerHourUsd: usd('Default USD price of one GPU-hour (edit to your market)'),
  tflops: number('Dense BF16 peak TFLOPS from the vendor datasheet (no sparsity); above 0', {
    positive: true,
  }),
});

const MarketSchema = z.strictObject({
  utilization: share('Current network utilization U, 0–100% (the --utilization default)'),
  target: share('Target utilization where the multiplier is 1, e.g. 80%'),
  belowSlope: number('Multiplier slope below target: m = 1 − belowSlope·(target − U)/target'),
  aboveSlope: number('Multiplier slope above target: m = 1 + aboveSlope·(U − target)/(1 − target)'),
  floor: number('Lowest multiplier, e.g. 0.25'),
  maxChangePerMonth: share(
    "simulate: the largest change of the multiplier in a month, as a share of last month's, e.g. 12.5% (EIP-1559 bounds its base fee so per block); unset: no bound",
    { positive: true },
  ).optional(),
  adjustment: share(
    "simulate: the share of the gap between m(U) and last month's multiplier closed each month, e.g. 50% (partial adjustment: damps a fee that would flip every other month); unset: 100%, at once",
    { positive: true },
  ).optional(),
});

export const SplitSchema = z
  .strictObject({
    nodes: share('Share of fees to compute nodes, e.g. 80%'),
    validators: share('Share of fees to validators, e.g. 15%'),
    treasury: share('Share of fees to the community treasury, e.g. 5%'),
  })
  .describe('How a fee is split; must add up to exactly 100%');

export const FeesSchema = z
  .strictObject({
    gpus: namedRecord(GpuSchema, 'a GPU class').describe(
      'GPU classes by name: price per GPU-hour and dense BF16 TFLOPS (names are case-insensitive and must differ other than in case)',
    ),
    defaultGpu: z
      .string()
      .min(1)
      .describe(
        'GPU class used when --gpu is not given; must be one of the classes in gpus (any case)',
      ),
    mfu: share(
      'Model FLOPs utilization for estimating GPU-hours from model size, e.g. 40%; above 0',
      { positive: true },
    ),
    maxTaskGpuHours: number('A job is split into tasks of at most this many GPU-hours; above 0', {
      positive: true,
    }),
    baseFeePerTaskUsd: usd('Fixed USD fee per task (verification and scheduling overhead)'),
    durationFeePerHourUsd: usd("USD fee per hour of the job's wall-clock duration"),
    defaultDuration: hoursDuration(
      'Job duration when --duration is not given, in hours, days or weeks, e.g. 48h',
    ).optional(),
    market: MarketSchema.describe(
      'Demand multiplier m(U): kinked at the target utilization, floored',
    ),
    split: SplitSchema,
  })
  .describe(
    'Fee model for `ai-econ quote`. Cross-field rules: defaultGpu names a class in gpus; split adds up to exactly 100%',
  );
