/**
 * The engine of `sweep` (./build.ts): run a report command over a grid of parameter values (or one parameter at a time, for
 * `--sensitivity`) and tabulate chosen figures of each run. The parameter file is parsed once; each
 * point applies its values as `--set` overrides, validates, resolves and builds the sub-report, then
 * reads its metrics. A point's metrics travel as exact text (what csv prints), so one thread, many
 * threads, or shards on many machines joined by `sweep merge` all assemble the same report.
 */
import { SEED_WITHOUT_RUNS } from '../messages.js';
import { createHash } from 'node:crypto';
import { InputError } from '../../core/errors.js';
import { type Axis, gridSize, pointAt, seedFor } from '../../core/grid.js';
import {
  type Rational,
  cmp,
  neg,
  parseDecimal,
  rat,
  sub,
  fromNumber,
  ZERO,
  div,
} from '../../core/rational.js';
import { unitScale } from '../../core/amount.js';
import {
  col,
  typed,
  type Cell,
  type Column,
  type Report,
  type Row,
  type Table,
  type TypedCell,
} from '../../core/table.js';
import { exactText } from '../../core/cells.js';
import type { Model } from '../../params/model.js';
import { parseOverride, type Override } from '../../params/overrides.js';
import { parseParamFile, resolveParams, sectionValidator } from '../../params/load.js';
import { didYouMean } from '../../core/suggest.js';
import type { BuildEnv } from '../env.js';
import { REPORT_COMMANDS } from '../registry.js';
import type { ReportCommand, SweepTraits } from '../command.js';
import { flagOf, keyOf } from '../spec.js';

type AnyBuilder = (
  m: Model,
  o: Record<string, unknown>,
  env?: BuildEnv,
) => Report | Promise<Report>;

/** A command a sweep can run: the registry's report commands that have sweep traits. */
export type Sweepable = ReportCommand & { readonly sweep: SweepTraits };

/** The commands a sweep can run, by name. */
export const SWEEPABLE: Readonly<Record<string, Sweepable>> = Object.fromEntries(
  REPORT_COMMANDS.filter((c): c is Sweepable => c.sweep !== undefined).map((c) => [c.spec.name, c]),
);

/** The default metrics of a sweepable command for these options and the report they give. */
const defaultMetrics = (s: Sweepable, o: Record<string, unknown>, r: Report): readonly string[] => {
  const m = s.sweep.metrics(o);
  return 'tables' in m
    ? metricNames({ ...r, tables: r.tables.filter((t) => m.tables.includes(t.name)) })
    : m;
};

/** Everything a sweep needs, as plain data (it crosses to worker threads and into shard files). */
export interface SweepPlan {
  command: string;
  /** `-c` (undefined: $AI_ECON_CONFIG / ./ai-econ.yaml / built-in, resolved by the caller). */
  config?: string;
  /** `--set` texts, applied to every point. */
  sets: readonly string[];
  axes: readonly Axis[];
  /** The sub-command's parsed options. */
  options: Record<string, unknown>;
  /** `--metric` names (undefined: the command's defaults). */
  metrics?: readonly string[];
  sensitivity: boolean;
  runs?: number;
  seed?: number;
}

/** A point: one value per axis, or null where the file's own value stays (sensitivity runs). */
export type Point = readonly (string | null)[];

/** How many points a plan runs, and each one. */
export function planPoints(plan: Pick<SweepPlan, 'axes' | 'sensitivity'>): {
  total: number;
  at: (i: number) => Point;
} {
  if (!plan.sensitivity) return { total: gridSize(plan.axes), at: (i) => pointAt(plan.axes, i) };
  // The file's values, then each axis at its low and its high with the others at the file's values.
  const base: Point = plan.axes.map(() => null);
  return {
    total: 1 + 2 * plan.axes.length,
    at: (i) => {
      if (i === 0) return base;
      const k = Math.floor((i - 1) / 2);
      const vs = plan.axes[k]!.values;
      return plan.axes.map((_, j) =>
        j === k ? ((i - 1) % 2 === 0 ? vs[0]! : vs[vs.length - 1]!) : null,
      );
    },
  };
}

