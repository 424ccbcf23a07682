/** `ai-econ allocation`: one row per category with its vesting terms. */
import type { Command } from 'commander';
import type { Report } from '../core/table.js';
import type { Model } from '../io/model.js';
import { runReport } from './run.js';

export function register(program: Command): void {
  program
    .command('allocation')
    .description('the supply by category with vesting terms and the date each is fully vested')
    .action((_opts: unknown, cmd: Command) => runReport(cmd, async (ctx) => buildAllocation(await ctx.model(), await ctx.source())));
}

export async function buildAllocation(m: Model, source: Record<string, unknown>): Promise<Report> {
  const { col } = await import('../core/table.js');
  const { formatDuration } = await import('../core/units.js');
  const { rat } = await import('../core/rational.js');
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
    params: source,
    decimals: m.decimals,
    tables: [
      {
        name: 'allocation',
        title: `${m.params.token.name} (${m.symbol}) allocation — ${m.file}`,
        columns: [col('category'), col('share_pct', 'pct'), col('tokens', 'token', 0), col('at_start', 'token', 0), col('cliff'), col('linear'), col('every'), col('fully_vested_on', 'date')],
        rows,
        totals: { category: 'total', share_pct: rat(1n), tokens: m.supply, at_start: rows.reduce((a, r) => a + r.at_start, 0n) },
        notes: [`Amounts in whole ${m.symbol}; table view rounds, csv/json are exact to the base unit (${m.decimals} decimals).`],
      },
    ],
  };
}
