/**
 * Monte Carlo of the closed loop (SPEC §4 simulate --runs): the exact loop's steps in floating point
 * (whole tokens, USD), with a monthly lognormal shock to demand and an exogenous trade in each
 * month's batch. Statistics, not accounting: the exact ledger is src/core/economy.ts. Each step here
 * is the twin of the exact step of the same name (without the F), and test/core/economy-steps.test.ts
 * holds each pair to the same figures; a test also shows this whole path equals the exact one within
 * 1e-9 relative when the shocks are off. All runs advance one month together on typed arrays of
 * length `runs`, and each month is handed over (then overwritten), so memory does not grow with the
 * months; run r draws from its own stream (the seed's xoroshiro128+ jumped r times, as in burn), so
 * results do not depend on run order.
 */
import { poolDelta, vaultSpend, type EconomyInputs } from './economy.js';
import { normalPair, runStreams } from './montecarlo.js';
import { type Rational, mul, sub, toNumber, ONE } from './rational.js';

export interface EconomyFloatInputs {
  months: number;
  supply: number;
  /** Whole tokens per base unit: 10^−decimals (the vault stays out when it cannot buy one). */
  baseUnit: number;
  /** Per month, whole tokens: everything unlocked; still locked after the month's unlocks. */
  unlocked: Float64Array;
  locked: Float64Array;
  /** Per month: what the holders sell into the pool, and what stays with the treasury / the other holders. */
  soldByHolders: Float64Array;
  keptByTreasury: Float64Array;
  keptByHolders: Float64Array;
  /** Emission comes from the treasury, or from a holder category that keeps `keptBySource` a month. */
  emissionFromTreasury: boolean;
  keptBySource: Float64Array;
  source0: number;
  /** Liquidity (marketCap share, 0: fixed) and its providers' place: the treasury, the emission source, or another category. */
  lpShare: number;
  lpFrom: 'treasury' | 'source' | 'other';
  keptByLp: Float64Array;
  lp0: number;
  treasury0: number;
  holders0: number;
  x0: number;
  y0: number;
  /** Demand at the list fee, per month (GPU-hours). */
  demand: Float64Array;
  elasticity: number;
  demandVolatility: number;
  marketVolatility: number;
  capacity0: number;
  cost: number;
  responsiveness: number;
  maxChange: number;
  nodeSell: number;
  perMonth: number;
  listPrice: number;
  target: number;
  belowSlope: number;
  aboveSlope: number;
  floor: number;
  /** Fee dynamics: NaN when unset. */
  feeMaxChange: number;
  feeAdjustment: number;
  u0: number;
  split: [nodes: number, validators: number, treasury: number];
  /** f_n·sellShare: the fee share paid to the nodes in USD; the fee tokens' split by what each keeps. */
  nodeUsdShare: number;
  keptSplit: [nodes: number, validators: number, treasury: number];
  revenueShare: number;
  bb: [burn: number, treasury: number, execution: number];
  maxBuy: number;
}

