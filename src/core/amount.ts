import { InputError } from './errors.js';
import { type Rational, rat, isInteger, mul, toDecimal } from './rational.js';

const SCALES = Array.from({ length: 41 }, (_, k) => 10n ** BigInt(k));
/** 10^decimals base units per whole token. */
export const unitScale = (decimals: number): bigint => SCALES[decimals] ?? 10n ** BigInt(decimals);

/** Whole tokens (exact rational) to base units; refuses amounts finer than one base unit. */
export function toUnits(tokens: Rational, decimals: number, what = 'amount'): bigint {
  const u = mul(tokens, rat(unitScale(decimals)));
  if (!isInteger(u)) {
    throw new InputError(`${what} has more than ${decimals} decimal places (the token's decimals)`);
  }
  return u.n;
}

/** Base units as an exact decimal string of whole tokens: 92645833333333333333333333n -> "92645833.333333333333333333". */
export function formatUnits(units: bigint, decimals: number): string {
  // String slicing of the digits: exact, and much cheaper than bigint division on hot export paths.
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0');
  const int = digits.slice(0, digits.length - decimals);
  let end = digits.length;
  while (end > int.length && digits.charCodeAt(end - 1) === 48) end--;
  const frac = digits.slice(int.length, end);
  return (negative ? '-' : '') + (frac ? `${int}.${frac}` : int);
}

/** Thousands separators on the integer part of a plain decimal string ("1234567.5" -> "1,234,567.5"). */
export function groupThousands(s: string): string {
  const negative = s.startsWith('-');
  const body = negative ? s.slice(1) : s;
  const [int, frac] = body.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (negative ? '-' : '') + grouped + (frac !== undefined ? `.${frac}` : '');
}

/** Display form of base units: rounded (half away from zero) to `dp` places, with separators. */
export function displayUnits(units: bigint, decimals: number, dp = 2): string {
  return groupThousands(toDecimal(rat(units, unitScale(decimals)), dp, { fixed: true }));
}
