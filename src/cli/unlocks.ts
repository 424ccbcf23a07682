/** `ai-econ unlocks`: what unlocks when — per period, at a date, or as discrete events. */
import type { Command } from 'commander';
import type { Report, Table } from '../core/table.js';
import type { Model } from '../io/load.js';
import { collect } from './flags.js';
import { runReport } from './run.js';

export interface UnlocksOptions {
  from?: string;
  to?: string;
  every?: string;
  category?: string[];
  at?: string;
  events?: boolean;
  grants?: string;
}

export function register(program: Command): void {
  program
    .command('unlocks')
    .description('what unlocks when: per period (default), at a date (--at) or every unlock event (--events)')
    .option('--from <date>', 'first period end to show (YYYY-MM-DD)')
    .option('--to <date>', 'last date to show (default: when everything is vested)')
    .option('--every <step>', 'period: day | week | month | quarter | year', 'month')
    .option('--category <name>', 'only this category (repeatable, or comma-separated)', collect)
    .option('--at <date>', 'one row per category: unlocked and locked on this date, and the next unlock')
    .option('--events', 'every discrete unlock with its size against the supply already unlocked')
    .option('--grants <file>', 'per-beneficiary grants from CSV (see README)')
    .addHelpText('after', '\nExamples:\n  $ ai-econ unlocks --every quarter --to 2028-12-31\n  $ ai-econ unlocks --at 2027-04-29\n  $ ai-econ unlocks --events --category Team,Investors -f csv')
    .action((_o: unknown, cmd: Command) => runReport<UnlocksOptions>(cmd, (ctx) => buildUnlocks(ctx.opts, ctx.model, ctx.source)));
}

async function buildUnlocks(opts: UnlocksOptions & { output?: string }, model: () => Promise<Model>, source: () => Promise<Record<string, unknown>>): Promise<Report> {
  const output = opts.output;
  const { flag } = await import('./flags.js');
  const { parseDate } = await import('../core/date.js');
  const { parseStep } = await import('../core/units.js');
  const { InputError } = await import('../core/errors.js');
  const from = flag('--from', opts.from, (t) => parseDate(t), true);
  const to = flag('--to', opts.to, (t) => parseDate(t), true);
  const at = flag('--at', opts.at, (t) => parseDate(t), true);
  const every = flag('--every', opts.every ?? 'month', (t) => parseStep(t, 'a period'));
  if (from && to && from > to) throw new InputError(`option --from ${from} is after --to ${to}`);
  const modes = [at && '--at', opts.events && '--events', opts.grants && '--grants'].filter(Boolean);
  if (modes.length > 1) throw new InputError(`options ${modes.join(' and ')} cannot be used together`);
  const m = await model();
  const { suggestion } = await import('../io/suggest.js');
  const cats = selectCategories(m, (await import('../core/names.js')).splitNames(opts.category ?? [], m.categories.map((c) => c.name)), InputError, suggestion);
  const params = { ...(await source()), from, to, every, category: opts.category, at, events: opts.events || undefined };
  const base = { command: 'unlocks', params, decimals: m.decimals };
  const note = `Amounts in whole ${m.symbol}; table view rounds, csv/json are exact to the base unit (${m.decimals} decimals).`;
  const assumed = m.builtin ? ['Vesting terms beyond the published 12-month team/investor cliff are assumptions (see configs/gensyn.yaml).'] : [];
  if (opts.grants) {
    const { grantsReport } = await import('./grants.js');
    return grantsReport(m, opts.grants, { from, to, categories: cats.map((c) => c.name), checkFirst: !output }, base);
  }
  if (at) return { ...base, tables: [await atTable(m, cats, at, [note, ...assumed])] };
  if (opts.events) return { ...base, tables: [await eventsTable(m, cats, from, to, [note, ...assumed])] };
  return { ...base, tables: [await periodsTable(m, cats, { every, from, to }, [note, ...assumed])] };
}

function selectCategories(m: Model, names: string[], Err: new (msg: string) => Error, suggestion: (s: string, xs: string[]) => string): Model['categories'] {
  if (names.length === 0) return m.categories;
  return names.map((n) => {
    const c = m.categories.find((x) => x.name.toLowerCase() === n.toLowerCase());
    if (c) return c;
    const known = m.categories.map((x) => x.name);
    throw new Err(`option --category: no category "${n}" in ${m.file}${suggestion(n, known)}; expected one of: ${known.join(', ')}`);
  });
}

