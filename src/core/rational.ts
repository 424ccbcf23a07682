/** Exact non-floating rationals on bigint: percentages, prices, fractions like 1/48. */
export interface Rational {
  readonly n: bigint;
  /** Always > 0; the fraction is kept reduced. */
  readonly d: bigint;
}

const SAFE = 2n ** 53n;

/**
 * gcd(|a|, |b|), the hot path of every operation on rationals. Numbers of 30 digits and more (pool
 * reserves, token amounts in base units) go by Lehmer's algorithm: the Euclidean steps are simulated
 * on the leading ~50 bits in doubles for as long as they are sure to be the true ones, and then
 * applied to the bigints at once, so one bigint step does the work of many; a pair the leading bits
 * cannot decide takes one ordinary step. Below 2⁵³ it finishes in doubles. Property-tested against
 * the plain Euclidean algorithm.
 */
export function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  if (a < b) {
    const t = a;
    a = b;
    b = t;
  }
  while (b >= SAFE) {
    // a's leading 50 bits (fewer when the estimate of its length is one high) and b's at the same scale.
    const fa = Number(a);
    const bits = fa < Infinity ? Math.floor(Math.log2(fa)) + 1 : a.toString(16).length * 4;
    const shift = BigInt(bits - 50);
    let x = Number(a >> shift);
    let y = Number(b >> shift);
    // Cofactors: (a, b) → (A·a + B·b, C·a + D·b). Every quantity stays below 2⁵¹, exact in doubles.
    let A = 1;
    let B = 0;
    let C = 0;
    let D = 1;
    for (;;) {
      if (y + C === 0 || y + D === 0) break;
      const q = Math.floor((x + A) / (y + C));
      if (q !== Math.floor((x + B) / (y + D))) break;
      let t = A - q * C;
      A = C;
      C = t;
      t = B - q * D;
      B = D;
      D = t;
      t = x - q * y;
      x = y;
      y = t;
    }
    if (B === 0) {
      const t = a % b;
      a = b;
      b = t;
    } else {
      const na = BigInt(A) * a + BigInt(B) * b;
      b = BigInt(C) * a + BigInt(D) * b;
      a = na;
    }
  }
  // A temporary rather than [a, b] = [b, a % b]: no array per step.
  while (b !== 0n) {
    // Once both fit in a double exactly, finish in doubles: each bigint step allocates.
    if (a < SAFE) {
      let x = Number(a);
      let y = Number(b);
      while (y !== 0) {
        const t = x % y;
        x = y;
        y = t;
      }
      return BigInt(x);
    }
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** floor(a / b) for b > 0 and any sign of a: the floor of a fraction needs no reducing. */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a < 0n && q * b !== a ? q - 1n : q;
}

export function rat(n: bigint | number, d: bigint | number = 1n): Rational {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError('division by zero');
  if (dd < 0n) {
    nn = -nn;
    dd = -dd;
  }
  const g = gcd(nn, dd) || 1n;
  return { n: nn / g, d: dd / g };
}

export const ZERO = rat(0n);
export const ONE = rat(1n);

// The operations take reduced fractions and give reduced fractions without a gcd of the full-size
// result (Knuth, TAOCP 4.5.1): the factors common to the result can only come from the operands'
// own parts, which are smaller — and an integer operand (d = 1, a token amount, a count) needs no
// gcd at all. The property tests check each against rat() of the plain formula.

/** a/b + c/d: with g = gcd(b, d), t = a·(d/g) + c·(b/g) shares with the denominator only factors of g. */
function addReduced(a: bigint, b: bigint, c: bigint, d: bigint): Rational {
  if (b === 1n && d === 1n) return { n: a + c, d: 1n };
  const g = b === 1n || d === 1n ? 1n : gcd(b, d);
  if (g === 1n) return { n: a * d + c * b, d: b * d };
  const bg = b / g;
  const t = a * (d / g) + c * bg;
  const g2 = gcd(t, g);
  return g2 === 1n ? { n: t, d: bg * d } : { n: t / g2, d: bg * (d / g2) };
}

/** (a/b)·(c/d) with b, d > 0: cancel a against d and c against b first. */
function mulReduced(a: bigint, b: bigint, c: bigint, d: bigint): Rational {
  const g1 = d === 1n ? 1n : gcd(a, d);
  const g2 = b === 1n ? 1n : gcd(c, b);
  const n = (g1 === 1n ? a : a / g1) * (g2 === 1n ? c : c / g2);
  if (n === 0n) return ZERO;
  return { n, d: (g2 === 1n ? b : b / g2) * (g1 === 1n ? d : d / g1) };
}

