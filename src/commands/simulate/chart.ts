/**
 * simulate charts: the closed loop's token price above its circulating and total supply (one
 * colour per scenario with --all-scenarios), and the Monte Carlo fans (p5–p95 band, p50 line) of
 * price, circulating and cumulative burned, and utilization.
 */
import type { Report } from '../../core/table.js';
import {
  type ChartSpec,
  type LoadedTable,
  WIDTH,
  colour,
  dateX,
  round,
  stackedFrame,
  tokenUnit,
  value,
} from '../chart.js';

/** Panels stacked one above the other share the frame; each gets its own height. */
const PANEL_HEIGHT = 190;
/** Token prices in dollars and cents ($0.25, $1.5): not SI ("$500m" reads as millions). */
const PRICE_FORMAT = '$,.2~f';

/** Stacked panels, each with its own colours and legend. */
const stacked = (report: Report, title: string): Record<string, unknown> => ({
  ...stackedFrame(report, title),
  resolve: { scale: { color: 'independent', strokeDash: 'independent' } },
});

const SUPPLY = [
  ['circulating', 'circulating'],
  ['total_supply', 'total supply'],
] as const;

/** The first month from which every month burns at least what unlocks (net_deflation_from), from the months table. */
function netDeflationFrom(t: LoadedTable, d: number): string | undefined {
  let from: string | undefined;
  for (const r of t.rows) {
    const [u, b] = [value(t, r, 'unlocked', d) ?? 0, value(t, r, 'burned', d) ?? 0];
    if (u - b <= 0) from ??= String(r.month);
    else from = undefined;
  }
  return from;
}

/**
 * months: price (USD) above circulating and total supply (tokens); with scenarios, colour = scenario.
 * One economy: the buyers' average price beside the pool's month-end price, and a rule at
 * net_deflation_from when the horizon reaches it.
 */
export function simulateMonthsChart(report: Report, t: LoadedTable): ChartSpec | undefined {
  if (t.rows.length === 0) return undefined;
  const d = report.decimals;
  const scenarios = t.columns.some((c) => c.key === 'scenario')
    ? [...new Set(t.rows.map((r) => String(r.scenario)))]
    : undefined;
  const sc = (r: (typeof t.rows)[number]) => (scenarios ? { scenario: String(r.scenario) } : {});
  const PRICES = [
    ['price_usd', 'pool price (month end)'],
    ['buy_price_usd', "buyers' average price"],
  ] as const;
  const priceSeries = PRICES.filter(([k]) => !scenarios && t.columns.some((c) => c.key === k)).map(
    ([, s]) => s,
  );
  const prices = t.rows.flatMap((r): Record<string, unknown>[] =>
    scenarios || priceSeries.length < 2
      ? [{ month: String(r.month), ...sc(r), price: round(value(t, r, 'price_usd', d) ?? 0) }]
      : PRICES.map(([k, series]) => ({
          month: String(r.month),
          series,
          price: value(t, r, k, d) === null ? null : round(value(t, r, k, d) as number),
        })),
  );
  const deflation = scenarios ? undefined : netDeflationFrom(t, d);
  const raw = t.rows.flatMap((r) =>
    SUPPLY.map(([key, series]) => ({
      month: String(r.month),
      ...sc(r),
      series,
      tokens: value(t, r, key, d) ?? 0,
    })),
  );
  const unit = tokenUnit(Math.max(...raw.map((p) => p.tokens)));
  const names = SUPPLY.map(([, s]) => s);
  const x = dateX('month', 'month (UTC)');
  const priceColour = scenarios
    ? { color: colour('scenario', 'scenario', scenarios) }
    : priceSeries.length === 2
      ? { color: colour('series', 'series', priceSeries) }
      : { color: { value: '#4e79a7' } };
  const supplyEnc = scenarios
    ? {
        color: colour('scenario', 'scenario', scenarios),
        strokeDash: {
          field: 'series',
          type: 'nominal',
          title: 'series',
          sort: names,
          scale: { domain: names },
          legend: { orient: 'top' },
        },
      }
    : { color: colour('series', 'series', names) };
  return {
    ...stacked(
      report,
      scenarios
        ? `The closed loop by scenario: ${scenarios.join(', ')} — token price and supply`
        : 'The closed loop: token price in the pool, circulating and total supply',
    ),
    vconcat: [
      {
        width: WIDTH,
        height: PANEL_HEIGHT,
        data: { values: prices },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x,
          y: {
            field: 'price',
            type: 'quantitative',
            title: 'token price (USD)',
            axis: { format: PRICE_FORMAT },
          },
          ...priceColour,
        },
      },
      {
        width: WIDTH,
        height: PANEL_HEIGHT,
        layer: [
          {
            data: { values: raw.map((p) => ({ ...p, tokens: round(p.tokens / unit.div) })) },
            mark: { type: 'line', strokeWidth: 2 },
            encoding: {
              x,
              y: {
                field: 'tokens',
                type: 'quantitative',
                title: unit.label,
                axis: { format: ',~r' },
              },
              ...supplyEnc,
            },
          },
          ...(deflation
            ? [
                {
                  data: {
                    values: [{ month: deflation, label: `net deflation from ${deflation}` }],
                  },
                  layer: [
                    { mark: { type: 'rule', color: '#333', strokeDash: [4, 3] }, encoding: { x } },
                    {
                      mark: { type: 'text', align: 'right', dx: -4, dy: 8, baseline: 'top', y: 0 },
                      encoding: { x, text: { field: 'label' } },
                    },
                  ],
                },
              ]
            : []),
        ],
      },
    ],
  } as unknown as ChartSpec;
}

