/**
 * The grid of a parameter sweep: `--vary PATH=VALUES` axes (lists `0%,3%,8%`, ranges `a..b:step`
 * and `a..b~n`), the full grid in order (the first axis varies slowest), shards (points i ≡ I mod N)
 * and one Monte Carlo seed per point. Values stay text, each printed with its endpoints' unit
 * (`0%..10%:1%` gives `0%`, `1%`, …), and ranges are stepped in exact decimals (no float drift).
 */
import { InputError } from './errors.js';
import {
  type Rational,
  add,
  cmp,
  div,
  floor,
  mul,
  rat,
  sub,
  toDecimal,
  parseDecimal,
  ZERO,
  neg,
} from './rational.js';
import { SUFFIX } from './units.js';

/** A grid larger than this is refused (with its count). */
export const MAX_POINTS = 1_000_000;

export interface Axis {
  /** The `--set` path it varies. */
  readonly path: string;
  /** The flag's text, `projection.revenue.growth=0%..10%:1%`, for messages. */
  readonly text: string;
  readonly values: readonly string[];
}

const show = JSON.stringify;
const count = (n: bigint | number): string => BigInt(n).toLocaleString('en-US');

/** A number with a unit after it: `10%` → 10 and `%`; `1.5M` → 1.5 and `M`; `-0.25` → -0.25 and ``. */
const WITH_UNIT = /^\s*([+-]?(?:\d[\d_]*)?(?:\.\d[\d_]*)?(?:e[+-]?\d+)?)\s*([^\d\s.+-][^]*)?$/i;

function numberWithUnit(t: string, what: string): { x: Rational; unit: string } {
  const m = WITH_UNIT.exec(t);
  const digits = m?.[1]!.replace(/_/g, '') ?? '';
  if (!m || !/\d/.test(digits))
    throw new InputError(
      `expected ${what} as a number with an optional unit (like 5%, 1.5M, 0.25); found ${show(t)}`,
    );
  return { x: parseDecimal(digits), unit: (m[2] ?? '').trim() };
}

/** Fractional digits that print `x` exactly, or undefined when its decimal expansion does not end. */
function exactDigits(x: Rational): number | undefined {
  let d = x.d;
  let twos = 0;
  let fives = 0;
  for (; d % 2n === 0n; twos++) d /= 2n;
  for (; d % 5n === 0n; fives++) d /= 5n;
  return d === 1n ? Math.max(twos, fives) : undefined;
}

const print = (x: Rational, unit: string): string => `${toDecimal(x, exactDigits(x) ?? 0)}${unit}`;

/** A unit that only scales its number (k, M, B, T, or none), and by how much; undefined for any other. */
const scaleOf = (unit: string): bigint | undefined =>
  unit === '' ? 1n : Object.hasOwn(SUFFIX, unit) ? SUFFIX[unit] : undefined;

/**
 * Values of a range whose ends (and step) mix scales (`500k..2M:250k`), as plain numbers: each is
 * printed in the largest of the range's scales it reaches (`750k`, `1.25M`), 0 as `0`.
 */
function scaledPrinter(units: readonly string[]): (x: Rational) => string {
  const used: [bigint, string][] = [];
  for (const u of units) {
    const k = scaleOf(u) ?? 1n;
    if (!used.some(([m]) => m === k)) used.push([k, u]);
  }
  used.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return (x) => {
    if (x.n === 0n) return '0';
    const size = x.n < 0n ? neg(x) : x;
    let [scale, unit] = used[0]!;
    for (const [k, u] of used) if (cmp(size, rat(k)) >= 0) [scale, unit] = [k, u];
    return print(div(x, rat(scale)), unit);
  };
}

/** How a range may be written beyond `a..b:step` and `a..b~n`. */
export interface ValueOptions {
  /** `a..b` alone is its two ends, the low and the high (`--sensitivity`). */
  readonly pair?: boolean;
}

/**
 * The values of one range item: `a..b:step` or `a..b~n`, both ends included when reached (with
 * `pair`, also `a..b`: its two ends). The ends and the step share a unit, but k, M, B and T are one.
 */
