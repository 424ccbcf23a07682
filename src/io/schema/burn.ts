import { z } from 'zod';
import { parseSignedShare } from '../../core/units.js';
import { date, integer, scalar, share, usd } from './fields.js';
import { EconomyOverrideSchema } from './economy.js';

/** A percent that may be negative (a decline): `3%`, `-2%`, `1/100`. */
const signedShare = (description: string) => scalar((t) => parseSignedShare(t), 'a rate like 3% or -2%', description);

export const BuybackSchema = z
  .strictObject({
    revenueShare: share('Share of protocol revenue deposited into the BuyBack Vault, e.g. 100%'),
    burn: share('Share of bought tokens burned (published: 70%)'),
    treasury: share('Share of bought tokens sent to the community treasury (published: 29%)'),
    execution: share('Share of bought tokens paid as execution rewards (published: 1%)'),
    maxBuyPctOfFloat: share('The vault buys at most this share of the circulating float in a month (default 10%); unspent USD carries over').optional(),
  })
  .describe('BuyBack Vault: where revenue goes and how bought tokens are split (burn + treasury + execution = 100%)');

const RevenueSchema = z.strictObject({
  startUsd: usd('Protocol revenue in month 1, USD'),
  growth: signedShare('Revenue growth per month, e.g. 3% (may be negative)'),
});

const PriceSchema = z.strictObject({
  model: z.enum(['constant', 'growth', 'gbm'], { error: (iss) => `expected constant, growth or gbm; found ${JSON.stringify(iss.input)}` }).describe('constant | growth (drift) | gbm (drift, volatility; Monte Carlo)'),
  startUsd: usd('Token price in month 1, USD'),
  drift: signedShare('Annual drift of the price (growth: compounds drift/12 a month; gbm: μ)').optional(),
  volatility: share('Annual volatility σ for gbm / Monte Carlo (default 80%)').optional(),
});

const CirculatingSchema = z
  .strictObject({
    treasury: z.boolean().describe('Do treasury holdings count as circulating? (default false)').optional(),
    execution: z.boolean().describe('Do execution rewards count as circulating? (default true)').optional(),
  })
  .describe('What counts as circulating supply');

export const ProjectionSchema = z
  .strictObject({
    start: date('First month of the projection (its YYYY-MM is month 1)'),
    months: integer('Months to project, e.g. 60'),
    revenue: RevenueSchema,
    price: PriceSchema,
    circulating: CirculatingSchema.optional(),
  })
  .describe('Projection horizon, revenue and price for `ai-econ burn`');

export const ScenarioSchema = z
  .strictObject({
    months: integer('Months to project').optional(),
    revenue: RevenueSchema.partial().optional(),
    price: PriceSchema.partial().optional(),
    circulating: CirculatingSchema.optional(),
    economy: EconomyOverrideSchema.optional(),
  })
  .describe('Overrides of projection (and of economy, for simulate) for one scenario');

export const ScenariosSchema = z.record(z.string(), ScenarioSchema).describe('Named overrides of projection for `ai-econ burn`, e.g. bear / base / bull');
