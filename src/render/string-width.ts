/**
 * string-width as cli-table3, cli-progress and wrap-ansi see it in the bundle (scripts/bundle.mjs
 * points their `string-width` here): printable ASCII is one column a character, answered from the
 * length; anything else goes to string-width itself, once per distinct text (cli-table3 measures
 * its truncation mark '…' for every cell it draws). string-width 4 builds two regular expressions
 * on every call (ansi-regex, emoji-regex) and cli-table3 measures each cell about eight times.
 */
import stringWidth from 'string-width';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const known = new Map<string, number>();
const MAX_KNOWN = 4096;

export default function width(s: string): number {
  if (typeof s !== 'string') return stringWidth(s);
  if (PRINTABLE_ASCII.test(s)) return s.length;
  let w = known.get(s);
  if (w === undefined) {
    w = stringWidth(s);
    if (known.size < MAX_KNOWN) known.set(s, w);
  }
  return w;
}