/** The exact inputs as floats: tokens in whole tokens, rates as numbers. */
export function floatInputsOf(inp: EconomyInputs): EconomyFloatInputs {
  const M = inp.months.length;
  const unit = 10 ** inp.decimals;
  const tok = (u: bigint) => Number(u) / unit;
  const f = (x: Rational) => toNumber(x);
  const cats = inp.categories;
  const per = (fn: (k: number) => bigint) => Float64Array.from({ length: M }, (_, k) => tok(fn(k)));
  const sold = (c: number, k: number) => {
    const u = cats[c]!.unlocks[k] ?? 0n;
    return (u * cats[c]!.sellShare.n) / cats[c]!.sellShare.d;
  };
  const kept = (c: number, k: number) => (cats[c]!.unlocks[k] ?? 0n) - sold(c, k);
  const sumOver = (fn: (c: number) => bigint) => cats.reduce((a, _, c) => a + fn(c), 0n);
  let locked = sumOver((c) => cats[c]!.allocation - cats[c]!.unlockedBefore);
  const lockedAfter = per((k) => (locked -= sumOver((c) => cats[c]!.unlocks[k] ?? 0n)));
  const T = inp.treasury;
  const E = inp.emission.from;
  const P = inp.pool.from;
  const L = inp.liquidity.model === 'marketCap' ? inp.liquidity.from : T;
  const held0 = (c: number) => tok(cats[c]!.unlockedBefore - (P === c ? inp.pool.tokens : 0n));
  const holders0 =
    sumOver((c) => (c === T ? 0n : cats[c]!.unlockedBefore)) - (P === T ? 0n : inp.pool.tokens);
  const demand = new Float64Array(M);
  let d = toNumber(inp.demand.gpuHours);
  const g = 1 + f(inp.demand.growth);
  for (let k = 0; k < M; k++) {
    demand[k] = d > 0 ? d : 0;
    d *= g;
  }
  const s = inp.supplySide;
  const bb = inp.buyback;
  const fs = inp.feeSplit;
  const nodeUsdShare = mul(fs.nodes, s.sellShare);
  const rest = f(sub(ONE, nodeUsdShare));
  const keptNodes = f(mul(fs.nodes, sub(ONE, s.sellShare)));
  const fd = inp.feeDynamics;
  return {
    months: M,
    supply: tok(inp.supply),
    baseUnit: 1 / unit,
    unlocked: per((k) => sumOver((c) => cats[c]!.unlocks[k] ?? 0n)),
    locked: lockedAfter,
    soldByHolders: per((k) => sumOver((c) => sold(c, k))),
    keptByTreasury: per((k) => kept(T, k)),
    keptByHolders: per((k) => sumOver((c) => (c === T ? 0n : kept(c, k)))),
    emissionFromTreasury: E === T,
    keptBySource: per((k) => kept(E, k)),
    source0: E === T ? 0 : held0(E),
    lpShare: inp.liquidity.model === 'marketCap' ? f(inp.liquidity.share) : 0,
    lpFrom: L === T ? 'treasury' : L === E ? 'source' : 'other',
    keptByLp: per((k) => kept(L, k)),
    lp0: L === T ? 0 : held0(L),
    treasury0: held0(T),
    holders0: tok(holders0),
    x0: tok(inp.pool.tokens),
    y0: f(inp.pool.usd),
    demand,
    elasticity: f(inp.demand.elasticity),
    demandVolatility: f(inp.demand.volatility),
    marketVolatility: f(inp.marketVolatility),
    capacity0: f(s.gpuHours),
    cost: f(s.costPerGpuHourUsd),
    responsiveness: f(s.responsiveness),
    maxChange: f(s.maxChange),
    nodeSell: f(s.sellShare),
    perMonth: tok(inp.emission.perMonth),
    listPrice: f(inp.listPriceUsd),
    target: f(inp.market.target),
    belowSlope: f(inp.market.belowSlope),
    aboveSlope: f(inp.market.aboveSlope),
    floor: f(inp.market.floor),
    feeMaxChange: fd.maxChangePerMonth ? f(fd.maxChangePerMonth) : NaN,
    feeAdjustment: fd.adjustment ? f(fd.adjustment) : NaN,
    u0: f(inp.startUtilization),
    split: [f(fs.nodes), f(fs.validators), f(fs.treasury)],
    nodeUsdShare: f(nodeUsdShare),
    keptSplit:
      rest > 0 ? [keptNodes / rest, f(fs.validators) / rest, f(fs.treasury) / rest] : [0, 0, 0],
    revenueShare: f(bb.revenueShare),
    bb: [f(bb.burn), f(bb.treasury), f(bb.execution)],
    maxBuy: f(bb.maxBuyPctOfFloat),
  };
}

/** One month of every run, handed to the caller (the arrays are reused next month). */
export interface FloatMonth {
  price: Float64Array;
  capacity: Float64Array;
  utilization: Float64Array;
  circulating: Float64Array;
  cumulativeBurned: Float64Array;
}

export interface FloatRisks {
  runs: number;
  /** Runs in which emission fell short in some month. */
  emissionRunsOut: number;
  /** Runs in which nodes lost money 3 or more months in a row. */
  nodesUnprofitable3: number;
  /** Runs whose net emission (unlocked − burned) is ≤ 0 in the last month. */
  netDeflation: number;
}

