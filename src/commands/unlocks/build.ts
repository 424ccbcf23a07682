/** `unlocks`: what unlocks when — per period, at a date, as discrete events, or per beneficiary. */
import { InputError } from '../../core/errors.js';
import { rat } from '../../core/rational.js';
import { col, type Report, type Row, type Table } from '../../core/table.js';
import { eachPeriodRow, pointInTime, unlockEvents } from '../../core/unlocks.js';
import type { CalDate } from '../../core/date.js';
import type { Step } from '../../core/units.js';
import type { Category, Model } from '../../params/model.js';
import { suggestion } from '../../core/suggest.js';
import type { BuildEnv, Builder } from '../env.js';
import { plotValue } from '../chart.js';
import { eachChunk, rowsFrom } from '../../core/rows.js';
import { amountsNote, vestingAssumed } from '../notes.js';
import type { spec } from './spec.js';
import type { OptionsOf } from '../spec.js';

export const buildUnlocks: Builder<typeof spec> = async (
  m,
  o,
  env: BuildEnv = {},
): Promise<Report> => {
  const r = await unlocksReport(m, o, env);
  if (!o.chart) return r;
  const t = r.tables[0];
  if (t?.name !== 'periods')
    throw new InputError(
      'option --chart: draws the unlocks per period; it cannot be used with --at, --events or --grants',
    );
  // Cumulative unlocks per category and in total, read chunk by chunk (a daily table has millions
  // of rows: only the running totals are kept).
  const cats = t.columns.filter(
    (c) => c.kind === 'token' && c.key !== 'total' && c.key !== 'cumulative',
  );
  const sums = cats.map(() => 0);
  const cumulative = cats.map(() => [] as number[]);
  const total: number[] = [];
  for await (const chunk of eachChunk(t))
    for (const row of chunk) {
      cats.forEach((c, k) =>
        cumulative[k]!.push((sums[k]! += plotValue(row[c.key], c, r.decimals) ?? 0)),
      );
      total.push(sums.reduce((a, x) => a + x, 0));
    }
  const series = [
    ...cats.map((c, k) => ({ label: c.key, values: cumulative[k]! })),
    { label: 'total', values: total },
  ];
  return { ...r, lineCharts: [{ series, period: o.every ?? 'month' }] };
};

const unlocksReport = async (
  m: Model,
  o: OptionsOf<typeof spec>,
  env: BuildEnv,
): Promise<Report> => {
  const every = o.every ?? 'month';
  if (o.from && o.to && o.from > o.to)
    throw new InputError(`option --from ${o.from} is after --to ${o.to}`);
  const modes = [o.at && '--at', o.events && '--events', o.grants && '--grants'].filter(Boolean);
  if (modes.length > 1)
    throw new InputError(`options ${modes.join(' and ')} cannot be used together`);
  const cats = selectCategories(m, o.category ?? []);
  const notes = [amountsNote(m), ...vestingAssumed(m)];
  const report = (t: Table): Report => ({
    command: 'unlocks',
    params: {},
    decimals: m.decimals,
    tables: [t],
  });
  if (o.grants) {
    // Reading a grants file (node streams, csv-parse) loads only here.
    const { grantsTable } = await import('./grants.js');
    return report(
      await grantsTable(m, o.grants, {
        from: o.from,
        to: o.to,
        categories: cats.map((c) => c.name),
        checkFirst: env.checkFirst ?? true,
        warn: env.warn,
        splitter: env.exec?.grants,
      }),
    );
  }
  if (o.at) return report(atTable(m, cats, o.at, notes));
  if (o.events) return report(eventsTable(m, cats, o.from, o.to, notes));
  return report(periodsTable(m, cats, { every, from: o.from, to: o.to }, notes));
};

/** The categories `--category` names (an exact name first, then each comma-separated part). */
export function selectCategories(m: Model, names: readonly string[]): Category[] {
  if (names.length === 0) return m.categories;
  const find = (n: string) =>
    m.categories.find((x) => x.name.toLowerCase() === n.trim().toLowerCase());
  return names.flatMap((n) => {
    const c = find(n);
    if (c) return [c];
    const parts = n
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return parts.map((p) => {
      const x = find(p);
      if (x) return x;
      const known = m.categories.map((k) => k.name);
      throw new InputError(
        `option --category: no category "${p}" in ${m.file}${suggestion(p, known)}; expected one of: ${known.join(', ')}`,
      );
    });
  });
}

