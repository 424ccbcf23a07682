import { z } from 'zod';
import { amount, date, integer, usd } from './fields.js';

export const TokenSchema = z
  .strictObject({
    name: z.string().min(1).describe('Token or network name, e.g. Gensyn'),
    symbol: z.string().min(1).describe('Ticker, e.g. AI'),
    totalSupply: amount('Fixed supply cap in whole tokens, e.g. 10_000_000_000 or 10B; above 0', {
      positive: true,
    }),
    decimals: integer(
      'Base units per token as a power of ten (18 for most ERC-20 tokens); 0 to 30',
      { max: 30 },
    ).prefault(18),
    tge: date('Token generation event (YYYY-MM-DD); the default start of every vesting schedule'),
    priceUsd: usd('USD per token, used to convert between USD and tokens; above 0', {
      positive: true,
    }),
  })
  .describe('The token: supply, decimals, TGE date and reference price');