// ---------------------------------------------------------------------------------------------
// The month's steps in floating point: each is the twin of the exact step of the same name (without
// the F) in economy.ts, and test/core/economy-steps.test.ts holds each pair to the same figures.

/** A pool in floating point: whole tokens and USD. Mutated in place by the steps below. */
export interface PoolF {
  x: number;
  y: number;
}

/** Twin of multiplier: m(U) on the fees.market curve, floored, then the fee dynamics (prev NaN: none yet). */
export function multiplierF(u: number, prev: number, inp: EconomyFloatInputs): number {
  let target =
    u <= inp.target
      ? inp.target === 0
        ? 1
        : 1 - (inp.belowSlope * (inp.target - u)) / inp.target
      : inp.target >= 1
        ? 1
        : 1 + (inp.aboveSlope * (u - inp.target)) / (1 - inp.target);
  if (target < inp.floor) target = inp.floor;
  const a = inp.feeAdjustment;
  const c = inp.feeMaxChange;
  if (Number.isNaN(prev) || (Number.isNaN(a) && Number.isNaN(c))) return target;
  let m = Number.isNaN(a) ? target : prev + a * (target - prev);
  if (!Number.isNaN(c)) {
    if (m > prev * (1 + c)) m = prev * (1 + c);
    else if (m < prev * (1 - c)) m = prev * (1 - c);
  }
  return m < inp.floor ? inp.floor : m;
}

/** Twin of serve (its result in `out`): demand at this fee, served, utilization, revenue. */
export interface ServedF {
  fee: number;
  requested: number;
  served: number;
  utilization: number;
  revenue: number;
}
export function serveF(
  demand: number,
  m: number,
  capacity: number,
  inp: EconomyFloatInputs,
  out: ServedF,
): void {
  const fee = inp.listPrice * m;
  const requested = demand * (inp.elasticity === 0 ? 1 : Math.pow(m, -inp.elasticity));
  const served = requested < capacity ? requested : capacity;
  out.fee = fee;
  out.requested = requested;
  out.served = served;
  out.utilization = capacity > 0 ? served / capacity : 1;
  out.revenue = served * fee;
}

/** Twin of emit. */
export const emitF = (source: number, perMonth: number): number =>
  source < perMonth ? source : perMonth;

/** Twin of provideLiquidity: the tokens providers add (negative: withdraw), the pool moved in place. */
export function provideLiquidityF(
  p: PoolF,
  circulating: number,
  available: number,
  circulates: boolean,
  share: number,
  baseUnit: number,
): number {
  const gap = share * circulating - p.x;
  let d = circulates ? gap : gap / (1 - share);
  if (d > available) d = available;
  if (d < 0 && -d > p.x - baseUnit) d = baseUnit - p.x;
  const price = p.y / p.x;
  p.x += d;
  p.y += d * price;
  return d;
}

/** Twin of trade (its result in `out`): the buyers' average price and the vault's part; the pool moved in place. */
export interface TradeF {
  /** USD per token, the buyers' average (NaN when nobody bought). */
  price: number;
  vaultTokens: number;
  vaultSpent: number;
  capped: boolean;
}
export function tradeF(
  p: PoolF,
  sells: number,
  buys: number,
  vault: number,
  cap: number,
  baseUnit: number,
  out: TradeF,
): void {
  let spent = vault;
  let tokens = sells - poolDelta(p.x, p.y, sells, buys + vault);
  let vt = vault > 0 ? (tokens * vault) / (buys + vault) : 0;
  let capped = false;
  if (vt < baseUnit || cap <= 0) {
    spent = 0;
    vt = 0;
    tokens = buys > 0 ? sells - poolDelta(p.x, p.y, sells, buys) : 0;
  } else if (vt > cap) {
    spent = vaultSpend(p.x, p.y, sells, buys, vault, cap);
    tokens = sells - poolDelta(p.x, p.y, sells, buys + spent);
    vt = cap;
    capped = true;
  }
  const k = p.x * p.y;
  p.x += sells - tokens;
  p.y = k / p.x;
  out.price = tokens > 0 ? (buys + spent) / tokens : NaN;
  out.vaultTokens = vt;
  out.vaultSpent = spent;
  out.capped = capped;
}

