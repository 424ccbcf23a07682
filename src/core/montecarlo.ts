/**
 * Monte Carlo buy-and-burn (SPEC §4 burn --runs): the price follows geometric Brownian motion,
 * monthly steps S·exp((μ − σ²/2)·Δt + σ·√Δt·Z), Δt = 1/12; everything else as in the exact
 * projection, in floating point (whole tokens, Float64Array) — statistics, not accounting.
 * Run r draws from its own stream: the seed's xoroshiro128+ generator jumped r times (pure-rand),
 * so results do not depend on run order and are the same on every machine.
 */
import { InputError } from './errors.js';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { revenuePath, type BurnInputs } from './burn.js';
import { type Rational, mul, toNumber } from './rational.js';

const TWO_POW_M31 = 2 ** -31;

export interface McInputs {
  runs: number;
  seed: number;
  /** USD deposited in the vault each month (revenue × revenue share). */
  vaultInUsd: Float64Array;
  /** Tokens unlocked each month. */
  unlocks: Float64Array;
  unlockedBefore: number;
  p0: number;
  /** Annual drift and volatility of the price. */
  mu: number;
  sigma: number;
  maxBuyPctOfFloat: number;
  burn: number;
  treasury: number;
  execution: number;
  treasuryCirculates: boolean;
  executionCirculates: boolean;
}

export interface Band {
  p5: number;
  p50: number;
  p95: number;
}

export interface McBands {
  months: number;
  runs: number;
  circulating: Band[];
  cumulativeBurned: Band[];
  price: Band[];
  /** Share of runs whose net emission in month k was ≤ 0. */
  pNetDeflation: Float64Array;
}

/** Per-month values of every run, month-major: run r in month k at [k·runs + r]. */
/**
 * Bytes a run-month takes: its three Float64 cells (24) and what reducing them to bands adds,
 * measured (peak RSS grows 25.5 bytes a run-month at 89 months, 100k–400k runs).
 */
const BYTES_PER_RUN_MONTH = 26;
/** Bytes a run takes whatever the months (its state between blocks, its stream), with margin. */
const BYTES_PER_RUN = 160;
/** The process before the first run (Node, the code, the parameters: ~80 MB), with margin. */
const BASE_BYTES = 160 * 1024 ** 2;
/** The whole process's memory for `runs` × `months`: what MC_MAX_BYTES is held against. */
export const mcMemoryBytes = (months: number, runs: number): number =>
  BASE_BYTES + runs * (BYTES_PER_RUN + BYTES_PER_RUN_MONTH * months);
/**
 * The most memory a Monte Carlo run may take, the whole process counted (the columns are held
 * whole to take percentiles): the one limit, stated in the refusal and in the docs.
 */
export const MC_MAX_BYTES = 2 * 1024 ** 3;
/** The most runs that fit MC_MAX_BYTES over `months`. */
export const mcMaxRuns = (months: number): number =>
  Math.max(
    0,
    Math.floor((MC_MAX_BYTES - BASE_BYTES) / (BYTES_PER_RUN + BYTES_PER_RUN_MONTH * months)),
  );

/** The Monte Carlo inputs of an exact projection: the same revenue, unlocks and shares, as floats. */
export function mcInputsOf(b: BurnInputs, runs: number, seed: number): McInputs {
  const months = b.spec.months.length;
  const bytes = mcMemoryBytes(months, runs);
  if (bytes > MC_MAX_BYTES) {
    const gb = (x: number) => `${(x / 1024 ** 3).toFixed(1)} GB`;
    const n = (x: number) => x.toLocaleString('en-US');
    throw new InputError(
      `${n(runs)} runs × ${n(months)} months would need about ${gb(bytes)} of memory (${BYTES_PER_RUN_MONTH} bytes a run-month, ${BYTES_PER_RUN} a run, ${n(BASE_BYTES / 1024 ** 2)} MB to start); the limit is ${gb(MC_MAX_BYTES)}: at most ${n(mcMaxRuns(months))} runs over ${n(months)} months; use fewer --runs or --months`,
    );
  }
  const f = (x: Rational) => toNumber(x);
  const tokens = (u: bigint) => Number(u) / 10 ** b.decimals;
  return {
    runs,
    seed,
    vaultInUsd: Float64Array.from(revenuePath(b.spec), (r) => f(mul(r, b.buyback.revenueShare))),
    unlocks: Float64Array.from(b.unlocks, tokens),
    unlockedBefore: tokens(b.unlockedBefore),
    p0: f(b.spec.priceStartUsd),
    mu: f(b.spec.drift),
    sigma: f(b.spec.volatility),
    maxBuyPctOfFloat: f(b.buyback.maxBuyPctOfFloat),
    burn: f(b.buyback.burn),
    treasury: f(b.buyback.treasury),
    execution: f(b.buyback.execution),
    treasuryCirculates: b.spec.treasuryCirculates,
    executionCirculates: b.spec.executionCirculates,
  };
}

