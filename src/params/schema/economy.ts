/**
 * The `economy` section (SPEC §4 simulate): demand for training, the nodes' GPU supply, who sells
 * what, where emission comes from and the constant-product pool. Field-level rules live here;
 * the cross-field ones (known categories, shares at most 100%, the pool fits what its category has
 * unlocked) are checked when the model is resolved (src/params/economy.ts), so `validate` and
 * `simulate` reject the same files.
 */
import { z } from 'zod';
import { parseAmount, parseSignedShare } from '../../core/units.js';
import { amount, date, found, integer, number, scalar, share, usd } from './fields.js';
import { amountJson } from './patterns.js';

/** GPU-hours a month: a number, or an amount with a suffix (`1.5M`), as token amounts are written. */
const gpuHours = (description: string) =>
  scalar(
    (t) => parseAmount(t, 'GPU-hours'),
    'GPU-hours like 1_500_000 or 1.5M',
    description,
    amountJson(),
  );

const signedShare = (description: string) =>
  scalar((t) => parseSignedShare(t), 'a rate like 5% or -2%', description);

const DemandSchema = z
  .strictObject({
    gpuHours: gpuHours('GPU-hours of training requested in month 1, at the list fee'),
    growth: signedShare('Growth of demand per month, e.g. 5% (may be negative)'),
    elasticity: number(
      'Price elasticity: requested = demand · m^(−elasticity), m = fee / list fee (0: demand ignores the fee)',
    ),
    volatility: share('Monte Carlo: monthly lognormal shock to demand, e.g. 30%').optional(),
  })
  .describe('GPU-hours of training requested per month, at the list fee');

const SupplySchema = z
  .strictObject({
    gpuHours: gpuHours('GPU-hours the nodes offer in month 1 (capacity)'),
    costPerGpuHourUsd: usd(
      'What a node pays to offer one GPU-hour (power, hardware, hosting), USD',
    ),
    responsiveness: number(
      'Capacity change per month = responsiveness · node margin (0: capacity never moves)',
    ),
    maxChange: share('Largest capacity change in a month, either way, e.g. 15% (below 100%)'),
    sellShare: share('Share of their token income that nodes sell each month, 0–100%'),
  })
  .describe('GPU-hours the nodes offer per month, and how that follows their income');

const HoldersSchema = z
  .strictObject({
    sellShare: z
      .record(z.string(), share("Share of this category's monthly unlock sold that month, 0–100%"))
      .describe(
        "By category name: share of each month's unlock sold that month (unlisted categories sell nothing)",
      ),
  })
  .describe('What the holders of unlocked tokens sell');

const EmissionSchema = z
  .strictObject({
    from: z
      .string()
      .min(1)
      .describe('The category whose unlocked tokens pay the emission, e.g. Community Treasury'),
    perMonth: amount('Compute-mining emission per month, tokens (less when the source runs short)'),
  })
  .describe("Compute-mining rewards to the nodes, paid out of a category's unlocked tokens");

const PoolSchema = z
  .strictObject({
    tokens: amount(
      "Tokens in the pool at the start (taken from the `from` category's unlocked tokens)",
    ),
    usd: usd('USD in the pool at the start; tokens / USD sets the start price'),
    from: z.string().min(1).describe('The category that seeds the pool, e.g. Community Treasury'),
  })
  .describe('Constant-product pool (x·y = k) every trade goes through');

const LiquiditySchema = z
  .strictObject({
    model: z
      .enum(['fixed', 'marketCap'], {
        error: (iss) => `expected fixed or marketCap; found ${found(iss.input)}`,
      })
      .describe(
        "fixed: the pool keeps its depth; marketCap: before each month's trades liquidity providers bring the pool's tokens to `share` of the circulating supply (its USD side to that share of the market value), adding or withdrawing both sides at the pool price",
      ),
    share: share(
      "marketCap: the pool's tokens as a share of the circulating supply, above 0% and below 100% (the seeded pool's share keeps the start as it is)",
    ).optional(),
    from: z
      .string()
      .min(1)
      .describe(
        "marketCap: the category whose place the providers' tokens come from and go back to (default: pool.from); their USD comes from and goes outside the model",
      )
      .optional(),
  })
  .describe("How the pool's depth follows the market (default: fixed)");

const MarketSchema = z
  .strictObject({
    pool: PoolSchema,
    liquidity: LiquiditySchema.optional(),
    volatility: share(
      'Monte Carlo: exogenous market moves, annual volatility, e.g. 80%',
    ).optional(),
  })
  .describe(
    "The market the token trades in: one pool, where every month's trades clear at one price",
  );

export const EconomySchema = z
  .strictObject({
    start: date('First month of the simulation (default: projection.start)').optional(),
    months: integer('Months to simulate (default: projection.months)').optional(),
    treasury: z
      .string()
      .min(1)
      .describe('The category whose unlocks go to the treasury (default: emission.from)')
      .optional(),
    demand: DemandSchema,
    supply: SupplySchema,
    holders: HoldersSchema.optional(),
    emission: EmissionSchema,
    market: MarketSchema,
  })
  .describe(
    "The closed loop of `ai-econ simulate`: demand, GPU supply, sellers, emission and the pool. Checked across fields when loaded: sell shares 0–100%; holders.sellShare keys, emission.from, market.pool.from and treasury name allocation categories; market.pool.tokens fits in what its category has unlocked before month 1; market.liquidity: marketCap needs share (above 0%, below 100%), from names a category; supply.maxChange below 100%; the fees and buyback sections present (split and 70/29/1 adding up to 100%); the same for every scenario's economy overrides",
  );

/** What a scenario may override: any field of `economy`, section by section. */
export const EconomyOverrideSchema = z
  .strictObject({
    start: EconomySchema.shape.start,
    months: EconomySchema.shape.months,
    treasury: EconomySchema.shape.treasury,
    demand: DemandSchema.partial().optional(),
    supply: SupplySchema.partial().optional(),
    holders: HoldersSchema.partial().optional(),
    emission: EmissionSchema.partial().optional(),
    market: z
      .strictObject({
        pool: PoolSchema.partial().optional(),
        liquidity: LiquiditySchema.partial().optional(),
        volatility: MarketSchema.shape.volatility,
      })
      .optional(),
  })
  .describe('Overrides of economy for one scenario (`ai-econ simulate --scenario`)');

export type Economy = z.output<typeof EconomySchema>;
export type EconomyOverride = z.output<typeof EconomyOverrideSchema>;
