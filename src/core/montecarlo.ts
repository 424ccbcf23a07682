/**
 * Monte Carlo buy-and-burn (SPEC §4 burn --runs): the price follows geometric Brownian motion,
 * monthly steps S·exp((μ − σ²/2)·Δt + σ·√Δt·Z), Δt = 1/12; everything else as in the exact
 * projection, in floating point (whole tokens, Float64Array) — statistics, not accounting.
 * Run r draws from its own stream: the seed's xoroshiro128+ generator jumped r times (pure-rand),
 * so results do not depend on run order and are the same on every machine.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';

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

/**
 * Simulate every run month by month (all runs advance one month together, each from its own
 * stream, so a run's numbers do not depend on the others), and reduce each month to its bands
 * while that month's values are at hand: memory stays at a few columns whatever the run count.
 */
export function runMonteCarlo(inp: McInputs, onProgress?: (monthsDone: number) => void): McBands {
  const M = inp.unlocks.length;
  const R = inp.runs;
  const dt = 1 / 12;
  const drift = (inp.mu - (inp.sigma * inp.sigma) / 2) * dt;
  const vol = inp.sigma * Math.sqrt(dt);
  const keepTreasury = inp.treasuryCirculates ? 0 : 1;
  const keepExecution = inp.executionCirculates ? 0 : 1;
  const base = xoroshiro128plus(inp.seed | 0);
  const rngs = new Array<ReturnType<typeof xoroshiro128plus>>(R);
  for (let r = 0; r < R; r++) {
    rngs[r] = base.clone();
    base.jump();
  }
  const spare = new Float64Array(R).fill(NaN);
  const price = new Float64Array(R).fill(inp.p0);
  const vault = new Float64Array(R);
  const cumBurn = new Float64Array(R);
  const cumTreasury = new Float64Array(R);
  const cumExec = new Float64Array(R);
  const colCirc = new Float64Array(R);
  const colBurn = new Float64Array(R);
  const colPrice = new Float64Array(R);
  const out: McBands = { months: M, runs: R, circulating: [], cumulativeBurned: [], price: [], pNetDeflation: new Float64Array(M) };
  let unlockedCum = inp.unlockedBefore;
  for (let k = 0; k < M; k++) {
    const unlocked = inp.unlocks[k];
    unlockedCum += unlocked;
    const vaultIn = inp.vaultInUsd[k];
    let deflating = 0;
    for (let r = 0; r < R; r++) {
      let p = price[r];
      if (k > 0) {
        // A standard normal by Marsaglia's polar method on the run's uniforms, the pair's second
        // value kept for the run's next month.
        let z = spare[r];
        if (z === z) spare[r] = NaN;
        else {
          const g = rngs[r];
          let u: number;
          let v: number;
          let q: number;
          do {
            u = 2 * uniformFloat64(g) - 1;
            v = 2 * uniformFloat64(g) - 1;
            q = u * u + v * v;
          } while (q >= 1 || q === 0);
          const f = Math.sqrt((-2 * Math.log(q)) / q);
          spare[r] = v * f;
          z = u * f;
        }
        p *= Math.exp(drift + vol * z);
        price[r] = p;
      }
      const v = vault[r] + vaultIn;
      const held = keepTreasury * cumTreasury[r] + keepExecution * cumExec[r];
      const float = unlockedCum - cumBurn[r] - held;
      let bought = v / p;
      const cap = float * inp.maxBuyPctOfFloat;
      if (bought > cap) bought = cap;
      if (bought < 0) bought = 0;
      vault[r] = v - bought * p;
      const burned = bought * inp.burn;
      const cb = cumBurn[r] + burned;
      cumBurn[r] = cb;
      cumTreasury[r] += bought * inp.treasury;
      cumExec[r] += bought * inp.execution;
      colCirc[r] = unlockedCum - cb - keepTreasury * cumTreasury[r] - keepExecution * cumExec[r];
      colBurn[r] = cb;
      colPrice[r] = p;
      if (unlocked - burned <= 0) deflating++;
    }
    out.circulating.push(band(colCirc));
    out.cumulativeBurned.push(band(colBurn));
    out.price.push(band(colPrice));
    out.pNetDeflation[k] = deflating / R;
    onProgress?.(k + 1);
  }
  return out;
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
 * before it and larger after (Hoare's selection, median-of-three pivot). A numeric kernel for
 * Float64Array: d3-array's generic quickselect calls a comparator per step and was 4× slower here.
 */
export function selectFloat64(a: Float64Array, k: number, left = 0, right = a.length - 1): void {
  while (right > left) {
    if (right === left + 1) {
      if (a[right] < a[left]) {
        const t = a[left];
        a[left] = a[right];
        a[right] = t;
      }
      return;
    }
    const mid = (left + right) >>> 1;
    // Median of three as the pivot, moved to a[mid]; a[left] ≤ pivot ≤ a[right] act as sentinels.
    let x = a[left];
    let y = a[mid];
    let z = a[right];
    if (y < x) [x, y] = [y, x];
    if (z < x) [x, z] = [z, x];
    if (z < y) [y, z] = [z, y];
    a[left] = x;
    a[mid] = y;
    a[right] = z;
    const pivot = y;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
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