export interface McColumns {
  circulating: Float64Array;
  cumulativeBurned: Float64Array;
  price: Float64Array;
  /** Runs (of this slice) whose net emission in month k was ≤ 0. */
  deflation: Uint32Array;
}

export function allocColumns(months: number, runs: number): McColumns {
  return {
    circulating: new Float64Array(months * runs),
    cumulativeBurned: new Float64Array(months * runs),
    price: new Float64Array(months * runs),
    deflation: new Uint32Array(months),
  };
}

/** Months simulated together when `onMonth` listens (progress, or a thread reducing finished months). */
export const MONTH_BLOCK = 12;

/**
 * Simulate runs r0..r1−1, each from its own stream (the seed's generator jumped r times), and write
 * the slice's cells of `cols`. Months go in blocks of `block` (all of them, or MONTH_BLOCK when
 * `onMonth` listens): within a block one run advances through its months with its state in locals,
 * then the next run (a third less work than month by month across all runs); after each block
 * `onMonth` hears how many months every run of the slice has done. A run's draws, and so every
 * cell, are the same whatever the blocks.
 */
export function simulateRuns(
  inp: McInputs,
  r0: number,
  r1: number,
  cols: McColumns,
  onMonth?: (k: number) => void,
  block = onMonth ? MONTH_BLOCK : inp.unlocks.length,
): void {
  const M = inp.unlocks.length;
  const R = inp.runs;
  const n = r1 - r0;
  const dt = 1 / 12;
  const drift = (inp.mu - (inp.sigma * inp.sigma) / 2) * dt;
  const vol = inp.sigma * Math.sqrt(dt);
  const keepTreasury = inp.treasuryCirculates ? 0 : 1;
  const keepExecution = inp.executionCirculates ? 0 : 1;
  const { unlocks, vaultInUsd, maxBuyPctOfFloat: maxBuy, burn, treasury, execution } = inp;
  const { circulating, cumulativeBurned, price: prices, deflation } = cols;
  const rngs = runStreams(inp.seed, r0, r1);
  // Tokens unlocked up to and including month k: the same for every run.
  const unlockedTo = new Float64Array(M);
  let unlockedCum = inp.unlockedBefore;
  for (let k = 0; k < M; k++) unlockedTo[k] = unlockedCum += unlocks[k];
  // Each run's state between blocks; a spare normal is NaN when there is none.
  const state = {
    spare: new Float64Array(n).fill(NaN),
    price: new Float64Array(n).fill(inp.p0),
    vault: new Float64Array(n),
    cumBurn: new Float64Array(n),
    cumTreasury: new Float64Array(n),
    cumExec: new Float64Array(n),
  };
  const pair = new Float64Array(2);
  for (let k0 = 0; k0 < M; k0 += block) {
    const k1 = Math.min(M, k0 + block);
    for (let i = 0; i < n; i++) {
      const g = rngs[i];
      let spare = state.spare[i];
      let p = state.price[i];
      let vault = state.vault[i];
      let cumBurn = state.cumBurn[i];
      let cumTreasury = state.cumTreasury[i];
      let cumExec = state.cumExec[i];
      for (let k = k0, at = k0 * R + r0 + i; k < k1; k++, at += R) {
        if (k > 0) {
          // A standard normal by Marsaglia's polar method on the run's uniforms, the pair's second
          // value kept for the run's next month.
          let z = spare;
          if (z === z) spare = NaN;
          else {
            normalPair(g, pair);
            spare = pair[1];
            z = pair[0];
          }
          p *= Math.exp(drift + vol * z);
        }
        const unlocked = unlocks[k];
        const cash = vault + vaultInUsd[k];
        const float =
          unlockedTo[k] - cumBurn - keepTreasury * cumTreasury - keepExecution * cumExec;
        let bought = cash / p;
        const cap = float * maxBuy;
        if (bought > cap) bought = cap;
        if (bought < 0) bought = 0;
        vault = cash - bought * p;
        const burned = bought * burn;
        cumBurn += burned;
        cumTreasury += bought * treasury;
        cumExec += bought * execution;
        circulating[at] =
          unlockedTo[k] - cumBurn - keepTreasury * cumTreasury - keepExecution * cumExec;
        cumulativeBurned[at] = cumBurn;
        prices[at] = p;
        if (unlocked - burned <= 0) deflation[k]++;
      }
      state.spare[i] = spare;
      state.price[i] = p;
      state.vault[i] = vault;
      state.cumBurn[i] = cumBurn;
      state.cumTreasury[i] = cumTreasury;
      state.cumExec[i] = cumExec;
    }
    onMonth?.(k1);
  }
}

/** A stream of 32-bit draws (pure-rand's generators). */
export interface Draws {
  next(): number;
}

/**
 * Two independent standard normals into out[0], out[1], by Marsaglia's polar method on the
 * stream's uniforms: one 32-bit draw per coordinate, uniform on (−1, 1), ample resolution here.
 */
