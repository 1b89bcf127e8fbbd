/**
 * Input echoed back: in a terminal a control character (C0, C1, DEL) or an
 * invisible format character (Unicode Cf: bidi overrides, zero-width marks)
 * can erase or reorder what is printed around it, so each is shown as a
 * \u escape; in Markdown, characters that open syntax are escaped too.
 */

// C0, DEL, C1, and every format character (Cf), U+2028/U+2029 (line breaks to a terminal) included.
// eslint-disable-next-line no-control-regex -- control characters are what it matches
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/gu;

const hex = (c: string) => `\\u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** `text` with every control and format character as \uXXXX: safe to print to a terminal. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, hex);
}

/** Input quoted inside a message: JSON-quoted (so its bounds show), terminal-safe. */
export const quoted = (text: string): string =>
  terminalSafe(JSON.stringify(text)).replace(/\\u([0-9a-f]{4})/g, (_, h: string) => `\\u${h.toUpperCase()}`);
