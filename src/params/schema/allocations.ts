import { z } from 'zod';
import { amount, date, dateOrDuration, duration, portion, share, step } from './fields.js';

const SegmentSchema = z.strictObject({
  linear: duration('Length of this linear piece, e.g. 6mo'),
  share: portion(
    'Share of the allocation (3/48, 6.25%) or tokens (64M) released over this piece; leave out on the last piece to take the rest',
  ).optional(),
  every: step(
    "Step size of this piece: day | week | month | quarter | year (default: the vesting's every)",
  ).optional(),
});

const TrancheSchema = z.strictObject({
  at: dateOrDuration('When: a date (2027-04-29) or a duration after start (18mo)'),
  share: portion('Share of the allocation (25%, 1/4) or tokens (125M) released then'),
});

export const VestingSchema = z
  .strictObject({
    start: date('Vesting start (default: token.tge)').optional(),
    atStart: portion('Released at start: a share (10%, 1/10) or tokens (125M)').optional(),
    cliff: duration('Nothing more is released until start + cliff, e.g. 12mo').optional(),
    atCliff: portion('Released when the cliff ends: a share (25%) or tokens').optional(),
    linear: duration(
      'The rest is released in equal steps over this span after the cliff, e.g. 36mo',
    ).optional(),
    every: step('Step size: day | week | month | quarter | year (default month)').optional(),
    segments: z
      .array(SegmentSchema)
      .min(1)
      .describe('Consecutive linear pieces after the cliff, instead of one linear')
      .optional(),
    tranches: z
      .array(TrancheSchema)
      .min(1)
      .describe('Explicit releases, instead of atStart/cliff/linear; must add up to 100%')
      .optional(),
  })
  .describe(
    'How the allocation unlocks; leave out to release everything at start. One of three kinds: atStart/cliff/atCliff with one linear span; the same with segments instead of linear; or tranches alone (cross-field rule: tranches exclude every other field, linear excludes segments)',
  );

export const AllocationSchema = z.strictObject({
  name: z.string().min(1).describe('Category name, e.g. Team'),
  share: share('Share of the total supply: 40.40% or 1/4').optional(),
  amount: amount('Tokens allocated (instead of share), e.g. 2.5B').optional(),
  note: z.string().describe('Free text, e.g. where the terms come from').optional(),
  vesting: VestingSchema.optional(),
});

export const AllocationsSchema = z
  .array(AllocationSchema)
  .min(1)
  .describe(
    'Supply categories. Cross-field rules: shares add up to exactly 100% (or amounts to totalSupply); names are unique (any case); each has share or amount, not both; vesting shares add up to at most 100% of the allocation and release all of it; amounts have at most token.decimals decimal places',
  );
