/**
 * The closed loop (SPEC §4 simulate), exact: every token is in one place and the places add up to
 * the supply every month, to the base unit. GPU-hours are integers of 10⁻¹² GPU-hour, USD integers
 * of 10⁻⁶ USD (the pool's unit); rates are exact rationals. The month's eight steps reuse the other
 * commands' engines: vesting unlocks (given per category), m(U) (fees.ts), the fee and emission
 * pools (rewards.ts), the vault's float cap and 70/29/1 split (burn.ts), and the pool (pool.ts).
 */
import { floatCap, netDeflationFrom, splitPurchase, type BuybackSplit } from './burn.js';
import { demandMultiplier, type Market } from './fees.js';
import { epochPools } from './rewards.js';
import { buyTokens, buyWithUsd, poolPrice, sellTokens, MICRO, type Pool } from './pool.js';
import {
  type Rational,
  rat,
  add,
  cmp,
  div,
  floor,
  fromNumber,
  mul,
  mulFloor,
  sub,
  toNumber,
  ONE,
} from './rational.js';

export interface EconomyCategory {
  name: string;
  /** Unlocked before the first month, base units. */
  unlockedBefore: bigint;
  allocation: bigint;
  /** Unlocks in each simulated month, base units. */
  unlocks: bigint[];
  /** Share of each month's unlock its holders sell that month. */
  sellShare: Rational;
}

export interface EconomyInputs {
  /** YYYY-MM labels, in order. */
  months: string[];
  decimals: number;
  supply: bigint;
  categories: EconomyCategory[];
  /** Index of the category whose unlocks go to the treasury. */
  treasury: number;
  emission: { from: number; perMonth: bigint };
  pool: { from: number; tokens: bigint; usd: Rational };
  demand: { gpuHours: Rational; growth: Rational; elasticity: Rational; volatility: Rational };
  supplySide: {
    gpuHours: Rational;
    costPerGpuHourUsd: Rational;
    responsiveness: Rational;
    maxChange: Rational;
    sellShare: Rational;
  };
  /** Monte Carlo: annual volatility of exogenous market moves. */
  marketVolatility: Rational;
  /** List price of the default GPU class, USD per GPU-hour. */
  listPriceUsd: Rational;
  market: Market;
  /** U₀: the utilization before month 1. */
  startUtilization: Rational;
  feeSplit: { nodes: Rational; validators: Rational; treasury: Rational };
  buyback: BuybackSplit;
}

/** Every place a token can be; they add up to the supply. */
export interface Ledger {
  locked: bigint[];
  /** Per category; the treasury category's holdings are `treasury`. */
  holders: bigint[];
  treasury: bigint;
  nodes: bigint;
  validators: bigint;
  pool: bigint;
  outside: bigint;
  execution: bigint;
  burned: bigint;
}

export interface EconomyMonth {
  month: string;
  /** Demand at the list fee, and what was requested at this month's fee (10⁻¹² GPU-hours). */
  demand: bigint;
  requested: bigint;
  capacity: bigint;
  served: bigint;
  utilization: Rational;
  multiplier: Rational;
  feeUsdPerGpuHour: Rational;
  /** 10⁻⁶ USD. */
  revenue: bigint;
  /** Pool price after the month's trades, USD per token. */
  price: Rational;
  /** USD in the pool after the month's trades, 10⁻⁶ USD (its tokens are ledger.pool). */
  poolUsd: bigint;
  unlocked: bigint;
  soldByHolders: bigint;
  /** Pool tokens before the holders' sale. */
  poolBeforeSales: bigint;
  soldByNodes: bigint;
  boughtForFees: bigint;
  boughtBack: bigint;
  burned: bigint;
  toTreasury: bigint;
  toExecution: bigint;
  /** The vault's USD after its purchase (10⁻⁶ USD), carried over. */
  vault: bigint;
  emitted: bigint;
  /** Emission fell short of perMonth this month. */
  emissionShort: boolean;
  /** The nodes' token income: their fee share plus emission. */
  nodeIncome: bigint;
  /** Undefined when capacity costs nothing. */
  nodeMargin?: Rational;
  treasury: bigint;
  circulating: bigint;
  totalSupply: bigint;
  /** unlocked − burned. */
  netEmission: bigint;
  ledger: Ledger;
}

/** GPU-hours are integers of 10⁻¹² GPU-hour. */
export const GPU_HOUR = 10n ** 12n;
export const gpuHoursOf = (x: Rational): bigint => floor(mul(x, rat(GPU_HOUR)));

/**
 * m^(−e) for the demand curve. e = 0 is exactly 1; otherwise the power is taken in double precision
 * (a fractional power has no exact rational value), then taken exactly as that double's decimal.
 */
