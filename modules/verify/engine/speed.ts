/**
 * Two hot spots of @cloud-copilot/iam-simulate 0.1.173, measured with
 * --cpu-prof on verify, made cheap without changing any decision:
 *
 * 1. Condition operator names ("...IfExists"? "ForAnyValue:"?) are compared with
 *    String.localeCompare on every evaluation (37 % of the time). Those names are
 *    ASCII, for which lower-casing both sides is the same comparison; anything
 *    else still goes to localeCompare.
 * 2. Which resource types an ARN matches is worked out again, with automata, for
 *    every request and statement (30 %). It depends on the two strings alone:
 *    remembered.
 *
 * The engine reads these helpers through the modules' exports objects at each
 * call, so replacing them there is enough; a test checks the replacements
 * agree with the originals.
 */
import * as path from 'path';

/** Every character below 128: lower-casing is then the whole of a case-insensitive comparison. */
function ascii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

type Utils = {
  caseInsensitiveEquals(a: string, b: string): boolean;
  caseInsensitiveEndsWith(v: string, s: string): boolean;
};

/** The helpers the engine uses (its package exports only its index, hence the path). */
export function engineUtils(): Utils {
  const index = require.resolve('@cloud-copilot/iam-policy');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file the package does not export by name
  return require(path.join(path.dirname(index), 'utils.js')) as Utils;
}

type ResourceTypes = {
  resourceStringMatchesResourceTypePattern(resource: string, pattern: string): boolean;
  mostSpecificMatchingResourceTypePatterns(resource: string, patterns: string[]): string[];
};

/** The module behind iam-utils' index, whose getters read through to it at each call. */
export function resourceTypes(): ResourceTypes {
  const index = require.resolve('@cloud-copilot/iam-utils');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file the package does not export by name
  return require(path.join(path.dirname(index), 'resourceTypes.js')) as ResourceTypes;
}

/** Remembers a pure function of strings (bounded: the cache starts over past a million entries). */
function remember<A extends unknown[], R>(fn: (...a: A) => R, key: (...a: A) => string): (...a: A) => R {
  let cache = new Map<string, R>();
  return (...a: A) => {
    const k = key(...a);
    let r = cache.get(k);
    if (r === undefined && !cache.has(k)) {
      if (cache.size > 1_000_000) cache = new Map();
      cache.set(k, (r = fn(...a)));
    }
    return r as R;
  };
}

let originals:
  | { equals: Utils['caseInsensitiveEquals']; endsWith: Utils['caseInsensitiveEndsWith']; types: ResourceTypes }
  | undefined;

/** The engine's own helpers, before the speed-up (for the test that compares them). */
export const originalHelpers = () => originals;

export function speedUpEngine(): void {
  if (originals) return;
  const utils = engineUtils();
  const types = resourceTypes();
  originals = { equals: utils.caseInsensitiveEquals, endsWith: utils.caseInsensitiveEndsWith, types: { ...types } };
  const slowEquals = utils.caseInsensitiveEquals;
  const equals = (a: string, b: string) =>
    ascii(a) && ascii(b) ? a.length === b.length && a.toLowerCase() === b.toLowerCase() : slowEquals(a, b);
  utils.caseInsensitiveEquals = equals;
  utils.caseInsensitiveEndsWith = (value: string, suffix: string) => equals(value.slice(suffix.length * -1), suffix);
  types.resourceStringMatchesResourceTypePattern = remember(
    types.resourceStringMatchesResourceTypePattern,
    (r, p) => `${r}\u0000${p}`,
  );
  const specific = remember(
    types.mostSpecificMatchingResourceTypePatterns,
    (r, ps) => `${r}\u0000${ps.join('\u0000')}`,
  );
  // Callers may change the array they get: each gets its own copy.
  types.mostSpecificMatchingResourceTypePatterns = (r, ps) => [...specific(r, ps)];
}