export function sweepableOf(command: string): Sweepable {
  const s = Object.hasOwn(SWEEPABLE, command) ? SWEEPABLE[command] : undefined;
  if (!s) {
    const names = Object.keys(SWEEPABLE);
    const guess = didYouMean(command, names);
    throw new InputError(
      `sweep: cannot sweep "${command}"${guess ? ` (did you mean "${guess}"?)` : ''}; expected one of ${names.join(', ')}`,
    );
  }
  return s;
}

/** Check a plan before any point runs: the command, its options, --runs. */
export function checkPlan(plan: SweepPlan): Sweepable {
  const s = sweepableOf(plan.command);
  const why = s.sweep.refuse?.(plan.options);
  if (why) throw new InputError(why);
  if (plan.runs !== undefined && !s.sweep.monteCarlo)
    throw new InputError(`option --runs: ${plan.command} has no Monte Carlo`);
  if (plan.seed !== undefined && plan.runs === undefined) throw new InputError(SEED_WITHOUT_RUNS);
  if (plan.axes.length === 0)
    throw new InputError(
      'sweep: expected at least one --vary PATH=VALUES, like --vary projection.revenue.growth=0%..10%:1%',
    );
  const dup = plan.axes.find((a, k) => plan.axes.findIndex((b) => b.path === a.path) !== k);
  if (dup)
    throw new InputError(
      `option --vary: ${dup.path} is varied twice; give all its values in one --vary`,
    );
  // An option that stands in for a varied value (burn --months, quote --utilization) would be
  // what every point shows: refused, naming both (the options declare the paths they set).
  for (const o of s.spec.options) {
    if (!o.sets || plan.options[keyOf(o.flags)] === undefined) continue;
    for (const a of plan.axes) {
      const path = o.sets.find((p) => within(a.path, p) || within(p, a.path));
      if (path === undefined) continue;
      const flag = flagOf(o.flags);
      throw new InputError(
        `options ${flag} and --vary ${a.text} cannot be used together: ${flag} sets ${path} itself, so every point would have the same value; drop ${flag}, or vary another parameter`,
      );
    }
  }
  return s;
}

/** `path` is `parent` or inside it (`projection.revenue.growth` in `projection.revenue`). */
const within = (path: string, parent: string): boolean =>
  path === parent || path.startsWith(`${parent}.`);

// ---------------------------------------------------------------------------------------------
// Metrics: figures read from a sub-report's tables, generically.

interface Found {
  cell: Cell;
  column: Column;
  /** The table it is in. */
  table: string;
}

const isTyped = (c: Cell): c is TypedCell => typeof c === 'object' && c !== null && 'as' in c;
const cellColumn = (key: string, cell: Cell, column: Column): Column =>
  isTyped(cell) ? col(key, cell.as, cell.dp ?? column.dp) : col(key, column.kind, column.dp);
/** A table's rows as an array: lazy rows (an iterable, read once) are read the first time. */
const readRows = new WeakMap<Table, Row[]>();
const rowsOf = (t: Table): Row[] => {
  if (Array.isArray(t.rows)) return t.rows as Row[];
  let rows = readRows.get(t);
  if (!rows) {
    const it = t.rows as Iterable<Row>;
    rows = typeof it[Symbol.iterator] === 'function' ? Array.from(it) : [];
    readRows.set(t, rows);
  }
  return rows;
};
const isMetricTable = (t: Table): boolean =>
  t.columns[0]?.key === 'metric' && valueColumns(t).length >= 1;
/** The value columns of a metric table (not its text columns, such as what_it_means). */
const valueColumns = (t: Table): Column[] => t.columns.slice(1).filter((c) => c.kind !== 'text');

/** Every name `--metric` takes for a report: rows of metric/value tables, then table.column figures. */
export function metricNames(r: Report): string[] {
  const out: string[] = [];
  for (const t of r.tables) {
    if (isMetricTable(t)) {
      const vals = valueColumns(t);
      for (const row of rowsOf(t))
        for (const c of vals)
          out.push(vals.length === 1 ? String(row.metric) : `${String(row.metric)}.${c.key}`);
    } else {
      for (const c of t.columns)
        if (c.kind !== 'text' && c.kind !== 'date') out.push(`${t.name}.${c.key}`);
    }
  }
  return out;
}

