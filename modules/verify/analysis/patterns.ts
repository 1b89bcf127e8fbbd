/** IAM wildcard patterns ("*" any run of characters, "?" one character), as strings match them. */

export const hasWildcard = (p: string) => /[*?]/.test(p);

const cache = new Map<string, RegExp>();
function regexOf(pattern: string, ignoreCase: boolean): RegExp {
  const k = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = cache.get(k);
  if (!re) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    cache.set(k, re);
  }
  return re;
}

export const matches = (pattern: string, value: string, ignoreCase = false) => regexOf(pattern, ignoreCase).test(value);

/** The characters before the first wildcard: every match starts with them. */
export const literalPrefix = (p: string) => p.split(/[*?]/)[0];

/**
 * Whether every string the pattern matches starts with `prefix`. Sufficient, not
 * necessary: a pattern that only might escape the prefix counts as escaping it.
 */
export const confinedTo = (pattern: string, prefix: string) => literalPrefix(pattern).startsWith(prefix);

/** A concrete string the pattern matches, for a witness request. */
export const exampleOf = (pattern: string, fill = 'verify') => pattern.replace(/\*/g, fill).replace(/\?/g, 'x');

/**
 * A string the pattern matches that does not start with any of `prefixes`,
 * when the pattern allows one (tried on a few candidates), else undefined.
 */
export function escapeOf(pattern: string, prefixes: readonly string[]): string | undefined {
  for (const fill of ['verify-outside/', 'x', '']) {
    const s = exampleOf(pattern, fill);
    if (matches(pattern, s) && !prefixes.some((p) => s.startsWith(p))) return s;
  }
  return undefined;
}
