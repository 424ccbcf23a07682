/**
 * What the `ai-econ play` page computes, without the page (no DOM here, so jest runs it too): its
 * controls, the model for their values through the CLI's own path (parse the text once, then for
 * each state the `--set` overrides, validation and resolution a sweep uses; ../../params/parse.ts),
 * the same builders the commands run, the risk figures as `simulate --table risks -f csv` prints
 * them, the command line that reproduces a state, and the parameter file with the state written in.
 */
import { Document, Scalar, isScalar, parseDocument } from 'yaml';
import { InputError } from '../../core/errors.js';
import type { Report, Row } from '../../core/table.js';
import { allRows } from '../../core/rows.js';
import { PARAMS_EXPECTED, parseYaml, sectionValidator } from '../../params/parse.js';
import { ParamFileError, problemText, resolveParams, type Model } from '../../params/model.js';
import { parseOverride, type Override } from '../../params/overrides.js';
import { ParamsSchema } from '../../params/schema/index.js';
import { descriptionAt, keysAt } from '../../params/schema/keys.js';
import { buildUnlocks } from '../../commands/unlocks/build.js';
import { buildBurn } from '../../commands/burn/build.js';
import { simulateReport } from '../../commands/simulate/build.js';
import { csvText } from '../csv-text.js';
import type { PlayData } from '../../commands/play/data.js';

export type { PlayData } from '../../commands/play/data.js';
import { displayText } from '../../core/cells.js';

/** A control of the page: an input whose name is its `--set` path. */
export interface Control {
  path: string;
  group: string;
  label: string;
  /** What the value is in, shown beside it (`% a month`, `USD`). */
  unit: string;
  /** The file's text for it ('' when the file leaves it out: then `placeholder` says what applies). */
  value: string;
  /** Its value when the page opens: the file's, or what `play --set` gave it. */
  start: string;
  placeholder?: string;
  /** The schema's description of the field. */
  help?: string;
  /** A slider beside the text: its range, in the unit shown (percent for `%` fields). */
  slider?: { min: number; max: number; step: number; percent: boolean };
  /** A choice among these words (a select) instead of a text box; '' (the file leaves it out) shows `placeholder`. */
  choices?: readonly string[];
  /** The section the file must have for the control to show (default: the field's own section). */
  within?: string;
}

type Slider = Control['slider'];
const pctSlider = (min: number, max: number, step = 0.5): Slider => ({
  min,
  max,
  step,
  percent: true,
});
const numSlider = (min: number, max: number, step: number): Slider => ({
  min,
  max,
  step,
  percent: false,
});

/** The controls, in page order (those whose section the file has); holders' sell shares are added per category. */
const CONTROLS: readonly Omit<Control, 'value' | 'start' | 'help'>[] = [
  {
    group: 'Revenue (burn)',
    path: 'projection.revenue.startUsd',
    label: 'Revenue in month 1',
    unit: 'USD a month',
  },
  {
    group: 'Revenue (burn)',
    path: 'projection.revenue.growth',
    label: 'Revenue growth',
    unit: '% a month',
    slider: pctSlider(-10, 20),
  },
  {
    group: 'Demand (simulate)',
    path: 'economy.demand.gpuHours',
    label: 'Demand in month 1',
    unit: 'GPU-hours a month',
  },
  {
    group: 'Demand (simulate)',
    path: 'economy.demand.growth',
    label: 'Demand growth',
    unit: '% a month',
    slider: pctSlider(-10, 20),
  },
  {
    group: 'Demand (simulate)',
    path: 'economy.demand.elasticity',
    label: 'Price elasticity',
    unit: 'number',
    slider: numSlider(0, 3, 0.05),
  },
  {
    group: 'Buy-back',
    path: 'buyback.revenueShare',
    label: 'Revenue to the vault',
    unit: '% of revenue',
    slider: pctSlider(0, 100, 1),
  },
  {
    group: 'Buy-back',
    path: 'buyback.burn',
    label: 'Burned',
    unit: '% of bought',
    slider: pctSlider(0, 100, 1),
  },
  { group: 'Buy-back', path: 'buyback.treasury', label: 'To the treasury', unit: '% of bought' },
  { group: 'Buy-back', path: 'buyback.execution', label: 'Execution rewards', unit: '% of bought' },
  {
    group: 'Buy-back',
    path: 'buyback.maxBuyPctOfFloat',
    label: 'Float cap',
    unit: '% of the float a month',
    placeholder: '10%',
    slider: pctSlider(0, 100, 1),
  },
  {
    group: 'Sellers (simulate)',
    path: 'economy.supply.sellShare',
    label: 'Nodes sell',
    unit: '% of their income',
    slider: pctSlider(0, 100, 1),
  },
  {
    group: 'Pool (simulate)',
    path: 'economy.market.pool.tokens',
    label: 'Pool tokens at the start',
    unit: 'tokens',
  },
  {
    group: 'Pool (simulate)',
    path: 'economy.market.pool.usd',
    label: 'Pool USD at the start',
    unit: 'USD',
  },
  {
    group: 'Pool (simulate)',
    path: 'economy.market.liquidity.model',
    label: 'Liquidity model',
    unit: 'fixed: the depth stays; marketCap: it follows the market',
    placeholder: 'fixed',
    choices: ['fixed', 'marketCap'],
    within: 'economy.market',
  },
  {
    group: 'Pool (simulate)',
    path: 'economy.market.liquidity.share',
    label: 'Pool tokens (marketCap)',
    unit: '% of the circulating supply',
    slider: pctSlider(1, 99, 1),
    within: 'economy.market',
  },
  {
    group: 'Fee market m(U)',
    path: 'fees.market.target',
    label: 'Target utilization',
    unit: '% of capacity',
    slider: pctSlider(1, 100, 1),
  },
  {
    group: 'Fee market m(U)',
    path: 'fees.market.belowSlope',
    label: 'Slope below target',
    unit: 'number',
    slider: numSlider(0, 1, 0.05),
  },
  {
    group: 'Fee market m(U)',
    path: 'fees.market.aboveSlope',
    label: 'Slope above target',
    unit: 'number',
    slider: numSlider(0, 10, 0.1),
  },
  {
    group: 'Fee market m(U)',
    path: 'fees.market.floor',
    label: 'Floor',
    unit: 'multiplier',
    slider: numSlider(0, 1, 0.05),
  },
  {
    group: 'Fee market m(U)',
    path: 'fees.market.adjustment',
    label: 'Fee adjustment',
    unit: '% of the gap to m(U) closed a month',
    placeholder: '100%',
    slider: pctSlider(1, 100, 1),
  },
  {
    group: 'Fee market m(U)',
    path: 'fees.market.maxChangePerMonth',
    label: 'Largest fee change',
    unit: '% of the multiplier a month',
    // No slider: unset (no bound) has no place on one.
    placeholder: 'none',
  },
];
const HOLDERS = 'economy.holders.sellShare';

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const getIn = (raw: unknown, parts: readonly string[]): unknown =>
  parts.reduce<unknown>((n, p) => (isObj(n) && Object.hasOwn(n, p) ? n[p] : undefined), raw);
