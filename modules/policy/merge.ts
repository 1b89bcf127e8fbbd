/**
 * Statement merging, always on: two statements merge when they are equal in all
 * but one of actions, resources or principals (with their pinned role ARNs).
 * Taking the union of one dimension while the other two are equal grants exactly
 * what the two statements granted (the argument AWS CDK's merge-statements makes).
 * Grouping by a key per dimension keeps each pass linear.
 *
 * Two phases, so that a plan can account for them one consumer at a time:
 * per principal (a role's read and write statements become one, objects with
 * bucket), then across principals (consumers with the same grant share one).
 */
import { BUCKET_ACTIONS, OBJECT_ACTIONS } from './actions';
import { Principal, statement, Statement } from './statement';

export type Dimension = 'actions' | 'resources' | 'principals';
const ALL: Dimension[] = ['principals', 'resources', 'actions'];

const principalKey = (p: Principal | undefined) => JSON.stringify(p ?? null);

/**
 * A statement's merge keys, made once per statement in one merge (every pass reads them again, and a string
 * made once keeps its hash): what it is beyond its actions, resources and principal, its principal, and its key
 * without each dimension.
 */
interface Keys {
  rest: string;
  principal: string;
  without: Partial<Record<Dimension, string>>;
}
type KeyCache = Map<Statement, Keys>;

function keysOf(s: Statement, cache: KeyCache): Keys {
  let k = cache.get(s);
  if (!k) {
    k = { rest: `${s.effect}\u0000${JSON.stringify(s.conditions)}`, principal: principalKey(s.principal), without: {} };
    cache.set(s, k);
  }
  return k;
}

function keyWithout(s: Statement, dim: Dimension, index: number, cache: KeyCache): string {
  if ('fixed' in s.sid) return `fixed:${index}`;
  // "*" stays alone; principals merge only with principals of the same kind.
  if (dim === 'principals' && s.principal?.kind === 'any') return `any:${index}`;
  const k = keysOf(s, cache);
  return (k.without[dim] ??= [
    k.rest,
    dim === 'actions' ? '' : s.actions.join('\u0001'),
    dim === 'resources' ? '' : s.resources.join('\u0001'),
    dim === 'principals' ? (s.principal?.kind ?? '') : k.principal,
  ].join('\u0002'));
}

function unionPrincipal(ps: Principal[]): Principal {
  const [first] = ps;
  switch (first.kind) {
    case 'any':
      return first;
    case 'accounts':
      return { kind: 'accounts', accounts: ps.flatMap((p) => (p.kind === 'accounts' ? p.accounts : [])) };
    case 'pinned':
      return {
        kind: 'pinned',
        accounts: ps.flatMap((p) => (p.kind === 'pinned' ? p.accounts : [])),
        arns: ps.flatMap((p) => (p.kind === 'pinned' ? p.arns : [])),
      };
    case 'services':
      return { kind: 'services', services: ps.flatMap((p) => (p.kind === 'services' ? p.services : [])) };
  }
}

const owners = (s: Statement) => ('fixed' in s.sid ? [] : s.sid.owners);
const parts = (s: Statement) => ('fixed' in s.sid ? [] : s.sid.parts);

function union(group: Statement[], dim: Dimension): Statement {
  const [first] = group;
  return statement({
    ...first,
    sid: { owners: group.flatMap(owners), parts: group.flatMap(parts) },
    actions: dim === 'actions' ? group.flatMap((s) => s.actions) : first.actions,
    resources: dim === 'resources' ? group.flatMap((s) => s.resources) : first.resources,
    ...(dim === 'principals' && first.principal ? { principal: unionPrincipal(group.map((s) => s.principal!)) } : {}),
  });
}

/** Statements grouped by their key without `dim`, groups in order of their first member. */
export function groupsByKey(statements: Statement[], dim: Dimension, cache: KeyCache = new Map()): Statement[][] {
  const groups = new Map<string, Statement[]>();
  statements.forEach((s, i) => {
    const k = keyWithout(s, dim, i, cache);
    const g = groups.get(k);
    if (g) g.push(s);
    else groups.set(k, [s]);
  });
  return [...groups.values()];
}

// Indexed loops in the comparisons: they run for every pair of every small document, often before the JIT has.
function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Equal principals: what their keys compare (normalized principals list their members sorted). */
function samePrincipal(a: Principal | undefined, b: Principal | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'any':
      return true;
    case 'accounts':
      return sameList(a.accounts, (b as typeof a).accounts);
    case 'pinned':
      return sameList(a.accounts, (b as typeof a).accounts) && sameList(a.arns, (b as typeof a).arns);
    case 'services':
      return sameList(a.services, (b as typeof a).services);
  }
}

/** Equal conditions: what their keys compare (normalized conditions hold their operators and keys sorted). */
function sameConditions(a: Statement['conditions'], b: Statement['conditions']): boolean {
  if (a === b) return true;
  const ops = Object.keys(a);
  if (!sameList(ops, Object.keys(b))) return false;
  for (let i = 0; i < ops.length; i++) {
    const x = a[ops[i]];
    const y = b[ops[i]];
    const keys = Object.keys(x);
    if (!sameList(keys, Object.keys(y))) return false;
    for (let j = 0; j < keys.length; j++) if (!sameList(x[keys[j]], y[keys[j]])) return false;
  }
  return true;
}

/** Equal in what is neither actions nor resources: effect, conditions and principal. */
const sameRest = (a: Statement, b: Statement) =>
  a.effect === b.effect && sameConditions(a.conditions, b.conditions) && samePrincipal(a.principal, b.principal);