export const add = (a: Rational, b: Rational): Rational => addReduced(a.n, a.d, b.n, b.d);
export const sub = (a: Rational, b: Rational): Rational => addReduced(a.n, a.d, -b.n, b.d);
export const mul = (a: Rational, b: Rational): Rational => mulReduced(a.n, a.d, b.n, b.d);
export const div = (a: Rational, b: Rational): Rational => {
  if (b.n === 0n) throw new RangeError('division by zero');
  return b.n < 0n ? mulReduced(a.n, a.d, -b.d, -b.n) : mulReduced(a.n, a.d, b.d, b.n);
};
export const neg = (a: Rational): Rational => (a.n === 0n ? a : { n: -a.n, d: a.d });
export const cmp = (a: Rational, b: Rational): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const eq = (a: Rational, b: Rational): boolean => a.n === b.n && a.d === b.d;
export const min = (a: Rational, b: Rational): Rational => (cmp(a, b) <= 0 ? a : b);
export const max = (a: Rational, b: Rational): Rational => (cmp(a, b) >= 0 ? a : b);
export const sum = (xs: readonly Rational[]): Rational => xs.reduce(add, ZERO);

/** floor(x) for any sign. */
export function floor(x: Rational): bigint {
  const q = x.n / x.d;
  return x.n < 0n && q * x.d !== x.n ? q - 1n : q;
}

/** ceil(x) for any sign. */
export function ceil(x: Rational): bigint {
  return -floor(neg(x));
}

/** floor(amount * r): the share of an integer amount, rounded down. */
export function mulFloor(amount: bigint, r: Rational): bigint {
  return floorDiv(amount * r.n, r.d);
}

export function toNumber(x: Rational): number {
  // Scale first so huge numerators/denominators keep their precision (the floor needs no reducing).
  return Number(floorDiv(x.n * 10n ** 18n, x.d)) / 1e18;
}

/** A decimal number's exact value as a rational (finite JS numbers only). */
export function fromNumber(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  return parseDecimal(String(x));
}

const DECIMAL = /^([+-])?(\d+)?(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** Exact value of a decimal literal: "0.10" is exactly 1/10, "1e-3" exactly 1/1000. */
export function parseDecimal(text: string): Rational {
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === undefined && m[3] === undefined))
    throw new SyntaxError(`not a decimal number: ${text}`);
  const [, sign, int = '', frac = '', exp = '0'] = m;
  let n = BigInt((int || '0') + frac);
  if (sign === '-') n = -n;
  const e = Number(exp) - frac.length;
  return e >= 0 ? rat(n * 10n ** BigInt(e)) : rat(n, 10n ** BigInt(-e));
}

/** x · 10^digits rounded half away from zero: the integer that toDecimal prints with `digits` decimals. */
export function scaledRound(x: Rational, digits: number): bigint {
  return scaledRoundOf(x.n, x.d, digits);
}

/** scaledRound of n/d (d > 0), reduced or not: the rounding does not depend on it. */
function scaledRoundOf(n: bigint, d: bigint, digits: number): bigint {
  const negative = n < 0n;
  const a = negative ? -n : n;
  const scale = 10n ** BigInt(digits);
  let q = (a * scale) / d;
  if (((a * scale) % d) * 2n >= d) q += 1n;
  return negative ? -q : q;
}

/**
 * Decimal string of x with at most `digits` fractional digits, rounded half away from zero,
 * trailing zeros trimmed (exact when the expansion terminates within `digits`).
 */
export function toDecimal(x: Rational, digits: number, opts: { fixed?: boolean } = {}): string {
  return fractionToDecimal(x.n, x.d, digits, opts);
}

/**
 * toDecimal of n/d (d > 0) without reducing the fraction first: a token amount in base units over
 * 10^decimals, say, whose reduction (a bigint gcd) would cost more than the rounding.
 */
export function fractionToDecimal(
  n: bigint,
  d: bigint,
  digits: number,
  opts: { fixed?: boolean } = {},
): string {
  const negative = n < 0n;
  const scale = 10n ** BigInt(digits);
  const q = negative ? -scaledRoundOf(n, d, digits) : scaledRoundOf(n, d, digits);
  const int = (q / scale).toString();
  let frac = digits > 0 ? (q % scale).toString().padStart(digits, '0') : '';
  if (!opts.fixed) frac = frac.replace(/0+$/, '');
  const s = frac ? `${int}.${frac}` : int;
  if (q === 0n) return opts.fixed && frac ? s : '0' + (frac ? `.${frac}` : '');
  return negative ? `-${s}` : s;
}

export function isInteger(x: Rational): boolean {
  return x.d === 1n;
}

/** A fraction of one as a percent string: 101/250 -> "40.4%" (up to `digits` decimals). */
export const formatPercent = (x: Rational, digits = 6): string =>
  `${toDecimal(mul(x, rat(100n)), digits)}%`;
