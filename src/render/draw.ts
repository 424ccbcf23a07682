/** Vega-Lite spec -> SVG, headless (no canvas, no browser, no network). Vega loads only here, on first use. */
import type { ChartSpec } from '../commands/chart.js';
import { vegaTextWidth } from './text-width.js';

/** Keys of a Vega spec whose text Vega parses as an expression. */
const EXPRESSION_KEYS = new Set(['expr', 'signal', 'update', 'test', 'init']);
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Vega's expression parser reads a string literal equal to a member of Object.prototype
 * (`"constructor"`, `"toString"`) as an identifier (a plain-object lookup in vega-expression), so a
 * category or scenario of that name in a sort or colour domain broke every chart with "Operator not
 * defined". The same text written as two literals joined (`"c"+"onstructor"`) is the same string
 * to Vega and is read as one.
 */
export function safeExpression(code: string): string {
  return code.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, (lit) => {
    const q = lit[0]!;
    const body = lit.slice(1, -1);
    // A name of Object.prototype has no escapes or quotes, so the literal's text is its value.
    if (!PROTOTYPE_NAMES.has(body)) return lit;
    return `(${q}${body.slice(0, 1)}${q}+${q}${body.slice(1)}${q})`;
  });
}

/** The compiled Vega spec with every expression made safe (data values are left as they are). */
function safeSpec(node: unknown, key?: string): unknown {
  if (typeof node === 'string')
    return key !== undefined && EXPRESSION_KEYS.has(key) ? safeExpression(node) : node;
  if (Array.isArray(node)) return node.map((x) => safeSpec(x, key));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'values' ? v : safeSpec(v, k);
  return out;
}

export async function drawSvg(spec: ChartSpec): Promise<string> {
  // One after the other: they share modules (and jest's ESM loader trips over parallel links).
  const vega = await import('vega');
  const vl = await import('vega-lite');
  // Widths of the charts' font, not vega's headless estimate (./text-width.ts).
  (vega as unknown as { textMetrics: { width: typeof vegaTextWidth } }).textMetrics.width =
    vegaTextWidth;
  const compiled = safeSpec(vl.compile(spec).spec) as Parameters<typeof vega.parse>[0];
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
