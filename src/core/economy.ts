/**
 * The closed loop (SPEC §4 simulate), exact: every token is in one place and the places add up to
 * the supply every month, to the base unit. GPU-hours are integers of 10⁻¹² GPU-hour, USD integers
 * of 10⁻⁶ USD (the pool's unit); rates are exact rationals. The month's steps reuse the other
 * commands' engines: vesting unlocks (given per category), m(U) (fees.ts), the fee split
 * (allocate.ts, as rewards), the vault's float cap and 70/29/1 split (burn.ts), and the pool
 * (pool.ts). All of a month's pool trades clear together at one price (`clear`), so no
 * participant's result depends on the order they are listed in.
 */
import { allocate } from './allocate.js';
import { floatCap, netDeflationFrom, splitPurchase, type BuybackSplit } from './burn.js';
import { demandMultiplier, weightsOf, type Market } from './fees.js';
import { poolPrice, MICRO, type Pool } from './pool.js';
import {
  type Rational,
  rat,
  add,
  cmp,
  floor,
  floorDiv,
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
  /** How fast the multiplier may follow m(U) from month to month (none: at once). */
  feeDynamics: FeeDynamics;
  /** Liquidity providers: a fixed pool, or depth that follows the market. */
  liquidity: Liquidity;
  /** U₀: the utilization before month 1. */
  startUtilization: Rational;
  feeSplit: { nodes: Rational; validators: Rational; treasury: Rational };
  buyback: BuybackSplit;
}

export interface FeeDynamics {
  /** Largest change of the multiplier in a month, as a share of last month's (EIP-1559 style). */
  maxChangePerMonth?: Rational;
  /** Share of the gap between m(U) and last month's multiplier closed in a month (partial adjustment). */
  adjustment?: Rational;
}

/**
 * `fixed`: the pool keeps what it has. `marketCap`: before each month's trades, liquidity providers
 * bring the pool's tokens to `share` of the circulating supply (so its USD side to `share` of the
 * market value), adding or withdrawing both sides at the pool's price; their tokens come from and go
 * back to category `from`'s place (the treasury, or its holders), their USD from and to outside.
 */
export type Liquidity = { model: 'fixed' } | { model: 'marketCap'; share: Rational; from: number };

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
  /** What the month's buyers (fee payers and the vault) spent, 10⁻⁶ USD, and the tokens they got: buyPrice(). */
  boughtUsd: bigint;
  boughtTokens: bigint;
  /** USD in the pool after the month's trades, 10⁻⁶ USD (its tokens are ledger.pool). */
  poolUsd: bigint;
  unlocked: bigint;
  soldByHolders: bigint;
  /** Pool tokens before the month's trades. */
  poolBeforeSales: bigint;
  soldByNodes: bigint;
  boughtForFees: bigint;
  boughtBack: bigint;
  burned: bigint;
  toTreasury: bigint;
  toExecution: bigint;
  /** The vault's USD after its purchase (10⁻⁶ USD), carried over. */
  vault: bigint;
  /** USD the vault spent this month (10⁻⁶ USD). */
  vaultSpent: bigint;
  /** The burned tokens at the month's end price, ⌊burned · y / x⌋ (10⁻⁶ USD): their market value. */
  burnedValue: bigint;
  /** The float cap limited the vault's purchase this month. */
  capBound: boolean;
  /** Tokens liquidity providers added to the pool (negative: withdrew) before the trades, and the USD with them (10⁻⁶ USD). */
  liquidityTokens: bigint;
  liquidityUsd: bigint;
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

/** The average price the month's buyers paid (fee payers and the vault alike), USD per token; undefined when nobody bought. */
export const buyPrice = (m: EconomyMonth, decimals: number): Rational | undefined =>
  m.boughtTokens > 0n
    ? rat(m.boughtUsd * 10n ** BigInt(decimals), m.boughtTokens * MICRO)
    : undefined;

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
  let treasury = cats[inp.treasury]!.unlockedBefore;
  if (inp.pool.from === inp.treasury) treasury -= inp.pool.tokens;
  else holders[inp.pool.from]! -= inp.pool.tokens;
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

const MULTIPLIER_UNIT = 10n ** 12n;