/** Whether the schema has the field as one value (not a section): else its control is left out. */
const known = (path: string): boolean =>
  descriptionAt(ParamsSchema, path.split('.')) !== undefined &&
  keysAt(ParamsSchema, path.split('.')).length === 0;

/** A failed state: each problem as the CLI prints it, with the control it belongs to if any. */
export interface Problems {
  problems: { path?: string; text: string }[];
}

/** A computed state: the reports the page shows and the risk figures. */
export interface Figures {
  model: Model;
  unlocks: Report;
  burn?: Report;
  simulate?: Report;
  /** simulate's risks: metric, the csv text of its value, as the table view shows it, what it means. */
  risks: { metric: string; text: string; shown: string; what: string }[];
  /** Why a view is missing (a section the file does not have). */
  missing: string[];
  /** Milliseconds: validating and resolving the model, and building the reports. */
  ms: { model: number; build: number };
}

/** A control's value as set: the path and the text typed. */
export type Setting = readonly [path: string, value: string];

export class Play {
  readonly controls: Control[];
  readonly scenarios: string[];
  /** `play --set` values no control shows, applied to every state. */
  private readonly fixed: Setting[];
  private readonly validate: ReturnType<typeof sectionValidator>;
  private last?: Model;

  constructor(readonly data: PlayData) {
    const { raw, src } = parseYaml(data.yaml, data.file, PARAMS_EXPECTED);
    this.validate = sectionValidator(raw, src);
    this.scenarios = isObj(getIn(raw, ['scenarios']))
      ? Object.keys(getIn(raw, ['scenarios']) as object)
      : [];
    const has = (c: { path: string; within?: string }) =>
      getIn(raw, (c.within ?? c.path.split('.').slice(0, -1).join('.')).split('.')) !== undefined;
    const text = (path: string) => {
      const v = getIn(raw, path.split('.'));
      return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
    };
    const sets = (data.set ?? []).map(parseOverride);
    const control = (c: Omit<Control, 'value' | 'start' | 'help'>): Control => ({
      ...c,
      value: text(c.path),
      start: sets.filter((o) => o.path === c.path).at(-1)?.value ?? text(c.path),
      help: descriptionAt(ParamsSchema, c.path.split('.')),
    });
    const controls = CONTROLS.filter((c) => has(c) && known(c.path)).map(control);
    // Holders' sell shares: one per category but the treasury's, spelled as the file spells it.
    const economy = getIn(raw, ['economy']);
    if (isObj(economy)) {
      const sells = getIn(raw, HOLDERS.split('.'));
      const keys = isObj(sells) ? Object.keys(sells) : [];
      const treasury = String(getIn(economy, ['treasury']) ?? getIn(economy, ['emission', 'from']));
      const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
      const allocations = getIn(raw, ['allocations']);
      const names = (Array.isArray(allocations) ? allocations : [])
        .map((a: unknown) => (isObj(a) ? String(a.name) : ''))
        .filter((n) => n && !same(n, treasury));
      const at = controls.findIndex((c) => c.path === 'economy.supply.sellShare');
      controls.splice(
        at < 0 ? controls.length : at + 1,
        0,
        ...names.map((name) =>
          control({
            group: 'Sellers (simulate)',
            path: `${HOLDERS}.${keys.find((k) => same(k, name)) ?? name}`,
            label: `${name} sell`,
            unit: '% of its unlock a month',
            placeholder: '0%',
            slider: pctSlider(0, 100, 1),
          }),
        ),
      );
    }
    this.controls = controls;
    this.fixed = sets
      .filter((o) => !controls.some((c) => c.path === o.path))
      .map((o) => [o.path, o.value] as const);
  }

