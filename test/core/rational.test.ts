import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  add,
  ceil,
  cmp,
  div,
  floor,
  formatPercent,
  fractionToDecimal,
  gcd,
  mul,
  mulFloor,
  parseDecimal,
  rat,
  sub,
  toDecimal,
  toNumber,
} from '../../src/core/rational.js';

describe('rational', () => {
  test('reduces and normalises the sign', () => {
    expect(rat(6n, -4n)).toEqual({ n: -3n, d: 2n });
  });
  test('0.10 is exactly 1/10 and 40.40 exactly 202/5', () => {
    expect(parseDecimal('0.10')).toEqual({ n: 1n, d: 10n });
    expect(parseDecimal('40.40')).toEqual({ n: 202n, d: 5n });
    expect(parseDecimal('1e-3')).toEqual({ n: 1n, d: 1000n });
  });
  test('0.1 + 0.2 = 0.3 exactly', () => {
    expect(add(parseDecimal('0.1'), parseDecimal('0.2'))).toEqual(parseDecimal('0.3'));
  });
  test('floor and ceil for both signs', () => {
    expect(floor(rat(7n, 2n))).toBe(3n);
    expect(floor(rat(-7n, 2n))).toBe(-4n);
    expect(ceil(rat(7n, 2n))).toBe(4n);
    expect(ceil(rat(-7n, 2n))).toBe(-3n);
  });
  test('toDecimal rounds half away from zero and trims', () => {
    expect(toDecimal(rat(1n, 3n), 4)).toBe('0.3333');
    expect(toDecimal(rat(2n, 3n), 4)).toBe('0.6667');
    expect(toDecimal(rat(1n, 8n), 2)).toBe('0.13');
    expect(toDecimal(rat(-1n, 8n), 2)).toBe('-0.13');
    expect(toDecimal(rat(5n, 2n), 4)).toBe('2.5');
    expect(toDecimal(rat(5n, 2n), 2, { fixed: true })).toBe('2.50');
    expect(toDecimal(rat(0n), 2, { fixed: true })).toBe('0.00');
  });
  test('formatPercent', () => {
    expect(formatPercent(rat(101n, 250n))).toBe('40.4%');
    expect(formatPercent(rat(1n, 3n), 4)).toBe('33.3333%');
  });
  test('mulFloor: 1/3 of 10 is 3', () => {
    expect(mulFloor(10n, rat(1n, 3n))).toBe(3n);
  });
  test('toNumber keeps precision of huge fractions', () => {
    expect(toNumber(rat(10n ** 30n + 1n, 10n ** 30n))).toBeCloseTo(1, 12);
  });
  test('property: field laws on random rationals', () => {
    const r = fc
      .tuple(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
      )
      .map(([n, d]) => rat(n, d));
    fc.assert(
      fc.property(r, r, (a, b) => {
        expect(sub(add(a, b), b)).toEqual(a);
        if (b.n !== 0n) expect(mul(div(a, b), b)).toEqual(a);
        expect(cmp(a, b)).toBe(-cmp(b, a));
        expect(floor(a) * a.d <= a.n).toBe(true);
      }),
    );
  });
});

describe("add, sub, mul and div reduce by the operands' parts (Knuth 4.5.1)", () => {
  // Reduced fractions of every kind the code meets: integers, zero, small, huge, shared factors.
  const big = fc.oneof(
    fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n }),
    fc.bigInt({ min: -1000n, max: 1000n }),
    fc.constantFrom(0n, 1n, -1n, 10n ** 18n, 2n ** 64n * 3n ** 20n),
  );
  const den = fc.oneof(
    fc.constant(1n),
    fc.bigInt({ min: 1n, max: 2n ** 200n }),
    fc.bigInt({ min: 1n, max: 1000n }),
    fc.constantFrom(10n ** 18n, 2n ** 64n * 3n ** 20n, 6n),
  );
  const r = fc.tuple(big, den).map(([n, d]) => rat(n, d));
  test('property: each equals rat() of the plain formula (reduced, sign in the numerator, zero as 0/1)', () => {
    fc.assert(
      fc.property(r, r, (a, b) => {
        expect(add(a, b)).toEqual(rat(a.n * b.d + b.n * a.d, a.d * b.d));
        expect(sub(a, b)).toEqual(rat(a.n * b.d - b.n * a.d, a.d * b.d));
        expect(mul(a, b)).toEqual(rat(a.n * b.n, a.d * b.d));
        if (b.n !== 0n) expect(div(a, b)).toEqual(rat(a.n * b.d, a.d * b.n));
        expect(sub(a, a)).toEqual({ n: 0n, d: 1n });
      }),
      { numRuns: 500 },
    );
  });
  test('division by zero throws', () => {
    expect(() => div(rat(1n), rat(0n))).toThrow('division by zero');
  });
});

