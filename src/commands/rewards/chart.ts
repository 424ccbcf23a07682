/** rewards: each node's reward, coloured by role. */
import type { Report } from '../../core/table.js';
import {
  type ChartSpec,
  type LoadedTable,
  colour,
  frame,
  round,
  tokenUnit,
  value,
} from '../chart.js';
/** Rewards: each node's reward, coloured by role, largest first. */
export function rewardsChart(report: Report, t: LoadedTable): ChartSpec | undefined {
  if (t.rows.length === 0) return undefined;
  const d = report.decimals;
  const raw = t.rows.map((r) => ({
    id: String(r.id),
    role: String(r.role),
    reward: value(t, r, 'reward', d) ?? 0,
  }));
  const unit = tokenUnit(Math.max(...raw.map((r) => r.reward)));
  const roles = [...new Set(raw.map((r) => r.role))];
  return {
    ...frame(report, 'Epoch rewards per node, by role'),
    data: { values: raw.map((r) => ({ ...r, reward: round(r.reward / unit.div) })) },
    encoding: {
      y: {
        field: 'id',
        type: 'nominal',
        sort: [...raw].sort((a, b) => b.reward - a.reward).map((r) => r.id),
        title: 'node',
      },
      x: {
        field: 'reward',
        type: 'quantitative',
        title: `reward (${unit.label})`,
        axis: { format: ',~r', tickCount: 10 },
      },
    },
    layer: [
      { mark: { type: 'bar' }, encoding: { color: colour('role', 'role', roles) } },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 },
        encoding: { text: { field: 'reward', type: 'quantitative', format: ',.4~r' } },
      },
    ],
  } as ChartSpec;
}

/** The charts of rewards' tables, by table name. */
export const CHARTS = { nodes: rewardsChart };