export function elasticFactor(m: Rational, elasticity: Rational): Rational {
  if (elasticity.n === 0n) return ONE;
  return fromNumber(Math.pow(toNumber(m), -toNumber(elasticity)));
}

/**
 * capacity × (1 + clamp(responsiveness · margin, −maxChange, +maxChange)), floored. In integers
 * (cross-multiplied, no reduction): this runs every month.
 */
export function nextCapacity(
  capacity: bigint,
  margin: Rational | undefined,
  s: EconomyInputs['supplySide'],
): bigint {
  const mc = s.maxChange;
  let n: bigint;
  let d: bigint;
  if (margin === undefined) [n, d] = s.responsiveness.n > 0n ? [mc.n, mc.d] : [0n, 1n];
  else {
    n = s.responsiveness.n * margin.n;
    d = s.responsiveness.d * margin.d;
    if (n * mc.d > mc.n * d) [n, d] = [mc.n, mc.d];
    else if (-n * mc.d > mc.n * d) [n, d] = [-mc.n, mc.d];
  }
  // maxChange < 100%, so d + n > 0 and bigint division is the floor.
  return (capacity * (d + n)) / d;
}

/** Sum of every place: equals the supply. */
export const ledgerSum = (l: Ledger): bigint =>
  [
    ...l.locked,
    ...l.holders,
    l.treasury,
    l.nodes,
    l.validators,
    l.pool,
    l.outside,
    l.execution,
    l.burned,
  ].reduce((a, b) => a + b, 0n);

/** The start: what unlocked before month 1 sits with its holders (or the treasury), less the pool's seed. */
export function initialLedger(inp: EconomyInputs): Ledger {
  const cats = inp.categories;
  const holders = cats.map((c, i) => (i === inp.treasury ? 0n : c.unlockedBefore));
  let treasury = cats[inp.treasury].unlockedBefore;
  if (inp.pool.from === inp.treasury) treasury -= inp.pool.tokens;
  else holders[inp.pool.from] -= inp.pool.tokens;
  return {
    locked: cats.map((c) => c.allocation - c.unlockedBefore),
    holders,
    treasury,
    nodes: 0n,
    validators: 0n,
    pool: inp.pool.tokens,
    outside: 0n,
    execution: 0n,
    burned: 0n,
  };
}

export const initialPool = (inp: EconomyInputs): Pool => ({
  x: inp.pool.tokens,
  y: floor(mul(inp.pool.usd, rat(MICRO))),
});

// ---------------------------------------------------------------------------------------------
// The month's steps. Each has a floating-point twin of the same name + F in economy-mc.ts (the Monte
// Carlo path), written side by side, and test/core/economy-steps.test.ts holds each pair to the same
// figures on generated inputs.

/** Step 3: the fee from last month's utilization, m_t = m(U_{t−1}) on the fees.market curve. */
export const multiplier = (prevU: Rational, inp: EconomyInputs): Rational =>
  demandMultiplier(prevU, inp.market);

export interface Served {
  feeUsdPerGpuHour: Rational;
  /** 10⁻¹² GPU-hours. */
  requested: bigint;
  served: bigint;
  utilization: Rational;
  /** 10⁻⁶ USD. */
  revenue: bigint;
}

/** Step 3: demand answers the fee (requested = demand · m^(−elasticity)); capacity serves what it can. */
export function serve(demand: bigint, m: Rational, capacity: bigint, inp: EconomyInputs): Served {
  const fee = mul(inp.listPriceUsd, m);
  const requested = floor(mul(rat(demand), elasticFactor(m, inp.demand.elasticity)));
  const served = requested < capacity ? requested : capacity;
  return {
    feeUsdPerGpuHour: fee,
    requested,
    served,
    utilization: capacity > 0n ? rat(served, capacity) : ONE,
    revenue: floor(mul(rat(served, GPU_HOUR / MICRO), fee)),
  };
}

/**
 * Step 5: the vault spends what it holds on the pool, at most `cap` tokens (the float cap, and never
 * the pool's last token): all of it when that buys no more than the cap (a purchase worth 0 tokens is
 * skipped), else exactly `cap` tokens at their cost; unspent USD carries over.
 */
export function vaultBuy(
  pool: Pool,
  vault: bigint,
  cap: bigint,
): { pool: Pool; bought: bigint; vault: bigint } {
  if (cap >= pool.x) cap = pool.x - 1n;
  const all = buyWithUsd(pool, vault);
  if (all.tokens <= cap)
    return all.tokens > 0n
      ? { pool: all.pool, bought: all.tokens, vault: 0n }
      : { pool, bought: 0n, vault };
  if (cap <= 0n) return { pool, bought: 0n, vault };
  const part = buyTokens(pool, cap);
  return { pool: part.pool, bought: cap, vault: vault - part.usd };
}

