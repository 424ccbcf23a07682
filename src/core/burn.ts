/**
 * Buy-and-burn projection (SPEC §4 burn), exact: revenue goes to the BuyBack Vault, the vault buys
 * tokens at the month's price (never more than a share of the circulating float; unspent USD
 * carries over), and the bought tokens are split burn / treasury / execution by largest remainder.
 * USD figures are exact rationals rounded to 10⁻¹² USD each month; tokens are base units.
 */
import { allocate } from './allocate.js';
import { weightsOf } from './fees.js';
import { type Rational, rat, add, cmp, div, floorDiv, gcd, mul, ONE, ZERO } from './rational.js';

export interface BuybackSplit {
  revenueShare: Rational;
  burn: Rational;
  treasury: Rational;
  execution: Rational;
  /** The vault buys at most this share of the circulating float in a month. */
  maxBuyPctOfFloat: Rational;
}

export type PriceModel = 'constant' | 'growth' | 'gbm';

export interface ProjectionSpec {
  /** YYYY-MM labels of the months, in order. */
  months: string[];
  revenueStartUsd: Rational;
  /** Monthly revenue growth (may be negative). */
  revenueGrowth: Rational;
  priceModel: PriceModel;
  priceStartUsd: Rational;
  /** Annual drift of the price (growth and gbm models). */
  drift: Rational;
  /** Annual volatility (gbm, Monte Carlo). */
  volatility: Rational;
  /** Do treasury holdings / execution rewards count as circulating? */
  treasuryCirculates: boolean;
  executionCirculates: boolean;
}

export interface BurnInputs {
  spec: ProjectionSpec;
  buyback: BuybackSplit;
  decimals: number;
  /** The supply cap, base units. */
  supply: bigint;
  /** Unlocked before the first month, base units. */
  unlockedBefore: bigint;
  /** Unlocks in each month, base units. */
  unlocks: bigint[];
}

export interface BurnMonth {
  readonly month: string;
  revenueUsd: Rational;
  /** USD in the vault after this month's purchase (carried over). */
  vaultUsd: Rational;
  priceUsd: Rational;
  bought: bigint;
  burned: bigint;
  toTreasury: bigint;
  toExecution: bigint;
  unlocked: bigint;
  netEmission: bigint;
  totalSupply: bigint;
  circulating: bigint;
  cumulativeBurned: bigint;
  /** (circulating − previous circulating) / previous circulating × 12; undefined from zero. */
  inflationAnnualized?: Rational;
  /** burned / unlocked; undefined when nothing unlocked. */
  coverage?: Rational;
}

/**
 * A projected month. Its three fractions are reduced (a gcd of ~100-bit integers each) only when
 * first read: a sweep reads only a run's totals, and reducing 3 × 120 fractions it never shows was
 * a fifth of its time. Read, they are exactly what `rat` gives.
 */