  /** The settings that differ from the file: `play --set` paths no control shows, then the controls in page order. */
  changed(values: ReadonlyMap<string, string>): Setting[] {
    return [
      ...this.fixed,
      ...this.controls
        .filter((c) => values.has(c.path) && values.get(c.path) !== c.value)
        .map((c) => [c.path, values.get(c.path)!] as const),
    ];
  }

  /** The model and reports for these settings, or the problems the CLI would print for them. */
  async run(settings: readonly Setting[], scenario?: string): Promise<Figures | Problems> {
    const t0 = now();
    const overrides: Override[] = settings.map(([p, v]) => parseOverride(`${p}=${v}`));
    let model: Model;
    try {
      const { params, src } = this.validate(overrides);
      model = resolveParams(params, src, this.data.builtin, this.last);
    } catch (e) {
      return problemsOf(e, overrides);
    }
    this.last = model;
    const t1 = now();
    try {
      const p = model.params;
      const missing: string[] = [];
      const unlocks = await buildUnlocks(model, {});
      const o = scenario ? { scenario } : {};
      let burn: Report | undefined;
      if (p.buyback && p.projection) burn = await buildBurn(model, o);
      else missing.push('burn: the file has no buyback or projection section');
      let simulate: Report | undefined;
      let risks: Figures['risks'] = [];
      if (p.economy) {
        simulate = await simulateReport(model, o);
        const t = simulate.tables.find((x) => x.name === 'risks')!;
        const value = t.columns.find((c) => c.key === 'value')!;
        risks = (await allRows(t)).map((r: Row) => ({
          metric: String(r.metric),
          text: csvText(r.value, value, simulate!.decimals),
          shown: displayText(r.value, value, simulate!.decimals),
          what: String(r.what_it_means),
        }));
      } else missing.push('simulate: the file has no economy section');
      const source = { config: model.file };
      return {
        model,
        unlocks: { ...unlocks, params: source },
        burn: burn && { ...burn, params: source },
        simulate: simulate && { ...simulate, params: source },
        risks,
        missing,
        ms: { model: t1 - t0, build: now() - t1 },
      };
    } catch (e) {
      return problemsOf(e, overrides);
    }
  }

  /** The command line that prints these figures (`ai-econ simulate … --set …`). */
  command(settings: readonly Setting[], scenario?: string): string {
    return [
      'ai-econ',
      'simulate',
      ...(this.data.config !== undefined ? ['-c', this.data.config] : []),
      ...(scenario ? ['--scenario', scenario] : []),
      ...settings.flatMap(([p, v]) => ['--set', `${p}=${v}`]),
    ]
      .map(shellWord)
      .join(' ');
  }

  /** The parameter file with these settings written in (its comments and layout kept where the YAML library keeps them). */
  yaml(settings: readonly Setting[]): string {
    if (settings.length === 0) return this.data.yaml;
    const doc = parseDocument(this.data.yaml, { keepSourceTokens: false });
    for (const [path, value] of settings) {
      const parts = path.split('.');
      const node = scalarOf(value);
      const old = doc.getIn(parts, true);
      if (isScalar(old)) {
        node.comment = old.comment;
        node.commentBefore = old.commentBefore;
        node.spaceBefore = old.spaceBefore;
      }
      doc.setIn(parts, node);
    }
    return doc.toString();
  }
}

/** Problems as the CLI prints them (one per line after `ai-econ: error: `), each at its control if a --set made it. */
function problemsOf(e: unknown, overrides: readonly Override[]): Problems {
  if (e instanceof ParamFileError)
    return {
      problems: e.problems.map((p) => ({
        path: overrides.find((o) => p.flag === `option --set ${o.text}`)?.path,
        text: problemText(p),
      })),
    };
  if (e instanceof InputError) return { problems: e.message.split('\n').map((text) => ({ text })) };
  throw e;
}

/**
 * The YAML node for a value as typed: what the YAML library reads it as when that prints back as
 * typed (8%, 0.10, 1_500_000), else the text as a string, which the file reads exactly the same.
 */
function scalarOf(text: string): Scalar {
  const parsed = parseDocument(text, { intAsBigInt: true }).contents;
  if (isScalar(parsed) && new Document(parsed).toString().trim() === text.trim()) return parsed;
  return new Scalar(text);
}

/** A word for a POSIX shell: as is when safe, else in single quotes. */
export const shellWord = (s: string): string =>
  /^[A-Za-z0-9_.,:=%/+@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;

const now = (): number => globalThis.performance?.now() ?? Date.now();
