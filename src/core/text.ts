/**
 * Text from users (names in parameter and data files, flag values) shown to humans: control
 * characters (ESC, CR, BEL, C1, DEL) and bidirectional overrides would drive the terminal — clear
 * the screen, set its title, hide text — so they print as visible escapes like `\x1b`.
 */

// C0 controls, DEL, C1 controls, and the bidi embedding / override / isolate characters.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// The same but keeping line feeds (messages are split into lines on them).
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const visible = (c: string): string => {
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** Every control character as a visible escape (`\x1b`, `\x0d`, `\u202e`); other text unchanged. */
export const escapeControl = (s: string): string => s.replace(CONTROL, visible);

/** Like escapeControl, but line feeds stay (for multi-line messages). */
export const escapeControlLines = (s: string): string => s.replace(CONTROL_BUT_NEWLINE, visible);
