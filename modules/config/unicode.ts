/**
 * Strings Terraform would not deploy as written, or a reader would not see as
 * written. Terraform normalizes every string of its JSON to Unicode NFC (HCL's
 * cty), so "\u2126/" (OHM SIGN) is deployed as "\u03A9/" (OMEGA) and a decomposed
 * "cafe\u0301/" as "caf\u00E9/": config, verify and diff would show another grant
 * than AWS holds. Invisible characters (bidi controls, zero-width marks, control
 * characters, spaces other than U+0020) make a value read as something it is not.
 */

// Bidirectional controls: they reorder how the text around them is displayed (Trojan Source).
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
// Control (Cc), format (Cf), line/paragraph separators, surrogates, private use, spaces other than U+0020,
// variation selectors and the Hangul fillers, which display as nothing.
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class -- the variation selectors are what it matches
  /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufe00-\ufe0f\u115f\u1160\u3164\uffa0\u{e0100}-\u{e01ef}]/u;

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The string as JSON with every character outside printable ASCII as \uXXXX: unambiguous to copy. */
function asciiJson(text: string): string {
  return JSON.stringify(text).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

function kindOf(c: string): string {
  if (BIDI.test(c)) return 'a bidirectional control: it reorders how the text around it is displayed';
  if (/\p{Cc}/u.test(c)) return 'a control character';
  if (/\p{Cs}/u.test(c)) return 'a lone surrogate: it is no character, UTF-8 cannot hold it';
  if (/\p{Co}/u.test(c)) return 'a private-use character';
  if (/\p{Zs}/u.test(c)) return 'a space other than U+0020, which reads as one';
  return 'an invisible character';
}

/** Each problem of one string (`what`: "the value" or "the key"), worded for the error message. */
export function unicodeProblems(text: string, what: string): string[] {
  // Printable ASCII holds none of these characters and is its own NFC: most strings, tested in one pass.
  if (PRINTABLE_ASCII.test(text)) return [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const c of text) {
    if (seen.has(c) || !(BIDI.test(c) || INVISIBLE.test(c))) continue;
    seen.add(c);
    problems.push(`${what} contains ${codePoint(c)} (${kindOf(c)}); remove it`);
  }
  if (problems.length > 0) return problems;
  const nfc = text.normalize('NFC');
  if (nfc !== text)
    problems.push(
      `${what} ${asciiJson(text)} is not in Unicode NFC: Terraform normalizes every string, so AWS would get ` +
        `${JSON.stringify(nfc)} (${asciiJson(nfc)}), not what config, verify and diff show; write ${asciiJson(nfc)} instead`,
    );
  return problems;
}
