/**
 * The schema's issues in plain words, with the value the user wrote at hand:
 * "did you mean" for a misspelled field or value (`externalID`, `assume_role`,
 * `readwrite`), "required" for a missing field, and a wrong type said as what to
 * write (an account ID given as a number: quote it).
 */
import type { core, ZodType } from 'zod';
import type { Problem } from './checks';

type Def = {
  type: string;
  shape?: Record<string, ZodType>;
  innerType?: ZodType;
  in?: ZodType;
  element?: ZodType;
  valueType?: ZodType;
  options?: ZodType[];
  getter?: () => ZodType;
};
const defOf = (s: ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schemas that may sit at `path` (a union: each of its options). */
function schemasAt(schema: ZodType, path: readonly PropertyKey[]): ZodType[] {
  const d = defOf(schema);
  const inner = d.innerType ?? d.in ?? (d.type === 'lazy' ? d.getter?.() : undefined);
  if (inner) return schemasAt(inner, path);
  if (d.type === 'union') return (d.options ?? []).flatMap((o) => schemasAt(o, path));
  if (path.length === 0) return [schema];
  const [head, ...rest] = path;
  if (d.type === 'object' && typeof head === 'string' && d.shape?.[head]) return schemasAt(d.shape[head], rest);
  if (d.type === 'array' && typeof head === 'number' && d.element) return schemasAt(d.element, rest);
  if (d.type === 'record' && typeof head === 'string' && d.valueType) return schemasAt(d.valueType, rest);
  return [];
}

/** The fields an object at `path` may have. */
function knownFields(schema: ZodType, path: readonly PropertyKey[]): string[] {
  const keys = schemasAt(schema, path).flatMap((s) => {
    const d = defOf(s);
    return d.type === 'object' ? Object.keys(d.shape ?? {}) : [];
  });
  return [...new Set(keys)];
}

/** Edit distance counting a swap of two neighbouring letters as one edit (`nmae` -> `name`). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

/** The candidate closest to `word`, if close enough to be a slip (case, `_` for `-`, a letter or two). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const plain = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = plain(c) === plain(word) ? 0 : distance(word.toLowerCase(), c.toLowerCase());
    if (!best || d < best.d) best = { c, d };
  }
  return best && best.d <= Math.max(1, Math.floor(best.c.length / 3)) ? best.c : undefined;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

const typeName = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
const oneOf = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** What to write instead of a value of the wrong type. */
function wrongType(expected: string, value: unknown, path: readonly PropertyKey[]): string {
  const field = String(path[path.length - 1] ?? '');
  if (expected === 'string' && typeof value === 'number') {
    const digits = String(value);
    // An account ID written as a number loses its leading zeros.
    const lost = /accountid$/i.test(field) && /^\d{1,11}$/.test(digits);
    return (
      `must be text, not a number: quote it: "${lost ? digits.padStart(12, '0') : digits}"` +
      (lost ? ' (an account ID is 12 digits: as a number, its leading zeros were lost; check them)' : '')
    );
  }
  if (expected === 'boolean' && (value === 'true' || value === 'false'))
    return `must be true or false, without quotes: write ${value}`;
  if (expected === 'array' && typeof value === 'string')
    return `must be a list, not a single text: write [${JSON.stringify(value)}]`;
  const wanted = expected === 'array' ? 'a list' : expected === 'object' ? 'an object' : `a ${expected}`;
  return `must be ${wanted}, not ${typeName(value)}`;
}

/** Each issue as a problem at its path, said from what the user wrote (`raw`). */
export function zodProblems(issues: readonly core.$ZodIssue[], raw: unknown, schema: ZodType): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const path = issue.path as (string | number)[];
    const value = valueAt(raw, path);
    const missing = value === undefined;
    if (issue.code === 'unrecognized_keys') {
      const known = knownFields(schema, path);
      return issue.keys.map((key) => {
        const near = closest(key, known);
        return {
          path: [...path, key],
          message: near
            ? `unknown field: did you mean "${near}"?`
            : 'unknown field (check the spelling against the config reference in docs/config.md)',
        };
      });
    }
    if (issue.code === 'invalid_union' && 'discriminator' in issue) {
      const options = (issue as { options?: unknown[] }).options ?? [];
      const at = [...path];
      if (at[at.length - 1] !== issue.discriminator) at.push(issue.discriminator as string);
      const written = valueAt(raw, at);
      if (written === undefined) return [{ path: at, message: `required field is missing: one of ${oneOf(options)}` }];
      const near = typeof written === 'string' ? closest(written, options.map(String)) : undefined;
      return [
        {
          path: at,
          message: `${JSON.stringify(written)} is not a type here: ${near ? `did you mean "${near}"? ` : ''}one of ${oneOf(options)}`,
        },
      ];
    }
    if (issue.code === 'invalid_key') {
      return [{ path, message: `invalid key: ${issue.issues.map((i) => i.message).join('; ')}` }];
    }
    if (issue.code === 'invalid_value') {
      if (missing) return [{ path, message: `required field is missing: one of ${oneOf(issue.values)}` }];
      const near = typeof value === 'string' ? closest(value, issue.values.map(String)) : undefined;
      return [
        {
          path,
          message: `${JSON.stringify(value)} is not allowed: ${near ? `did you mean "${near}"? ` : ''}one of ${oneOf(issue.values)}`,
        },
      ];
    }
    if (issue.code === 'invalid_type') {
      if (missing) return [{ path, message: `required field is missing (expected ${issue.expected})` }];
      return [{ path, message: wrongType(issue.expected, value, path) }];
    }
    return [{ path, message: issue.message }];
  });
}