describe('gcd finishes in doubles once both fit (exact below 2^53)', () => {
  const ref = (a: bigint, b: bigint): bigint => {
    a = a < 0n ? -a : a;
    b = b < 0n ? -b : b;
    while (b !== 0n) [a, b] = [b, a % b];
    return a;
  };
  test('equals the all-bigint Euclid, around 2^53 and far above it', () => {
    const big = fc.oneof(
      fc.bigInt({ min: -(2n ** 120n), max: 2n ** 120n }),
      fc.bigInt({ min: 2n ** 52n, max: 2n ** 54n }),
      fc.bigInt({ min: -1000n, max: 1000n }),
    );
    fc.assert(
      fc.property(big, big, big, (a, b, k) => {
        expect(gcd(a * k, b * k)).toBe(ref(a * k, b * k));
        expect(gcd(a, b)).toBe(ref(a, b));
      }),
      { numRuns: 2000 },
    );
    expect(gcd(2n ** 53n + 1n, 2n ** 53n - 1n)).toBe(1n);
    expect(gcd(0n, 0n)).toBe(0n);
  });
  test("Lehmer's steps (numbers above 2^53) equal Euclid's: random sizes up to 2^2000, common factors, near-equal pairs", () => {
    const sized = fc
      .integer({ min: 1, max: 2000 })
      .chain((bits) => fc.bigInt({ min: 0n, max: 2n ** BigInt(bits) }));
    fc.assert(
      fc.property(sized, sized, sized, fc.bigInt({ min: -5n, max: 5n }), (a, b, k, e) => {
        expect(gcd(a * k, b * k)).toBe(ref(a * k, b * k));
        expect(gcd(a, b)).toBe(ref(a, b));
        expect(gcd(a, a + e)).toBe(ref(a, a + e));
        expect(gcd(-a * k, b)).toBe(ref(a * k, b));
      }),
      { numRuns: 3000 },
    );
  });
  test("the worst case of Euclid's algorithm, consecutive Fibonacci numbers (coprime), and powers of two and ten", () => {
    let [f0, f1] = [1n, 1n];
    for (let i = 0; i < 1500; i++) {
      [f0, f1] = [f1, f0 + f1];
      expect(gcd(f1, f0)).toBe(1n);
      expect(gcd(f1 * 6n, f0 * 6n)).toBe(6n);
    }
    expect(gcd(2n ** 400n, 2n ** 300n * 3n)).toBe(2n ** 300n);
    expect(gcd(10n ** 60n, 10n ** 45n * 7n)).toBe(10n ** 45n);
    // A 10,000-digit number (its double is Infinity: the length comes from its digits).
    expect(gcd(10n ** 10000n * 3n, 10n ** 9000n * 9n)).toBe(10n ** 9000n * 3n);
  });
});

describe('fractionToDecimal', () => {
  test('the text toDecimal gives for the reduced fraction', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
        fc.bigInt({ min: 1n, max: 10n ** 24n }),
        fc.nat({ max: 20 }),
        fc.boolean(),
        (n, d, digits, fixed) => {
          expect(fractionToDecimal(n, d, digits, { fixed })).toBe(
            toDecimal(rat(n, d), digits, { fixed }),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
