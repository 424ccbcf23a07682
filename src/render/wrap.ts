/**
 * Notes wrapped to the terminal's width, line for line as wrap-ansi wraps them (`hard: true`).
 * wrap-ansi measures text with string-width 7 (Intl.Segmenter, and an emoji regular expression
 * built for every character): loading it and wrapping a table's notes took ~60 ms of a ~400 ms
 * table view. Its fork fast-wrap-ansi gives the same lines, much faster, for text made of the
 * characters in SAME_AS_WRAP_ANSI (printable ASCII, Latin, Greek, the punctuation, super- and
 * subscripts, currency signs and mathematical operators our notes use; test/render/wrap.test.ts holds
 * the two to it). The two measure some other characters differently (emoji such as © or ™,
 * zero-width and other invisible characters, wide scripts), so text with any of those, say a file
 * name, goes to wrap-ansi itself.
 */
export const SAME_AS_WRAP_ANSI =
  /^[\x20-\x7e\u00a0-\u00a8\u00aa-\u00ac\u00af-\u02ff\u0370-\u03ff\u2010-\u2027\u2030-\u203b\u203d-\u2048\u204a-\u205e\u2070-\u209f\u20a0-\u20c0\u2200-\u22ff]*$/;

/** Each text hard-wrapped at `width` columns. */
export async function wrapLines(texts: readonly string[], width: number): Promise<string[]> {
  const fast = texts.some((t) => SAME_AS_WRAP_ANSI.test(t))
    ? (await import('fast-wrap-ansi')).wrapAnsi
    : undefined;
  const slow = texts.some((t) => !SAME_AS_WRAP_ANSI.test(t))
    ? (await import('wrap-ansi')).default
    : undefined;
  return texts.map((t) => (SAME_AS_WRAP_ANSI.test(t) ? fast! : slow!)(t, width, { hard: true }));
}