async function periodsTable(m: Model, cats: Model['categories'], o: { every: import('../core/units.js').Step; from?: string; to?: string }, notes: string[]): Promise<Table> {
  const { periodRows } = await import('../core/unlocks.js');
  const { col } = await import('../core/table.js');
  const { rat } = await import('../core/rational.js');
  const rows = periodRows(cats, { anchor: m.tge, every: o.every, from: o.from, to: o.to });
  return {
    name: 'periods',
    title: `${m.params.token.name} (${m.symbol}) unlocks per ${o.every} from TGE ${m.tge} — ${m.file}`,
    columns: [col('date', 'date'), ...cats.map((c) => col(c.name, 'token', 0)), col('total', 'token', 0), col('cumulative', 'token', 0), col('unlocked_pct', 'pct')],
    rows: rows.map((r) => ({
      date: r.date,
      ...Object.fromEntries(cats.map((c, i) => [c.name, r.amounts[i]])),
      total: r.total,
      cumulative: r.cumulative,
      unlocked_pct: rat(r.cumulative, m.supply),
    })),
    notes: [`Each row is the period ending on its date (the first: everything up to TGE); unlocked_pct = cumulative / total supply.`, ...notes],
  };
}

async function atTable(m: Model, cats: Model['categories'], at: string, notes: string[]): Promise<Table> {
  const { pointInTime } = await import('../core/unlocks.js');
  const { col } = await import('../core/table.js');
  const { rat } = await import('../core/rational.js');
  const rows = pointInTime(cats, at);
  const sum = (f: (r: (typeof rows)[number]) => bigint) => rows.reduce((a, r) => a + f(r), 0n);
  const alloc = sum((r) => r.allocation);
  const nextDate = rows.map((r) => r.next?.date).filter((d): d is string => !!d).sort()[0];
  return {
    name: 'at',
    title: `${m.params.token.name} (${m.symbol}) on ${at} — ${m.file}`,
    columns: [col('category'), col('allocation', 'token', 0), col('unlocked', 'token', 0), col('locked', 'token', 0), col('unlocked_pct', 'pct'), col('next_unlock_date', 'date'), col('next_unlock_amount', 'token', 0)],
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
      unlocked_pct: alloc ? rat(sum((r) => r.unlocked), alloc) : null,
      next_unlock_date: nextDate ?? null,
      next_unlock_amount: nextDate ? rows.reduce((a, r) => a + (r.next?.date === nextDate ? r.next.amount : 0n), 0n) : null,
    },
    notes: ['unlocked counts every unlock on or before the date; unlocked_pct is of the category\'s allocation.', ...notes],
  };
}

async function eventsTable(m: Model, cats: Model['categories'], from: string | undefined, to: string | undefined, notes: string[]): Promise<Table> {
  const { unlockEvents } = await import('../core/unlocks.js');
  const { col } = await import('../core/table.js');
  const { rat } = await import('../core/rational.js');
  const names = new Set(cats.map((c) => c.name));
  // pct_of_unlocked_before counts the whole supply unlocked before, whichever categories are shown.
  const events = unlockEvents(m.categories).filter((e) => names.has(e.category) && (!from || e.date >= from) && (!to || e.date <= to));
  return {
    name: 'events',
    title: `${m.params.token.name} (${m.symbol}) unlock events — ${m.file}`,
    columns: [col('date', 'date'), col('category'), col('amount', 'token', 0), col('pct_of_supply', 'pct', 3), col('pct_of_unlocked_before', 'pct')],
    rows: events.map((e) => ({
      date: e.date,
      category: e.category,
      amount: e.amount,
      pct_of_supply: rat(e.amount, m.supply),
      pct_of_unlocked_before: e.unlockedBefore > 0n ? rat(e.amount, e.unlockedBefore) : null,
    })),
    totals: { date: 'total', amount: events.reduce((a, e) => a + e.amount, 0n), pct_of_supply: rat(events.reduce((a, e) => a + e.amount, 0n), m.supply) },
    notes: ['pct_of_unlocked_before = the event / all tokens unlocked before its date (empty at TGE, when nothing was unlocked before).', ...notes],
  };
}
