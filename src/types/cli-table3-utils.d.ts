declare module 'cli-table3/src/utils.js' {
  /** The width cli-table3 gives a cell's text: colour codes stripped, the widest of its lines. */
  export function strlen(s: string): number;
}
