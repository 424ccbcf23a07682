/// <reference lib="dom" />
/**
 * The script of the `ai-econ play` page (built for the browser by scripts/build.mjs into
 * dist/play.js and inlined by `ai-econ play`): the controls, a debounced recompute through
 * ./engine.ts (the CLI's own parsing, validation and builders), the charts (Vega-Lite, drawn as
 * SVG), the risk figures, "copy as command" and "download parameters". Nothing is loaded from
 * anywhere: the parameter file is in the page (`#play-data`).
 */
import { View, parse } from 'vega';
import { compile } from 'vega-lite';
import { Play, type Control, type Figures, type PlayData, type Problems } from './engine.js';
import {
  burnVsUnlocksChart,
  priceChart,
  unlocksChart,
  utilizationChart,
  type ChartSpec,
} from './charts.js';

const DEBOUNCE_MS = 120;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
};
const idOf = (path: string): string => `c-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

/** A control with choices: a select of its words, and '' as the default when the file leaves it out. */
function choice(id: string, c: Control, attrs: Record<string, string>): HTMLSelectElement {
  const sel = el('select', { id, name: c.path, ...attrs });
  const words = [...(c.value === '' ? [''] : []), ...(c.choices ?? [])];
  for (const w of words)
    sel.append(el('option', { value: w }, w === '' ? `${c.placeholder ?? ''} (the default)` : w));
  if (!words.includes(c.start)) sel.append(el('option', { value: c.start }, c.start));
  sel.value = c.start;
  return sel;
}

/** A slider's position for a control's text, if the text is a plain number or percent. */
function sliderValue(c: Control, text: string): number | undefined {
  const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!m) return undefined;
  const x = Number(m[1]);
  if (c.slider?.percent) return m[2] ? x : x * 100;
  return m[2] ? x / 100 : x;
}
const sliderText = (c: Control, x: number): string =>
  c.slider?.percent ? `${Number(x.toFixed(4))}%` : String(Number(x.toFixed(6)));

class Page {
  private readonly play: Play;
  private readonly inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  private readonly errors = new Map<string, HTMLElement>();
  private readonly views = new Map<HTMLElement, { json: string; view?: View }>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(readonly data: PlayData) {
    this.play = new Play(data);
  }

  start(): void {
    this.controls();
    $('copy').addEventListener('click', () => void this.copy());
    $('download').addEventListener('click', () => this.download());
    $<HTMLButtonElement>('reset').addEventListener('click', () => this.reset());
    void this.recompute();
  }

  private values(): Map<string, string> {
    return new Map([...this.inputs].map(([p, i]) => [p, i.value]));
  }
  private scenario(): string | undefined {
    return $<HTMLSelectElement>('scenario')?.value || undefined;
  }

  private controls(): void {
    const form = $('controls');
    if (this.play.scenarios.length) {
      const box = el('div', { class: 'control' });
      box.append(el('label', { for: 'scenario' }, 'Scenario'));
      const sel = el('select', { id: 'scenario', name: 'scenario' });
      sel.append(el('option', { value: '' }, '(none)'));
      for (const s of this.play.scenarios) sel.append(el('option', { value: s }, s));
      sel.addEventListener('change', () => this.schedule());
      box.append(sel, el('span', { class: 'unit' }, '--scenario'));
      form.append(box);
    }
    let fieldset: HTMLFieldSetElement | undefined;
    let group = '';
    for (const c of this.play.controls) {
      if (c.group !== group) {
        group = c.group;
        fieldset = el('fieldset');
        fieldset.append(el('legend', {}, group));
        form.append(fieldset);
      }
      const id = idOf(c.path);
      const box = el('div', { class: 'control' });
      const label = el('label', { for: id }, c.label);
      const described = {
        'aria-describedby': `${id}-unit ${c.help ? `${id}-help ` : ''}${id}-err`,
        ...(c.help ? { title: c.help } : {}),
      };
      const input = c.choices
        ? choice(id, c, described)
        : el('input', {
            id,
            name: c.path,
            type: 'text',
            value: c.start,
            spellcheck: 'false',
            autocomplete: 'off',
            ...described,
            ...(c.placeholder ? { placeholder: c.placeholder } : {}),
          });
      const unit = el('span', { class: 'unit', id: `${id}-unit` }, c.unit);
      const err = el('span', { class: 'error', id: `${id}-err`, role: 'alert' });
      box.append(label, input, unit);
      // The schema's description: a tooltip, and read out with the box.
      if (c.help) box.append(el('span', { class: 'sr-only', id: `${id}-help` }, c.help));
      if (c.slider) {
        const s = c.slider;
        const range = el('input', {
          type: 'range',
          min: String(s.min),
          max: String(s.max),
          step: String(s.step),
          'aria-label': `${c.label} (${c.unit}), slider`,
        });
        const at = sliderValue(c, c.start || c.placeholder || '');
        if (at !== undefined) range.value = String(at);
        range.addEventListener('input', () => {
          input.value = sliderText(c, Number(range.value));
          this.schedule();
        });
        input.addEventListener('input', () => {
          const v = sliderValue(c, input.value);
          if (v !== undefined) range.value = String(v);
        });
        box.append(range);
      }
      box.append(err);
      const field: HTMLElement = input;
      field.addEventListener(c.choices ? 'change' : 'input', () => this.schedule());
      field.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          this.schedule(0);
        }
      });
      fieldset!.append(box);
      this.inputs.set(c.path, input);
      this.errors.set(c.path, err);
    }
  }

  private reset(): void {
    for (const c of this.play.controls) {
      const i = this.inputs.get(c.path)!;
      i.value = c.start;
      i.dispatchEvent(new Event('input'));
    }
    const sel = $<HTMLSelectElement>('scenario');
    if (sel) sel.value = '';
    this.schedule(0);
  }

  private schedule(ms = DEBOUNCE_MS): void {
    clearTimeout(this.timer);
    $('status').dataset.state = 'pending';
    this.timer = setTimeout(() => void this.recompute(), ms);
  }

  private async recompute(): Promise<void> {
    const gen = ++this.generation;
    const status = $('status');
    const settings = this.play.changed(this.values());
    const scenario = this.scenario();
    const t0 = performance.now();
    const out = await this.play.run(settings, scenario);
    if (gen !== this.generation) return;
    const ms = performance.now() - t0;
    this.showProblems('problems' in out ? out : { problems: [] });
    $('command').textContent = this.play.command(settings, scenario);
    if ('problems' in out) {
      $<HTMLButtonElement>('download').disabled = true;
      status.dataset.state = 'error';
      status.textContent =
        'Not recomputed: fix the value marked in red (the figures are of the last good values).';
      document.body.classList.add('stale');
      return;
    }
    $<HTMLButtonElement>('download').disabled = false;
    document.body.classList.remove('stale');
    this.figures(out);
    const t1 = performance.now();
    await this.charts(out);
    if (gen !== this.generation) return;
    const drawn = performance.now() - t1;
    status.dataset.state = 'done';
    status.dataset.ms = ms.toFixed(1);
    status.textContent = `Recomputed in ${ms.toFixed(0)} ms (model ${out.ms.model.toFixed(0)} ms, reports ${out.ms.build.toFixed(0)} ms); charts drawn in ${drawn.toFixed(0)} ms.`;
  }

  private showProblems(p: Problems): void {
    const general: string[] = [];
    const at = new Map<string, string[]>();
    for (const x of p.problems)
      if (x.path && this.errors.has(x.path)) at.set(x.path, [...(at.get(x.path) ?? []), x.text]);
      else general.push(x.text);
    for (const [path, err] of this.errors) {
      const texts = at.get(path);
      err.textContent = texts ? texts.join('\n') : '';
      const input = this.inputs.get(path)!;
      if (texts) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    const box = $('problems');
    box.textContent = general.join('\n');
    box.hidden = general.length === 0;
  }

  private figures(f: Figures): void {
    const grid = $('figures');
    grid.replaceChildren(
      ...f.risks.map((r) => {
        const box = el('div', { class: 'figure' });
        box.append(el('dt', {}, r.metric), el('dd', { 'data-metric': r.metric }, r.text));
        return box;
      }),
    );
    $('risks').replaceChildren(
      ...f.risks.map((r) => {
        const tr = el('tr');
        tr.append(
          el('th', { scope: 'row' }, r.metric),
          el('td', { class: 'n' }, r.shown),
          el('td', {}, r.what),
        );
        return tr;
      }),
    );
    const missing = $('missing');
    missing.textContent = f.missing.length ? `Not shown: ${f.missing.join('; ')}.` : '';
  }

  private async charts(f: Figures): Promise<void> {
    const charts: [string, ChartSpec | undefined][] = [
      ['chart-unlocks', unlocksChart(f.unlocks)],
      ['chart-burn', burnVsUnlocksChart(f.burn)],
      ['chart-price', priceChart(f.simulate)],
      ['chart-utilization', utilizationChart(f.simulate)],
    ];
    for (const [id, spec] of charts) await this.draw($(id), spec);
  }

  private async draw(box: HTMLElement, spec: ChartSpec | undefined): Promise<void> {
    const json = JSON.stringify(spec ?? null);
    const had = this.views.get(box);
    if (had?.json === json) return;
    had?.view?.finalize();
    const figure = box.closest('figure');
    if (figure) figure.hidden = !spec;
    if (!spec) {
      this.views.set(box, { json });
      box.replaceChildren();
      return;
    }
    const view = new View(parse(compile(spec).spec), { renderer: 'none' });
    // Drawn off the page, then swapped in: the old chart stays until the new one is ready.
    const svg = await view.toSVG();
    box.innerHTML = svg;
    view.finalize();
    this.views.set(box, { json });
  }

  private async copy(): Promise<void> {
    const text = $('command').textContent ?? '';
    const done = $('copied');
    try {
      await navigator.clipboard.writeText(text);
      done.textContent = 'Copied.';
    } catch {
      // file:// pages may not reach the clipboard API: select the line for Ctrl+C instead.
      const range = document.createRange();
      range.selectNodeContents($('command'));
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      done.textContent = document.execCommand('copy') ? 'Copied.' : 'Selected: press Ctrl+C.';
    }
  }

  private download(): void {
    const text = this.play.yaml(this.play.changed(this.values()));
    const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
    const a = el('a', { href: url, download: fileName(this.data) });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

/** The downloaded file's name: the parameter file's own (the built-in one: ai-econ.yaml, what `init` writes). */
const fileName = (d: PlayData): string =>
  d.config ? (d.config.split(/[\\/]/).pop() ?? 'ai-econ.yaml') : 'ai-econ.yaml';

const data = JSON.parse($('play-data').textContent ?? '{}') as PlayData;
try {
  new Page(data).start();
} catch (e) {
  const box = $('problems');
  box.hidden = false;
  box.textContent = e instanceof Error ? e.message : String(e);
}