/** Whether two statements have one key without `dim` (keyWithout), compared part by part instead of as text. */
function sameWithout(a: Statement, b: Statement, dim: Dimension): boolean {
  if ('fixed' in a.sid || 'fixed' in b.sid) return false;
  if (dim === 'principals' && (a.principal?.kind === 'any' || b.principal?.kind === 'any')) return false;
  if (a.effect !== b.effect || !sameConditions(a.conditions, b.conditions)) return false;
  if (dim !== 'actions' && !sameList(a.actions, b.actions)) return false;
  if (dim !== 'resources' && !sameList(a.resources, b.resources)) return false;
  return dim === 'principals' ? a.principal?.kind === b.principal?.kind : samePrincipal(a.principal, b.principal);
}

/** The same groups as groupsByKey, found by comparing pairs: cheaper for the few statements most documents hold. */
export function groupsByPairs(statements: Statement[], dim: Dimension): Statement[][] {
  const groups: Statement[][] = [];
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    let g: Statement[] | undefined;
    for (let j = 0; j < groups.length && !g; j++) if (sameWithout(groups[j][0], s, dim)) g = groups[j];
    if (g) g.push(s);
    else groups.push([s]);
  }
  return groups;
}

/** Below this many statements, pairs are compared; above, keys are grouped (linear). */
const PAIRWISE = 12;

function mergeAlike(input: Statement[], dimensions: Dimension[], cache: KeyCache): Statement[] {
  let statements = input;
  for (let changed = true; changed;) {
    changed = false;
    for (const dim of dimensions) {
      const groups =
        statements.length <= PAIRWISE ? groupsByPairs(statements, dim) : groupsByKey(statements, dim, cache);
      if (groups.length === statements.length) continue;
      changed = true;
      statements = groups.map((g) => (g.length === 1 ? g[0] : union(g, dim)));
    }
  }
  return statements;
}

/**
 * S3 authorizes object actions against object ARNs (`bucket/key`,
 * `accesspoint/x/object/key`) and bucket actions against the bucket or
 * access-point ARN. A statement of object actions on object resources and one of
 * bucket actions on the bucket can therefore be one statement: the added pairs
 * (an object action on the bucket ARN, a bucket action on an object ARN) can
 * never match a request.
 */
const isObjectArn = (r: string) =>
  /^arn:[^:]+:s3:::[^/]+\/.+$/.test(r) || /^arn:[^:]+:s3:[^:]+:\d{12}:accesspoint\/[^/]+\/object\/.+$/.test(r);
const isBucketLevelArn = (r: string) =>
  /^arn:[^:]+:s3:::[^/]+$/.test(r) || /^arn:[^:]+:s3:[^:]+:\d{12}:accesspoint\/[^/]+$/.test(r);

function resourceKind(s: Statement): 'object' | 'bucket' | undefined {
  if ('fixed' in s.sid || s.effect !== 'Allow') return undefined;
  if (s.actions.every((a) => OBJECT_ACTIONS.has(a)) && s.resources.every(isObjectArn)) return 'object';
  if (s.actions.every((a) => BUCKET_ACTIONS.has(a)) && s.resources.every(isBucketLevelArn)) return 'bucket';
  return undefined;
}

/** Pairs one object statement with one bucket statement of the same principal and conditions. */
function combineAcrossResourceTypes(statements: Statement[], cache: KeyCache): Statement[] {
  // One slot per effect, conditions and principal, in order of first appearance: found by key, or for few
  // statements by comparing them (the same slots).
  interface Slot {
    first: Statement;
    object?: number;
    bucket?: number;
  }
  const slots: Slot[] = [];
  const byKey = statements.length > PAIRWISE ? new Map<string, Slot>() : undefined;
  statements.forEach((s, i) => {
    const kind = resourceKind(s);
    if (!kind) return;
    const k = byKey ? `${keysOf(s, cache).rest}\u0002${keysOf(s, cache).principal}` : '';
    let slot = byKey ? byKey.get(k) : slots.find((x) => sameRest(x.first, s));
    if (!slot) {
      slot = { first: s };
      slots.push(slot);
      byKey?.set(k, slot);
    }
    if (slot[kind] === undefined) slot[kind] = i;
  });
  const drop = new Set<number>();
  const out = [...statements];
  for (const { object, bucket } of slots) {
    if (object === undefined || bucket === undefined) continue;
    const [o, b] = [statements[object], statements[bucket]];
    out[object] = statement({
      ...o,
      sid: { owners: [...owners(o), ...owners(b)], parts: [...parts(o), ...parts(b)] },
      actions: [...o.actions, ...b.actions],
      resources: [...o.resources, ...b.resources],
    });
    drop.add(bucket);
  }
  return drop.size === 0 ? statements : out.filter((_, i) => !drop.has(i));
}

function perPrincipal(input: Statement[], cache: KeyCache): Statement[] {
  return combineAcrossResourceTypes(mergeAlike(input.map(statement), ['resources', 'actions'], cache), cache);
}

/** Phase one: within each principal (statements of different principals never meet here). */
export const mergePerPrincipal = (input: Statement[]): Statement[] => perPrincipal(input, new Map());

/** Phase two: across principals, then whatever became mergeable. */
function mergeAcrossPrincipals(input: Statement[], cache: KeyCache): Statement[] {
  return mergeAlike(input, ALL, cache);
}

export function mergeStatements(input: Statement[]): Statement[] {
  const cache: KeyCache = new Map();
  return mergeAcrossPrincipals(perPrincipal(input, cache), cache);
}

/**
 * What a pinned statement is, apart from whom it names: statements of one shape
 * become one statement in phase two, naming all their principals.
 */
export const shapeOf = (s: Statement): string => keyWithout(s, 'principals', -1, new Map());