/** Step 6: emission is perMonth, or what its source still holds. */
export const emit = (source: bigint, perMonth: bigint): bigint =>
  source < perMonth ? source : perMonth;

/**
 * Step 8: the nodes' margin, income × end price / (capacity × cost) − 1 (undefined when capacity
 * costs nothing).
 */
export function nodeMargin(
  income: bigint,
  pool: Pool,
  capacity: bigint,
  s: EconomyInputs['supplySide'],
): Rational | undefined {
  const costMicro = mul(rat(capacity, GPU_HOUR / MICRO), s.costPerGpuHourUsd);
  const incomeMicro = rat(income * pool.y, pool.x);
  return costMicro.n > 0n ? sub(div(incomeMicro, costMicro), ONE) : undefined;
}

/** Run the loop month by month, exactly. */
export function simulateEconomy(inp: EconomyInputs): EconomyMonth[] {
  const cats = inp.categories;
  const T = inp.treasury;
  const s = inp.supplySide;
  let l = initialLedger(inp);
  let pool = initialPool(inp);
  let capacity = gpuHoursOf(s.gpuHours);
  let demand = gpuHoursOf(inp.demand.gpuHours);
  const growth = add(ONE, inp.demand.growth);
  let prevU = inp.startUtilization;
  let vault = 0n;
  const out: EconomyMonth[] = [];
  inp.months.forEach((month, k) => {
    l = { ...l, locked: [...l.locked], holders: [...l.holders] };
    // 1. Unlocks move from locked to their holders (the treasury category's to the treasury).
    let unlocked = 0n;
    for (let c = 0; c < cats.length; c++) {
      const u = cats[c].unlocks[k] ?? 0n;
      unlocked += u;
      l.locked[c] -= u;
      if (c === T) l.treasury += u;
      else l.holders[c] += u;
    }
    // 2. Holders sell their share of what unlocked, into the pool.
    let soldByHolders = 0n;
    for (let c = 0; c < cats.length; c++) {
      const sold = mulFloor(cats[c].unlocks[k] ?? 0n, cats[c].sellShare);
      if (sold === 0n) continue;
      soldByHolders += sold;
      if (c === T) l.treasury -= sold;
      else l.holders[c] -= sold;
    }
    const poolBeforeSales = pool.x;
    pool = sellTokens(pool, soldByHolders).pool;
    // 3. The fee from last month's utilization; demand answers it; capacity serves what it can.
    const m = multiplier(prevU, inp);
    const sv = serve(demand, m, capacity, inp);
    const { revenue } = sv;
    // 4. Fee payers buy the fee's tokens from the pool; nodes / validators / treasury by the fee split.
    const feeBuy = buyWithUsd(pool, revenue);
    pool = feeBuy.pool;
    const fees = epochPools(feeBuy.tokens, 0n, inp.feeSplit);
    l.nodes += fees.computePool;
    l.validators += fees.validatorPool;
    l.treasury += fees.treasuryFees;
    // 5. The vault buys back within the float cap; unspent USD carries over; 70/29/1.
    vault += mulFloor(revenue, inp.buyback.revenueShare);
    const float = inp.supply - sum(l.locked) - l.treasury - l.burned;
    const vb = vaultBuy(pool, vault, floatCap(float, inp.buyback));
    pool = vb.pool;
    vault = vb.vault;
    const boughtBack = vb.bought;
    const [burned, toTreasury, toExecution] = splitPurchase(boughtBack, inp.buyback);
    l.burned += burned;
    l.treasury += toTreasury;
    l.execution += toExecution;
    // 6. Emission from its source category's unlocked tokens, as far as they go.
    const E = inp.emission.from;
    const emitted = emit(E === T ? l.treasury : l.holders[E], inp.emission.perMonth);
    if (E === T) l.treasury -= emitted;
    else l.holders[E] -= emitted;
    l.nodes += emitted;
    // 7. Nodes sell their share of the month's income.
    const nodeIncome = fees.computePool + emitted;
    const soldByNodes = mulFloor(nodeIncome, s.sellShare);
    l.nodes -= soldByNodes;
    pool = sellTokens(pool, soldByNodes).pool;
    l.pool = pool.x;
    // 8. Margin at the end-of-month price moves next month's capacity.
    const margin = nodeMargin(nodeIncome, pool, capacity, s);
    const circulating = inp.supply - sum(l.locked) - l.treasury - l.burned;
    out.push({
      month,
      demand,
      requested: sv.requested,
      capacity,
      served: sv.served,
      utilization: sv.utilization,
      multiplier: m,
      feeUsdPerGpuHour: sv.feeUsdPerGpuHour,
      revenue,
      price: poolPrice(pool, inp.decimals),
      poolUsd: pool.y,
      unlocked,
      soldByHolders,
      poolBeforeSales,
      soldByNodes,
      boughtForFees: feeBuy.tokens,
      boughtBack,
      burned,
      toTreasury,
      toExecution,
      vault,
      emitted,
      emissionShort: emitted < inp.emission.perMonth,
      nodeIncome,
      nodeMargin: margin,
      treasury: l.treasury,
      circulating,
      totalSupply: inp.supply - l.burned,
      netEmission: unlocked - burned,
      ledger: l,
    });
    capacity = nextCapacity(capacity, margin, s);
    demand = floor(mul(rat(demand), growth));
    if (demand < 0n) demand = 0n;
    prevU = sv.utilization;
  });
  return out;
}

