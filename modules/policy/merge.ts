/**
 * Statement merging, always on (DESIGN.md): two statements merge when they are
 * equal in all but one of actions, resources or principals (with their pinned
 * principal ARNs). Taking the union of one dimension while the other two are
 * equal grants exactly what the two statements granted (the argument AWS CDK's
 * merge-statements makes). Grouping by a key per dimension keeps each pass linear.
 */
import { normalizeStatement, Statement } from './statement';

type Dimension = 'actions' | 'resources' | 'principals';
const DIMENSIONS: Dimension[] = ['principals', 'resources', 'actions'];

function keyWithout(s: Statement, dim: Dimension, index: number): string {
  if (s.fixedSid) return `fixed:${index}`;
  if (dim === 'principals' && (s.principals === '*' || !s.principals)) {
    // "*" stays alone; principal-less (identity) statements merge only when identical otherwise.
    if (s.principals === '*') return `star:${index}`;
  }
  return JSON.stringify([
    s.effect,
    s.conditions,
    dim === 'actions' ? null : s.actions,
    dim === 'resources' ? null : s.resources,
    dim === 'principals' ? [Boolean(s.principals), Boolean(s.pinnedArns)] : [s.principals ?? null, s.pinnedArns ?? null],
  ]);
}

function union(group: Statement[], dim: Dimension): Statement {
  const [first] = group;
  const merged: Statement = {
    ...first,
    owners: group.flatMap((s) => s.owners),
    parts: group.flatMap((s) => s.parts),
  };
  if (dim === 'actions') merged.actions = group.flatMap((s) => s.actions);
  if (dim === 'resources') merged.resources = group.flatMap((s) => s.resources);
  if (dim === 'principals' && first.principals && first.principals !== '*') {
    const ps = group.map((s) => s.principals as Exclude<Statement['principals'], '*' | undefined>);
    merged.principals = { AWS: ps.flatMap((p) => p.AWS ?? []), Service: ps.flatMap((p) => p.Service ?? []) };
    if (first.pinnedArns) merged.pinnedArns = group.flatMap((s) => s.pinnedArns ?? []);
  }
  return normalizeStatement(merged);
}

export function mergeStatements(input: Statement[]): Statement[] {
  let statements = input.map(normalizeStatement);
  for (let changed = true; changed; ) {
    changed = false;
    for (const dim of DIMENSIONS) {
      const groups = new Map<string, Statement[]>();
      statements.forEach((s, i) => {
        const k = keyWithout(s, dim, i);
        const g = groups.get(k);
        if (g) g.push(s);
        else groups.set(k, [s]);
      });
      if (groups.size === statements.length) continue;
      changed = true;
      statements = [...groups.values()].map((g) => (g.length === 1 ? g[0] : union(g, dim)));
    }
  }
  return statements;
}
