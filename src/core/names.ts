/** Names the user selects with a repeatable flag (`--category Team --category "A, B"`, or `Team,Investors`). */

/**
 * Each value is one name when it matches a known name exactly (ignoring case and surrounding
 * spaces) — so a name containing a comma can be selected — otherwise a comma-separated list.
 */
export function splitNames(values: readonly string[], known: readonly string[]): string[] {
  const exact = new Set(known.map((k) => k.trim().toLowerCase()));
  return values.flatMap((v) =>
    exact.has(v.trim().toLowerCase())
      ? [v.trim()]
      : v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
  );
}
