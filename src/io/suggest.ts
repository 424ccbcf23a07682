/** "Did you mean …?": the closest candidate, when it is close enough to be a likely typo. */
import { closest, distance } from 'fastest-levenshtein';

export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const lower = candidates.map((c) => c.toLowerCase());
  const x = input.toLowerCase();
  const guess = closest(x, lower);
  const near = guess.startsWith(x) || x.startsWith(guess) || distance(x, guess) <= Math.max(2, Math.ceil(Math.max(x.length, guess.length) / 3));
  return near ? candidates[lower.indexOf(guess)] : undefined;
}

/** ` (did you mean "x"?)` or an empty string. */
export const suggestion = (input: string, candidates: readonly string[]): string => {
  const g = didYouMean(input, candidates);
  return g ? ` (did you mean "${g}"?)` : '';
};
