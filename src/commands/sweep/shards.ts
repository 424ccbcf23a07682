/**
 * Shard files of `sweep --shard I/N`: JSON lines, a header (what the report needs besides the
 * figures, which shard this is, and the SHA-256 of the parameter file's text), one line per point,
 * `{"point": i, column: "exact text", …}`, and an end line with the number of points and the SHA-256
 * of every line before it. `sweep merge` reads any number of them back, checks each one whole (a
 * file cut short or changed is named) and every figure against its metric's kind, checks they are
 * shards of one sweep (the same parameter file content, wherever it was read from) that cover every
 * point exactly once, and gives the header and the points in order.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../../core/errors.js';
import { MAX_POINTS, type Shard } from '../../core/grid.js';
import { NEVER, type Column, type ColumnKind } from '../../core/table.js';
import type { PointResult, SweepHeader } from './engine.js';

const MAGIC = 'ai_econ_sweep';
/** 2: the parameter file's hash in the header, the end line with the checksum. */
const VERSION = 2;
const KINDS: readonly ColumnKind[] = [
  'text',
  'date',
  'int',
  'token',
  'usd',
  'pct',
  'number',
  'float',
];

const sha256 = (lines: readonly string[]): string => {
  const h = createHash('sha256');
  for (const l of lines) h.update(l).update('\n');
  return h.digest('hex');
};

/** The JSON lines of one shard. */
export function shardLines(
  h: SweepHeader,
  shard: Shard,
  results: readonly PointResult[],
  pointColumns: (i: number) => Record<string, string>,
): string {
  const head = JSON.stringify({ [MAGIC]: VERSION, shard: `${shard.index}/${shard.count}`, ...h });
  const keys = (h.columns ?? []).map((c) => c.key);
  const lines = [head];
  for (const r of results) {
    const o: Record<string, unknown> = { point: r.i, ...pointColumns(r.i) };
    keys.forEach((k, j) => (o[k] = r.texts[j]));
    lines.push(JSON.stringify(o));
  }
  lines.push(JSON.stringify({ end: results.length, sha256: sha256(lines) }));
  return lines.join('\n') + '\n';
}

interface ShardFile {
  name: string;
  shard: Shard;
  header: SweepHeader;
  rows: PointResult[];
}

const show = JSON.stringify;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const whole = (v: unknown, lo: number, hi: number): v is number =>
  Number.isSafeInteger(v) && (v as number) >= lo && (v as number) <= hi;

/** A header as `sweep --shard` writes it: every field there, of its type. */
function isHeader(h: Record<string, unknown>): boolean {
  const isColumn = (c: unknown) =>
    isObject(c) && typeof c.key === 'string' && KINDS.includes(c.kind as ColumnKind);
  return (
    typeof h.command === 'string' &&
    typeof h.file === 'string' &&
    typeof h.configSha256 === 'string' &&
    whole(h.decimals, 0, 255) &&
    isObject(h.params) &&
    Array.isArray(h.axes) &&
    h.axes.every((a) => isObject(a) && typeof a.path === 'string' && typeof a.text === 'string') &&
    typeof h.sensitivity === 'boolean' &&
    whole(h.total, 0, MAX_POINTS) &&
    (h.runs === undefined || whole(h.runs, 1, Number.MAX_SAFE_INTEGER)) &&
    (h.seed === undefined || whole(h.seed, 0, 0xffffffff)) &&
    (h.columns === undefined || (Array.isArray(h.columns) && h.columns.every(isColumn))) &&
    (h.words === undefined ||
      (Array.isArray(h.words) && h.words.every((w) => typeof w === 'string')))
  );
}

const DECIMAL = /^-?\d+(?:\.\d+)?$/;
/** What exactText prints for a floating-point figure (a statistic). */
const FLOAT = /^(?:-?\d+(?:\.\d+)?(?:e[+-]\d+)?|-?Infinity|NaN)$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const realMonth = (m: string) => Number(m) >= 1 && Number(m) <= 12;
const realDay = (y: string, m: string, d: string) =>
  realMonth(m) && Number(d) >= 1 && Number(d) <= new Date(Date.UTC(+y, +m, 0)).getUTCDate();

/**
 * What is wrong with a figure of a point line, if anything: each metric is there, as the text
 * exactText prints for its kind (JSON null for no figure).
 */
