/** What a resource pattern can reach of a bucket or an access point, and whether that stays within granted prefixes. */
import { confinedTo, escapeOf, exampleOf, literalPrefix, matches } from './patterns';

/**
 * The object keys a resource pattern can match under `container` (a bucket ARN,
 * or an access point ARN whose objects are "<arn>/object/<key>"): a key
 * pattern, or undefined when it matches none of them.
 */
export function keysOf(pattern: string, container: string, objectPart: string): string | undefined {
  const base = `${container}${objectPart}`;
  if (pattern.startsWith(base)) return pattern.slice(base.length);
  // A wildcard before the key begins: any key, if it can reach this container at all.
  const lit = literalPrefix(pattern);
  if (base.startsWith(lit) && matches(pattern, `${base}verify`)) return '*';
  return undefined;
}

/** Whether the pattern can match the container itself (bucket-level actions). */
export const reachesContainer = (pattern: string, container: string) => matches(pattern, container);

/** Every key the pattern matches lies under one of the prefixes ("" = the whole bucket). */
export const keysWithin = (keys: string, prefixes: readonly string[]) =>
  prefixes.length === 0 || prefixes.some((p) => confinedTo(keys, p));

/** A key the pattern matches outside the prefixes, for a witness (else one inside). */
export const keyOutside = (keys: string, prefixes: readonly string[]) => escapeOf(keys, prefixes) ?? exampleOf(keys);

/** s3:prefix patterns a listing may use lie under one of the granted prefixes. */
export const listingWithin = (patterns: string[] | 'any', prefixes: readonly string[]) =>
  prefixes.length === 0 || (patterns !== 'any' && patterns.every((p) => prefixes.some((q) => confinedTo(p, q))));
