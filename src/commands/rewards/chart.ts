/**
 * rewards: each node's reward, one panel per role, each on its own scale (a validator's reward is
 * a hundredth of a compute node's: on one axis its bar would not show).
 */
import type { Report } from '../../core/table.js';
import {
  type ChartSpec,
  type LoadedTable,
  WIDTH,
  round,
  stackedFrame,
  tokenUnit,
  value,
} from '../chart.js';

const COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948'];
const BAR_HEIGHT = 34;

/** Rewards: a panel per role, its nodes largest first, each bar labelled (a zero with its status). */
export function rewardsChart(report: Report, t: LoadedTable): ChartSpec | undefined {
  if (t.rows.length === 0) return undefined;
  const d = report.decimals;
  const raw = t.rows.map((r) => ({
    id: String(r.id),
    role: String(r.role),
    status: String(r.status ?? ''),
    reward: value(t, r, 'reward', d) ?? 0,
  }));
  const roles = [...new Set(raw.map((r) => r.role))];
  const panels = roles.map((role, k) => {
    const nodes = raw.filter((r) => r.role === role).sort((a, b) => b.reward - a.reward);
    const unit = tokenUnit(Math.max(...nodes.map((r) => r.reward)));
    const values = nodes.map((r) => ({
      id: r.id,
      reward: round(r.reward / unit.div),
      label:
        r.reward > 0
          ? (r.reward / unit.div).toLocaleString('en-US', { maximumSignificantDigits: 4 })
          : `0${r.status && r.status !== 'ok' ? ` (${r.status})` : ''}`,
    }));
    return {
      width: WIDTH,
      height: BAR_HEIGHT * nodes.length,
      title: { text: `${role} nodes`, anchor: 'start', fontSize: 13 },
      data: { values },
      encoding: {
        y: { field: 'id', type: 'nominal', sort: nodes.map((r) => r.id), title: null },
        x: {
          field: 'reward',
          type: 'quantitative',
          title: `${role} reward (${unit.label})`,
          axis: { format: ',~r', tickCount: 10 },
        },
      },
      layer: [
        { mark: { type: 'bar', color: COLOURS[k % COLOURS.length], height: { band: 0.8 } } },
        {
          mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 },
          encoding: { text: { field: 'label', type: 'nominal' } },
        },
      ],
    };
  });
  return {
    ...stackedFrame(report, 'Epoch rewards per node, a panel per role (each its own scale)'),
    vconcat: panels,
  } as unknown as ChartSpec;
}

/** The charts of rewards' tables, by table name. */
export const CHARTS = { nodes: rewardsChart };
