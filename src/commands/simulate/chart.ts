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
  narrowBandNote,
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

type Band = { month: string; series: string; p5: number; p50: number; p95: number };

/**
 * One series' p5–p95 band with its p50 line, on its own axis (from zero, or around the data with
 * `zero: false`); its title names it and says when the band is too narrow to see.
 */
function fan(
  values: Band[],
  o: { name: string; axis: string; format: string; zero?: boolean; colour?: string },
): Record<string, unknown> {
  const x = dateX('month', 'month (UTC)');
  const zero = o.zero ?? true;
  const note = narrowBandNote(values, zero);
  const y = { type: 'quantitative', scale: { zero } };
  const color = o.colour ?? '#4e79a7';
  return {
    width: WIDTH,
    height: PANEL_HEIGHT,
    title: { text: note ? `${o.name}: ${note}` : o.name, anchor: 'start', fontSize: 12 },
    data: { values },
    layer: [
      {
        mark: { type: 'area', opacity: 0.25, color },
        encoding: {
          x,
          y: { ...y, field: 'p5', title: o.axis, axis: { format: o.format } },
          y2: { field: 'p95' },
        },
      },
      {
        mark: { type: 'line', strokeWidth: 2, color },
        encoding: { x, y: { ...y, field: 'p50' } },
      },
    ],
  };
}

/**
 * bands: the fans of the token price, of circulating, of cumulative burned (each on its own axis,
 * so a band narrow beside the other's values shows) and of utilization.
 */
export function simulateBandsChart(report: Report, t: LoadedTable): ChartSpec | undefined {
  if (t.rows.length === 0) return undefined;
  const d = report.decimals;
  const pts = (key: string, series: string, div = 1): Band[] =>
    t.rows.map((r) => {
      const at = (p: string) => round((value(t, r, `${p}_${key}`, d) ?? 0) / div);
      return { month: String(r.month), series, p5: at('p5'), p50: at('p50'), p95: at('p95') };
    });
  const tokens = (key: string) => {
    const unit = tokenUnit(Math.max(...t.rows.map((r) => value(t, r, `p95_${key}`, d) ?? 0)));
    return { values: pts(key, key, unit.div), axis: unit.label };
  };
  const circulating = tokens('circulating');
  const burned = tokens('cumulative_burned');
  const runs = report.meta?.runs;
  return {
    ...stacked(
      report,
      `Monte Carlo${runs ? ` (${Number(runs).toLocaleString('en-US')} runs, seed ${String(report.meta?.seed)})` : ''}: p5–p95 band and p50 line of price, supply and utilization`,
    ),
    vconcat: [
      fan(pts('price_usd', 'token price'), {
        name: 'token price',
        axis: 'token price (USD)',
        format: PRICE_FORMAT,
      }),
      fan(circulating.values, {
        name: 'circulating',
        axis: circulating.axis,
        format: ',~r',
        zero: false,
      }),
      fan(burned.values, {
        name: 'cumulative burned',
        axis: burned.axis,
        format: ',~r',
        colour: '#f28e2b',
      }),
      // utilization_pct cells are fractions (a pct column): plotted as percent.
      fan(pts('utilization_pct', 'utilization'), {
        name: 'utilization of GPU capacity',
        axis: 'percent',
        format: '.0%',
      }),
    ],
  } as unknown as ChartSpec;
}

/** The charts of simulate's tables, by table name. */
export const CHARTS = { months: simulateMonthsChart, bands: simulateBandsChart };
