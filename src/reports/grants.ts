/**
 * `unlocks --grants FILE`: every beneficiary's unlocks, streamed, never held in memory. When the
 * output is not atomic (stdout), the file is read twice — once to check every row, so a bad row
 * stops the command before anything is printed, once to write. With -o one pass is enough: the
 * output goes to a temporary file that a bad row discards.
 */
import { col, type Row, type Table } from '../core/table.js';
import { displayUnits } from '../core/amount.js';
import type { CalDate } from '../core/date.js';
import type { Model } from '../io/model.js';
import { readGrants } from '../io/grants.js';

export interface GrantsOptions {
  from?: CalDate;
  to?: CalDate;
  categories: string[];
  /** Check the whole file before writing anything (needed when output is not atomic). */
  checkFirst: boolean;
  warn?: (message: string) => void;
}

export async function grantsTable(m: Model, file: string, o: GrantsOptions): Promise<Table> {
  const keep = new Set(o.categories);
  const granted = new Map<string, bigint>();
  const count = (category: string, amount: bigint) => granted.set(category, (granted.get(category) ?? 0n) + amount);
  const warnOverAllocated = () => {
    for (const c of m.categories) {
      const g = granted.get(c.name) ?? 0n;
      if (g > c.allocation) o.warn?.(`grants in ${c.name} add up to ${displayUnits(g, m.decimals, 0)} ${m.symbol}, more than its allocation of ${displayUnits(c.allocation, m.decimals, 0)}`);
    }
  };
  if (o.checkFirst) {
    for await (const g of readGrants(file, m)) count(g.grant.category, g.grant.amount);
    warnOverAllocated();
  }
  async function* chunks(): AsyncGenerator<Row[]> {
    for await (const { grant, unlocks } of readGrants(file, m)) {
      if (!o.checkFirst) count(grant.category, grant.amount);
      if (!keep.has(grant.category)) continue;
      let cumulative = 0n;
      const rows: Row[] = [];
      for (const u of unlocks) {
        cumulative += u.amount;
        if ((o.from && u.date < o.from) || (o.to && u.date > o.to)) continue;
        rows.push({ date: u.date, beneficiary: grant.beneficiary, category: grant.category, unlocked: u.amount, cumulative });
      }
      yield rows;
    }
    if (!o.checkFirst) warnOverAllocated();
  }
  return {
    name: 'grants',
    title: `Grants from ${file}: each beneficiary's unlocks — ${m.file}`,
    columns: [col('date', 'date'), col('beneficiary'), col('category'), col('unlocked', 'token'), col('cumulative', 'token')],
    rows: [],
    chunks: chunks(),
    notes: [
      "One row per unlock of each grant, grant by grant in file order; cumulative is that grant's total so far.",
      'Columns a grant leaves empty (start, cliff, at_cliff, linear, every) follow its category\'s vesting.',
      `Amounts in ${m.symbol}; csv/json are exact to the base unit and stream in constant memory.`,
    ],
  };
}