/**
 * Step 3: the multiplier m_t. Its target is m(U_{t−1}) on the fees.market curve; without fee
 * dynamics (or in month 1, `prev` undefined) m_t is the target. With `adjustment` it closes that
 * share of the gap from last month's m; with `maxChangePerMonth` it moves at most that share of last
 * month's m either way. A multiplier that differs from its target is floored to 10⁻¹² (else it would
 * carry every past month's denominators), and never falls below the curve's floor.
 */
export function multiplier(
  prevU: Rational,
  prev: Rational | undefined,
  inp: EconomyInputs,
): Rational {
  const target = demandMultiplier(prevU, inp.market);
  const { adjustment: a, maxChangePerMonth: c } = inp.feeDynamics;
  if (prev === undefined || (a === undefined && c === undefined)) return target;
  // In unreduced integer fractions n/d (this runs every month; reducing each step would cost more).
  let [n, d] = [target.n, target.d];
  if (a !== undefined) {
    // prev + a·(target − prev)
    [n, d] = [
      prev.n * target.d * a.d + a.n * (target.n * prev.d - prev.n * target.d),
      prev.d * target.d * a.d,
    ];
  }
  if (c !== undefined) {
    // Within prev·(1 ± c): compare n/d with prev.n·(c.d ± c.n) / (prev.d·c.d).
    const bd = prev.d * c.d;
    const [hi, lo] = [prev.n * (c.d + c.n), prev.n * (c.d - c.n)];
    if (n * bd > hi * d) [n, d] = [hi, bd];
    else if (n * bd < lo * d) [n, d] = [lo, bd];
  }
  if (n * target.d === target.n * d) return target;
  const m = rat(floorDiv(n * MULTIPLIER_UNIT, d), MULTIPLIER_UNIT);
  return cmp(m, inp.market.floor) < 0 ? inp.market.floor : m;
}

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
  // Floors of products, in integers (a floor needs no reduced fraction: no gcd every month).
  const f = elasticFactor(m, inp.demand.elasticity);
  const requested = floorDiv(demand * f.n, f.d);
  const served = requested < capacity ? requested : capacity;
  return {
    feeUsdPerGpuHour: fee,
    requested,
    served,
    utilization: capacity > 0n ? rat(served, capacity) : ONE,
    revenue: floorDiv(served * fee.n, (GPU_HOUR / MICRO) * fee.d),
  };
}

/** Step 2: emission is perMonth, or what its source still holds. */
export const emit = (source: bigint, perMonth: bigint): bigint =>
  source < perMonth ? source : perMonth;

/**
 * Step 4 (liquidity `marketCap`): the tokens liquidity providers add (negative: withdraw) so that
 * the pool holds `share` of the circulating supply, with the USD at the pool's price. Tokens from a
 * place that does not circulate (the treasury) start circulating in the pool, so the target counts
 * them: Δ = (share·C − x) / (1 − share). Adding is limited to what `available` holds and pays
 * ⌈Δ·y/x⌉ USD; withdrawing leaves at least one token and takes ⌊Δ·y/x⌋: the price never falls.
 */
export function provideLiquidity(
  pool: Pool,
  circulating: bigint,
  available: bigint,
  circulates: boolean,
  share: Rational,
): { pool: Pool; tokens: bigint; usd: bigint } {
  // (share·C − x) / (1 − share) or share·C − x, floored, in integers: share = n/d.
  const gap = share.n * circulating - pool.x * share.d;
  let d = floorDiv(gap, circulates ? share.d : share.d - share.n);
  if (d > 0n) {
    if (d > available) d = available;
    if (d <= 0n) return { pool, tokens: 0n, usd: 0n };
    const usd = ceilDiv(d * pool.y, pool.x);
    return { pool: { x: pool.x + d, y: pool.y + usd }, tokens: d, usd };
  }
  if (d === 0n) return { pool, tokens: 0n, usd: 0n };
  let w = -d;
  if (w > pool.x - 1n) w = pool.x - 1n;
  const usd = (w * pool.y) / pool.x;
  return { pool: { x: pool.x - w, y: pool.y - usd }, tokens: -w, usd: -usd };
}

