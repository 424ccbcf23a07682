/**
 * Shard files of `sweep --shard I/N`: JSON lines, a header (what the report needs besides the
 * figures, and which shard this is) and then one line per point, `{"point": i, column: "exact
 * text", …}`. `sweep merge` reads any number of them back, checks they are shards of one sweep
 * that cover every point exactly once, and gives the header and the points in order.
 */
import { InputError } from '../../core/errors.js';
import type { Shard } from '../../core/grid.js';
import type { PointResult, SweepHeader } from './engine.js';

const MAGIC = 'ai_econ_sweep';
const VERSION = 1;

/** The JSON lines of one shard. */
export function shardLines(
  h: SweepHeader,
  shard: Shard,
  results: readonly PointResult[],
  pointColumns: (i: number) => Record<string, string>,
): string {
  const head = JSON.stringify({ [MAGIC]: VERSION, shard: `${shard.index}/${shard.count}`, ...h });
  const keys = (h.columns ?? []).map((c) => c.key);
  const lines = results.map((r) => {
    const o: Record<string, unknown> = { point: r.i, ...pointColumns(r.i) };
    keys.forEach((k, j) => (o[k] = r.texts[j]));
    return JSON.stringify(o);
  });
  return [head, ...lines].join('\n') + '\n';
}

interface ShardFile {
  name: string;
  shard: Shard;
  header: SweepHeader;
  rows: PointResult[];
}

function readShard(name: string, text: string): ShardFile {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const bad = (why: string) => new InputError(`sweep merge: ${name}: ${why}`);
  const parse = (l: string, n: number): Record<string, unknown> => {
    try {
      const v: unknown = JSON.parse(l);
      if (typeof v === 'object' && v !== null && !Array.isArray(v))
        return v as Record<string, unknown>;
    } catch {
      /* below */
    }
    throw bad(`line ${n}: expected a JSON object (a shard of ai-econ sweep --shard I/N)`);
  };
  if (lines.length === 0)
    throw bad('the file is empty; expected the output of ai-econ sweep --shard I/N');
  let head: Record<string, unknown> = {};
  try {
    head = parse(lines[0], 1);
  } catch {
    /* below */
  }
  if (head[MAGIC] !== VERSION)
    throw bad('not a shard of ai-econ sweep (expected the output of ai-econ sweep --shard I/N)');
  const {
    [MAGIC]: _v,
    shard: shardText,
    ...header
  } = head as Record<string, unknown> & { shard: string };
  const m = /^(\d+)\/(\d+)$/.exec(String(shardText));
  if (!m) throw bad('the header has no shard I/N');
  const h = header as unknown as SweepHeader;
  const keys = (h.columns ?? []).map((c) => c.key);
  const rows = lines.slice(1).map((l, n) => {
    const o = parse(l, n + 2);
    const i = o.point;
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= h.total)
      throw bad(
        `line ${n + 2}: expected "point" from 0 to ${h.total - 1}; found ${JSON.stringify(i)}`,
      );
    return {
      i,
      texts: keys.map((k) => (o[k] === null || o[k] === undefined ? null : String(o[k]))),
    };
  });
  return { name, shard: { index: Number(m[1]), count: Number(m[2]) }, header: h, rows };
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
  const shards = files.map((f) => readShard(f.name, f.text));
  // A shard that ran no point knows neither the metric columns nor the token's decimals.
  const same = ({ columns: _c, decimals: _d, ...h }: SweepHeader) => JSON.stringify(h);
  const first = shards[0];
  for (const s of shards.slice(1)) {
    if (same(s.header) !== same(first.header))
      throw new InputError(
        `sweep merge: ${s.name} is a shard of a different sweep than ${first.name} (command, parameter file, options or --vary differ)`,
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
        `sweep merge: shard ${s.shard.index}/${s.shard.count} is given twice (${shards[other].name} and ${s.name}); merge each shard once`,
      );
  });
  const full = shards.find((s) => s.header.columns?.length)?.header ?? first.header;
  const total = first.header.total;
  const owner = new Array<string | undefined>(total);
  const byPoint = new Array<PointResult | undefined>(total);
  const dups: string[] = [];
  for (const s of shards) {
    for (const r of s.rows) {
      if (owner[r.i] !== undefined) dups.push(`point ${r.i} (in ${owner[r.i]} and ${s.name})`);
      owner[r.i] = s.name;
      byPoint[r.i] = r;
    }
  }
  if (dups.length)
    throw new InputError(
      `sweep merge: ${dups.length.toLocaleString('en-US')} point(s) given twice: ${list(dups)}; merge each shard once`,
    );
  const missing: number[] = [];
  for (let i = 0; i < total; i++) if (!byPoint[i]) missing.push(i);
  if (missing.length) {
    const n = first.shard.count;
    const absent = Array.from({ length: n }, (_, k) => k).filter(
      (k) => !shards.some((s) => s.shard.index === k) && missing.some((i) => i % n === k),
    );
    throw new InputError(
      `sweep merge: ${missing.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} points missing: ${list(missing.map(String))}` +
        (absent.length ? ` (no file for shard ${absent.map((k) => `${k}/${n}`).join(', ')})` : ''),
    );
  }
  return { header: full, results: byPoint as PointResult[] };
}

const list = (xs: readonly string[]): string =>
  xs.length > 10 ? `${xs.slice(0, 10).join(', ')}, …` : xs.join(', ');
