/**
 * Reading per-beneficiary grants from CSV as a stream (constant memory):
 * `beneficiary,category,amount[,start,cliff,at_cliff,linear,every]`. Each bad cell is reported
 * with the file, row, line and column.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { InputError } from '../core/errors.js';
import { toUnits } from '../core/amount.js';
import { parseDate } from '../core/date.js';
import { type Grant, grantVesting } from '../core/grants.js';
import { looksLikeShare, parseAmount, parseDuration, parseShare, parseStep } from '../core/units.js';
import { vestingSchedule, type Portion, type Unlock } from '../core/vesting.js';
import type { Model } from './load.js';
import { suggestion } from './suggest.js';

export const GRANT_COLUMNS = ['beneficiary', 'category', 'amount', 'start', 'cliff', 'at_cliff', 'linear', 'every'] as const;
const REQUIRED = ['beneficiary', 'category', 'amount'];

export interface GrantRow {
  grant: Grant;
  unlocks: Unlock[];
  /** 1-based data row and its line in the file. */
  row: number;
  line: number;
}

export async function* readGrants(file: string, m: Model): AsyncGenerator<GrantRow> {
  const input = createReadStream(file);
  const opened = new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', (e: NodeJS.ErrnoException) =>
      reject(new InputError(`option --grants: cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : e.message}`)),
    );
  });
  await opened;
  const parser = input.pipe(
    parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      columns: (header: string[]) => {
        const cols = header.map((h) => h.trim().toLowerCase());
        cols.forEach((c, i) => {
          if (!(GRANT_COLUMNS as readonly string[]).includes(c)) {
            throw new InputError(`${file}:1: unknown column "${header[i]}"${suggestion(c, GRANT_COLUMNS)}; expected ${GRANT_COLUMNS.join(', ')}`);
          }
        });
        const missing = REQUIRED.filter((r) => !cols.includes(r));
        if (missing.length) throw new InputError(`${file}:1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; expected ${GRANT_COLUMNS.join(', ')}`);
        return cols;
      },
    }),
  );
  const byName = new Map(m.categories.map((c) => [c.name.toLowerCase(), c]));
  const names = m.categories.map((c) => c.name);
  let row = 0;
  try {
    for await (const rec of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      row++;
      const line = rec.info.lines;
      const r = rec.record;
      const at = (col: string, msg: string) => new InputError(`${file}:${line}: row ${row}, column ${col}: ${msg}`);
      const cell = <T>(col: string, f: (t: string) => T): T | undefined => {
        const t = r[col];
        if (t === undefined || t === '') return undefined;
        try {
          return f(t);
        } catch (e) {
          if (e instanceof InputError) throw at(col, e.message);
          throw e;
        }
      };
      if (!r.beneficiary) throw at('beneficiary', 'expected a name; found an empty cell');
      const cat = byName.get((r.category ?? '').toLowerCase());
      if (!cat) throw at('category', `no category "${r.category ?? ''}" in ${m.file}${suggestion(r.category ?? '', names)}; expected one of ${names.join(', ')}`);
      const amount = cell('amount', (t) => toUnits(parseAmount(t, 'a token amount'), m.decimals, 'amount'));
      if (amount === undefined) throw at('amount', 'expected a token amount; found an empty cell');
      const grant: Grant = {
        beneficiary: r.beneficiary,
        category: cat.name,
        amount,
        start: cell('start', (t) => parseDate(t)),
        cliff: cell('cliff', (t) => parseDuration(t)),
        atCliff: cell('at_cliff', (t): Portion => (looksLikeShare(t) ? { kind: 'share', r: parseShare(t) } : { kind: 'units', units: toUnits(parseAmount(t, 'a token amount'), m.decimals, 'at_cliff') })),
        linear: cell('linear', (t) => parseDuration(t)),
        every: cell('every', (t) => parseStep(t)),
      };
      let unlocks: Unlock[];
      try {
        unlocks = vestingSchedule(amount, grantVesting(cat.vesting, grant));
      } catch (e) {
        if (e instanceof InputError) throw at('vesting', e.message);
        throw e;
      }
      yield { grant, unlocks, row, line };
    }
  } catch (e) {
    input.destroy();
    if (e instanceof InputError) throw e;
    const err = e as Error & { code?: string; lines?: number };
    if (err.code?.startsWith('CSV_')) throw new InputError(`${file}:${err.lines ?? row + 1}: invalid CSV: ${err.message.replace(/^Invalid Record Length: /, '')}`);
    throw e;
  }
}
