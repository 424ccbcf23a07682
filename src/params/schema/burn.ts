import { z } from 'zod';
import { date, integer, namedRecord, percent, share, signedShare, usd } from './fields.js';
import { EconomyOverrideSchema } from './economy.js';
import { MAX_MONTHS } from '../../core/date.js';

export { MAX_MONTHS };

const months = (description: string) =>
  integer(description, { min: 1, max: MAX_MONTHS, unit: 'month' });

export const BuybackSchema = z
  .strictObject({
    revenueShare: share('Share of protocol revenue deposited into the BuyBack Vault, e.g. 100%'),
    burn: share('Share of bought tokens burned (published: 70%)'),
    treasury: share('Share of bought tokens sent to the community treasury (published: 29%)'),
    execution: share('Share of bought tokens paid as execution rewards (published: 1%)'),
    maxBuyPctOfFloat: share(
      'The vault buys at most this share of the circulating float in a month; unspent USD carries over',
    ).prefault('10%'),
  })
  .describe(
    'BuyBack Vault: where revenue goes and how bought tokens are split. Cross-field rules: burn + treasury + execution add up to exactly 100%; goes with projection',
  );

const RevenueSchema = z.strictObject({
  startUsd: usd('Protocol revenue in month 1, USD'),
  growth: signedShare('Revenue growth per month, e.g. 3% (may be negative)'),
});

const priceFields = {
  model: z
    .enum(['constant', 'growth', 'gbm'], {
      error: (iss) => `expected constant, growth or gbm; found ${JSON.stringify(iss.input)}`,
    })
    .describe('constant | growth (drift) | gbm (drift, volatility; Monte Carlo)'),
  startUsd: usd('Token price in month 1, USD; above 0', { positive: true }),
  drift: signedShare('Annual drift of the price (growth: compounds drift/12 a month; gbm: μ)'),
  volatility: percent('Annual volatility σ for gbm / Monte Carlo'),
};
/** The projection's price; its defaults are declared here and nowhere else (a scenario's price has none: it overrides only what it names). */
const PriceSchema = z.strictObject({
  ...priceFields,
  drift: priceFields.drift.prefault('0%'),
  volatility: priceFields.volatility.prefault('80%'),
});
const ScenarioPriceSchema = z.strictObject(priceFields).partial();

const CirculatingSchema = z
  .strictObject({
    treasury: z
      .boolean()
      .describe('Do treasury holdings count as circulating? (default false)')
      .optional(),
    execution: z
      .boolean()
      .describe('Do execution rewards count as circulating? (default true)')
      .optional(),
  })
  .describe('What counts as circulating supply');

export const ProjectionSchema = z
  .strictObject({
    start: date('First month of the projection (its YYYY-MM is month 1)'),
    months: months(`Months to project, 1 to ${MAX_MONTHS}, e.g. 60`),
    revenue: RevenueSchema,
    price: PriceSchema,
    circulating: CirculatingSchema.optional(),
  })
  .describe(
    'Projection horizon, revenue and price for `ai-econ burn`. Cross-field rule: goes with buyback',
  );

export const ScenarioSchema = z
  .strictObject({
    months: months(`Months to project, 1 to ${MAX_MONTHS}`).optional(),
    revenue: RevenueSchema.partial().optional(),
    price: ScenarioPriceSchema.optional(),
    circulating: CirculatingSchema.optional(),
    economy: EconomyOverrideSchema.optional(),
  })
  .describe('Overrides of projection (and of economy, for simulate) for one scenario');

export const ScenariosSchema = namedRecord(ScenarioSchema, 'a scenario', ['metric']).describe(
  'Named overrides of projection for `ai-econ burn`, e.g. bear / base / bull. Cross-field rule: needs projection and buyback',
);