/**
 * The figure `name` of a report: a row of a metric/value table (`cumulative_burned`, or
 * `metric.column` when it has several value columns); `table.column` (the totals row, else the last
 * row); `table.column.row` (the row whose first cell is `row`); or a bare column name of any table.
 */
export function findMetric(
  r: Report,
  name: string,
  aliases: Readonly<Record<string, string>> = {},
): Found | undefined {
  const n = aliases[name] ?? name;
  for (const t of r.tables) {
    if (!isMetricTable(t)) continue;
    const vals = valueColumns(t);
    for (const row of rowsOf(t)) {
      const m = String(row.metric);
      for (const c of vals)
        if ((vals.length === 1 ? m : `${m}.${c.key}`) === n)
          return { cell: row[c.key], column: cellColumn(name, row[c.key], c), table: t.name };
    }
  }
  const inTable = (t: Table, key: string, rowName?: string): Found | undefined => {
    const c = t.columns.find((x) => x.key === key);
    if (!c) return undefined;
    const rows = rowsOf(t);
    const row =
      rowName !== undefined
        ? rows.find((x) => String(x[t.columns[0]!.key]) === rowName)
        : (t.totals ?? rows[rows.length - 1]);
    return row
      ? { cell: row[key], column: cellColumn(name, row[key], c), table: t.name }
      : undefined;
  };
  const parts = n.split('.');
  const table = r.tables.find((t) => t.name === parts[0]);
  if (table && parts.length >= 2)
    return inTable(table, parts[1]!, parts.length > 2 ? parts.slice(2).join('.') : undefined);
  for (const t of r.tables) {
    if (isMetricTable(t)) continue;
    const f = inTable(t, n);
    if (f) return f;
  }
  return undefined;
}

/** The metrics of one sub-report, as columns and exact texts. */
export function readMetrics(
  r: Report,
  names: readonly string[],
  s: Sweepable,
  command: string,
): { columns: Column[]; texts: (string | null)[]; tables: Set<string>; words: string[] } {
  const columns: Column[] = [];
  const texts: (string | null)[] = [];
  const tables = new Set<string>();
  // Figures that are text in a column of numbers (quote's `gpu`: "H100"), for sweep merge's checks.
  const words: string[] = [];
  for (const name of names) {
    const f = findMetric(r, name, s.sweep.aliases);
    if (!f) {
      const known = [...Object.keys(s.sweep.aliases ?? {}), ...metricNames(r)];
      const guess = didYouMean(name, known);
      throw new InputError(
        `option --metric: ${command} has no figure "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}; expected one of ${known.join(', ')}`,
      );
    }
    columns.push(f.column);
    texts.push(exactText(f.cell, f.column, r.decimals));
    tables.add(f.table);
    if (typeof f.cell === 'string' && f.column.kind !== 'text') words.push(f.column.key);
  }
  return { columns, texts, tables, words };
}

/** A cell back from its exact text (the inverse of exactText for the kinds metrics have). */
export function cellOfText(text: string | null, column: Column, decimals: number): Cell {
  if (text === null) return null;
  const dec = (): Rational | undefined => {
    try {
      return parseDecimal(text);
    } catch {
      return undefined;
    }
  };
  switch (column.kind) {
    case 'token': {
      const x = dec();
      return x ? (x.n * unitScale(decimals)) / x.d : text;
    }
    case 'usd':
    case 'number':
      return dec() ?? text;
    case 'pct': {
      const x = dec();
      return x ? div(x, rat(100n)) : text;
    }
    case 'int':
      return /^-?\d+$/.test(text) ? BigInt(text) : (dec() ?? text);
    case 'float':
      return Number.isFinite(Number(text)) && text.trim() !== '' ? Number(text) : text;
    default:
      return text;
  }
}