/**
 * The continuous month, in double precision: sellers bring S tokens and buyers B USD, each spread
 * evenly over the month, against a pool x·y = k. The pool follows dx/dt = S − B·x²/k, whose solution
 * after the month is x₁ = x* · (x + x*·tanh a) / (x* + x·tanh a), with x* = √(k·S/B) (where buying
 * and selling balance, at the price B/S) and a = √(S·B/k). Returns Δ = x₁ − x, written
 * Δ = tanh a · x · (y·S/B − x) / (x* + x·tanh a) so that a small month loses no digits to a
 * cancellation. Both paths use it: the exact one rounds it to the base unit and settles in integers.
 */
export function poolDelta(x: number, y: number, sells: number, buys: number): number {
  if (buys <= 0) return sells;
  if (sells <= 0) return -(x * buys) / (y + buys);
  const xs = x * Math.sqrt((y * sells) / (x * buys));
  const th = Math.tanh(sells / xs);
  return (th * x * ((y * sells) / buys - x)) / (xs + x * th);
}

/**
 * What the vault spends when its tokens would pass the cap: the even rate v ≤ `vault` at which its
 * share of the buyers' tokens, v / (B + v) · (S − Δ), is `cap` (bisection in double precision; the
 * share grows with v). Returns `vault` itself when that stays within the cap.
 */
export function vaultSpend(
  x: number,
  y: number,
  sells: number,
  buys: number,
  vault: number,
  cap: number,
): number {
  const part = (v: number) => (v / (buys + v)) * (sells - poolDelta(x, y, sells, buys + v));
  if (vault <= 0 || part(vault) <= cap) return vault;
  let lo = 0;
  let hi = vault;
  for (let i = 0; i < 100 && hi - lo > hi * 1e-15; i++) {
    const mid = (lo + hi) / 2;
    if (part(mid) > cap) hi = mid;
    else lo = mid;
  }
  return lo;
}

export interface Trade {
  pool: Pool;
  /** Tokens each buyer got, in the order given (the vault's apart). */
  bought: bigint[];
  /** USD (10⁻⁶) the sellers got together. */
  paid: bigint;
  /** The vault's tokens and the USD it spent; capped: its tokens are the cap. */
  vaultTokens: bigint;
  vaultSpent: bigint;
  capped: boolean;
  /** USD spent and tokens bought by all buyers: their average price, the same for each. */
  spent: bigint;
  tokens: bigint;
}

const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;
const total = (xs: readonly bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);

/**
 * Step 5: the month's trades, as flows spread evenly over the month (the limit of ever more, ever
 * smaller rounds in which everybody trades a slice at once): nobody trades first, every buyer pays
 * the same average price (the harmonic mean of the month's prices) and every seller gets the same
 * (their arithmetic mean). The path is `poolDelta`'s; in integers the buyers get ⌊S − Δ⌋ tokens
 * (never more than their USD buys with no seller), split by their USD (largest remainder); the pool
 * ends at x₁ = x + S − bought and y₁ = ⌈k / x₁⌉ (with no seller: y + B), so k never falls; the
 * sellers get y + B − y₁. The
 * vault buys within `cap` (vaultSpend: it spends at a lower even rate, buying exactly the cap) and
 * stays out when its USD would buy no whole base unit.
 */
