/**
 * Text widths for laying out charts without a canvas. Vega measures text with a canvas when there
 * is one; headless it estimates 0.8 × font size a character, which is a quarter to a half too wide
 * for the charts' Helvetica/Arial: labels were cut short (`(1M → 5…`) and estimated titles and
 * legends left wide blank margins. These are Helvetica's widths (its AFM metrics, which Arial
 * shares), in thousandths of the font size, for printable ASCII; other characters take 0.6, and
 * wide ones (CJK) a whole em.
 */
const REGULAR =
  '278,278,355,556,556,889,667,191,333,333,389,584,278,333,278,278,556,556,556,556,556,556,556,556,556,556,278,278,584,584,584,556,1015,667,667,722,722,667,611,778,722,278,500,667,556,833,722,778,667,778,722,667,611,722,667,944,667,667,611,278,278,278,469,556,333,556,556,500,556,556,278,556,556,222,222,500,222,833,556,556,556,556,333,500,278,556,500,722,500,500,500,334,260,334,584';
const BOLD =
  '278,333,474,556,556,889,722,238,333,333,389,584,278,333,278,278,556,556,556,556,556,556,556,556,556,556,333,333,584,584,584,611,975,722,722,722,722,667,611,778,722,278,556,722,611,833,722,778,667,778,722,667,611,722,667,944,667,667,611,333,278,333,584,556,333,556,611,556,611,556,333,611,611,278,278,556,278,889,611,611,611,611,389,556,333,611,556,778,556,556,500,389,280,389,584';
const table = (s: string) => s.split(',').map(Number);
const WIDTHS = { regular: table(REGULAR), bold: table(BOLD) };
/** A few others the charts print (arrows, dashes, the ellipsis, ×), else 600. */
const OTHER: Record<string, number> = {
  '→': 1000,
  '—': 1000,
  '–': 556,
  '…': 1000,
  '×': 584,
  '·': 278,
  '−': 584,
  '€': 556,
  '£': 556,
};
const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** The width in pixels of `text` in Helvetica of `size` pixels (bold or not). */
export function textWidthPx(text: string, size: number, bold = false): number {
  const w = bold ? WIDTHS.bold : WIDTHS.regular;
  let units = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    units +=
      code >= 32 && code <= 126
        ? (w[code - 32] ?? 600)
        : (OTHER[ch] ?? (WIDE.test(ch) ? 1000 : 600));
  }
  return (units * size) / 1000;
}

/** A text mark as vega hands it to its `textMetrics.width`. */
export interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
  limit?: number | string;
}

/**
 * Vega's `textMetrics.width(item, text)` (vega-scenegraph calls a user-defined one; vl-convert
 * sets its own too): the text's width in its font, at most the item's `limit` when it has one
 * (vega then cuts the text to fit it, asking for the widths of shorter texts).
 */
export function vegaTextWidth(item: TextItem, text: unknown): number {
  const t = text == null ? '' : String(text).trim();
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const weight = item.fontWeight;
  const bold = weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
  const w = textWidthPx(t, size, bold);
  const limit = Number(item.limit);
  return limit > 0 ? Math.min(w, limit) : w;
}
