import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  buyPrice,
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
import { buyback, econ, economyArb, feeSplit, market } from './economy-arb.js';
import { economyInputs } from '../../src/params/economy.js';
import { loadModelFromYaml } from '../../src/params/load.js';

describe('the loop, by hand', () => {
  test('month 1, step by step: the vault and the fee payers buy side by side, at one average price', () => {
    const [m1] = simulateEconomy(econ());
    // 1–2. The treasury holds 500,000 − 100,000 (the pool) + 10,000 unlocked − 1,000 emitted = 409,000.
    // 3. U₀ = 80% = target, so m = 1 and the fee is the list $2; 1,000 GPU-hours requested, 2,000
    //    offered: served 1,000, U₁ = 50%, revenue $2,000.
    expect(m1!.multiplier).toEqual(rat(1n));
    expect(m1!.revenue).toBe(2_000_000_000n);
    expect(m1!.utilization).toEqual(rat(1n, 2n));
    // 5. Nobody sells; fee payers bring $2,000 and the vault $2,000, evenly over the month. The
    //    float before trading is 2M − 1.49M locked − 409,000 treasury = 101,000: cap 10,100 tokens.
    //    With no seller the pool simply sells: $4,000 would buy 100,000 − ⌈10¹⁵ / (1.4·10¹⁰)⌉ =
    //    28,571 tokens, the vault's half 14,285 > 10,100, so the vault spends at the lower even rate
    //    v at which its share is the cap: v / ($2,000 + v) · (100,000 − 10¹⁵ / (1.2·10¹⁰ + v)) = 10,100,
    //    v = $1,348.164628 (rounded up), and keeps $651.835372. Buyers get 100,000 − ⌈10¹⁵ /
    //    13,348,164,628⌉ = 25,083 tokens: the vault 10,100, fee payers 14,983, at $0.1333834 each.
    expect(m1!.capBound).toBe(true);
    expect(m1!.boughtBack).toBe(10_100n);
    expect(m1!.vaultSpent).toBe(1_348_164_628n);
    expect(m1!.vault).toBe(651_835_372n);
    expect(m1!.boughtForFees).toBe(14_983n);
    expect(buyPrice(m1!, 0)).toEqual(rat(3_348_164_628n, 25_083n * 1_000_000n));
    // The pool: 74,917 tokens and all the buyers' USD (no seller to pay): $13,348.164628.
    expect([m1!.ledger.pool, m1!.poolUsd]).toEqual([74_917n, 13_348_164_628n]);
    // 6. 14,983 split 80/15/5 = 11,986.4 / 2,247.45 / 749.15 → 11,986 / 2,248 / 749 (largest
    //    remainder); 10,100 → 7,070 burned / 2,929 treasury / 101 execution.
    expect([m1!.ledger.nodes, m1!.ledger.validators]).toEqual([1_000n + 11_986n, 2_248n]);
    expect([m1!.burned, m1!.toTreasury, m1!.toExecution]).toEqual([7_070n, 2_929n, 101n]);
    expect(m1!.treasury).toBe(409_000n + 749n + 2_929n);
    // 7. End price 13,348,164,628 / (74,917 · 10⁶) = $0.178173…; income 12,986 tokens ≈ $2,313.75
    //    against 2,000 GPU-hours × $1.50 = $3,000: margin −22.87%.
    expect(toNumber(m1!.price)).toBeCloseTo(0.17817270616815942, 12);
    expect(toNumber(m1!.nodeMargin!)).toBeCloseTo(-0.2287497459000939, 12);
    expect(ledgerSum(m1!.ledger)).toBe(2_000_000n);
  });

  test("month 2: Team's sale, the fee payers and the vault trade through the month together", () => {
    const m2 = simulateEconomy(econ())[1]!;
    // Team sells 50,000 tokens; fee payers bring $1,625 (m = 0.8125), the vault $651.835372 carried
    // + $1,625: B = $3,901.835372, S = 50,000, k = 74,917 × $13,348.164628 ≈ $10⁹·token.
    // x* = √(k·S/B) = 113,203 tokens (where selling and buying balance, at B/S = $0.078),
    // a = S/x* = 0.44168, tanh a = 0.41500: x₁ = x*·(x + x*·tanh a)/(x* + x·tanh a) = 95,633.
    expect(m2.ledger.pool).toBe(95_633n);
    // Buyers get 74,917 + 50,000 − 95,633 = 29,284 tokens at $3,901.835372 / 29,284 = $0.13324
    // each: fee payers 12,196, the vault 17,088 (by their USD, largest remainder).
    expect([m2.boughtForFees, m2.boughtBack]).toEqual([12_196n, 17_088n]);
    expect(buyPrice(m2, 0)).toEqual(rat(3_901_835_372n, 29_284n * 1_000_000n));
    expect([m2.capBound, m2.vault]).toEqual([false, 0n]);
    // The pool ends on its curve, ⌈k / 95,633⌉ = $10,456.688063; Team gets the rest, $6,793.31,
    // $0.13587 a token: sellers get the month's mean price, buyers its harmonic mean (lower).
    expect(m2.poolUsd).toBe(10_456_688_063n);
  });

  test('nodes that sell take their sold fee share in USD: the ledger is the same as selling the tokens back', () => {
    const s = econ({ supplySide: { ...econ().supplySide, sellShare: d('0.6') } });
    const [m1] = simulateEconomy(s);
    // Nodes sell 60% of the 1,000 emitted = 600 tokens, and 60% of their 80% of the fee: $960 of
    // the $2,000 reaches them as USD; fee payers bring $1,040 to the pool, the vault $2,000 within
    // its cap of 10,100: buyers get 18,621 tokens, fee payers 8,521 of them.
    expect(m1!.boughtBack).toBe(10_100n);
    // The nodes' $960 at the buyers' average is ⌊960 · 18,621 / 2,272.579260⌋ = 7,866 tokens
    // crossed as they came: bought_for_fees 8,521 + 7,866, sold_by_nodes 600 + 7,866.
    expect(m1!.boughtForFees).toBe(8_521n + 7_866n);
    expect(m1!.soldByNodes).toBe(600n + 7_866n);
    // The pool's change is exactly sold − bought: 600 − 8,521 − 10,100.
    expect(m1!.ledger.pool).toBe(100_000n + 600n - 8_521n - 10_100n);
    expect(ledgerSum(m1!.ledger)).toBe(2_000_000n);
  });

  test("lagged utilization: month 2's multiplier comes from month 1's utilization", () => {
    const ms = simulateEconomy(econ());
    // U₁ = 1,000 / 2,000 = 50% < 80%: m₂ = 1 − 0.5 · (0.8 − 0.5) / 0.8 = 1 − 0.1875 = 0.8125,
    // so the fee is $2 × 0.8125 = $1.625 and revenue 1,000 × $1.625 = $1,625.
    expect(ms[1]!.multiplier).toEqual(d('0.8125'));
    expect(ms[1]!.feeUsdPerGpuHour).toEqual(d('1.625'));
    expect(ms[1]!.revenue).toBe(1_625_000_000n);
    // With elasticity 0.5 the cheaper fee draws more work: 1,000 · 0.8125^(−0.5) = 1,109.4003924504583
    // GPU-hours (kept to 10⁻¹²), U₂ = 1,109.40039245… / 2,000 = 55.47001962…%, and
    // m₃ = 1 − 0.5 · (0.8 − 0.5547001962) / 0.8 = 0.8466876226.
    const el = simulateEconomy(
      econ({
        demand: { gpuHours: d('1000'), growth: ZERO, elasticity: d('0.5'), volatility: ZERO },
      }),
    );
    expect(el[0]!.requested).toBe(1_000n * 10n ** 12n);
    expect(el[1]!.requested).toBe(1_109_400_392_450_458n);
    expect(el[1]!.utilization).toEqual(rat(1_109_400_392_450_458n, 2_000n * 10n ** 12n));
    expect(toNumber(el[2]!.multiplier)).toBeCloseTo(0.84668762264077, 12);
  });

  test("holders sell their share of the month's unlock: Team sells 50,000 of its 100,000 in month 2", () => {
    const ms = simulateEconomy(econ());
    expect(ms[1]!.soldByHolders).toBe(50_000n);
    expect(ms[1]!.ledger.holders[1]).toBe(50_000n);
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
          utilization: k === 0 ? deep.startUtilization : ms[k - 1]!.utilization,
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
        m.ledger.validators - (k > 0 ? ms[k - 1]!.ledger.validators : 0n),
      );
    }
  });

  test("the burn equals burn at that revenue and the start price (within the deep pool's slippage)", () => {
    const m = ms[0]!;
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
    expect(b!.bought).toBe(29_900_000_000n);
    expect(Number(b!.bought - m.boughtBack)).toBeGreaterThanOrEqual(0);
    expect(Number(b!.bought - m.boughtBack)).toBeLessThan(100);
    expect(Number(b!.burned - m.burned)).toBeLessThan(100);
  });
});

