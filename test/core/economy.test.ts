import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  economyRisks,
  ledgerSum,
  simulateEconomy,
  type EconomyCategory,
  type EconomyInputs,
} from '../../src/core/economy.js';
import { floatInputsOf, simulateEconomyFloat, type FloatMonth } from '../../src/core/economy-mc.js';
import { projectBurn } from '../../src/core/burn.js';
import { quoteJob, type FeeModel } from '../../src/core/fees.js';
import { epochRewards } from '../../src/core/rewards.js';
import { parseDecimal as d, rat, toNumber, ZERO } from '../../src/core/rational.js';
import { economyInputs } from '../../src/params/economy.js';
import { loadModelFromYaml } from '../../src/params/load.js';

const market = { target: d('0.8'), belowSlope: d('0.5'), aboveSlope: d('3'), floor: d('0.25') };
const feeSplit = { nodes: d('0.8'), validators: d('0.15'), treasury: d('0.05') };
const buyback = {
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
function econ(over: Partial<EconomyInputs> = {}): EconomyInputs {
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
    startUtilization: d('0.8'),
    feeSplit,
    buyback,
    ...over,
  };
}

describe('the loop, by hand', () => {
  test('month 1, step by step', () => {
    const [m1] = simulateEconomy(econ());
    // 3. U₀ = 80% = target, so m = 1 and the fee is the list $2; 1,000 GPU-hours requested, 2,000
    //    offered: served 1,000, U₁ = 50%, revenue $2,000.
    expect(m1.multiplier).toEqual(rat(1n));
    expect(m1.revenue).toBe(2_000_000_000n);
    expect(m1.utilization).toEqual(rat(1n, 2n));
    // 4. $2,000 into x = 100,000, y = $10,000: x′ = ⌈10¹⁵ / 1.2·10¹⁰⌉ = 83,334, so 16,666 tokens,
    //    split 80/15/5 = 13,332.8 / 2,499.9 / 833.3 → 13,333 / 2,500 / 833 (largest remainder).
    expect(m1.boughtForFees).toBe(16_666n);
    expect(m1.ledger.validators).toBe(2_500n);
    // 5. The float: 2M − 1.49M locked − 410,833 treasury = 99,167; cap 10% = 9,916 (floored). $2,000
    //    would buy 11,904 > cap, so the vault buys exactly 9,916: y′ = ⌈1,000,008·10⁹ / 73,418⌉ =
    //    13,620,746,956 micro-USD, costing $1,620.746956; $379.253044 stays in the vault.
    //    9,916 → 6,941.2 / 2,875.64 / 99.16 → burned 6,941, treasury 2,876, execution 99.
    expect(m1.boughtBack).toBe(9_916n);
    expect(m1.vault).toBe(379_253_044n);
    expect([m1.burned, m1.toTreasury, m1.toExecution]).toEqual([6_941n, 2_876n, 99n]);
    // 6. Emission 1,000 from the treasury: 400,000 + 10,000 + 833 + 2,876 − 1,000 = 412,709.
    expect(m1.emitted).toBe(1_000n);
    expect(m1.treasury).toBe(412_709n);
    expect(m1.ledger.nodes).toBe(14_333n);
    // 8. Price 13,620,746,956 / (73,418 · 10⁶) = $0.185523…; income 14,333 tokens ≈ $2,659.10 against
    //    2,000 GPU-hours × $1.50 = $3,000: margin −11.36%.
    expect(toNumber(m1.price)).toBeCloseTo(0.18552326345038, 12);
    expect(toNumber(m1.nodeMargin!)).toBeCloseTo(-0.11363168832190108, 12);
    expect(ledgerSum(m1.ledger)).toBe(2_000_000n);
  });

  test("lagged utilization: month 2's multiplier comes from month 1's utilization", () => {
    const ms = simulateEconomy(econ());
    // U₁ = 1,000 / 2,000 = 50% < 80%: m₂ = 1 − 0.5 · (0.8 − 0.5) / 0.8 = 1 − 0.1875 = 0.8125,
    // so the fee is $2 × 0.8125 = $1.625 and revenue 1,000 × $1.625 = $1,625.
    expect(ms[1].multiplier).toEqual(d('0.8125'));
    expect(ms[1].feeUsdPerGpuHour).toEqual(d('1.625'));
    expect(ms[1].revenue).toBe(1_625_000_000n);
    // With elasticity 0.5 the cheaper fee draws more work: 1,000 · 0.8125^(−0.5) = 1,109.4003924504583
    // GPU-hours (kept to 10⁻¹²), U₂ = 1,109.40039245… / 2,000 = 55.47001962…%, and
    // m₃ = 1 − 0.5 · (0.8 − 0.5547001962) / 0.8 = 0.8466876226.
    const el = simulateEconomy(
      econ({
        demand: { gpuHours: d('1000'), growth: ZERO, elasticity: d('0.5'), volatility: ZERO },
      }),
    );
    expect(el[0].requested).toBe(1_000n * 10n ** 12n);
    expect(el[1].requested).toBe(1_109_400_392_450_458n);
    expect(el[1].utilization).toEqual(rat(1_109_400_392_450_458n, 2_000n * 10n ** 12n));
    expect(toNumber(el[2].multiplier)).toBeCloseTo(0.84668762264077, 12);
  });

  test("holders sell their share of the month's unlock: Team sells 50,000 of its 100,000 in month 2", () => {
    const ms = simulateEconomy(econ());
    expect(ms[1].soldByHolders).toBe(50_000n);
    expect(ms[1].ledger.holders[1]).toBe(50_000n);
  });

  test('emission runs out when its source is empty, and is reported', () => {
    const cats: EconomyCategory[] = [
      {
        name: 'Treasury',
        unlockedBefore: 101_500n,
        allocation: 101_500n,
        unlocks: [0n, 0n, 0n],
        sellShare: ZERO,
      },
      {
        name: 'Team',
        unlockedBefore: 0n,
        allocation: 1_000_000n,
        unlocks: [0n, 0n, 0n],
        sellShare: ZERO,
      },
    ];
    // 1,500 in the treasury after the pool, less 0 (no revenue: no demand): 1,000 in month 1, 500 in month 2.
    const ms = simulateEconomy(
      econ({
        categories: cats,
        demand: { gpuHours: ZERO, growth: ZERO, elasticity: ZERO, volatility: ZERO },
      }),
    );
    expect(ms.map((m) => m.emitted)).toEqual([1_000n, 500n, 0n]);
    expect(economyRisks(econ({ categories: cats }), ms).emissionRunsOut).toBe('2026-02');
  });
});