class Month implements BurnMonth {
  month!: string;
  revenueUsd!: Rational;
  priceUsd!: Rational;
  bought!: bigint;
  burned!: bigint;
  toTreasury!: bigint;
  toExecution!: bigint;
  unlocked!: bigint;
  netEmission!: bigint;
  totalSupply!: bigint;
  circulating!: bigint;
  cumulativeBurned!: bigint;
  readonly #vault: bigint;
  readonly #scale: bigint;
  readonly #prevCirc: bigint;
  #vaultUsd?: Rational;
  #inflation?: Rational;
  #coverage?: Rational;
  constructor(
    fields: Omit<BurnMonth, 'vaultUsd' | 'inflationAnnualized' | 'coverage'>,
    vault: bigint,
    scale: bigint,
    prevCirc: bigint,
  ) {
    Object.assign(this, fields);
    this.#vault = vault;
    this.#scale = scale;
    this.#prevCirc = prevCirc;
  }
  get vaultUsd(): Rational {
    return (this.#vaultUsd ??= rat(this.#vault, this.#scale));
  }
  get inflationAnnualized(): Rational | undefined {
    return this.#prevCirc > 0n
      ? (this.#inflation ??= rat((this.circulating - this.#prevCirc) * 12n, this.#prevCirc))
      : undefined;
  }
  get coverage(): Rational | undefined {
    return this.unlocked > 0n ? (this.#coverage ??= rat(this.burned, this.unlocked)) : undefined;
  }
}

const PICO = 10n ** 12n;
/** n/d (d > 0) rounded half up to 10⁻¹², as a count of 10⁻¹²: floor(n/d × 10¹² + 1/2). */
const picoUnits = (n: bigint, d: bigint): bigint => floorDiv(2n * n * PICO + d, 2n * d);
/** Round half up to 10⁻¹² (USD), keeping month-by-month compounding from growing without bound. */
export const roundPico = (x: Rational): Rational => rat(picoUnits(x.n, x.d), PICO);
/** roundPico(x × y), without reducing the product first. */
const roundPicoMul = (x: Rational, y: Rational): Rational =>
  rat(picoUnits(x.n * y.n, x.d * y.d), PICO);

/** The price path: constant, or compounding drift/12 a month (growth; gbm's drift-only path). */
export function pricePath(spec: ProjectionSpec): Rational[] {
  const step = spec.priceModel === 'constant' ? ONE : add(ONE, div(spec.drift, rat(12n)));
  const out: Rational[] = [];
  let p = spec.priceStartUsd;
  for (let k = 0; k < spec.months.length; k++) {
    out.push(p);
    p = roundPicoMul(p, step);
  }
  return out;
}

/** Revenue: month 1 = startUsd, then × (1 + growth) a month. */
export function revenuePath(spec: ProjectionSpec): Rational[] {
  const out: Rational[] = [];
  let r = spec.revenueStartUsd;
  const step = add(ONE, spec.revenueGrowth);
  for (let k = 0; k < spec.months.length; k++) {
    out.push(cmp(r, ZERO) < 0 ? ZERO : r);
    r = roundPicoMul(r, step);
  }
  return out;
}

/**
 * Run the deterministic projection, or with `prices` a given price path (one per month).
 * The vault is kept as an integer count of 1/S USD, S a common multiple of every denominator it can
 * take (10⁻¹² USD deposits; purchases of bought/10^decimals tokens at each month's price), so the
 * month loop does integer arithmetic only and reduces a fraction just once per month, for its output.
 */
export function projectBurn(
  inp: BurnInputs,
  prices: Rational[] = pricePath(inp.spec),
): BurnMonth[] {
  const { spec, buyback: bb } = inp;
  const unit = 10n ** BigInt(inp.decimals);
  const revenue = revenuePath(spec);
  const weights = weightsOf([bb.burn, bb.treasury, bb.execution]);
  let S = PICO;
  for (let k = 0; k < spec.months.length; k++) {
    const d = unit * prices[k]!.d;
    S = (S / gcd(S, d)) * d;
  }
  const perPico = S / PICO;
  let vault = 0n; // × 1/S USD
  let unlockedCum = inp.unlockedBefore;
  let cumBurned = 0n;
  let cumTreasury = 0n;
  let cumExecution = 0n;
  const circulatingOf = () =>
    unlockedCum -
    cumBurned -
    (spec.treasuryCirculates ? 0n : cumTreasury) -
    (spec.executionCirculates ? 0n : cumExecution);
  let prevCirc = circulatingOf();
  const out: BurnMonth[] = [];
  spec.months.forEach((month, k) => {
    const price = prices[k]!;
    const unlocked = inp.unlocks[k] ?? 0n;
    unlockedCum += unlocked;
    vault +=
      picoUnits(revenue[k]!.n * bb.revenueShare.n, revenue[k]!.d * bb.revenueShare.d) * perPico;
    // The float the vault may buy from: circulating after this month's unlocks.
    const float = circulatingOf();
    const cap = floatCap(float, bb);
    // floor(vault / price × 10^decimals)
    const affordable = price.n > 0n ? floorDiv(vault * price.d * unit, S * price.n) : 0n;
    const bought = affordable < cap ? affordable : cap;
    vault -= bought * price.n * (S / (unit * price.d));
    const [burned = 0n, toTreasury = 0n, toExecution = 0n] =
      bought > 0n ? allocate(bought, weights) : [];
    cumBurned += burned;
    cumTreasury += toTreasury;
    cumExecution += toExecution;
    const circ = circulatingOf();
    out.push(
      new Month(
        {
          month,
          revenueUsd: revenue[k]!,
          priceUsd: price,
          bought,
          burned,
          toTreasury,
          toExecution,
          unlocked,
          netEmission: unlocked - burned,
          totalSupply: inp.supply - cumBurned,
          circulating: circ,
          cumulativeBurned: cumBurned,
        },
        vault,
        S,
        prevCirc,
      ),
    );
    prevCirc = circ;
  });
  return out;
}

/** The most the vault may buy in a month: floor(float × maxBuyPctOfFloat), and never more than the float. */
export function floatCap(float: bigint, bb: BuybackSplit): bigint {
  if (float <= 0n) return 0n;
  const cap = floorDiv(float * bb.maxBuyPctOfFloat.n, bb.maxBuyPctOfFloat.d);
  return cap < float ? cap : float;
}

/** What the vault bought, split burn / treasury / execution by largest remainder, to the base unit. */
export function splitPurchase(
  bought: bigint,
  bb: BuybackSplit,
): [burned: bigint, treasury: bigint, execution: bigint] {
  if (bought <= 0n) return [0n, 0n, 0n];
  const [b, t, e] = allocate(bought, weightsOf([bb.burn, bb.treasury, bb.execution]));
  return [b!, t!, e!];
}

/** First month from which net emission stays ≤ 0 to the end of the horizon, or undefined. */
export function netDeflationFrom(
  months: readonly { month: string; netEmission: bigint }[],
): string | undefined {
  let from: string | undefined;
  for (const m of months) {
    if (m.netEmission <= 0n) from ??= m.month;
    else from = undefined;
  }
  return from;
}

/**
 * Monthly revenue at which the burn offsets the steady-state unlock at the start price:
 * unlock (tokens) × price / (revenueShare × burn share).
 */
export function breakEvenRevenue(
  steadyUnlock: bigint,
  decimals: number,
  priceUsd: Rational,
  bb: BuybackSplit,
): Rational | undefined {
  const denom = mul(bb.revenueShare, bb.burn);
  if (denom.n === 0n) return undefined;
  return div(mul(rat(steadyUnlock, 10n ** BigInt(decimals)), priceUsd), denom);
}

/** The unlocks a projection starts from: everything before its first month, then month by month. */
export function monthlyUnlocks(
  unlocks: readonly { date: string; amount: bigint }[],
  months: readonly string[],
): { unlockedBefore: bigint; unlocks: bigint[] } {
  const byMonth = unlocksByMonth(unlocks);
  const first = months[0]!;
  return {
    unlockedBefore: unlocks
      .filter((u) => u.date.slice(0, 7) < first)
      .reduce((a, u) => a + u.amount, 0n),
    unlocks: months.map((k) => byMonth.get(k) ?? 0n),
  };
}

/**
 * The steady-state unlock: the largest monthly unlock in the months strictly after the last cliff
 * (the latest cliff-end month of any category; with no cliff, any month).
 */
export function steadyStateUnlock(
  unlocks: readonly { date: string; amount: bigint }[],
  cliffEndMonths: readonly string[],
): { lastCliff?: string; amount: bigint } {
  const lastCliff = [...cliffEndMonths].sort().at(-1);
  let amount = 0n;
  for (const [k, v] of unlocksByMonth(unlocks))
    if ((!lastCliff || k > lastCliff) && v > amount) amount = v;
  return { lastCliff, amount };
}

/** Sum unlocks by month label (YYYY-MM). */
export function unlocksByMonth(
  unlocks: readonly { date: string; amount: bigint }[],
): Map<string, bigint> {
  const m = new Map<string, bigint>();
  for (const u of unlocks) {
    const k = u.date.slice(0, 7);
    m.set(k, (m.get(k) ?? 0n) + u.amount);
  }
  return m;
}
