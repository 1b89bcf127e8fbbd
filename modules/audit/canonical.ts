/**
 * Policies compared as AWS compares them: key order, a one-element list against its single
 * value, the order of values and of statements aside (AWS returns a key policy pretty-printed,
 * IAM documents decoded, and may reorder both).
 */
type Doc = { Statement?: unknown };

function norm(v: unknown): unknown {
  if (Array.isArray(v)) {
    const items = v.map(norm);
    if (items.length === 1) return items[0];
    return items
      .map((x) => JSON.stringify(x))
      .sort()
      .map((x) => JSON.parse(x) as unknown);
  }
  if (typeof v === 'object' && v !== null)
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, norm((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/** Statement text by Sid (a statement without Sid by its position). */
function statementsOf(doc: unknown): Map<string, string> {
  const d = (doc ?? {}) as Doc;
  const list = Array.isArray(d.Statement) ? d.Statement : d.Statement ? [d.Statement] : [];
  const out = new Map<string, string>();
  list.forEach((s, i) => {
    const sid = typeof (s as { Sid?: unknown })?.Sid === 'string' ? String((s as { Sid: string }).Sid) : `#${i + 1}`;
    out.set(out.has(sid) ? `${sid}#${i + 1}` : sid, JSON.stringify(norm(s)));
  });
  return out;
}

/** Each difference of two policies, per statement ("" when they are the same policy). */
export function policyDifferences(synthesized: unknown, deployed: unknown): string[] {
  const a = statementsOf(synthesized);
  const b = statementsOf(deployed);
  const out: string[] = [];
  for (const [sid, text] of b) {
    if (!a.has(sid)) out.push(`statement ${sid} only deployed: ${short(text)}`);
    else if (a.get(sid) !== text)
      out.push(`statement ${sid} changed: ${short(text)} (synthesized: ${short(a.get(sid)!)})`);
  }
  for (const sid of a.keys()) if (!b.has(sid)) out.push(`statement ${sid} only synthesized (removed where deployed)`);
  const version = (d: unknown) => (d as { Version?: unknown })?.Version;
  if (version(synthesized) !== version(deployed))
    out.push(`Version ${String(version(deployed))}, synthesized ${String(version(synthesized))}`);
  return out;
}

const short = (t: string) => (t.length > 200 ? `${t.slice(0, 197)}...` : t);

/** Deep equality of plain values with the same normalization. */
export const sameValue = (a: unknown, b: unknown) => JSON.stringify(norm(a)) === JSON.stringify(norm(b));
