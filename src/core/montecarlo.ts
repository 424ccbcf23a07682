/**
 * Monte Carlo buy-and-burn (SPEC §4 burn --runs): the price follows geometric Brownian motion,
 * monthly steps S·exp((μ − σ²/2)·Δt + σ·√Δt·Z), Δt = 1/12; everything else as in the exact
 * projection, in floating point (whole tokens, Float64Array) — statistics, not accounting.
 * Run r draws from its own stream: the seed's xoroshiro128+ generator jumped r times (pure-rand),
 * so results do not depend on run order and are the same on every machine.
 */
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
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

/** The Monte Carlo inputs of an exact projection: the same revenue, unlocks and shares, as floats. */
export function mcInputsOf(b: BurnInputs, runs: number, seed: number): McInputs {
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

/**
 * How a Monte Carlo holds its numbers, whatever the months: the months go in blocks, and a block's
 * cells (circulating, cumulative burned and price of every run in each of its months) live in one of
 * `slots` block-sized slots, reused once the block is reduced to its bands. Within a block a run
 * advances through its months with its state in locals, then the next run.
 */
export interface McLayout {
  runs: number;
  months: number;
  /** Months a block. */
  block: number;
  /** Block slots: 1 on one thread (simulate a block, reduce it, next); 2 when threads pipeline. */
  slots: number;
}

/** Months a block at most (a run's state is loaded and stored once a block). */
export const MAX_BLOCK = 12;
/** Run-months a block holds at most: 24 bytes each, so 14.4 MB a slot. */
export const BLOCK_CELLS = 600_000;

export function mcLayout(
  runs: number,
  months: number,
  slots: number,
  block = Math.max(1, Math.min(MAX_BLOCK, months, Math.floor(BLOCK_CELLS / runs))),
): McLayout {
  return { runs, months, block, slots };
}

/** Bytes a Monte Carlo holds: the block slots and each run's state, the same for any number of months. */
export const mcMemoryBytes = (l: McLayout): number =>
  l.slots * 3 * 8 * l.block * l.runs + (STATE * 8 + 16) * l.runs + 80 * l.months;

/** Each run's state between blocks, STATE doubles a run. */
const STATE = 6;
const [PRICE, VAULT, CUM_BURN, CUM_TREASURY, CUM_EXEC, SPARE] = [0, 1, 2, 3, 4, 5];

/** The memory of a Monte Carlo: plain or shared, so that threads can work on the same runs. */
export interface McBuffers {
  /** Each run's xoroshiro128+ state, four int32 a run (s01, s00, s11, s10, as pure-rand's). */
  rng: Int32Array;
  /** Each run's price, vault, cumulative burned, treasury and execution, spare normal (NaN: none). */
  state: Float64Array;
  /**
   * The block slots: in slot s, quantity q (circulating, cumulative burned, price) of month
   * k0 + j and run r is at ((s·3 + q)·block + j)·runs + r — each month of a quantity contiguous.
   */
  cells: Float64Array;
  /** Runs whose net emission in month k was ≤ 0. */
  deflation: Int32Array;
  /** Month k's p5, p50, p95 of circulating, then of cumulative burned, then of price, at 9k… */
  bands: Float64Array;
}

/** The buffers of a layout; `make` gives the memory (an ArrayBuffer, or a SharedArrayBuffer for threads). */
export function allocBuffers(
  l: McLayout,
  make: (bytes: number) => ArrayBufferLike = (n) => new ArrayBuffer(n),
): McBuffers {
  return {
    rng: new Int32Array(make(16 * l.runs)),
    state: new Float64Array(make(8 * STATE * l.runs)),
    cells: new Float64Array(make(8 * l.slots * 3 * l.block * l.runs)),
    deflation: new Int32Array(make(4 * l.months)),
    bands: new Float64Array(make(8 * 9 * l.months)),
  };
}

/** Every run's starting state: run r's stream is the seed's generator jumped r times. */
export function initRuns(inp: McInputs, b: McBuffers): void {
  const { rng, state } = b;
  const table = jumpTable();
  const start = xoroshiro128plus(inp.seed | 0).getState();
  let [w0, w1, w2, w3] = [start[0]!, start[1]!, start[2]!, start[3]!];
  for (let r = 0; r < inp.runs; r++) {
    rng[4 * r] = w0;
    rng[4 * r + 1] = w1;
    rng[4 * r + 2] = w2;
    rng[4 * r + 3] = w3;
    state[STATE * r + PRICE] = inp.p0;
    state[STATE * r + SPARE] = NaN;
    // The next run's: the XOR of the jumped images of this state's 16 bytes.
    let j0 = 0;
    let j1 = 0;
    let j2 = 0;
    let j3 = 0;
    let at = 0;
    at = (0 + (w0! & 255)) << 2;
    j0 ^= table[at]!;
    j1 ^= table[at + 1]!;
    j2 ^= table[at + 2]!;
    j3 ^= table[at + 3]!;
    at = (256 + ((w0! >>> 8) & 255)) << 2;
    j0 ^= table[at]!;
    j1 ^= table[at + 1]!;
    j2 ^= table[at + 2]!;
    j3 ^= table[at + 3]!;
    at = (512 + ((w0! >>> 16) & 255)) << 2;
    j0 ^= table[at]!;
    j1 ^= table[at + 1]!;
    j2 ^= table[at + 2]!;
    j3 ^= table[at + 3]!;
    at = (768 + (w0! >>> 24)) << 2;
    j0 ^= table[at]!;
    j1 ^= table[at + 1]!;
    j2 ^= table[at + 2]!;
    j3 ^= table[at + 3]!;
    at = (1024 + (w1! & 255)) << 2;
    j0 ^= table[at]!;
    j1 ^= table[at + 1]!;
    j2 ^= table[at + 2]!;
    j3 ^= table[at + 3]!;
    at = (1280 + ((w1! >>> 8) & 255)) << 2;
    j0 ^= table[at]!;
    j1 ^= table[at + 1]!;
    j2 ^= table[at + 2]!;
    j3 ^= table[at + 3]!;
    at = (1536 + ((w1! >>> 16) & 255)) << 2;
    j0 ^= table[at]!;
    j1 ^= table[at + 1]!;
    j2 ^= table[at + 2]!;
    j3 ^= table[at + 3]!;
    at = (1792 + (w1! >>> 24)) << 2;
    j0 ^= table[at]!;
    j1 ^= table[at + 1]!;
    j2 ^= table[at + 2]!;
    j3 ^= table[at + 3]!;
    at = (2048 + (w2! & 255)) << 2;
    j0 ^= table[at]!;
    j1 ^= table[at + 1]!;
    j2 ^= table[at + 2]!;
    j3 ^= table[at + 3]!;
    at = (2304 + ((w2! >>> 8) & 255)) << 2;
    j0 ^= table[at]!;
    j1 ^= table[at + 1]!;
    j2 ^= table[at + 2]!;
    j3 ^= table[at + 3]!;
    at = (2560 + ((w2! >>> 16) & 255)) << 2;
    j0 ^= table[at]!;
    j1 ^= table[at + 1]!;
    j2 ^= table[at + 2]!;
    j3 ^= table[at + 3]!;
    at = (2816 + (w2! >>> 24)) << 2;
    j0 ^= table[at]!;
    j1 ^= table[at + 1]!;
    j2 ^= table[at + 2]!;
    j3 ^= table[at + 3]!;
    at = (3072 + (w3! & 255)) << 2;
    j0 ^= table[at]!;
    j1 ^= table[at + 1]!;
    j2 ^= table[at + 2]!;
    j3 ^= table[at + 3]!;
    at = (3328 + ((w3! >>> 8) & 255)) << 2;
    j0 ^= table[at]!;
    j1 ^= table[at + 1]!;
    j2 ^= table[at + 2]!;
    j3 ^= table[at + 3]!;
    at = (3584 + ((w3! >>> 16) & 255)) << 2;
    j0 ^= table[at]!;
    j1 ^= table[at + 1]!;
    j2 ^= table[at + 2]!;
    j3 ^= table[at + 3]!;
    at = (3840 + (w3! >>> 24)) << 2;
    j0 ^= table[at]!;
    j1 ^= table[at + 1]!;
    j2 ^= table[at + 2]!;
    j3 ^= table[at + 3]!;
    w0 = j0;
    w1 = j1;
    w2 = j2;
    w3 = j3;
  }
}

/**
 * pure-rand's `jump` (2⁶⁴ steps of xoroshiro128+) as a table: a jump is linear over GF(2) in the
 * generator's 128 bits, so the jumped state is the XOR of the jumped images of its 16 bytes, each
 * looked up among 256 (the images made by pure-rand's own `jump`; a test compares the two). Some
 * fifty times faster than stepping, which matters at 100,000 runs. table[((byte << 8) | value) << 2
 * + word]: word `word` of the image of byte `byte` (four a state word, low first) holding `value`.
 */
function jumpTable(): Int32Array {
  // The jumped image of each single bit: state word w (of 4), bit i.
  const bit = new Int32Array(4 * 128);
  for (let w = 0; w < 4; w++)
    for (let i = 0; i < 32; i++) {
      const s = [0, 0, 0, 0];
      s[w] = 1 << i;
      const g = xoroshiro128plusFromState(s);
      g.jump();
      bit.set(g.getState(), 4 * (32 * w + i));
    }
  const table = new Int32Array(16 * 256 * 4);
  for (let byte = 0; byte < 16; byte++)
    for (let v = 1; v < 256; v++) {
      const at = (byte * 256 + v) * 4;
      const low = v & -v; // the lowest set bit: image(v) = image(v − low) ^ image(low)
      const rest = (byte * 256 + (v ^ low)) * 4;
      const one = 4 * (8 * byte + 31 - Math.clz32(low));
      for (let w = 0; w < 4; w++) table[at + w] = table[rest + w]! ^ bit[one + w]!;
    }
  return table;
}

/**
 * Simulate runs r0..r1−1 through block b's months into its slot (b mod slots), each run's state
 * carried in `b.state` and `b.rng` from the block before. Returns nothing; adds the runs whose net
 * emission was ≤ 0 to `deflation` (atomically: threads may simulate other runs of the same block).
 * A run's draws, and so every cell, are the same whatever the blocks and slices.
 */
export function simulateBlock(
  inp: McInputs,
  l: McLayout,
  buf: McBuffers,
  b: number,
  r0: number,
  r1: number,
): void {
  const M = l.months;
  const R = l.runs;
  const k0 = b * l.block;
  const k1 = Math.min(M, k0 + l.block);
  const dt = 1 / 12;
  const drift = (inp.mu - (inp.sigma * inp.sigma) / 2) * dt;
  const vol = inp.sigma * Math.sqrt(dt);
  const keepTreasury = inp.treasuryCirculates ? 0 : 1;
  const keepExecution = inp.executionCirculates ? 0 : 1;
  const { unlocks, vaultInUsd, maxBuyPctOfFloat: maxBuy, burn, treasury, execution } = inp;
  const { rng, state, cells } = buf;
  // Tokens unlocked up to and including month k: the same for every run.
  const unlockedTo = new Float64Array(k1);
  let unlockedCum = inp.unlockedBefore;
  for (let k = 0; k < k1; k++) unlockedTo[k] = unlockedCum += unlocks[k]!;
  const deflation = new Int32Array(k1 - k0);
  const base = (b % l.slots) * 3 * l.block * R;
  const stride = l.block * R; // from one quantity to the next
  for (let r = r0; r < r1; r++) {
    // The run's generator (xoroshiro128+, pure-rand's `next` inline: a test holds them together).
    let s01 = rng[4 * r]!;
    let s00 = rng[4 * r + 1]!;
    let s11 = rng[4 * r + 2]!;
    let s10 = rng[4 * r + 3]!;
    const at0 = STATE * r;
    let p = state[at0 + PRICE]!;
    let vault = state[at0 + VAULT]!;
    let cumBurn = state[at0 + CUM_BURN]!;
    let cumTreasury = state[at0 + CUM_TREASURY]!;
    let cumExec = state[at0 + CUM_EXEC]!;
    let spare = state[at0 + SPARE]!;
    for (let k = k0, at = base + r; k < k1; k++, at += R) {
      if (k > 0) {
        // A standard normal by Marsaglia's polar method on the run's uniforms (as normalPair), the
        // pair's second value kept for the run's next month.
        let z = spare;
        if (z === z) spare = NaN;
        else {
          let u: number;
          let v: number;
          let q: number;
          do {
            let a0 = s10 ^ s00;
            let a1 = s11 ^ s01;
            let t0 = s00;
            let t1 = s01;
            u = ((s00 + s10) | 0) * TWO_POW_M31;
            s00 = (t0! << 24) ^ (t1! >>> 8) ^ a0 ^ (a0 << 16);
            s01 = (t1! << 24) ^ (t0! >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
            s10 = (a1 << 5) ^ (a0 >>> 27);
            s11 = (a0 << 5) ^ (a1 >>> 27);
            a0 = s10 ^ s00;
            a1 = s11 ^ s01;
            t0 = s00;
            t1 = s01;
            v = ((s00 + s10) | 0) * TWO_POW_M31;
            s00 = (t0 << 24) ^ (t1 >>> 8) ^ a0 ^ (a0 << 16);
            s01 = (t1 << 24) ^ (t0 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
            s10 = (a1 << 5) ^ (a0 >>> 27);
            s11 = (a0 << 5) ^ (a1 >>> 27);
            q = u * u + v * v;
          } while (q >= 1 || q === 0);
          const f = Math.sqrt((-2 * Math.log(q)) / q);
          z = u * f;
          spare = v * f;
        }
        p *= Math.exp(drift + vol * z!);
      }
      const unlocked = unlocks[k]!;
      const cash = vault + vaultInUsd[k]!;
      const float = unlockedTo[k]! - cumBurn - keepTreasury * cumTreasury - keepExecution * cumExec;
      let bought = cash / p;
      const cap = float * maxBuy;
      if (bought > cap) bought = cap;
      if (bought < 0) bought = 0;
      vault = cash - bought * p;
      const burned = bought * burn;
      cumBurn += burned;
      cumTreasury += bought * treasury;
      cumExec += bought * execution;
      cells[at] = unlockedTo[k]! - cumBurn - keepTreasury * cumTreasury - keepExecution * cumExec;
      cells[at + stride] = cumBurn;
      cells[at + 2 * stride] = p;
      if (unlocked - burned <= 0) deflation[k - k0]!++;
    }
    rng[4 * r] = s01;
    rng[4 * r + 1] = s00;
    rng[4 * r + 2] = s11;
    rng[4 * r + 3] = s10;
    state[at0 + PRICE] = p;
    state[at0 + VAULT] = vault;
    state[at0 + CUM_BURN] = cumBurn;
    state[at0 + CUM_TREASURY] = cumTreasury;
    state[at0 + CUM_EXEC] = cumExec;
    state[at0 + SPARE] = spare;
  }
  for (let j = 0; j < deflation.length; j++)
    if (deflation[j]) Atomics.add(buf.deflation, k0 + j, deflation[j]!);
}

/** The block that holds month k. */
export const blockOf = (l: McLayout, k: number): number => Math.floor(k / l.block);

/** Reduce month k (simulated, its block still in its slot) to its bands; reorders its cells. */
export function reduceMonth(l: McLayout, buf: McBuffers, k: number): void {
  const b = blockOf(l, k);
  const R = l.runs;
  for (let q = 0; q < 3; q++) {
    const at = (((b % l.slots) * 3 + q) * l.block + (k - b * l.block)) * R;
    const x = band(buf.cells.subarray(at, at + R));
    buf.bands[9 * k + 3 * q] = x.p5;
    buf.bands[9 * k + 3 * q + 1] = x.p50;
    buf.bands[9 * k + 3 * q + 2] = x.p95;
  }
}

/** The bands of reduced buffers. */
export function bandsOf(l: McLayout, buf: McBuffers): McBands {
  const pick = (q: number) =>
    Array.from({ length: l.months }, (_, k): Band => {
      const at = 9 * k + 3 * q;
      return { p5: buf.bands[at]!, p50: buf.bands[at + 1]!, p95: buf.bands[at + 2]! };
    });
  return {
    months: l.months,
    runs: l.runs,
    circulating: pick(0),
    cumulativeBurned: pick(1),
    price: pick(2),
    pNetDeflation: Float64Array.from(buf.deflation, (c) => c / l.runs),
  };
}

/**
 * The whole Monte Carlo on one thread: a block of months at a time, simulate every run, then reduce
 * each of its months to its bands (so memory does not grow with the months).
 */
export function runMonteCarlo(inp: McInputs, onProgress?: (monthsDone: number) => void): McBands {
  const l = mcLayout(inp.runs, inp.unlocks.length, 1);
  const buf = allocBuffers(l);
  initRuns(inp, buf);
  for (let b = 0; b * l.block < l.months; b++) {
    simulateBlock(inp, l, buf, b, 0, l.runs);
    const k1 = Math.min(l.months, (b + 1) * l.block);
    for (let k = b * l.block; k < k1; k++) reduceMonth(l, buf, k);
    onProgress?.(k1);
  }
  return bandsOf(l, buf);
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

/** Quantile of sorted values, linear interpolation (Hyndman–Fan type 7, numpy's and d3's default). */
export function quantileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
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
    const t = a[k]!;
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right]! > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i]! < t) i++;
      while (a[j]! > t) j--;
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
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/**
 * p5 / p50 / p95 (type 7) of a column of values, exact, without sorting. Reorders `a`. From
 * BRACKET_MIN values up, a sample first brackets each of the three order statistics and one pass
 * counts what lies below each bracket and copies what lies in it, so only the brackets' values (a few
 * percent) are selected from; should a bracket miss its order statistic (rarely: four standard
 * deviations of the sample's rank), or the values hold a NaN, the column is selected whole.
 */
export function band(a: Float64Array): Band {
  return (a.length >= BRACKET_MIN && bandBracketed(a)) || bandSelected(a);
}

/** From this many values up band() brackets before selecting. */
export const BRACKET_MIN = 32_768;
/** The sample that places the brackets: this many values from the start of the column. */
const SAMPLE = 4096;
const PERCENTS = [0.05, 0.5, 0.95];
/** The sample, and the brackets' values, reused from call to call (each thread has its own). */
let scratch = new Float64Array(0);
const sample = new Float64Array(SAMPLE);

/**
 * band() by brackets: the runs are independent, so the column's first SAMPLE values are a random
 * sample of it; bracket j runs from the sample's order statistic four standard deviations below the
 * expected sample rank of order statistic ⌊hⱼ⌋ to four above ⌊hⱼ⌋ + 1.
 */
export function bandBracketed(a: Float64Array): Band | undefined {
  const n = a.length;
  const m = SAMPLE;
  sample.set(a.subarray(0, m));
  const h = [(n - 1) * PERCENTS[0]!, (n - 1) * PERCENTS[1]!, (n - 1) * PERCENTS[2]!];
  // The sample ranks that bound the brackets, in order: lo0, hi0, lo1, hi1, lo2, hi2.
  const ranks = new Int32Array(6);
  for (let j = 0; j < 3; j++) {
    const p = PERCENTS[j]!;
    const pos = ((Math.floor(h[j]!) + 0.5) * m) / n;
    const d = Math.ceil(4 * Math.sqrt(m * p * (1 - p))) + 2;
    ranks[2 * j] = Math.max(-1, Math.floor(pos) - d);
    ranks[2 * j + 1] = Math.min(m, Math.ceil(pos) + d);
  }
  const bounds = new Float64Array(6);
  for (let i = 0, from = 0; i < 6; i++) {
    const r = ranks[i]!;
    if (r < 0) bounds[i] = -Infinity;
    else if (r >= m) bounds[i] = Infinity;
    else {
      if (r < from) return undefined; // brackets overlap (a small column)
      selectFloat64(sample, r, from, m - 1);
      bounds[i] = sample[r]!;
      from = r + 1;
    }
  }
  const [lo0, hi0, lo1, hi1, lo2, hi2] = bounds;
  if (!(hi0! < lo1! && hi1! < lo2!)) return undefined; // overlapping: many ties, or a NaN
  // One pass, without branches (each comparison's outcome is as good as random): count what lies
  // below each bracket and write each value at the end of each bracket's values, keeping it (moving
  // the end on) only when it lies in the bracket.
  if (scratch.length < 3 * n) scratch = new Float64Array(3 * n);
  const s = scratch;
  let below0 = 0;
  let below1 = 0;
  let below2 = 0;
  let above2 = 0;
  let at0 = 0;
  let at1 = n;
  let at2 = 2 * n;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const b0 = +(x < lo0!);
    const b1 = +(x < lo1!);
    const b2 = +(x < lo2!);
    below0 += b0;
    below1 += b1;
    below2 += b2;
    above2 += +(x > hi2!);
    s[at0] = x;
    at0 += +(x <= hi0!) - b0;
    s[at1] = x;
    at1 += +(x <= hi1!) - b1;
    s[at2] = x;
    at2 += +(x <= hi2!) - b2;
  }
  const count = [at0, at1 - n, at2 - 2 * n];
  if (below2 + count[2]! + above2 !== n) return undefined; // a NaN, counted nowhere
  const below = [below0, below1, below2];
  const out = [0, 0, 0];
  for (let j = 0; j < 3; j++) {
    const r = Math.floor(h[j]!);
    const whole = h[j] === r;
    const k = r - below[j]!; // its rank within the bracket
    if (k < 0 || k + (whole ? 0 : 1) >= count[j]!) return undefined;
    const b = s.subarray(j * n, j * n + count[j]!);
    selectFloat64(b, k);
    const v = b[k]!;
    if (whole) out[j] = v;
    else {
      let next = Infinity;
      for (let i = k + 1; i < b.length; i++) if (b[i]! < next) next = b[i]!;
      out[j] = v + (h[j]! - r) * (next - v);
    }
  }
  return { p5: out[0]!, p50: out[1]!, p95: out[2]! };
}

/** band() by selection in place: the median's order statistic first, then p5's below it and p95's above it. */
export function bandSelected(a: Float64Array): Band {
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
    const v = a[x.lo]!;
    if (x.h === x.lo) return v;
    // Everything before a selected position is ≤ it and everything after ≥ it, so the next
    // order statistic is the minimum up to the next selected position.
    const upTo = x.lo < mid.lo ? mid.lo : x.lo < high.lo ? high.lo : n - 1;
    let next = Infinity;
    for (let i = x.lo + 1; i <= upTo; i++) if (a[i]! < next) next = a[i]!;
    return v + (x.h - x.lo) * (next - v);
  };
  return { p5: value(low), p50: value(mid), p95: value(high) };
}
