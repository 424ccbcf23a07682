/**
 * Exact values in messages, with the digits it takes to say what they are: percents of sums ("add
 * up to 100.00000001%; over by 0.00000001%": a sum off by 1e-10 never reads "over by 0%"), and
 * small amounts ("found $0.000000000000000000000000000001", never "$0").
 */
import {
  type Rational,
  cmp,
  eq,
  mul,
  parseDecimal,
  rat,
  toDecimal,
  ONE,
  ZERO,
} from './rational.js';

/** The most digits after the point a message shows. */
const MAX_DIGITS = 60;

/** x as a percent, to 6 decimals or exactly, and with more digits where 6 would show 0% or 100% for what is neither. */
export function percentText(x: Rational): string {
  const p = mul(x, rat(100n));
  const zero = cmp(x, ZERO) === 0;
  const whole = cmp(x, ONE) === 0;
  for (let digits = 6; digits < MAX_DIGITS; digits++) {
    const s = toDecimal(p, digits);
    if (eq(parseDecimal(s), p) || ((zero || !/^-?0$/.test(s)) && (whole || s !== '100')))
      return `${s}%`;
  }
  return `${toDecimal(p, MAX_DIGITS)}%`;
}

/** x in decimals: exact when its decimal ends within MAX_DIGITS, else 6 significant digits (never 0 for what is not). */
export function decimalText(x: Rational): string {
  let rounded: string | undefined;
  for (let digits = 0; digits <= MAX_DIGITS; digits++) {
    const s = toDecimal(x, digits);
    if (eq(parseDecimal(s), x)) return s;
    if (rounded === undefined && s.replace(/^-?[0.]*/, '').replace('.', '').length >= 6)
      rounded = s;
  }
  return rounded ?? toDecimal(x, MAX_DIGITS);
}
