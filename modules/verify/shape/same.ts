/** Deep equality of JSON values, key order aside: what Terraform compares is the value, not its layout. */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const y = b as unknown[];
    return a.length === y.length && a.every((x, i) => same(x, y[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => Object.hasOwn(y, k) && same(x[k], y[k]));
}

/** A value as a short JSON text for a message. */
export const shown = (v: unknown) => {
  const t = JSON.stringify(v) ?? 'nothing';
  return t.length > 120 ? `${t.slice(0, 117)}...` : t;
};
