import { InputError } from './errors.js';

/**
 * Split `total` in proportion to `weights`, exactly: each part gets floor(total*w/W) and the
 * leftover base units go one each to the parts with the largest remainders (ties: earliest first).
 * Parts always add up to `total`. All-zero weights give all-zero parts and the total back
 * as `undistributed`, so callers decide where it goes.
 */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  if (total < 0n) throw new RangeError('allocate: negative total');
  const W = weights.reduce((a, b) => a + b, 0n);
  if (weights.some((w) => w < 0n)) throw new RangeError('allocate: negative weight');
  if (W === 0n) {
    if (total === 0n || weights.length === 0) return weights.map(() => 0n);
    throw new InputError('cannot split an amount by weights that are all zero');
  }
  const parts = weights.map((w) => (total * w) / W);
  let left = total - parts.reduce((a, b) => a + b, 0n);
  if (left > 0n) {
    const order = weights
      .map((w, i) => ({ i, rem: (total * w) % W }))
      .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
    for (let k = 0; left > 0n; k++, left--) parts[order[k]!.i]! += 1n;
  }
  return parts;
}

/**
 * An even split of `rest` into n steps: step k (1..n) is floor(rest·k/n) − floor(rest·(k−1)/n).
 * The steps sum exactly to `rest` (floor of the cumulative figure; the dust lands on later steps).
 */
export function evenSteps(rest: bigint, n: number): bigint[] {
  if (rest >= 0n && n > 0 && n <= 1_000_000) {
    // rest = q·n + r with 0 ≤ r < n, so step k is q + floor(r·k/n) − floor(r·(k−1)/n): the same
    // figures with two bigint operations instead of 3n (r·k stays far below 2⁵³).
    const N = BigInt(n);
    const q = rest / N;
    const r = Number(rest % N);
    const q1 = q + 1n;
    const out = new Array<bigint>(n);
    let prev = 0;
    for (let k = 1; k <= n; k++) {
      const rk = r * k;
      const cur = (rk - (rk % n)) / n; // floor(r·k/n), exact in integers below 2⁵³
      out[k - 1] = cur > prev ? q1 : q;
      prev = cur;
    }
    return out;
  }
  const N = BigInt(n);
  const out = new Array<bigint>(n);
  let prev = 0n;
  for (let k = 1; k <= n; k++) {
    const cur = (rest * BigInt(k)) / N;
    out[k - 1] = cur - prev;
    prev = cur;
  }
  return out;
}