function rangeValues(item: string, opts: ValueOptions): string[] {
  const [a, rest] = [item.slice(0, item.indexOf('..')), item.slice(item.indexOf('..') + 2)];
  const sep = rest.search(/[:~]/);
  if (sep < 0 && !opts.pair)
    throw new InputError(
      `the range ${show(item)} needs a step or a count: a..b:step (like 0%..10%:1%) or a..b~n (like 0.05..0.25~5) (with --sensitivity, a..b is its low and high)`,
    );
  const [b, how, by] =
    sep < 0 ? [rest, '', ''] : [rest.slice(0, sep), rest[sep], rest.slice(sep + 1)];
  const lo = numberWithUnit(a, 'the start of the range');
  const hi = numberWithUnit(b, 'the end of the range');
  const stepped = how === ':' ? numberWithUnit(by, 'the step') : undefined;
  const units = [lo.unit, hi.unit, ...(stepped ? [stepped.unit] : [])];
  const oneUnit = units.every((u) => u === lo.unit);
  const scales = units.map(scaleOf);
  const scaled = !oneUnit && scales.every((k) => k !== undefined);
  if (lo.unit !== hi.unit && !scaled)
    throw new InputError(
      `the range ${show(item)} has ends in different units (${show(lo.unit)} and ${show(hi.unit)})`,
    );
  // Mixed scales: plain numbers from here on, each value printed in the largest scale it reaches.
  const [x0, x1] = scaled ? [mul(lo.x, rat(scales[0]!)), mul(hi.x, rat(scales[1]!))] : [lo.x, hi.x];
  const printed = scaled ? scaledPrinter(units) : (x: Rational) => print(x, lo.unit);
  const empty = (n: string) =>
    new InputError(
      `the range ${show(item)} is empty (0 points${n}); its start must not be above its end`,
    );
  if (cmp(x0, x1) > 0) throw empty('');
  let step: Rational;
  let n: bigint;
  if (stepped) {
    if (!oneUnit && !scaled)
      throw new InputError(
        `the range ${show(item)}: the step ${show(by)} must be in the same unit as the ends (${show(lo.unit)})`,
      );
    if (cmp(stepped.x, ZERO) <= 0)
      throw new InputError(`the range ${show(item)}: expected a step above 0; found ${show(by)}`);
    step = scaled ? mul(stepped.x, rat(scales[2]!)) : stepped.x;
    n = floor(div(sub(x1, x0), step)) + 1n;
  } else if (how === '') {
    // `a..b` with `pair`: the low and the high (one value when they are the same).
    n = cmp(x0, x1) === 0 ? 1n : 2n;
    step = sub(x1, x0);
  } else {
    if (!/^\s*\d+\s*$/.test(by))
      throw new InputError(
        `the range ${show(item)}: expected a whole number of points after ~; found ${show(by)}`,
      );
    n = BigInt(by.trim());
    if (n === 0n) throw empty(', as ~0 asks');
    if (n === 1n && cmp(x0, x1) !== 0)
      throw new InputError(
        `the range ${show(item)}: one point cannot reach both ends; use ~2 or more`,
      );
    step = n === 1n ? ZERO : div(sub(x1, x0), rat(n - 1n));
    if (exactDigits(step) === undefined) {
      throw new InputError(
        `the range ${show(item)}: ${n} points make steps of ${toDecimal(step, 6)}…, which have no exact decimal; pick a count that divides the range, or a step (a..b:step)`,
      );
    }
  }
  if (n > BigInt(MAX_POINTS))
    throw new InputError(
      `the range ${show(item)} has ${count(n)} points; at most ${count(MAX_POINTS)} are allowed`,
    );
  const out: string[] = [];
  for (let k = 0n; k < n; k++) out.push(printed(add(x0, mul(step, rat(k)))));
  return out;
}

/**
 * The values of VALUES: comma-separated items, each a value or a range. A comma is never a
 * thousands separator here (`1,000` is refused: write `1_000` or `1k`).
 */
