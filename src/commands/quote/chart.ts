/** allocation, quote and rewards charts: bars with the categories, fee lines or nodes named. */
import type { Report } from '../../core/table.js';
import {
  type ChartSpec,
  type LoadedTable,
  USD_FORMAT,
  colour,
  frame,
  round,
  tokenUnit,
  value,
} from '../chart.js';

/** Allocation: each category's share of the supply, labelled with its percent. */
export function allocationChart(report: Report, t: LoadedTable): ChartSpec | undefined {
  if (t.rows.length === 0) return undefined;
  const d = report.decimals;
  const cats = t.rows.map((r) => String(r.category));
  const values = t.rows.map((r) => ({
    category: String(r.category),
    share: round(value(t, r, 'share_pct', d) ?? 0),
    tokens: round(value(t, r, 'tokens', d) ?? 0),
  }));
  const y = { field: 'category', type: 'nominal', sort: cats, title: null };
  return {
    ...frame(report, 'Allocation: share of the total supply per category'),
    data: { values },
    encoding: {
      y,
      x: {
        field: 'share',
        type: 'quantitative',
        title: 'share of total supply',
        axis: { format: '.0%', tickCount: 10 },
      },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: { color: { ...colour('category', 'category', cats), legend: null } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 12 },
        encoding: { text: { field: 'share', type: 'quantitative', format: '.2~%' } },
      },
    ],
  } as ChartSpec;
}

const LINES = ['compute', 'tasks', 'duration'] as const;

/** Quote: the fee lines in USD, one bar each. */
export function breakdownChart(report: Report, t: LoadedTable): ChartSpec | undefined {
  const rows = t.rows.filter((r) => r.item !== 'total');
  if (rows.length === 0) return undefined;
  const items = rows.map((r) => String(r.item));
  const values = rows.map((r) => ({
    item: String(r.item),
    usd: round(value(t, r, 'usd', report.decimals) ?? 0),
  }));
  return {
    ...frame(report, 'Quote: fee lines in USD'),
    data: { values },
    encoding: {
      y: { field: 'item', type: 'nominal', sort: items, title: 'fee line' },
      x: {
        field: 'usd',
        type: 'quantitative',
        title: 'USD',
        axis: { format: USD_FORMAT, tickCount: 8 },
      },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: { color: { ...colour('item', 'fee line', items), legend: null } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 12 },
        encoding: { text: { field: 'usd', type: 'quantitative', format: '$,.2f' } },
      },
    ],
  } as ChartSpec;
}

/** Quote --compare (one bar per GPU class) and --jobs (one per job): total USD stacked by fee line. */
export function compareChart(report: Report, t: LoadedTable): ChartSpec | undefined {
  if (t.rows.length === 0) return undefined;
  const key = t.columns.some((c) => c.key === 'id') ? 'id' : 'gpu';
  const names = t.rows.map((r) => String(r[key]));
  const values = t.rows.flatMap((r) =>
    LINES.map((line) => ({
      [key]: String(r[key]),
      line,
      usd: round(value(t, r, `${line}_usd`, report.decimals) ?? 0),
    })),
  );
  return {
    ...frame(
      report,
      key === 'gpu'
        ? 'Quote per GPU class: total USD by fee line'
        : 'Quote per job: total USD by fee line',
    ),
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: key,
        type: 'nominal',
        sort: names,
        title: key === 'gpu' ? 'GPU class' : 'job',
        axis: { labelAngle: 0 },
      },
      y: {
        field: 'usd',
        type: 'quantitative',
        stack: 'zero',
        title: 'USD',
        axis: { format: USD_FORMAT },
      },
      color: colour('line', 'fee line', [...LINES]),
      order: { field: 'order', type: 'quantitative' },
    },
    transform: [{ calculate: `indexof(${JSON.stringify(LINES)}, datum.line)`, as: 'order' }],
  } as ChartSpec;
}

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