/** Twin of nodeMargin (NaN when capacity costs nothing). */
export function nodeMarginF(
  income: number,
  p: PoolF,
  capacity: number,
  inp: EconomyFloatInputs,
): number {
  const costUsd = capacity * inp.cost;
  return costUsd > 0 ? (income * (p.y / p.x)) / costUsd - 1 : NaN;
}

/** Twin of nextCapacity. */
export function nextCapacityF(capacity: number, margin: number, inp: EconomyFloatInputs): number {
  let change: number;
  if (Number.isNaN(margin)) change = inp.responsiveness > 0 ? inp.maxChange : 0;
  else {
    change = inp.responsiveness * margin;
    if (change > inp.maxChange) change = inp.maxChange;
    else if (change < -inp.maxChange) change = -inp.maxChange;
  }
  return capacity * (1 + change);
}

/**
 * Run `runs` paths of the loop; `onMonth(k, month)` receives month k of every run. With both
 * volatilities 0 every path is the deterministic loop in floating point.
 */
export function simulateEconomyFloat(
  inp: EconomyFloatInputs,
  runs: number,
  seed: number,
  onMonth: (k: number, m: FloatMonth) => void,
): FloatRisks {
  const n = runs;
  const rngs =
    inp.demandVolatility > 0 || inp.marketVolatility > 0 ? runStreams(seed, 0, n) : undefined;
  const z = new Float64Array(2);
  const x = new Float64Array(n).fill(inp.x0);
  const y = new Float64Array(n).fill(inp.y0);
  const vault = new Float64Array(n);
  const cap = new Float64Array(n).fill(inp.capacity0);
  const prevU = new Float64Array(n).fill(inp.u0);
  const prevM = new Float64Array(n).fill(NaN);
  const treasury = new Float64Array(n).fill(inp.treasury0);
  const source = new Float64Array(n).fill(inp.source0);
  // The liquidity providers' place when it is a category of its own (else the treasury or `source`).
  const lpOther = new Float64Array(inp.lpFrom === 'other' ? n : 0).fill(inp.lp0);
  const free = new Float64Array(n).fill(inp.holders0);
  const burned = new Float64Array(n);
  const streak = new Uint16Array(n);
  const short = new Uint8Array(n);
  const losing3 = new Uint8Array(n);
  const out: FloatMonth = {
    price: new Float64Array(n),
    capacity: new Float64Array(n),
    utilization: new Float64Array(n),
    circulating: new Float64Array(n),
    cumulativeBurned: new Float64Array(n),
  };
  const sd = inp.demandVolatility;
  const sm = inp.marketVolatility * Math.sqrt(1 / 12);
  const [kNodes, , kTreasury] = inp.keptSplit;
  const [bBurn, bTreasury] = inp.bb;
  const lp = inp.lpShare > 0;
  let deflating = 0;
  for (let k = 0; k < inp.months; k++) {
    const soldH = inp.soldByHolders[k]!;
    const locked = inp.locked[k]!;
    const dk = inp.demand[k]!;
    for (let i = 0; i < n; i++) {
      // Objects made per run-month so that V8 keeps their fields in registers (escape analysis).
      const p: PoolF = { x: x[i]!, y: y[i]! };
      const sv: ServedF = { fee: 0, requested: 0, served: 0, utilization: 0, revenue: 0 };
      const cl: TradeF = { price: 0, vaultTokens: 0, vaultSpent: 0, capped: false };
      // 1. Unlocks; the holders' sale is set aside for the batch.
      treasury[i]! += inp.keptByTreasury[k]!;
      free[i]! += inp.keptByHolders[k]!;
      if (!inp.emissionFromTreasury) source[i]! += inp.keptBySource[k]!;
      if (inp.lpFrom === 'other') lpOther[i]! += inp.keptByLp[k]!;
      // 2. Emission from its source.
      const emitted = emitF(inp.emissionFromTreasury ? treasury[i]! : source[i]!, inp.perMonth);
      if (emitted < inp.perMonth) short[i] = 1;
      if (inp.emissionFromTreasury) treasury[i]! -= emitted;
      else {
        source[i]! -= emitted;
        free[i]! -= emitted;
      }
      // 3. The fee; demand (with its shock) answers; capacity serves.
      let shockD = 1;
      let zm = 0;
      if (rngs) {
        normalPair(rngs[i]!, z);
        shockD = Math.exp(sd * z[0]! - (sd * sd) / 2);
        zm = z[1]!;
      }
      const m = multiplierF(prevU[i]!, prevM[i]!, inp);
      const c = cap[i]!;
      serveF(dk * shockD, m, c, inp, sv);
      const revenue = sv.revenue;
      // 4. Liquidity providers bring the pool to its depth.
      if (lp) {
        const circ = inp.supply - locked - treasury[i]! - burned[i]!;
        const from = inp.lpFrom;
        const avail =
          from === 'treasury' ? treasury[i] : from === 'source' ? source[i] : lpOther[i];
        const d = provideLiquidityF(
          p,
          circ,
          avail!,
          from !== 'treasury',
          inp.lpShare,
          inp.baseUnit,
        );
        if (from === 'treasury') treasury[i]! -= d;
        else {
          if (from === 'source') source[i]! -= d;
          else lpOther[i]! -= d;
          free[i]! -= d;
        }
      }
      // 5. The month's trades, evenly over the month: holders, the nodes' emission share and
      //    exogenous sellers sell; fee payers (less the nodes' USD share), exogenous buyers and the
      //    vault buy.
      let exoSell = 0;
      let exoBuy = 0;
      if (sm > 0) {
        // An exogenous order that alone would move the price by g = exp(σ√Δt·Z − σ²Δt/2): a buy of
        // y(√g − 1) USD into `outside`, or a sale of x(1/√g − 1) tokens out of `outside` and the
        // holders (never more than they hold); it trades along with the month's other orders.
        const r = Math.sqrt(Math.exp(sm * zm - (sm * sm) / 2));
        if (r >= 1) exoBuy = p.y * (r - 1);
        else {
          exoSell = p.x * (1 / r - 1);
          if (exoSell > free[i]!) exoSell = free[i]!;
          free[i]! -= exoSell;
        }
      }
      const eN = emitted * inp.nodeSell;
      const nodeUsd = revenue * inp.nodeUsdShare;
      const float = inp.supply - locked - treasury[i]! - burned[i]!;
      tradeF(
        p,
        soldH + eN + exoSell,
        revenue - nodeUsd + exoBuy,
        vault[i]! + revenue * inp.revenueShare,
        float > 0 ? float * inp.maxBuy : 0,
        inp.baseUnit,
        cl,
      );
      const P = cl.price;
      if (exoBuy > 0) free[i]! += exoBuy / P;
      vault[i]! += revenue * inp.revenueShare - cl.vaultSpent;
      // 6. Fee tokens by what each keeps; the vault's 70/29/1.
      const feeTokens = revenue - nodeUsd > 0 ? (revenue - nodeUsd) / P : 0;
      treasury[i]! += feeTokens * kTreasury + cl.vaultTokens * bTreasury;
      const b = cl.vaultTokens * bBurn;
      burned[i]! += b;
      // 7. Margin at the end price moves next month's capacity.
      const income = feeTokens * kNodes + (nodeUsd > 0 ? nodeUsd / P : 0) + emitted;
      const margin = nodeMarginF(income, p, c, inp);
      if (margin < 0) {
        if (++streak[i]! >= 3) losing3[i] = 1;
      } else if (!Number.isNaN(margin)) streak[i] = 0;
      cap[i] = nextCapacityF(c, margin, inp);
      prevU[i] = sv.utilization;
      prevM[i] = m;
      x[i] = p.x;
      y[i] = p.y;
      out.price[i] = p.y / p.x;
      out.capacity[i] = c;
      out.utilization[i] = sv.utilization;
      out.circulating[i] = inp.supply - locked - treasury[i]! - burned[i]!;
      out.cumulativeBurned[i] = burned[i]!;
      if (k === inp.months - 1 && inp.unlocked[k]! - b <= 0) deflating++;
    }
    onMonth(k, out);
  }
  return {
    runs: n,
    emissionRunsOut: sumU8(short),
    nodesUnprofitable3: sumU8(losing3),
    netDeflation: deflating,
  };
}

const sumU8 = (a: Uint8Array): number => a.reduce((s, v) => s + v, 0);