export function parseValues(text: string, opts: ValueOptions = {}): string[] {
  if (text.trim() === '')
    throw new InputError(
      'expected values: a list (0%,3%,8%), a range with a step (0%..10%:1%) or with a count (0.05..0.25~5); found nothing',
    );
  const items = text.split(',').map((s) => s.trim());
  const out: string[] = [];
  items.forEach((item, k) => {
    if (item === '')
      throw new InputError(
        `expected a value between the commas of ${show(text)}; found an empty one`,
      );
    if (k > 0 && /^\d{3}$/.test(item) && /\d$/.test(items[k - 1]!)) {
      throw new InputError(
        `${show(text)}: commas separate values here, so ${show(`${items[k - 1]},${item}`)} would be two values; write thousands as 1_000 or 1k`,
      );
    }
    // One by one: a range may hold up to MAX_POINTS values, too many to spread as arguments.
    if (item.includes('..')) for (const v of rangeValues(item, opts)) out.push(v);
    else out.push(item);
  });
  return out;
}

/** `PATH=VALUES` → an axis; errors name the flag. */
export function parseVary(text: string, opts: ValueOptions = {}): Axis {
  const i = text.indexOf('=');
  const path = i < 0 ? '' : text.slice(0, i).trim();
  if (path === '')
    throw new InputError(
      `option --vary ${text}: expected PATH=VALUES, like projection.revenue.growth=0%..10%:1%`,
    );
  try {
    return { path, text, values: parseValues(text.slice(i + 1), opts) };
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`option --vary ${text}: ${e.message}`);
    throw e;
  }
}

/** Points in the full grid of `axes`; over MAX_POINTS is refused with the count. */
export function gridSize(axes: readonly Axis[]): number {
  const n = axes.reduce((a, x) => a * BigInt(x.values.length), 1n);
  if (n > BigInt(MAX_POINTS)) {
    throw new InputError(
      `the grid has ${count(n)} points (${axes.map((a) => a.values.length).join(' × ')}); at most ${count(MAX_POINTS)} are allowed`,
    );
  }
  return Number(n);
}

/** The values of point `i` of the full grid, one per axis; the first axis varies slowest. */
export function pointAt(axes: readonly Axis[], i: number): string[] {
  const out = new Array<string>(axes.length);
  for (let k = axes.length - 1; k >= 0; k--) {
    const n = axes[k]!.values.length;
    out[k] = axes[k]!.values[i % n]!;
    i = Math.floor(i / n);
  }
  return out;
}

export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** `I/N` with 0 ≤ I < N ≤ MAX_POINTS, whole numbers. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m)
    throw new InputError(
      `option --shard: expected I/N, like 0/4 (shard I of N, counted from 0); found ${show(text)}`,
    );
  // More shards than a grid may have points would all be empty: refused before any number overflows.
  if (BigInt(m[2]!) > BigInt(MAX_POINTS))
    throw new InputError(
      `option --shard: expected at most ${count(MAX_POINTS)} shards (a grid has at most ${count(MAX_POINTS)} points); found ${show(text)}`,
    );
  const [index, n] = [Number(m[1]), Number(m[2])];
  if (n < 1) throw new InputError(`option --shard: expected at least 1 shard; found ${show(text)}`);
  if (index >= n)
    throw new InputError(
      `option --shard: shards of ${n} are numbered 0 to ${n - 1}; found ${show(text)}`,
    );
  return { index, count: n };
}

/** The points of shard `s` among `total`: i ≡ index (mod count), in order. */
export function shardPoints(total: number, s: Shard = { index: 0, count: 1 }): number[] {
  const out: number[] = [];
  for (let i = s.index; i < total; i += s.count) out.push(i);
  return out;
}

/**
 * The Monte Carlo seed of point `i` under the sweep's `seed`: a fixed mix of the two (SplitMix32
 * finaliser), so a point's result does not depend on which other points run, or where.
 */
export function seedFor(seed: number, i: number): number {
  let z = (Math.imul(seed >>> 0, 0x9e3779b9) ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}