function cellProblem(v: unknown, c: Column, decimals: number): string | undefined {
  if (v === undefined) return 'no figure (expected its exact text, or null for none)';
  if (v === null) return undefined;
  const expected = (what: string) =>
    `expected ${what}${typeof v === 'string' ? '' : ' as a JSON string'}; found ${show(v)}`;
  const what: Record<ColumnKind, string> = {
    token: `a token amount (a decimal with at most ${decimals} decimals, like "1234.5")`,
    usd: 'a USD amount (a decimal, like "1234.5")',
    pct: 'a percent (a decimal, like "12.5")',
    number: 'a number (a decimal, like "0.25")',
    float: 'a number (like "0.25" or "1e+21")',
    int: 'a whole number (like "12")',
    date: `a date (YYYY-MM-DD or YYYY-MM) or ${NEVER}`,
    text: 'text',
  };
  if (typeof v !== 'string') return expected(what[c.kind]);
  let ok: boolean;
  switch (c.kind) {
    case 'token':
      ok = DECIMAL.test(v) && (v.split('.')[1]?.length ?? 0) <= decimals;
      break;
    case 'usd':
    case 'pct':
    case 'number':
      // Exact figures are decimals; statistics (floats in these kinds) print as exactText does.
      ok = DECIMAL.test(v) || FLOAT.test(v);
      break;
    case 'float':
    case 'int':
      ok = FLOAT.test(v) && (c.kind === 'float' || !v.includes('.'));
      break;
    case 'date': {
      const m = MONTH.exec(v);
      const d = DAY.exec(v);
      ok = v === NEVER || (m ? realMonth(m[2]!) : d ? realDay(d[1]!, d[2]!, d[3]!) : false);
      break;
    }
    default: {
      // Text that reads as a month is one (a sensitivity swing counts months between them).
      const m = MONTH.exec(v);
      ok = !m || realMonth(m[2]!);
      if (!ok) return `expected a month (YYYY-MM, 01 to 12) or other text; found ${show(v)}`;
    }
  }
  return ok ? undefined : expected(what[c.kind]);
}

/** The points shard `s` has of `total`. */
const pointsOf = (total: number, s: Shard): number =>
  total > s.index ? Math.ceil((total - s.index) / s.count) : 0;

/** One shard file, checked whole; undefined for an empty file (a shard that never ran). */
function readShard(name: string, text: string): ShardFile | undefined {
  const bad = (why: string) => new InputError(`sweep merge: ${name}: ${why}`);
  const lines = text
    .split('\n')
    .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
    .filter((l) => l.trim() !== '');
  if (lines.length === 0) return undefined;
  const parse = (l: string): Record<string, unknown> | undefined => {
    try {
      const v: unknown = JSON.parse(l);
      return isObject(v) ? v : undefined;
    } catch {
      return undefined;
    }
  };
  const head = parse(lines[0]!) ?? {};
  if (head[MAGIC] === 1)
    throw bad(
      'written by an earlier ai-econ (shard format 1, without checksums); compute its shards again with this one',
    );
  if (head[MAGIC] !== VERSION)
    throw bad('not a shard of ai-econ sweep (expected the output of ai-econ sweep --shard I/N)');
  const { [MAGIC]: _v, shard: shardText, ...header } = head;
  const m = /^(\d+)\/(\d+)$/.exec(String(shardText));
  const shard = m ? { index: Number(m[1]), count: Number(m[2]) } : undefined;
  if (!shard || !whole(shard.count, 1, MAX_POINTS) || shard.index >= shard.count)
    throw bad('the header has no shard I/N');
  if (!isHeader(header))
    throw bad(
      'its first line is not a header that ai-econ sweep --shard wrote (a field is missing)',
    );
  const h = header as unknown as SweepHeader;
  const again = `compute shard ${shard.index}/${shard.count} again`;
  const expected = pointsOf(h.total, shard);
  // The last line: the end line, or where the file was cut.
  const end = lines.length > 1 ? parse(lines[lines.length - 1]!) : undefined;
  const ended = end !== undefined && Object.hasOwn(end, 'end');
  if (lines.length > 1 && end === undefined && !text.endsWith('\n'))
    throw bad(
      `it ends in the middle of line ${lines.length} (cut short: was its task stopped, or its output written with > and interrupted?); ${again}`,
    );
  const pointLines = lines.slice(1, ended ? -1 : undefined);
  const cols = h.columns ?? [];
  const seen = new Set<number>();
  const rows = pointLines.map((l, n) => {
    const at = `line ${n + 2}`;
    const o = parse(l);
    if (!o) throw bad(`${at}: expected a JSON object (a shard of ai-econ sweep --shard I/N)`);
    const i = o.point;
    if (!whole(i, 0, h.total - 1))
      throw bad(`${at}: expected "point" from 0 to ${h.total - 1}; found ${show(i)}`);
    if (i % shard.count !== shard.index)
      throw bad(`${at}: point ${i} is not one of shard ${shard.index}/${shard.count}`);
    if (seen.has(i)) throw bad(`${at}: point ${i} is given twice`);
    seen.add(i);
    const texts = cols.map((c) => {
      const kind = h.words?.includes(c.key) ? { ...c, kind: 'text' as const } : c;
      const why = cellProblem(o[c.key], kind, h.decimals);
      if (why) throw bad(`${at}: ${c.key}: ${why}`);
      return o[c.key] as string | null;
    });
    return { i, texts };
  });
  if (!ended || rows.length < expected)
    throw bad(
      `it ends early: ${rows.length.toLocaleString('en-US')} of the ${expected.toLocaleString('en-US')} points of shard ${shard.index}/${shard.count}${ended ? '' : ' and no end line'} (cut short: was its task stopped?); ${again}`,
    );
  if (
    end.end !== rows.length ||
    rows.length !== expected ||
    end.sha256 !== sha256(lines.slice(0, -1))
  )
    throw bad(
      `it was changed after ai-econ wrote it (its lines do not match the checksum on its last line); ${again}`,
    );
  return { name, shard, header: h, rows };
}