// ---------------------------------------------------------------------------------------------
// Running points.

/** One point's figures: its index and the metrics' exact texts. */
export interface PointResult {
  i: number;
  texts: (string | null)[];
}

export interface Evaluator {
  /** The metric columns (known once a point has run). */
  columns(): Column[] | undefined;
  /** The metrics whose figures are text in a column of numbers (known once a point has run). */
  words(): string[] | undefined;
  decimals(): number | undefined;
  file(): string;
  /** The SHA-256 of the parameter file's text (shards of one sweep were computed from the same content). */
  sha256(): string;
  run(i: number): Promise<PointResult>;
}

/** The overrides of a point: --set first, then the varied values. */
const overridesOf = (plan: SweepPlan, p: Point, sets: readonly Override[]): Override[] => [
  ...sets,
  ...plan.axes.flatMap((a, k) =>
    p[k] === null ? [] : [{ text: `${a.path}=${p[k]}`, path: a.path, value: p[k] as string }],
  ),
];

/** A flag's own mistake (--metric, the command's options): the same at every point, said as it is. */
const flagsOwn = (e: InputError): boolean => /^option --(?!set )/.test(e.message);

/** Says which point an error happened at, in terms of the --vary flags. */
export function pointError(e: unknown, plan: SweepPlan, i: number, p: Point): unknown {
  if (!(e instanceof InputError)) return e;
  if (flagsOwn(e)) return e;
  const varied = plan.axes.map((a, k) => [a, p[k]] as const).filter(([, v]) => v !== null);
  const where =
    varied.length === 1
      ? `option --vary ${varied[0]![0].text}: at ${varied[0]![1]}`
      : `sweep point ${i} (${varied.length ? varied.map(([a, v]) => `${a.path}=${v}`).join(', ') : "the file's own values"})`;
  const lines = e.message.split('\n').map((line) => {
    for (const [a, v] of varied) {
      const own = `option --set ${a.path}=${v}: `;
      if (line.startsWith(own))
        return `${varied.length === 1 ? where : `option --vary ${a.text}: at ${v}`}: ${line.slice(own.length)}`;
    }
    // A --set of every point (not a varied value) is the flag's own mistake.
    if (line.startsWith('option --set ')) return line;
    return `${where}: ${line}`;
  });
  return new InputError(lines.join('\n'));
}

/**
 * Parse the parameter file once and get ready to run any point of the plan (on this thread; each
 * worker thread makes its own).
 */
