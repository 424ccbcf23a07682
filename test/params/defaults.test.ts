/** Defaults are declared once, in the schema: the parsed parameters carry them and the JSON Schema shows them. */
import { describe, expect, test } from '@jest/globals';
import { parseParams } from '../../src/params/load.js';
import { jsonSchema } from '../../src/params/schema/index.js';
import { rat } from '../../src/core/rational.js';

const FILE = `token: { name: T, symbol: T, totalSupply: 1000, decimals: 0, tge: 2026-01-01, priceUsd: 1 }
allocations: [{ name: All, share: 100% }]
buyback: { revenueShare: 100%, burn: 70%, treasury: 29%, execution: 1% }
projection:
  start: 2026-01-01
  months: 12
  revenue: { startUsd: 1M, growth: 0% }
  price: { model: gbm, startUsd: 1 }
scenarios:
  calm: { price: { drift: 5% } }
`;

describe('defaults declared once', () => {
  test('a file that leaves them out gets the float cap 10%, volatility 80% and drift 0%; a scenario overrides only what it names', () => {
    const { params } = parseParams(FILE, 'd.yaml');
    expect(params.buyback!.maxBuyPctOfFloat).toEqual(rat(1n, 10n));
    expect(params.projection!.price.volatility).toEqual(rat(4n, 5n));
    expect(params.projection!.price.drift).toEqual(rat(0n));
    expect(params.scenarios!.calm!.price).toEqual({ drift: rat(1n, 20n) });
  });
  test('the JSON Schema shows them, so an editor does too', () => {
    const s = jsonSchema() as {
      properties: Record<
        string,
        {
          properties: Record<
            string,
            { default?: unknown; properties?: Record<string, { default?: unknown }> }
          >;
        }
      >;
    };
    expect(s.properties.buyback!.properties.maxBuyPctOfFloat!.default).toBe('10%');
    expect(s.properties.projection!.properties.price!.properties!.volatility!.default).toBe('80%');
    expect(s.properties.projection!.properties.price!.properties!.drift!.default).toBe('0%');
  });
});