/** What makes two shards' headers one sweep: not where the parameter file was read from, but its content. */
const sweepOf = ({
  columns: _c,
  words: _w,
  decimals: _d,
  file: _f,
  params,
  ...h
}: SweepHeader): string => {
  const { config: _config, ...options } = params;
  return JSON.stringify({ ...h, params: options });
};

/** What differs between two sweeps, for the message. */
function difference(a: SweepHeader, b: SweepHeader): string {
  if (a.command !== b.command) return `the command (${a.command}, ${b.command})`;
  if (a.configSha256 !== b.configSha256)
    return `the parameter file's content (${a.file}, ${b.file})`;
  if (show(a.axes) !== show(b.axes)) return 'the --vary flags';
  return 'the options, --set or --metric';
}

/** The sweep the shard files make together: its header and every point's figures, in order. */
export function mergeShards(files: readonly { name: string; text: string }[]): {
  header: SweepHeader;
  results: PointResult[];
} {
  if (files.length === 0)
    throw new InputError(
      'sweep merge: expected one or more shard files (the output of ai-econ sweep --shard I/N)',
    );
  const read = files.map((f) => ({ name: f.name, shard: readShard(f.name, f.text) }));
  const shards = read.flatMap((r) => (r.shard ? [r.shard] : []));
  // An empty file is a shard that never ran (`> FILE` of a task that failed): its points are missing.
  const empty = read.filter((r) => !r.shard).map((r) => r.name);
  const emptyNote = empty.length
    ? `${list(empty)} ${empty.length === 1 ? 'is' : 'are'} empty: a shard that never ran`
    : '';
  const first = shards[0];
  if (!first)
    throw new InputError(
      `sweep merge: ${emptyNote}; no file holds a shard (expected the output of ai-econ sweep --shard I/N)`,
    );
  for (const s of shards.slice(1)) {
    if (sweepOf(s.header) !== sweepOf(first.header))
      throw new InputError(
        `sweep merge: ${s.name} is a shard of a different sweep than ${first.name}: ${difference(first.header, s.header)} differ`,
      );
    if (s.shard.count !== first.shard.count)
      throw new InputError(
        `sweep merge: ${s.name} is shard ${s.shard.index}/${s.shard.count} but ${first.name} is of ${first.shard.count} shards`,
      );
  }
  shards.forEach((s, k) => {
    const other = shards.findIndex((t) => t.shard.index === s.shard.index);
    if (other !== k)
      throw new InputError(
        `sweep merge: shard ${s.shard.index}/${s.shard.count} is given twice (${shards[other]!.name} and ${s.name}); merge each shard once`,
      );
  });
  const full = shards.find((s) => s.header.columns?.length)?.header ?? first.header;
  const total = first.header.total;
  const byPoint = new Array<PointResult | undefined>(total);
  for (const s of shards) for (const r of s.rows) byPoint[r.i] = r;
  const missing: number[] = [];
  for (let i = 0; i < total; i++) if (!byPoint[i]) missing.push(i);
  if (missing.length) {
    const n = first.shard.count;
    const absent = Array.from({ length: n }, (_, k) => k).filter(
      (k) => !shards.some((s) => s.shard.index === k) && missing.some((i) => i % n === k),
    );
    const notes = [
      ...(absent.length ? [`no file for shard ${list(absent.map((k) => `${k}/${n}`))}`] : []),
      ...(emptyNote ? [emptyNote] : []),
    ];
    throw new InputError(
      `sweep merge: ${missing.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} points missing: ${list(missing.map(String))}` +
        (notes.length ? ` (${notes.join('; ')})` : ''),
    );
  }
  return { header: full, results: byPoint as PointResult[] };
}

const list = (xs: readonly string[]): string =>
  xs.length > 10 ? `${xs.slice(0, 10).join(', ')}, …` : xs.join(', ');
