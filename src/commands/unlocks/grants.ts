/**
 * `unlocks --grants FILE`: every beneficiary's unlocks, streamed, never held in memory. When the
 * output is not atomic (stdout), the file is read twice — once to check every row, so a bad row
 * stops the command before anything is printed, once to write. With -o one pass is enough: the
 * output goes to a temporary file that a bad row discards.
 */
import { col, type Column, type Row, type Table } from '../../core/table.js';
import { displayUnits } from '../../core/amount.js';
import type { CalDate } from '../../core/date.js';
import type { Model } from '../../params/model.js';
import {
  readGrants,
  type GrantRow,
  type GrantsJob,
  type GrantsRange,
  type Split,
} from '../../inputs/grants.js';

/**
 * Reading a big grants file in two parts on two threads (src/runtime/grants-split.ts), handed in
 * by the CLI and the library through the executor; without one, the file is read on this thread.
 */
export interface GrantsSplitter {
  /** Where to cut the file in two, or undefined to read it on one thread. */
  splitFor(file: string): Promise<Split | undefined>;
  /** Check the second part on another thread while `first` checks the first here. */
  checkInTwo(
    job: Omit<GrantsJob, 'out' | 'columns' | 'decimals'>,
    first: () => Promise<void>,
    second: () => Promise<void>,
    granted: (category: string, amount: bigint) => void,
  ): Promise<void>;
  /** The second part's CSV text, made on another thread. */
  splitTail(
    job: Omit<GrantsJob, 'out'>,
    rows: () => AsyncIterable<readonly Row[]>,
    granted: (category: string, amount: bigint) => void,
  ): AsyncIterable<string | Uint8Array> & { stop(): Promise<void> };
}

export interface GrantsOptions {
  from?: CalDate;
  to?: CalDate;
  categories: string[];
  /** Check the whole file before writing anything (needed when output is not atomic). */
  checkFirst: boolean;
  warn?: (message: string) => void;
  /** Two threads for a big file (default: one). */
  splitter?: GrantsSplitter;
}

/** A grant's rows: one per unlock in [from, to], none when its category is not kept. */
export function grantRows(
  { grant, unlocks }: GrantRow,
  keep: ReadonlySet<string>,
  from?: CalDate,
  to?: CalDate,
): Row[] {
  if (!keep.has(grant.category)) return [];
  let cumulative = 0n;
  const rows: Row[] = [];
  for (const u of unlocks) {
    cumulative += u.amount;
    if ((from && u.date < from) || (to && u.date > to)) continue;
    rows.push({
      date: u.date,
      beneficiary: grant.beneficiary,
      category: grant.category,
      unlocked: u.amount,
      cumulative,
    });
  }
  return rows;
}

export async function grantsTable(m: Model, file: string, o: GrantsOptions): Promise<Table> {
  const keep = new Set(o.categories);
  const granted = new Map<string, bigint>();
  const count = (category: string, amount: bigint) =>
    granted.set(category, (granted.get(category) ?? 0n) + amount);
  const warnOverAllocated = () => {
    for (const c of m.categories) {
      const g = granted.get(c.name) ?? 0n;
      if (g > c.allocation)
        o.warn?.(
          `grants in ${c.name} add up to ${displayUnits(g, m.decimals, 0)} ${m.symbol}, more than its allocation of ${displayUnits(c.allocation, m.decimals, 0)}`,
        );
    }
  };
  // A big file is read in two parts (see src/runtime/grants-split.ts): the check before printing to stdout
  // checks the second on another thread; a CSV output writes it on another thread; any other output
  // reads it here after the first.
  const splitter = o.splitter;
  const split = await splitter?.splitFor(file);
  const model = { file: m.file, decimals: m.decimals, categories: m.categories };
  /** The second part, its rows numbered after `row0` rows of the first. */
  const part2 = (row0?: number): GrantsRange => ({
    start: split!.start,
    columns: split!.columns,
    line0: split!.line0,
    recordDelimiter: split!.recordDelimiter,
    row0,
  });
  if (o.checkFirst) {
    let checked = 0; // rows so far: the second part's are numbered after them
    const check = async (range?: GrantsRange) => {
      for await (const g of readGrants(file, m, range)) {
        count(g.grant.category, g.grant.amount);
        checked = g.row;
      }
    };
    if (split)
      await splitter!.checkInTwo(
        { file, model, range: part2(), categories: o.categories },
        () => check({ start: 0, end: split.start }),
        () => check(part2(checked)),
        count,
      );
    else await check();
    warnOverAllocated();
  }
  let tailClaimed = false;
  let rowsBefore = 0;
  async function* rowsOf(range: GrantsRange): AsyncGenerator<Row[]> {
    for await (const g of readGrants(file, m, range)) {
      if (!o.checkFirst) count(g.grant.category, g.grant.amount);
      rowsBefore = g.row;
      yield grantRows(g, keep, o.from, o.to);
    }
  }
  const second = (): GrantsRange => part2(rowsBefore);
  let tail: { stop(): Promise<void> } | undefined;
  async function* chunks(): AsyncGenerator<Row[]> {
    let firstRead = false;
    try {
      yield* rowsOf(split ? { start: 0, end: split.start } : { start: 0 });
      firstRead = true;
    } finally {
      // The first part failed (a bad row, a failed write): the other thread's part is not wanted.
      if (!firstRead) await tail?.stop();
    }
    if (tailClaimed) return;
    if (split) yield* rowsOf(second());
    if (!o.checkFirst) warnOverAllocated();
  }
  // Called by the CSV renderer before it reads the rows: the worker starts at once.
  function csvTail(
    columns: readonly Column[],
    decimals: number,
  ): AsyncIterable<string | Uint8Array> {
    tailClaimed = true;
    const text = (tail = splitter!.splitTail(
      {
        file,
        model,
        range: second(),
        categories: o.categories,
        from: o.from,
        to: o.to,
        columns: [...columns],
        decimals,
      },
      () => rowsOf(second()),
      o.checkFirst ? () => undefined : count,
    ));
    return (async function* () {
      yield* text;
      if (!o.checkFirst) warnOverAllocated();
    })();
  }
  return {
    name: 'grants',
    title: `Grants from ${file}: each beneficiary's unlocks — ${m.file}`,
    columns: [
      col('date', 'date'),
      col('beneficiary'),
      col('category'),
      col('unlocked', 'token'),
      col('cumulative', 'token'),
    ],
    rows: [],
    chunks: chunks(),
    ...(split ? { csvTail } : {}),
    notes: [
      "One row per unlock of each grant, grant by grant in file order; cumulative is that grant's total so far.",
      "Columns a grant leaves empty (start, cliff, at_cliff, linear, every) follow its category's vesting.",
      `Amounts in ${m.symbol}; csv/json are exact to the base unit and stream in constant memory.`,
    ],
  };
}
