/**
 * Monte Carlo of the closed loop (SPEC §4 simulate --runs): the exact loop's eight steps in floating
 * point (whole tokens, USD), with a monthly lognormal shock to demand and an exogenous market move
 * of the pool's price each month. Statistics, not accounting: the exact ledger is
 * src/core/economy.ts, and a test shows this path equals it within 1e-9 relative when the shocks
 * are off. All runs advance one month together on typed arrays of length `runs`, and each month is
 * handed over (then overwritten), so memory does not grow with the months; run r draws from its own
 * stream (the seed's xoroshiro128+ jumped r times, as in burn), so results do not depend on run order.
 */
import type { EconomyInputs } from './economy.js';
import { normalPair, runStreams } from './montecarlo.js';
import { type Rational, toNumber } from './rational.js';

export interface EconomyFloatInputs {
  months: number;
  supply: number;
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
  u0: number;
  split: [nodes: number, validators: number, treasury: number];
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
    const u = cats[c].unlocks[k] ?? 0n;
    return (u * cats[c].sellShare.n) / cats[c].sellShare.d;
  };
  const kept = (c: number, k: number) => (cats[c].unlocks[k] ?? 0n) - sold(c, k);
  const sumOver = (fn: (c: number) => bigint) => cats.reduce((a, _, c) => a + fn(c), 0n);
  let locked = sumOver((c) => cats[c].allocation - cats[c].unlockedBefore);
  const lockedAfter = per((k) => (locked -= sumOver((c) => cats[c].unlocks[k] ?? 0n)));
  const T = inp.treasury;
  const E = inp.emission.from;
  const P = inp.pool.from;
  const holders0 =
    sumOver((c) => (c === T ? 0n : cats[c].unlockedBefore)) - (P === T ? 0n : inp.pool.tokens);
  const demand = new Float64Array(M);
  let d = toNumber(inp.demand.gpuHours);
  const g = 1 + f(inp.demand.growth);
  for (let k = 0; k < M; k++) {
    demand[k] = d > 0 ? d : 0;
    d *= g;
  }
  const s = inp.supplySide;
  const bb = inp.buyback;
  return {
    months: M,
    supply: tok(inp.supply),
    unlocked: per((k) => sumOver((c) => cats[c].unlocks[k] ?? 0n)),
    locked: lockedAfter,
    soldByHolders: per((k) => sumOver((c) => sold(c, k))),
    keptByTreasury: per((k) => kept(T, k)),
    keptByHolders: per((k) => sumOver((c) => (c === T ? 0n : kept(c, k)))),
    emissionFromTreasury: E === T,
    keptBySource: per((k) => kept(E, k)),
    source0: tok(E === T ? 0n : cats[E].unlockedBefore - (P === E ? inp.pool.tokens : 0n)),
    treasury0: tok(cats[T].unlockedBefore - (P === T ? inp.pool.tokens : 0n)),
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
    u0: f(inp.startUtilization),
    split: [f(inp.feeSplit.nodes), f(inp.feeSplit.validators), f(inp.feeSplit.treasury)],
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

/** A pool in floating point: whole tokens and USD. Mutated in place by the trades below. */
export interface PoolF {
  x: number;
  y: number;
}

/** Sell dx tokens into the pool (x·y = k). */
export function sellF(p: PoolF, dx: number): void {
  if (dx > 0) {
    const x = p.x + dx;
    p.y = (p.x * p.y) / x;
    p.x = x;
  }
}

/** Spend dy USD on the pool; the tokens it pays. */
export function buyF(p: PoolF, dy: number): number {
  const y = p.y + dy;
  const t = p.x - (p.x * p.y) / y;
  p.x -= t;
  p.y = y;
  return t;
}

/** Twin of multiplier: m(U) on the fees.market curve, floored. */
export function multiplierF(u: number, inp: EconomyFloatInputs): number {
  const m =
    u <= inp.target
      ? inp.target === 0
        ? 1
        : 1 - (inp.belowSlope * (inp.target - u)) / inp.target
      : inp.target >= 1
        ? 1
        : 1 + (inp.aboveSlope * (u - inp.target)) / (1 - inp.target);
  return m < inp.floor ? inp.floor : m;
}

/** Twin of serve (its result in `out`, reused): demand at this fee, served, utilization, revenue. */
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

/** Twin of vaultBuy: the vault spends `vault` USD, at most `cap` tokens; returns the tokens, leaves the USD in `left`. */
export function vaultBuyF(p: PoolF, vault: number, cap: number, left: { usd: number }): number {
  if (cap >= p.x) cap = p.x;
  const y1 = p.y + vault;
  const bought = p.x - (p.x * p.y) / y1;
  if (bought <= cap) {
    p.x -= bought;
    p.y = y1;
    left.usd = 0;
    return bought;
  }
  const x1 = p.x - cap;
  const yn = (p.x * p.y) / x1;
  left.usd = vault - (yn - p.y);
  p.x = x1;
  p.y = yn;
  return cap;
}

/** Twin of emit. */
export const emitF = (source: number, perMonth: number): number =>
  source < perMonth ? source : perMonth;

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
  const treasury = new Float64Array(n).fill(inp.treasury0);
  const source = new Float64Array(n).fill(inp.source0);
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
  const [sNodes, , sTreasury] = inp.split;
  const [bBurn, bTreasury] = inp.bb;
  let deflating = 0;
  for (let k = 0; k < inp.months; k++) {
    const soldH = inp.soldByHolders[k];
    const locked = inp.locked[k];
    const dk = inp.demand[k];
    for (let i = 0; i < n; i++) {
      // Objects made per run-month so that V8 keeps their fields in registers (escape analysis).
      const p: PoolF = { x: x[i], y: y[i] };
      const sv: ServedF = { fee: 0, requested: 0, served: 0, utilization: 0, revenue: 0 };
      const left = { usd: 0 };
      let shockD = 1;
      if (rngs) {
        normalPair(rngs[i], z);
        shockD = Math.exp(sd * z[0] - (sd * sd) / 2);
        if (sm > 0) {
          // An exogenous trade moves the price by exp(σ√Δt·Z − σ²Δt/2) at constant k: traders buy
          // into `outside`, or sell out of it and the holders' tokens (never more than they have).
          const r = Math.sqrt(Math.exp(sm * z[1] - (sm * sm) / 2));
          const K = p.x * p.y;
          let X1 = p.x / r;
          if (X1 - p.x > free[i]) X1 = p.x + free[i];
          free[i] -= X1 - p.x;
          p.x = X1;
          p.y = K / X1;
        }
      }
      // 1–2. Unlocks, and the holders' sale into the pool.
      treasury[i] += inp.keptByTreasury[k];
      free[i] += inp.keptByHolders[k];
      if (!inp.emissionFromTreasury) source[i] += inp.keptBySource[k];
      sellF(p, soldH);
      // 3. Fee from last month's utilization; demand answers; capacity serves.
      const m = multiplierF(prevU[i], inp);
      const c = cap[i];
      serveF(dk * shockD, m, c, inp, sv);
      const revenue = sv.revenue;
      // 4. Fee payers buy tokens; nodes / validators / treasury.
      const bought = buyF(p, revenue);
      const feeNodes = bought * sNodes;
      treasury[i] += bought * sTreasury;
      // 5. The vault buys within the float cap.
      const float = inp.supply - locked - treasury[i] - burned[i];
      const boughtBack = vaultBuyF(
        p,
        vault[i] + revenue * inp.revenueShare,
        float > 0 ? float * inp.maxBuy : 0,
        left,
      );
      vault[i] = left.usd;
      const b = boughtBack * bBurn;
      burned[i] += b;
      treasury[i] += boughtBack * bTreasury;
      // 6. Emission from its source.
      const emitted = emitF(inp.emissionFromTreasury ? treasury[i] : source[i], inp.perMonth);
      if (emitted < inp.perMonth) short[i] = 1;
      if (inp.emissionFromTreasury) treasury[i] -= emitted;
      else {
        source[i] -= emitted;
        free[i] -= emitted;
      }
      // 7. Nodes sell.
      const income = feeNodes + emitted;
      sellF(p, income * inp.nodeSell);
      // 8. Margin at the end price moves next month's capacity.
      const margin = nodeMarginF(income, p, c, inp);
      if (margin < 0) {
        if (++streak[i] >= 3) losing3[i] = 1;
      } else if (!Number.isNaN(margin)) streak[i] = 0;
      cap[i] = nextCapacityF(c, margin, inp);
      prevU[i] = sv.utilization;
      x[i] = p.x;
      y[i] = p.y;
      out.price[i] = p.y / p.x;
      out.capacity[i] = c;
      out.utilization[i] = sv.utilization;
      out.circulating[i] = inp.supply - locked - treasury[i] - burned[i];
      out.cumulativeBurned[i] = burned[i];
      if (k === inp.months - 1 && inp.unlocked[k] - b <= 0) deflating++;
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