describe('properties on generated economies', () => {
  test('the ledger adds up every month to the base unit; price > 0; capacity ≥ 0; no place negative; trades never lower k, liquidity never lowers the price', () => {
    fc.assert(
      fc.property(economyArb, (inp) => {
        let x = inp.pool.tokens;
        let y = (inp.pool.usd.n * 1_000_000n) / inp.pool.usd.d;
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
          // Liquidity providers add or withdraw at the pool's price (rounded its way) ...
          const [lx, ly] = [x + m.liquidityTokens, y + m.liquidityUsd];
          expect(lx).toBe(m.poolBeforeSales);
          expect(ly * x).toBeGreaterThanOrEqual(y * lx);
          // ... and the month's batch never lowers k = x·y.
          expect(l.pool * m.poolUsd).toBeGreaterThanOrEqual(lx * ly);
          [x, y] = [l.pool, m.poolUsd];
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
      const f = months[k]!;
      expect(rel(f.price[0]!, toNumber(m.price))).toBeLessThan(1e-9);
      expect(rel(f.capacity[0]!, Number(m.capacity) / 1e12)).toBeLessThan(1e-9);
      expect(rel(f.utilization[0]!, toNumber(m.utilization))).toBeLessThan(1e-9);
      expect(rel(f.circulating[0]!, Number(m.circulating) / unit)).toBeLessThan(1e-9);
      expect(rel(f.cumulativeBurned[0]!, Number(m.ledger.burned) / unit)).toBeLessThan(1e-9);
    });
  };
  test('the built-in Gensyn economy, 120 months, shocks off', () => {
    const model = loadModelFromYaml();
    check(economyInputs(model, undefined, 120));
    check(economyInputs(model, 'bear', 120));
  });
});
