/**
 * The economies the simulate tests run on: a small hand-checkable one (`econ`) and generated valid
 * ones (`economyArb`, with or without a pool that follows the market and a damped fee).
 */
import fc from 'fast-check';
import type { EconomyCategory, EconomyInputs } from '../../src/core/economy.js';
import { parseDecimal as d, rat, ZERO } from '../../src/core/rational.js';

export const market = {
  target: d('0.8'),
  belowSlope: d('0.5'),
  aboveSlope: d('3'),
  floor: d('0.25'),
};
export const feeSplit = { nodes: d('0.8'), validators: d('0.15'), treasury: d('0.05') };
export const buyback = {
  revenueShare: d('1'),
  burn: d('0.7'),
  treasury: d('0.29'),
  execution: d('0.01'),
  maxBuyPctOfFloat: d('0.1'),
};

/**
 * A small economy (decimals 0, so base units are tokens): Treasury 1M tokens, 500k unlocked before
 * month 1 and 10k a month; Team 1M, 100k unlocking in month 2 (half sold). Pool 100k tokens / $10k
 * ($0.10) from the treasury. Demand 1,000 GPU-hours, capacity 2,000, list price $2, U₀ = 80%.
 */
export function econ(over: Partial<EconomyInputs> = {}): EconomyInputs {
  const categories: EconomyCategory[] = over.categories ?? [
    {
      name: 'Treasury',
      unlockedBefore: 500_000n,
      allocation: 1_000_000n,
      unlocks: [10_000n, 10_000n, 10_000n],
      sellShare: ZERO,
    },
    {
      name: 'Team',
      unlockedBefore: 0n,
      allocation: 1_000_000n,
      unlocks: [0n, 100_000n, 0n],
      sellShare: d('0.5'),
    },
  ];
  return {
    months: ['2026-01', '2026-02', '2026-03'],
    decimals: 0,
    supply: categories.reduce((a, c) => a + c.allocation, 0n),
    categories,
    treasury: 0,
    emission: { from: 0, perMonth: 1_000n },
    pool: { from: 0, tokens: 100_000n, usd: d('10000') },
    demand: { gpuHours: d('1000'), growth: ZERO, elasticity: ZERO, volatility: ZERO },
    supplySide: {
      gpuHours: d('2000'),
      costPerGpuHourUsd: d('1.5'),
      responsiveness: ZERO,
      maxChange: d('0.15'),
      sellShare: ZERO,
    },
    marketVolatility: ZERO,
    listPriceUsd: d('2'),
    market,
    feeDynamics: {},
    liquidity: { model: 'fixed' },
    startUtilization: d('0.8'),
    feeSplit,
    buyback,
    ...over,
  };
}

const catArb = fc.record({
  before: fc.bigInt({ min: 0n, max: 10n ** 12n }),
  unlocks: fc.array(fc.bigInt({ min: 0n, max: 10n ** 11n }), { minLength: 12, maxLength: 12 }),
  extra: fc.bigInt({ min: 0n, max: 10n ** 12n }),
  sell: fc.integer({ min: 0, max: 100 }),
});
const pctArb = (max = 100) => fc.integer({ min: 0, max }).map((x) => rat(BigInt(x), 100n));
export const economyArb = fc
  .record({
    cats: fc.array(catArb, { minLength: 1, maxLength: 4 }),
    treasury: fc.nat(),
    emitFrom: fc.nat(),
    poolFrom: fc.nat(),
    poolShare: fc.integer({ min: 1, max: 100 }),
    poolUsd: fc.integer({ min: 1, max: 10_000_000 }),
    perMonth: fc.bigInt({ min: 0n, max: 10n ** 11n }),
    demand: fc.integer({ min: 0, max: 5_000_000 }),
    growth: fc.integer({ min: -20, max: 30 }),
    elasticity: fc.constantFrom('0', '0.5', '1.3'),
    capacity: fc.integer({ min: 1, max: 5_000_000 }),
    cost: fc.integer({ min: 0, max: 500 }),
    responsiveness: fc.constantFrom('0', '0.25', '2'),
    maxChange: pctArb(99),
    nodeSell: pctArb(),
    u0: pctArb(),
    split: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
    burn: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })),
    revenueShare: pctArb(),
    maxBuy: pctArb(),
    // A pool that follows the market (share of the circulating supply, from a category), and fee dynamics.
    liquidity: fc.option(fc.tuple(fc.integer({ min: 1, max: 60 }), fc.nat()), { nil: undefined }),
    feeMax: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
    feeAdjustment: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
  })
  .filter((e) => e.cats.some((c) => c.before > 0n))
  .map((e): EconomyInputs => {
    const cats: EconomyCategory[] = e.cats.map((c, i) => ({
      name: `c${i}`,
      unlockedBefore: c.before,
      allocation: c.before + c.unlocks.reduce((a, b) => a + b, 0n) + c.extra,
      unlocks: c.unlocks,
      sellShare: rat(BigInt(c.sell), 100n),
    }));
    const withTokens = cats.map((c, i) => i).filter((i) => cats[i]!.unlockedBefore > 0n);
    const poolFrom = withTokens[e.poolFrom % withTokens.length]!;
    const [a, b] = [Math.min(...e.split), Math.max(...e.split)];
    const [p, q] = [Math.min(...e.burn), Math.max(...e.burn)];
    return econ({
      months: Array.from({ length: 12 }, (_, k) => `2026-${String(k + 1).padStart(2, '0')}`),
      decimals: 6,
      categories: cats,
      supply: cats.reduce((s, c) => s + c.allocation, 0n),
      treasury: e.treasury % cats.length,
      emission: { from: e.emitFrom % cats.length, perMonth: e.perMonth },
      pool: {
        from: poolFrom,
        tokens: 1n + ((cats[poolFrom]!.unlockedBefore - 1n) * BigInt(e.poolShare)) / 100n,
        usd: rat(BigInt(e.poolUsd)),
      },
      demand: {
        gpuHours: rat(BigInt(e.demand)),
        growth: rat(BigInt(e.growth), 100n),
        elasticity: d(e.elasticity),
        volatility: ZERO,
      },
      supplySide: {
        gpuHours: rat(BigInt(e.capacity)),
        costPerGpuHourUsd: rat(BigInt(e.cost), 100n),
        responsiveness: d(e.responsiveness),
        maxChange: e.maxChange,
        sellShare: e.nodeSell,
      },
      startUtilization: e.u0,
      liquidity: e.liquidity
        ? {
            model: 'marketCap',
            share: rat(BigInt(e.liquidity[0]), 100n),
            from: e.liquidity[1] % cats.length,
          }
        : { model: 'fixed' },
      feeDynamics: {
        maxChangePerMonth: e.feeMax ? rat(BigInt(e.feeMax), 100n) : undefined,
        adjustment: e.feeAdjustment ? rat(BigInt(e.feeAdjustment), 100n) : undefined,
      },
      feeSplit: {
        nodes: rat(BigInt(a), 100n),
        validators: rat(BigInt(b - a), 100n),
        treasury: rat(BigInt(100 - b), 100n),
      },
      buyback: {
        revenueShare: e.revenueShare,
        burn: rat(BigInt(p), 100n),
        treasury: rat(BigInt(q - p), 100n),
        execution: rat(BigInt(100 - q), 100n),
        maxBuyPctOfFloat: e.maxBuy,
      },
    });
  });