export function trade(
  pool: Pool,
  sells: readonly bigint[],
  buys: readonly bigint[],
  vault: bigint,
  cap: bigint,
): Trade {
  const S = total(sells);
  const B = total(buys);
  const k = pool.x * pool.y;
  const [x, y] = [Number(pool.x), Number(pool.y)];
  // The buyers' tokens when they bring `paidIn`: the continuous path's, floored, and never more
  // than their USD alone would buy from the pool.
  const tokensFor = (paidIn: bigint): bigint => {
    if (paidIn <= 0n) return 0n;
    const ideal = Number(S) - poolDelta(x, y, Number(S), Number(paidIn));
    const most = pool.x + S - ceilDiv(k, pool.y + paidIn);
    const t = ideal > 0 ? BigInt(Math.floor(ideal)) : 0n;
    return t < most ? t : most > 0n ? most : 0n;
  };
  const settle = (
    tokens: bigint,
    bought: bigint[],
    vaultTokens: bigint,
    vaultSpent: bigint,
    capped: boolean,
  ): Trade => {
    // Tokens nobody was owed (a capped vault's rounding with no other buyer) stay in the pool.
    tokens = vaultTokens + total(bought);
    const x1 = pool.x + S - tokens;
    const spent = B + vaultSpent;
    // With no seller to pay, the pool keeps what the buyers brought (their rounding its dust).
    const y1 = S > 0n ? ceilDiv(k, x1) : pool.y + spent;
    return {
      pool: { x: x1, y: y1 },
      bought,
      paid: pool.y + spent - y1,
      vaultTokens,
      vaultSpent,
      capped,
      spent,
      tokens,
    };
  };
  const without = () => {
    const t = tokensFor(B);
    return settle(t, allocateOrZero(t, buys), 0n, 0n, false);
  };
  if (vault <= 0n) return without();
  const all = tokensFor(B + vault);
  // The vault's share against all other buyers together (so how they are cut up cannot move it).
  const mine = allocate(all, [B, vault])[1]!;
  // A purchase worth nothing is not made; the vault never takes more than its cap.
  if (mine === 0n || cap <= 0n) return without();
  if (mine <= cap) return settle(all, allocateOrZero(all - mine, buys), mine, vault, false);
  let spent = BigInt(Math.ceil(vaultSpend(x, y, Number(S), Number(B), Number(vault), Number(cap))));
  if (spent > vault) spent = vault;
  const t = tokensFor(B + spent);
  const vaultTokens = t < cap ? t : cap;
  return settle(t, allocateOrZero(t - vaultTokens, buys), vaultTokens, spent, true);
}

/** allocate() that gives zeros when every weight is zero (nobody bought). */
const allocateOrZero = (t: bigint, w: readonly bigint[]): bigint[] =>
  w.some((x) => x > 0n) ? allocate(t, w) : w.map(() => 0n);

/**
 * Step 6: the fee payers' tokens, to nodes / validators / treasury. The nodes sell `sellShare` of
 * their fee tokens inside the same batch, so that part was paid to them in USD (it never left the
 * pool); the tokens bought are split by what each keeps: f_n·(1 − sellShare) : f_v : f_t, largest
 * remainder.
 */
export function splitFeeTokens(tokens: bigint, inp: EconomyInputs): [bigint, bigint, bigint] {
  let w = feeWeights.get(inp);
  if (!w) {
    const f = inp.feeSplit;
    w = weightsOf([mul(f.nodes, sub(ONE, inp.supplySide.sellShare)), f.validators, f.treasury]);
    feeWeights.set(inp, w);
  }
  const [n, v, t] = allocate(tokens, w);
  return [n!, v!, t!];
}
const feeWeights = new WeakMap<EconomyInputs, bigint[]>();

/**
 * Step 7: the nodes' margin, income × end price / (capacity × cost) − 1 (undefined when capacity
 * costs nothing).
 */