describe('reductions: with elasticity 0, responsiveness 0, no sells and a very deep pool', () => {
  // decimals 6, a pool of 10¹⁴ tokens and $10¹³ ($0.10): a $3,000 trade moves the price by 3·10⁻¹⁰.
  const cats: EconomyCategory[] = [
    {
      name: 'Treasury',
      unlockedBefore: 2n * 10n ** 20n,
      allocation: 3n * 10n ** 20n,
      unlocks: [0n, 0n],
      sellShare: ZERO,
    },
    {
      name: 'Team',
      unlockedBefore: 10n ** 20n,
      allocation: 10n ** 20n,
      unlocks: [0n, 0n],
      sellShare: ZERO,
    },
  ];
  const deep = econ({
    months: ['2026-01', '2026-02'],
    decimals: 6,
    categories: cats,
    supply: 4n * 10n ** 20n,
    pool: { from: 0, tokens: 10n ** 20n, usd: d('1e13') },
    emission: { from: 0, perMonth: 5_000_000_000n },
    listPriceUsd: d('2.99'),
    demand: { gpuHours: d('1000'), growth: ZERO, elasticity: ZERO, volatility: ZERO },
  });
  const ms = simulateEconomy(deep);
  const fees: FeeModel = {
    mfu: d('0.4'),
    maxTaskGpuHours: d('100'),
    baseFeePerTaskUsd: ZERO,
    durationFeePerHourUsd: ZERO,
    market,
    split: feeSplit,
  };
  const gpu = { name: 'H100', pricePerHourUsd: d('2.99'), tflops: d('989.4') };

  test("revenue equals quote for the served GPU-hours, at last month's utilization", () => {
    ms.forEach((m, k) => {
      const q = quoteJob(
        {
          gpu,
          gpuHours: rat(m.served, 10n ** 12n),
          hours: rat(1n),
          utilization: k === 0 ? deep.startUtilization : ms[k - 1].utilization,
          priceUsd: d('0.1'),
          decimals: 6,
        },
        fees,
      );
      expect(q.multiplier).toEqual(m.multiplier);
      expect(rat(m.revenue, 1_000_000n)).toEqual(q.totalUsd);
    });
    // 1,000 GPU-hours at $2.99 (m = 1), then at m(50%) = 0.8125: $2,990 and $2,429.375.
    expect(ms.map((m) => m.revenue)).toEqual([2_990_000_000n, 2_429_375_000n]);
  });

  test("the emission split equals rewards for the month's fee tokens and emission", () => {
    for (const [k, m] of ms.entries()) {
      const r = epochRewards(
        [
          {
            id: 'n',
            role: 'compute',
            stake: 1n,
            tasks: 1n,
            quality: rat(1n),
            uptime: rat(1n),
            failedChecks: 0n,
          },
          {
            id: 'v',
            role: 'validator',
            stake: 1n,
            tasks: 0n,
            quality: rat(1n),
            uptime: rat(1n),
            failedChecks: 0n,
          },
        ],
        {
          fees: m.boughtForFees,
          emission: m.emitted,
          split: feeSplit,
          minUptime: ZERO,
          stakeMin: 0n,
          slashRate: ZERO,
          slashTo: 'treasury',
          decimals: 6,
        },
      );
      expect(r.rewardsCompute).toBe(m.nodeIncome);
      expect(r.rewardsValidators).toBe(
        m.ledger.validators - (k > 0 ? ms[k - 1].ledger.validators : 0n),
      );
    }
  });

  test("the burn equals burn at that revenue and the start price (within the deep pool's slippage)", () => {
    const m = ms[0];
    const [b] = projectBurn({
      spec: {
        months: ['2026-01'],
        revenueStartUsd: rat(m.revenue, 1_000_000n),
        revenueGrowth: ZERO,
        priceModel: 'constant',
        priceStartUsd: d('0.1'),
        drift: ZERO,
        volatility: ZERO,
        treasuryCirculates: false,
        executionCirculates: true,
      },
      buyback,
      decimals: 6,
      supply: deep.supply,
      unlockedBefore: 3n * 10n ** 20n,
      unlocks: [0n],
    });
    // $2,990 at $0.10 is 29,900 tokens = 2.99·10¹⁰ base units; the pool's price has moved by
    // ~6·10⁻¹⁰ after the fee payers' and the vault's trades, so at most a few dozen base units differ.
    expect(b.bought).toBe(29_900_000_000n);
    expect(Number(b.bought - m.boughtBack)).toBeGreaterThanOrEqual(0);
    expect(Number(b.bought - m.boughtBack)).toBeLessThan(100);
    expect(Number(b.burned - m.burned)).toBeLessThan(100);
  });
});

