/**
 * A stack's JSON as text, in the layout of cdktf's serializer (json-stable-stringify,
 * two spaces): keys sorted (the value's keys are already in that order: sorted.ts),
 * and an empty object or array broken over two lines, which JSON.stringify writes
 * as `{}` / `[]`; CDK Terrain's serializer keeps those (`compactEmpty`). A property
 * test holds it to cdktf's own bytes.
 */

const EMPTY = /\{\}|\[\]/g;

/** The text of `value`, whose object keys are in sorted order. */
export function layoutText(value: unknown, compactEmpty: boolean): string {
  const text = JSON.stringify(value, null, 2) ?? '';
  return compactEmpty ? text : breakEmpties(text);
}

/**
 * `{}` and `[]` written as values, each opened on its line and closed on the next at
 * the line's indent. In a string they can be followed by anything but a raw newline
 * (JSON escapes it), so one followed by a newline, by `,` and a newline, or by the
 * end is a value.
 */
function breakEmpties(text: string): string {
  // Most stacks hold none: not scanned by the expression (which copies a text that large).
  if (!text.includes('{}') && !text.includes('[]')) return text;
  let out = '';
  let from = 0;
  EMPTY.lastIndex = 0;
  for (let m = EMPTY.exec(text); m; m = EMPTY.exec(text)) {
    const at = m.index;
    const next = text.charCodeAt(at + 2);
    const value = at + 2 === text.length || next === 10 || (next === 44 && text.charCodeAt(at + 3) === 10);
    if (!value) continue;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    let indent = lineStart;
    while (text.charCodeAt(indent) === 32) indent++;
    out += `${text.slice(from, at + 1)}\n${text.slice(lineStart, indent)}${text[at + 1]}`;
    from = at + 2;
  }
  return from === 0 ? text : out + text.slice(from);
}