export async function evaluator(plan: SweepPlan): Promise<Evaluator> {
  const s = checkPlan(plan);
  const build = (await s.builder()) as AnyBuilder;
  const parsed = parseParamFile(plan.config);
  // Each point re-validates only the sections its values touch, and reuses the vesting schedules
  // of the last point when it did not touch token or allocations.
  const validate = sectionValidator(parsed.raw, parsed.src);
  let last: Model | undefined;
  const sets = plan.sets.map(parseOverride);
  const { at } = planPoints(plan);
  let columns: Column[] | undefined;
  let words: string[] | undefined;
  let decimals: number | undefined;
  let names = plan.metrics;
  // The tables the metrics are read from (known after the first point): builders may skip the others.
  let tables: ReadonlySet<string> | undefined;
  const optionsAt = (i: number) =>
    plan.runs !== undefined
      ? { ...plan.options, runs: plan.runs, seed: seedFor(plan.seed ?? 1, i) }
      : plan.options;
  // After a point failed: does the file fail without the varied values too? Then the mistake is
  // not in --vary. And if the file runs without --set, it is in --set (asked once per thread).
  const fails = async (overrides: readonly Override[]): Promise<unknown> => {
    try {
      const { params, src } = validate(overrides);
      await build(resolveParams(params, src, parsed.builtin), optionsAt(0), {});
      return undefined;
    } catch (e) {
      return e;
    }
  };
  let base: Promise<unknown> | undefined;
  const baseError = (): Promise<unknown> =>
    (base ??= (async () => {
      const e = await fails(sets);
      if (!(e instanceof InputError) || !sets.length || (await fails([]))) return e;
      const flags = sets.map((o) => `--set ${o.text}`).join(', ');
      const lines = e.message.split('\n').map((line) =>
        // A problem at a --set path already names its flag; one elsewhere says which took part.
        line.startsWith('option --set ') || line.includes('(with option --set ')
          ? line
          : `option${sets.length > 1 ? 's' : ''} ${flags}: ${line}`,
      );
      return new InputError(lines.join('\n'));
    })());
  return {
    columns: () => columns,
    words: () => words,
    decimals: () => decimals,
    file: () => parsed.src.file,
    sha256: () => createHash('sha256').update(parsed.text).digest('hex'),
    async run(i) {
      const p = at(i);
      try {
        const { params, src } = validate(overridesOf(plan, p, sets));
        const model = (last = resolveParams(params, src, parsed.builtin, last));
        const report = await build(model, optionsAt(i), tables ? { tables } : {});
        names ??= defaultMetrics(s, { ...plan.options, runs: plan.runs }, report);
        const m = readMetrics(report, names, s, plan.command);
        tables ??= m.tables;
        columns ??= m.columns;
        words ??= m.words;
        decimals ??= report.decimals;
        return { i, texts: m.texts };
      } catch (e) {
        if (e instanceof InputError && !flagsOwn(e)) {
          const b = await baseError();
          // Said as the command itself says it: the varied values are not to blame.
          if (b instanceof InputError) throw b;
        }
        throw pointError(e, plan, i, p);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The report, from the figures of every point.

/** What the report needs besides the points' figures: plain data, written at the top of every shard file. */
export interface SweepHeader {
  command: string;
  /** The parameter file as messages and titles name it. */
  file: string;
  /** The SHA-256 of its text: shards of one sweep were computed from the same content. */
  configSha256: string;
  decimals: number;
  params: Record<string, unknown>;
  axes: readonly { path: string; text: string }[];
  sensitivity: boolean;
  runs?: number;
  seed?: number;
  total: number;
  /** The metric columns (absent in a shard that ran no point). */
  columns?: Column[];
  /** The metric columns whose figures are text although their kind is a number's (`gpu`: "H100"). */
  words?: string[];
}

const asRational = (c: Cell): Rational | undefined =>
  typeof c === 'bigint'
    ? rat(c)
    : typeof c === 'number'
      ? Number.isFinite(c)
        ? fromNumber(c)
        : undefined
      : typeof c === 'object' && c !== null && 'n' in c
        ? (c as Rational)
        : undefined;
const MONTH = /^(\d{4})-(\d{2})$/;
const monthIndex = (c: Cell): number | undefined => {
  const m = typeof c === 'string' ? MONTH.exec(c) : null;
  return m ? Number(m[1]) * 12 + Number(m[2]) : undefined;
};
/** |b − a|: in the figures' own unit, or in months between two months (`2029-03` to `2030-05`: 14). */
const absDiff = (a: Cell, b: Cell): Cell => {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a > b ? a - b : b - a;
  const [ma, mb] = [monthIndex(a), monthIndex(b)];
  if (ma !== undefined && mb !== undefined) return typed('int', Math.abs(mb - ma));
  const [x, y] = [asRational(a), asRational(b)];
  if (!x || !y) return null;
  const d = sub(y, x);
  return cmp(d, ZERO) < 0 ? neg(d) : d;
};

/** The sweep's report from its header and the figures of every point, in point order. */
export function assemble(
  h: SweepHeader,
  results: readonly PointResult[],
  axes: readonly Axis[],
): Report {
  const metricCols = h.columns ?? [];
  const { at } = planPoints({ axes, sensitivity: h.sensitivity });
  const rows: Row[] = results.map((r) => {
    const p = at(r.i);
    const row: Row = {};
    h.axes.forEach((a, k) => (row[a.path] = p[k] ?? 'file'));
    metricCols.forEach((c, k) => (row[c.key] = cellOfText(r.texts[k]!, c, h.decimals)));
    return row;
  });
  const varied = h.axes.map((a) => a.path).join(' × ');
  const mc =
    h.runs !== undefined
      ? [
          `Each point runs its own Monte Carlo of ${h.runs.toLocaleString('en-US')} runs, seeded from --seed ${h.seed ?? 1} and the point's index (so a point's figures do not depend on which other points run, or where).`,
        ]
      : [];
  const pointsTable: Table = {
    name: 'points',
    title: h.sensitivity
      ? `Sensitivity runs of ${h.command}: the file's values, then each of ${varied} at its low and high — ${h.file}`
      : `Sweep of ${h.command} over ${varied}: ${h.total.toLocaleString('en-US')} points — ${h.file}`,
    columns: [...h.axes.map((a) => col(a.path)), ...metricCols],
    rows,
    notes: [
      h.sensitivity
        ? "One row per run: first the parameter file's own values (file), then one parameter at a time at the first and the last of its --vary values."
        : 'One row per grid point, in grid order: the first --vary varies slowest, the last fastest. Values as given; the metrics are exact (csv, json) figures of each run.',
      ...mc,
    ],
  };
  const report: Report = {
    command: 'sweep',
    params: h.params,
    decimals: h.decimals,
    tables: [pointsTable],
  };
  if (!h.sensitivity) return report;

  const cell = (i: number, k: number): Cell => (rows[i] ? rows[i][metricCols[k]!.key] : null);
  const sens: Row[] = metricCols.flatMap((c, k) => {
    const t = (v: Cell) =>
      v === null || v === undefined ? null : typed(c.kind, v as TypedCell['v'], c.dp);
    const lines = h.axes.map((a, j) => {
      const [lo, hi] = [cell(1 + 2 * j, k), cell(2 + 2 * j, k)];
      const p = [at(1 + 2 * j)[j], at(2 + 2 * j)[j]];
      const swing = absDiff(lo, hi);
      return {
        j,
        swing,
        row: {
          metric: c.key,
          parameter: a.path,
          low: p[0],
          high: p[1],
          metric_at_low: t(lo),
          metric_at_high: t(hi),
          swing: isTyped(swing) ? swing : t(swing),
        } as Row,
      };
    });
    const size = (x: Cell) => asRational(isTyped(x) ? (x.v as Cell) : x);
    lines.sort((x, y) => {
      const [a, b] = [size(x.swing), size(y.swing)];
      if (a && b) return cmp(b, a) || x.j - y.j;
      return a ? -1 : b ? 1 : x.j - y.j;
    });
    return lines.map((l) => l.row);
  });
  report.tables.unshift({
    name: 'sensitivity',
    title: `Which parameter matters: ${h.command} with one parameter at a time at its low and high — ${h.file}`,
    columns: [
      col('metric'),
      col('parameter'),
      col('low'),
      col('high'),
      col('metric_at_low', 'number'),
      col('metric_at_high', 'number'),
      col('swing', 'number'),
    ],
    rows: sens,
    notes: [
      "swing = |metric_at_high − metric_at_low|; per metric, the parameters that swing it most come first. The others stay at the file's values (the points table's first row). A month's swing is in months; figures with no distance between them (text, 'never') have no swing and come last.",
      ...mc,
    ],
  });
  return report;
}

export { MAX_POINTS } from '../../core/grid.js';

/** A plan's points as run: their results in point order, and what the first point learnt. */
export interface Ran {
  results: PointResult[];
  columns?: Column[];
  words?: string[];
  decimals: number;
  file: string;
  /** The SHA-256 of the parameter file's text. */
  sha256: string;
}

/** Run `points` one after another on this thread (the default executor's way). */
export async function runPointsHere(
  plan: SweepPlan,
  points: readonly number[],
  onProgress?: (done: number) => void,
): Promise<Ran> {
  const local = await evaluator(plan);
  const results: PointResult[] = [];
  for (const i of points) {
    results.push(await local.run(i));
    onProgress?.(results.length);
  }
  return {
    results,
    columns: local.columns(),
    words: local.words(),
    decimals: local.decimals() ?? 18,
    file: local.file(),
    sha256: local.sha256(),
  };
}