const sum = (xs: readonly bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);

/** The start price of the pool, USD per token. */
export const startPrice = (inp: EconomyInputs): Rational =>
  poolPrice(initialPool(inp), inp.decimals);

export interface EconomyRisks {
  /** Emission value / all node income, valued at each month's end price (to 10⁻⁶ USD). */
  rewardDependence?: Rational;
  emissionRunsOut?: string;
  utilizationMin: Rational;
  utilizationMax: Rational;
  monthsNodesUnprofitable: number;
  /** Population standard deviation of month-on-month fee changes (floating point). */
  feeVolatility: number;
  worstPriceChange: Rational;
  worstPriceChangeMonth: string;
  /** At the month of the largest unlock: sold by holders / pool tokens before the sale. */
  unlockSoldVsPool?: Rational;
  largestUnlockMonth: string;
  cumulativeBurned: bigint;
  /** Cumulative burned / (unlocked + emitted) over the horizon. */
  burnedVsEmittedAndUnlocked?: Rational;
  netDeflationFrom?: string;
}

/** The seed's risks as numbers, from a run of the loop. */
export function economyRisks(inp: EconomyInputs, ms: readonly EconomyMonth[]): EconomyRisks {
  // Valued in 10⁻⁶ USD at each month's end price (integers: a sum of rationals would grow without bound).
  let emissionValue = 0n;
  let incomeValue = 0n;
  let uMin = ms[0].utilization;
  let uMax = ms[0].utilization;
  let prevPrice = startPrice(inp);
  let worst: [bigint, bigint] = [1n, 1n];
  let worstMonth = ms[0].month;
  let largest = ms[0];
  let unprofitable = 0;
  let unlocked = 0n;
  let emitted = 0n;
  const feeChanges: number[] = [];
  ms.forEach((x, k) => {
    emissionValue += (x.emitted * x.poolUsd) / x.ledger.pool;
    incomeValue += (x.nodeIncome * x.poolUsd) / x.ledger.pool;
    if (cmp(x.utilization, uMin) < 0) uMin = x.utilization;
    if (cmp(x.utilization, uMax) > 0) uMax = x.utilization;
    // price / previous price as an unreduced fraction, compared by cross-multiplication.
    const rn = x.price.n * prevPrice.d;
    const rd = x.price.d * prevPrice.n;
    if (k === 0 || rn * worst[1] < worst[0] * rd) {
      worst = [rn, rd];
      worstMonth = x.month;
    }
    prevPrice = x.price;
    if (x.unlocked > largest.unlocked) largest = x;
    if (x.nodeMargin && x.nodeMargin.n < 0n) unprofitable++;
    if (k > 0)
      feeChanges.push(toNumber(x.feeUsdPerGpuHour) / toNumber(ms[k - 1].feeUsdPerGpuHour) - 1);
    unlocked += x.unlocked;
    emitted += x.emitted;
  });
  const mean = feeChanges.reduce((a, b) => a + b, 0) / (feeChanges.length || 1);
  const sd = Math.sqrt(
    feeChanges.reduce((a, b) => a + (b - mean) ** 2, 0) / (feeChanges.length || 1),
  );
  const last = ms[ms.length - 1];
  return {
    rewardDependence: incomeValue > 0n ? rat(emissionValue, incomeValue) : undefined,
    emissionRunsOut: ms.find((x) => x.emissionShort)?.month,
    utilizationMin: uMin,
    utilizationMax: uMax,
    monthsNodesUnprofitable: unprofitable,
    feeVolatility: sd,
    worstPriceChange: sub(rat(worst[0], worst[1]), ONE),
    worstPriceChangeMonth: worstMonth,
    unlockSoldVsPool:
      largest.poolBeforeSales > 0n
        ? rat(largest.soldByHolders, largest.poolBeforeSales)
        : undefined,
    largestUnlockMonth: largest.month,
    cumulativeBurned: last.ledger.burned,
    burnedVsEmittedAndUnlocked:
      unlocked + emitted > 0n ? rat(last.ledger.burned, unlocked + emitted) : undefined,
    netDeflationFrom: netDeflationFrom(ms),
  };
}