const catArb = fc.record({
  before: fc.bigInt({ min: 0n, max: 10n ** 12n }),
  unlocks: fc.array(fc.bigInt({ min: 0n, max: 10n ** 11n }), { minLength: 12, maxLength: 12 }),
  extra: fc.bigInt({ min: 0n, max: 10n ** 12n }),
  sell: fc.integer({ min: 0, max: 100 }),
});
const pctArb = (max = 100) => fc.integer({ min: 0, max }).map((x) => rat(BigInt(x), 100n));
const economyArb = fc
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
    const withTokens = cats.map((c, i) => i).filter((i) => cats[i].unlockedBefore > 0n);
    const poolFrom = withTokens[e.poolFrom % withTokens.length];
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
        tokens: 1n + ((cats[poolFrom].unlockedBefore - 1n) * BigInt(e.poolShare)) / 100n,
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

describe('properties on generated economies', () => {
  test('conservation every month to the base unit; price > 0; capacity ≥ 0; no place negative; k never falls', () => {
    fc.assert(
      fc.property(economyArb, (inp) => {
        let k = inp.pool.tokens * ((inp.pool.usd.n * 1_000_000n) / inp.pool.usd.d);
        for (const m of simulateEconomy(inp)) {
          const l = m.ledger;
          expect(ledgerSum(l)).toBe(inp.supply);
          expect(m.price.n).toBeGreaterThan(0n);
          expect(m.capacity).toBeGreaterThanOrEqual(0n);
          for (const v of [
            ...l.locked,
            ...l.holders,
            l.treasury,
            l.nodes,
            l.validators,
            l.pool,
            l.outside,
            l.execution,
            l.burned,
            m.vault,
          ])
            expect(v).toBeGreaterThanOrEqual(0n);
          expect(l.pool * m.poolUsd).toBeGreaterThanOrEqual(k);
          k = l.pool * m.poolUsd;
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('the float path (Monte Carlo) equals the exact path on deterministic input', () => {
  const check = (withShocks: EconomyInputs) => {
    const inp = {
      ...withShocks,
      demand: { ...withShocks.demand, volatility: ZERO },
      marketVolatility: ZERO,
    };
    const exact = simulateEconomy(inp);
    const months: Omit<FloatMonth, never>[] = [];
    simulateEconomyFloat(floatInputsOf(inp), 1, 1, (_k, m) =>
      months.push({
        price: m.price.slice(),
        capacity: m.capacity.slice(),
        utilization: m.utilization.slice(),
        circulating: m.circulating.slice(),
        cumulativeBurned: m.cumulativeBurned.slice(),
      }),
    );
    const unit = 10 ** inp.decimals;
    const rel = (a: number, b: number) =>
      a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    exact.forEach((m, k) => {
      const f = months[k];
      expect(rel(f.price[0], toNumber(m.price))).toBeLessThan(1e-9);
      expect(rel(f.capacity[0], Number(m.capacity) / 1e12)).toBeLessThan(1e-9);
      expect(rel(f.utilization[0], toNumber(m.utilization))).toBeLessThan(1e-9);
      expect(rel(f.circulating[0], Number(m.circulating) / unit)).toBeLessThan(1e-9);
      expect(rel(f.cumulativeBurned[0], Number(m.ledger.burned) / unit)).toBeLessThan(1e-9);
    });
  };
  test('the built-in Gensyn economy, 120 months, shocks off', () => {
    const model = loadModelFromYaml();
    check(economyInputs(model, undefined, 120));
    check(economyInputs(model, 'bear', 120));
  });
});
