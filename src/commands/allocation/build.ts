/** `allocation`: the supply by category with its vesting terms. */
import { col, type Report } from '../../core/table.js';
import { formatDuration } from '../../core/units.js';
import { rat } from '../../core/rational.js';
import type { Model } from '../../params/model.js';
import type { Builder } from '../env.js';
import type { spec } from './spec.js';
import { amountsNote } from '../notes.js';

export const buildAllocation: Builder<typeof spec> = (m: Model): Report => {
  const rows = m.categories.map((c) => {
    const v = c.vesting;
    const atStart = c.unlocks.filter((u) => u.date <= v.start).reduce((a, u) => a + u.amount, 0n);
    const linear = v.tranches
      ? `${v.tranches.length} tranches`
      : v.segments
        ? v.segments.map((s) => formatDuration(s.linear)).join(' + ')
        : v.linear
          ? formatDuration(v.linear)
          : '';
    return {
      category: c.name,
      share_pct: c.share,
      tokens: c.allocation,
      at_start: atStart,
      cliff: v.cliff ? formatDuration(v.cliff) : '',
      linear,
      every: v.linear || v.segments ? (v.every ?? 'month') : '',
      fully_vested_on: c.unlocks[c.unlocks.length - 1]?.date ?? v.start,
    };
  });
  return {
    command: 'allocation',
    params: {},
    decimals: m.decimals,
    tables: [
      {
        name: 'allocation',
        title: `${m.params.token.name} (${m.symbol}) allocation — ${m.file}`,
        columns: [
          col('category'),
          col('share_pct', 'pct'),
          col('tokens', 'token', 0),
          col('at_start', 'token', 0),
          col('cliff'),
          col('linear'),
          col('every'),
          col('fully_vested_on', 'date'),
        ],
        rows,
        totals: {
          category: 'total',
          share_pct: rat(1n),
          tokens: m.supply,
          at_start: rows.reduce((a, r) => a + r.at_start, 0n),
        },
        terminal: ['category', 'share_pct', 'tokens', 'cliff', 'linear', 'fully_vested_on'],
        notes: [amountsNote(m)],
      },
    ],
  };
};
