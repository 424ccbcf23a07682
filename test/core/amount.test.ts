import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { displayUnits, formatUnits, groupThousands, toUnits } from '../../src/core/amount.js';
import { parseAmount } from '../../src/core/units.js';
import { parseDecimal } from '../../src/core/rational.js';

describe('amounts', () => {
  test('exact decimal strings of base units', () => {
    expect(formatUnits(92645833333333333333333333n, 18)).toBe('92645833.333333333333333333');
    expect(formatUnits(10n ** 28n, 18)).toBe('10000000000');
    expect(formatUnits(5n, 18)).toBe('0.000000000000000005');
    expect(formatUnits(-15n, 1)).toBe('-1.5');
    expect(formatUnits(7n, 0)).toBe('7');
  });
  test('toUnits is exact and refuses dust below one base unit', () => {
    expect(toUnits(parseDecimal('510217359.767'), 18)).toBe(510217359767000000000000000n);
    expect(() => toUnits(parseDecimal('0.001'), 2)).toThrow(/more than 2 decimal places/);
  });
  test('display rounds half up with separators', () => {
    expect(displayUnits(1234567_500000000000000000n, 18, 0)).toBe('1,234,568');
    expect(displayUnits(1234567_125000000000000000n, 18, 2)).toBe('1,234,567.13');
    expect(groupThousands('-1234567.891')).toBe('-1,234,567.891');
  });
  test('property: formatUnits and parse round-trip for any decimals 0..18', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 40n }),
        fc.integer({ min: 0, max: 18 }),
        (u, dec) => {
          expect(toUnits(parseAmount(formatUnits(u, dec)), dec)).toBe(u);
        },
      ),
    );
  });
});
