/**
 * "Did you mean …?": the candidate a user most likely meant — the same name in another case, one
 * that contains what was typed or is contained in it (`4090` → `RTX4090`, `treasury` → `Community
 * Treasury`), else the closest by edit distance when it is close enough to be a typo.
 */
import { closest, distance } from 'fastest-levenshtein';

export function didYouMean(
  input: string,
  candidates: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): string | undefined {
  if (candidates.length === 0) return undefined;
  const lower = candidates.map((c) => c.toLowerCase());
  const x = input.trim().toLowerCase();
  // Nothing empty, and no edit distances over a 16 MB cell: no name is that long.
  if (!x || x.length > 1000) return undefined;
  // Another word for a candidate (`node` for a node's `id`), which no spelling would find.
  const alias = Object.hasOwn(aliases, x) ? aliases[x] : undefined;
  if (alias !== undefined && candidates.includes(alias)) return alias;
  const same = lower.indexOf(x);
  if (same >= 0) return candidates[same];
  // Substrings either way (at least 3 characters, so `a` does not match everything): the nearest wins.
  const inside = lower
    .map((c, i) => ({ i, d: distance(x, c) }))
    .filter(
      ({ i }) =>
        (x.length >= 3 && lower[i]!.includes(x)) ||
        (lower[i]!.length >= 3 && x.includes(lower[i]!)),
    )
    .sort((a, b) => a.d - b.d);
  if (inside.length) return candidates[inside[0]!.i];
  const guess = closest(x, lower);
  const near =
    guess.startsWith(x) ||
    x.startsWith(guess) ||
    distance(x, guess) <= Math.max(2, Math.ceil(Math.max(x.length, guess.length) / 3));
  return near ? candidates[lower.indexOf(guess)] : undefined;
}

/** ` (did you mean "x"?)` or an empty string. */
export const suggestion = (
  input: string,
  candidates: readonly string[],
  aliases?: Readonly<Record<string, string>>,
): string => {
  const g = didYouMean(input, candidates, aliases);
  return g ? ` (did you mean "${g}"?)` : '';
};
