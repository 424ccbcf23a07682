/**
 * Remembering a pure computation by a text key: the same key gives the value computed the first
 * time. At most `limit` keys are kept (the memory is emptied when it is full), so it cannot grow
 * without bound; a computation that throws leaves nothing behind.
 */
export function memo<T>(limit = 4096): (key: string, compute: () => T) => T {
  const seen = new Map<string, T>();
  return (key, compute) => {
    if (seen.has(key)) return seen.get(key) as T;
    const v = compute();
    if (seen.size >= limit) seen.clear();
    seen.set(key, v);
    return v;
  };
}

/** A pure reading of a text (a duration, a date), remembered per text. */
export function memoByText<T>(read: (text: string) => T, limit = 4096): (text: string) => T {
  const m = memo<T>(limit);
  return (text) => m(text, () => read(text));
}