export function nodeMargin(
  income: bigint,
  pool: Pool,
  capacity: bigint,
  s: EconomyInputs['supplySide'],
): Rational | undefined {
  // income·y/x (10⁻⁶ USD) over capacity·cost (10⁻⁶ USD, capacity in 10⁻¹² GPU-hours), less one, as
  // one fraction: a single reduction.
  const c = s.costPerGpuHourUsd;
  const cost = capacity * c.n * pool.x;
  if (cost === 0n) return undefined;
  return rat(income * pool.y * c.d * (GPU_HOUR / MICRO) - cost, cost);
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
  // The nodes' fee USD: the share of the fee they sell back within the batch.
  const nodeUsdShare = mul(inp.feeSplit.nodes, s.sellShare);
  let prevU = inp.startUtilization;
  let prevM: Rational | undefined;
  let vault = 0n;
  const out: EconomyMonth[] = [];
  const take = (c: number, t: bigint) => {
    if (c === T) l.treasury -= t;
    else l.holders[c]! -= t;
  };
  inp.months.forEach((month, k) => {
    l = { ...l, locked: [...l.locked], holders: [...l.holders] };
    // 1. Unlocks move from locked to their holders (the treasury category's to the treasury).
    let unlocked = 0n;
    for (let c = 0; c < cats.length; c++) {
      const u = cats[c]!.unlocks[k] ?? 0n;
      unlocked += u;
      l.locked[c]! -= u;
      take(c, -u);
    }
    //    Holders set aside their share of what unlocked for sale (it trades in step 5); what they
    //    keep is what the steps before may use.
    let soldByHolders = 0n;
    for (let c = 0; c < cats.length; c++) {
      const sold = mulFloor(cats[c]!.unlocks[k] ?? 0n, cats[c]!.sellShare);
      soldByHolders += sold;
      take(c, sold);
    }
    // 2. Emission from its source category's unlocked tokens, as far as they go, to the nodes.
    const E = inp.emission.from;
    const emitted = emit(E === T ? l.treasury : l.holders[E]!, inp.emission.perMonth);
    take(E, emitted);
    l.nodes += emitted;
    // 3. The fee from last month's utilization; demand answers it; capacity serves what it can.
    const m = multiplier(prevU, prevM, inp);
    const sv = serve(demand, m, capacity, inp);
    const { revenue } = sv;
    // 4. Liquidity providers bring the pool to its depth at the pool's price (marketCap).
    let lp = { pool, tokens: 0n, usd: 0n };
    const liq = inp.liquidity;
    if (liq.model === 'marketCap') {
      const F = liq.from;
      const circ = inp.supply - sum(l.locked) - l.treasury - l.burned;
      lp = provideLiquidity(pool, circ, F === T ? l.treasury : l.holders[F]!, F !== T, liq.share);
      pool = lp.pool;
      take(F, lp.tokens);
    }
    const poolBeforeSales = pool.x;
    // 5. The month's orders clear at one price: holders sell their share of what unlocked; nodes
    //    their share of the emission; fee payers bring the revenue less the nodes' sold fee share
    //    (paid to them in USD); the vault its USD, within the float cap (the float before trading).
    const emissionSold = mulFloor(emitted, s.sellShare);
    l.nodes -= emissionSold;
    const nodeUsd = mulFloor(revenue, nodeUsdShare);
    vault += mulFloor(revenue, inp.buyback.revenueShare);
    const float = inp.supply - sum(l.locked) - l.treasury - l.burned;
    const cl = trade(
      pool,
      [soldByHolders, emissionSold],
      [revenue - nodeUsd],
      vault,
      floatCap(float, inp.buyback),
    );
    pool = cl.pool;
    vault -= cl.vaultSpent;
    // 6. The fee tokens by the fee split (the nodes' sold part as USD); the vault's 70/29/1.
    const [nodesKept, validators, treasuryFees] = splitFeeTokens(cl.bought[0]!, inp);
    l.nodes += nodesKept;
    l.validators += validators;
    l.treasury += treasuryFees;
    const boughtBack = cl.vaultTokens;
    const [burned, toTreasury, toExecution] = splitPurchase(boughtBack, inp.buyback);
    l.burned += burned;
    l.treasury += toTreasury;
    l.execution += toExecution;
    l.pool = pool.x;
    // The nodes' fee tokens sold back as they came: what their USD share buys at the buyers' price.
    const crossed = cl.spent > 0n ? (nodeUsd * cl.tokens) / cl.spent : 0n;
    const nodeIncome = nodesKept + crossed + emitted;
    // 7. Margin at the end-of-month price moves next month's capacity.
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
      boughtUsd: cl.spent,
      boughtTokens: cl.tokens,
      poolUsd: pool.y,
      unlocked,
      soldByHolders,
      poolBeforeSales,
      soldByNodes: emissionSold + crossed,
      boughtForFees: cl.bought[0]! + crossed,
      boughtBack,
      burned,
      toTreasury,
      toExecution,
      vault,
      vaultSpent: cl.vaultSpent,
      burnedValue: (burned * pool.y) / pool.x,
      capBound: cl.capped,
      liquidityTokens: lp.tokens,
      liquidityUsd: lp.usd,
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
    prevM = m;
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
  /** Σ burned × the month's end price, 10⁻⁶ USD: the market value the burn took off the market. */
  burnedValue: bigint;
  /** The longest run of fee changes (each ≥ FEE_CYCLE_MIN) alternating in sign, and its first month; 0 below FEE_CYCLE_RUN. */
  feeCycleMonths: number;
  feeCycleFrom?: string;
  /** Months in which the float cap limited the vault's purchase. */
  monthsCapBound: number;
  /** The vault's USD at the end, and the most it held (and when), 10⁻⁶ USD. */
  vaultUnspent: bigint;
  vaultMax: bigint;
  vaultMaxMonth: string;
  /** The pool's tokens at their lowest (after a month's trades) / at the start, and the month. */
  poolTokensMin: Rational;
  poolTokensMinMonth: string;
  /** USD liquidity providers brought, less what they took out, 10⁻⁶ USD. */
  liquidityUsdNet: bigint;
  /** The last month in the horizon with an unlock (undefined: none). */
  lastUnlockMonth?: string;
}

/** A fee change counts toward a cycle from 1% (either way). */
export const FEE_CYCLE_MIN = 0.01;
/** A cycle: at least 4 fee changes in a row, each the other way from the one before (up, down, up, down). */
export const FEE_CYCLE_RUN = 4;

/**
 * The longest stretch of monthly fee changes (each at least FEE_CYCLE_MIN) that alternate in sign,
 * as [changes, first month]; [0] when shorter than FEE_CYCLE_RUN. `changes[k]` is month k's change
 * on month k − 1 (k ≥ 1).
 */
export function feeCycle(
  changes: readonly number[],
  months: readonly string[],
): [number, string | undefined] {
  let best = 0;
  let bestFrom: string | undefined;
  let run = 0;
  let from = 0;
  for (let k = 1; k < changes.length; k++) {
    const c = changes[k]!;
    if (Math.abs(c) < FEE_CYCLE_MIN) {
      run = 0;
      continue;
    }
    if (run > 0 && Math.sign(c) !== Math.sign(changes[k - 1]!)) run++;
    else {
      run = 1;
      from = k;
    }
    if (run > best) {
      best = run;
      bestFrom = months[from];
    }
  }
  return best >= FEE_CYCLE_RUN ? [best, bestFrom] : [0, undefined];
}

/** The seed's risks as numbers, from a run of the loop. */
export function economyRisks(inp: EconomyInputs, ms: readonly EconomyMonth[]): EconomyRisks {
  // Valued in 10⁻⁶ USD at each month's end price (integers: a sum of rationals would grow without bound).
  let emissionValue = 0n;
  let incomeValue = 0n;
  let uMin = ms[0]!.utilization;
  let uMax = ms[0]!.utilization;
  let prevPrice = startPrice(inp);
  let worst: [bigint, bigint] = [1n, 1n];
  let worstMonth = ms[0]!.month;
  let largest = ms[0]!;
  let unprofitable = 0;
  let unlocked = 0n;
  let emitted = 0n;
  let burnedValue = 0n;
  let capBound = 0;
  let vaultMax = 0n;
  let vaultMaxMonth = ms[0]!.month;
  let poolMin = ms[0]!;
  let liquidityUsd = 0n;
  let lastUnlock: string | undefined;
  const feeChanges: number[] = [0];
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
      feeChanges.push(toNumber(x.feeUsdPerGpuHour) / toNumber(ms[k - 1]!.feeUsdPerGpuHour) - 1);
    unlocked += x.unlocked;
    emitted += x.emitted;
    burnedValue += x.burnedValue;
    if (x.capBound) capBound++;
    if (x.vault > vaultMax) {
      vaultMax = x.vault;
      vaultMaxMonth = x.month;
    }
    if (x.ledger.pool < poolMin.ledger.pool) poolMin = x;
    liquidityUsd += x.liquidityUsd;
    if (x.unlocked > 0n) lastUnlock = x.month;
  });
  const changes = feeChanges.slice(1);
  const mean = changes.reduce((a, b) => a + b, 0) / (changes.length || 1);
  const sd = Math.sqrt(changes.reduce((a, b) => a + (b - mean) ** 2, 0) / (changes.length || 1));
  const [cycle, cycleFrom] = feeCycle(
    feeChanges,
    ms.map((x) => x.month),
  );
  const last = ms[ms.length - 1]!;
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
    burnedValue,
    feeCycleMonths: cycle,
    feeCycleFrom: cycleFrom,
    monthsCapBound: capBound,
    vaultUnspent: last.vault,
    vaultMax,
    vaultMaxMonth,
    poolTokensMin: rat(poolMin.ledger.pool, inp.pool.tokens),
    poolTokensMinMonth: poolMin.month,
    liquidityUsdNet: liquidityUsd,
    lastUnlockMonth: lastUnlock,
  };
}