export function normalPair(g: Draws, out: Float64Array): void {
  let u: number;
  let v: number;
  let q: number;
  do {
    u = g.next() * TWO_POW_M31;
    v = g.next() * TWO_POW_M31;
    q = u * u + v * v;
  } while (q >= 1 || q === 0);
  const f = Math.sqrt((-2 * Math.log(q)) / q);
  out[0] = u * f;
  out[1] = v * f;
}

/** Run r0..r1−1's streams: the seed's xoroshiro128+ generator jumped r times for run r. */
export function runStreams(
  seed: number,
  r0: number,
  r1: number,
): ReturnType<typeof xoroshiro128plus>[] {
  const base = xoroshiro128plus(seed | 0);
  for (let r = 0; r < r0; r++) base.jump();
  const out = new Array<ReturnType<typeof xoroshiro128plus>>(r1 - r0);
  for (let i = 0; i < out.length; i++) {
    out[i] = base.clone();
    base.jump();
  }
  return out;
}

/** Bands of months k0..k1−1 (reorders those months' cells). */
export function bandsOfMonths(
  cols: McColumns,
  runs: number,
  k0: number,
  k1: number,
): Omit<McBands, 'months' | 'runs' | 'pNetDeflation'> {
  const out: Omit<McBands, 'months' | 'runs' | 'pNetDeflation'> = {
    circulating: [],
    cumulativeBurned: [],
    price: [],
  };
  for (let k = k0; k < k1; k++) {
    const cell = (a: Float64Array) => a.subarray(k * runs, (k + 1) * runs);
    out.circulating.push(band(cell(cols.circulating)));
    out.cumulativeBurned.push(band(cell(cols.cumulativeBurned)));
    out.price.push(band(cell(cols.price)));
  }
  return out;
}

/** The whole Monte Carlo on one thread: simulate every run, then reduce each month to its bands. */
export function runMonteCarlo(inp: McInputs, onProgress?: (monthsDone: number) => void): McBands {
  const M = inp.unlocks.length;
  const cols = allocColumns(M, inp.runs);
  simulateRuns(inp, 0, inp.runs, cols, onProgress);
  return {
    months: M,
    runs: inp.runs,
    ...bandsOfMonths(cols, inp.runs, 0, M),
    pNetDeflation: Float64Array.from(cols.deflation, (c) => c / inp.runs),
  };
}

/** Quantile of sorted values, linear interpolation (Hyndman–Fan type 7, numpy's and d3's default). */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Rearrange a[left..right] so that a[k] holds the value it would have if sorted, smaller values
 * before it and larger after: Floyd–Rivest selection, as in d3-array's quickselect, specialised
 * for Float64Array (d3's generic version calls a comparator per step and was 4× slower here).
 */
export function selectFloat64(a: Float64Array, k: number, left = 0, right = a.length - 1): void {
  while (right > left) {
    if (right - left > 600) {
      // Recurse on a sample to bring a good pivot close to k first.
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      selectFloat64(
        a,
        k,
        Math.max(left, Math.floor(k - (m * s) / n + sd)),
        Math.min(right, Math.floor(k + ((n - m) * s) / n + sd)),
      );
    }
    const t = a[k];
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right] > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i] < t) i++;
      while (a[j] > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/**
 * p5 / p50 / p95 (type 7) of a column of values, without sorting: the median's order statistic is
 * selected first, then p5's below it and p95's above it, each in place; the order statistic just
 * above one is the minimum of what lies above it (within the median's side). Reorders `a`.
 */
export function band(a: Float64Array): Band {
  const n = a.length;
  if (n === 0) return { p5: NaN, p50: NaN, p95: NaN };
  const at = (p: number) => {
    const h = (n - 1) * p;
    return { h, lo: Math.floor(h) };
  };
  const mid = at(0.5);
  const low = at(0.05);
  const high = at(0.95);
  selectFloat64(a, mid.lo);
  if (low.lo < mid.lo) selectFloat64(a, low.lo, 0, mid.lo - 1);
  if (high.lo > mid.lo) selectFloat64(a, high.lo, mid.lo + 1, n - 1);
  /** The type-7 value at x: a[x.lo] and, when h is not whole, the next order statistic up. */
  const value = (x: { h: number; lo: number }): number => {
    const v = a[x.lo];
    if (x.h === x.lo) return v;
    // Everything before a selected position is ≤ it and everything after ≥ it, so the next
    // order statistic is the minimum up to the next selected position.
    const upTo = x.lo < mid.lo ? mid.lo : x.lo < high.lo ? high.lo : n - 1;
    let next = Infinity;
    for (let i = x.lo + 1; i <= upTo; i++) if (a[i] < next) next = a[i];
    return v + (x.h - x.lo) * (next - v);
  };
  return { p5: value(low), p50: value(mid), p95: value(high) };
}
