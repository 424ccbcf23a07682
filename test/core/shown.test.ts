import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { decimalText, percentText } from '../../src/core/shown.js';
import { parseDecimal, rat, sub, cmp, ZERO, ONE } from '../../src/core/rational.js';

describe('percentText: enough digits to tell a sum from 0% and 100% (issue 21.20)', () => {
  test.each<[string, string]>([
    ['1', '100%'],
    ['0', '0%'],
    ['0.999', '99.9%'],
    ['1.000000000001', '100.0000000001%'],
    ['0.000000000001', '0.0000000001%'],
    ['0.333333333333333', '33.333333%'],
  ])('%s → %s', (x, shown) => expect(percentText(parseDecimal(x))).toBe(shown));
  test('a fraction without a finite decimal: 6 digits, more only near 0% and 100%', () => {
    expect(percentText(rat(1n, 3n))).toBe('33.333333%');
    expect(percentText(rat(10n ** 12n + 1n, 3n * 10n ** 12n))).toBe('33.333333%');
    expect(percentText(rat(1n, 3n * 10n ** 12n))).toBe('0.00000000003%');
  });
  test('never 0% or 100% for what is neither', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 30n }),
        fc.bigInt({ min: 1n, max: 10n ** 30n }),
        (n, d) => {
          const x = rat(n, d);
          const s = percentText(x);
          if (cmp(x, ONE) !== 0) expect(s).not.toBe('100%');
          if (cmp(x, ZERO) !== 0) expect(s).not.toBe('0%');
          const off = sub(x, ONE);
          if (cmp(off, ZERO) !== 0) expect(percentText(off)).not.toMatch(/^-?0%$/);
        },
      ),
    );
  });
});

describe('decimalText: small amounts in messages are never 0', () => {
  test.each<[string, string]>([
    ['1e-40', '0.0000000000000000000000000000000000000001'],
    ['0.5', '0.5'],
    ['123456789.123456789', '123456789.123456789'],
  ])('%s → %s', (x, shown) => expect(decimalText(parseDecimal(x))).toBe(shown));
  test('no finite decimal: 6 significant digits', () => {
    expect(decimalText(rat(1n, 3n))).toBe('0.333333');
    expect(decimalText(rat(10n ** 7n, 3n))).toBe('3333333');
  });
});