/** A p5–p95 band with its p50 line, coloured by series. */
function fan(
  values: Record<string, unknown>[],
  title: string,
  format: string,
  names: string[],
): Record<string, unknown> {
  const x = dateX('month', 'month (UTC)');
  // One series: its name is the axis title, no legend.
  const color =
    names.length > 1
      ? colour('series', 'series', names)
      : { ...colour('series', 'series', names), legend: null };
  return {
    width: WIDTH,
    height: PANEL_HEIGHT,
    data: { values },
    layer: [
      {
        mark: { type: 'area', opacity: 0.25 },
        encoding: {
          x,
          y: { field: 'p5', type: 'quantitative', title, axis: { format } },
          y2: { field: 'p95' },
          color,
        },
      },
      {
        mark: { type: 'line', strokeWidth: 2 },
        encoding: { x, y: { field: 'p50', type: 'quantitative' }, color },
      },
    ],
  };
}

/** bands: the fans of the token price, of circulating and cumulative burned, and of utilization. */
export function simulateBandsChart(report: Report, t: LoadedTable): ChartSpec | undefined {
  if (t.rows.length === 0) return undefined;
  const d = report.decimals;
  const pts = (key: string, series: string, scale = 1) =>
    t.rows.map(
      (r) =>
        ({
          month: String(r.month),
          series,
          ...Object.fromEntries(
            ['p5', 'p50', 'p95'].map((p) => [p, (value(t, r, `${p}_${key}`, d) ?? 0) * scale]),
          ),
        }) as { month: string; series: string; p5: number; p50: number; p95: number },
    );
  const scaled = (ps: ReturnType<typeof pts>, div = 1) =>
    ps.map((p) => ({
      ...p,
      p5: round(p.p5 / div),
      p50: round(p.p50 / div),
      p95: round(p.p95 / div),
    }));
  const tokens = [
    ...pts('circulating', 'circulating'),
    ...pts('cumulative_burned', 'cumulative burned'),
  ];
  const unit = tokenUnit(Math.max(...tokens.map((p) => p.p95)));
  const runs = report.meta?.runs;
  return {
    ...stacked(
      report,
      `Monte Carlo${runs ? ` (${Number(runs).toLocaleString('en-US')} runs, seed ${String(report.meta?.seed)})` : ''}: p5–p95 band and p50 line of price, supply and utilization`,
    ),
    vconcat: [
      fan(scaled(pts('price_usd', 'token price')), 'token price (USD)', PRICE_FORMAT, [
        'token price',
      ]),
      fan(scaled(tokens, unit.div), unit.label, ',~r', ['circulating', 'cumulative burned']),
      // utilization_pct cells are fractions (a pct column): plotted as percent.
      fan(scaled(pts('utilization_pct', 'utilization')), 'utilization of GPU capacity', '.0%', [
        'utilization',
      ]),
    ],
  } as unknown as ChartSpec;
}

/** The charts of simulate's tables, by table name. */
export const CHARTS = { months: simulateMonthsChart, bands: simulateBandsChart };