function periodsTable(
  m: Model,
  cats: Category[],
  o: { every: Step; from?: CalDate; to?: CalDate },
  notes: string[],
): Table {
  const period = { anchor: m.tge, every: o.every, from: o.from, to: o.to };
  function* rows(): Generator<Row> {
    for (const r of eachPeriodRow(cats, period))
      yield {
        date: r.date,
        ...Object.fromEntries(cats.map((c, i) => [c.name, r.amounts[i]])),
        total: r.total,
        cumulative: r.cumulative,
        unlocked_pct: rat(r.cumulative, m.supply),
      };
  }
  return {
    name: 'periods',
    title: `${m.params.token.name} (${m.symbol}) unlocks per ${o.every} from TGE ${m.tge} — ${m.file}`,
    columns: [
      col('date', 'date'),
      ...cats.map((c) => col(c.name, 'token', 0)),
      col('total', 'token', 0),
      col('cumulative', 'token', 0),
      col('unlocked_pct', 'pct'),
    ],
    // Streamed past KEEP_ROWS rows (a daily table to 9999 has 2.9 million): constant memory.
    rows: rowsFrom(rows),
    // A narrow terminal keeps the sums and the largest categories.
    terminal: [
      'date',
      'total',
      'cumulative',
      'unlocked_pct',
      ...[...cats]
        .sort((a, b) => (b.allocation > a.allocation ? 1 : b.allocation < a.allocation ? -1 : 0))
        .map((c) => c.name),
    ],
    parts: { total: cats.map((c) => c.name), cumulative: cats.map((c) => c.name) },
    notes: [
      'Each row is the period ending on its date (the first: everything up to TGE); unlocked_pct = cumulative / total supply.',
      ...notes,
    ],
  };
}

function atTable(m: Model, cats: Category[], at: CalDate, notes: string[]): Table {
  const rows = pointInTime(cats, at);
  const sum = (f: (r: (typeof rows)[number]) => bigint) => rows.reduce((a, r) => a + f(r), 0n);
  const alloc = sum((r) => r.allocation);
  const nextDate = rows
    .map((r) => r.next?.date)
    .filter((d): d is string => !!d)
    .sort()[0];
  return {
    name: 'at',
    title: `${m.params.token.name} (${m.symbol}) on ${at} — ${m.file}`,
    columns: [
      col('category'),
      col('allocation', 'token', 0),
      col('unlocked', 'token', 0),
      col('locked', 'token', 0),
      col('unlocked_pct', 'pct'),
      col('next_unlock_date', 'date'),
      col('next_unlock_amount', 'token', 0),
    ],
    rows: rows.map((r) => ({
      category: r.name,
      allocation: r.allocation,
      unlocked: r.unlocked,
      locked: r.locked,
      unlocked_pct: r.allocation ? rat(r.unlocked, r.allocation) : null,
      next_unlock_date: r.next?.date ?? null,
      next_unlock_amount: r.next?.amount ?? null,
    })),
    totals: {
      category: 'total',
      allocation: alloc,
      unlocked: sum((r) => r.unlocked),
      locked: sum((r) => r.locked),
      unlocked_pct: alloc
        ? rat(
            sum((r) => r.unlocked),
            alloc,
          )
        : null,
      next_unlock_date: nextDate ?? null,
      next_unlock_amount: nextDate
        ? rows.reduce((a, r) => a + (r.next?.date === nextDate ? r.next.amount : 0n), 0n)
        : null,
    },
    terminal: [
      'category',
      'unlocked',
      'locked',
      'unlocked_pct',
      'next_unlock_date',
      'next_unlock_amount',
    ],
    notes: [
      "unlocked counts every unlock on or before the date; unlocked_pct is of the category's allocation.",
      ...notes,
    ],
  };
}

function eventsTable(
  m: Model,
  cats: Category[],
  from: CalDate | undefined,
  to: CalDate | undefined,
  notes: string[],
): Table {
  const names = new Set(cats.map((c) => c.name));
  // pct_of_unlocked_before counts the whole supply unlocked before, whichever categories are shown.
  const events = unlockEvents(m.categories).filter(
    (e) => names.has(e.category) && (!from || e.date >= from) && (!to || e.date <= to),
  );
  const total = events.reduce((a, e) => a + e.amount, 0n);
  return {
    name: 'events',
    title: `${m.params.token.name} (${m.symbol}) unlock events — ${m.file}`,
    columns: [
      col('date', 'date'),
      col('category'),
      col('amount', 'token', 0),
      col('pct_of_supply', 'pct', 3),
      col('pct_of_unlocked_before', 'pct'),
    ],
    rows: events.map((e) => ({
      date: e.date,
      category: e.category,
      amount: e.amount,
      pct_of_supply: rat(e.amount, m.supply),
      pct_of_unlocked_before: e.unlockedBefore > 0n ? rat(e.amount, e.unlockedBefore) : null,
    })),
    totals: { date: 'total', amount: total, pct_of_supply: rat(total, m.supply) },
    notes: [
      'pct_of_unlocked_before = the event / all tokens unlocked before its date (empty at TGE, when nothing was unlocked before).',
      ...notes,
    ],
  };
}
