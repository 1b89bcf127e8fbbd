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

type Dimension = 'actions' | 'resources' | 'principals';
const ALL: Dimension[] = ['principals', 'resources', 'actions'];

const principalKey = (p: Principal | undefined) => JSON.stringify(p ?? null);

/** Each part of a statement as text, once per statement (statements are read-only: safe to remember). */
interface Parts {
  rest: string;
  actions: string;
  resources: string;
  principal: string;
}
const partsOf = new WeakMap<Statement, Parts>();
function parts_(s: Statement): Parts {
  let p = partsOf.get(s);
  if (!p) {
    p = {
      rest: `${s.effect}\u0000${JSON.stringify(s.conditions)}`,
      actions: s.actions.join('\u0001'),
      resources: s.resources.join('\u0001'),
      principal: principalKey(s.principal),
    };
    partsOf.set(s, p);
  }
  return p;
}

function keyWithout(s: Statement, dim: Dimension, index: number): string {
  if ('fixed' in s.sid) return `fixed:${index}`;
  // "*" stays alone; principals merge only with principals of the same kind.
  if (dim === 'principals' && s.principal?.kind === 'any') return `any:${index}`;
  const p = parts_(s);
  return [
    p.rest,
    dim === 'actions' ? '' : p.actions,
    dim === 'resources' ? '' : p.resources,
    dim === 'principals' ? (s.principal?.kind ?? '') : p.principal,
  ].join('\u0002');
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

function mergeAlike(input: Statement[], dimensions: Dimension[]): Statement[] {
  let statements = input;
  for (let changed = true; changed;) {
    changed = false;
    for (const dim of dimensions) {
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
function combineAcrossResourceTypes(statements: Statement[]): Statement[] {
  const byRest = new Map<string, { object?: number; bucket?: number }>();
  statements.forEach((s, i) => {
    const kind = resourceKind(s);
    if (!kind) return;
    const k = `${parts_(s).rest}\u0002${parts_(s).principal}`;
    const slot = byRest.get(k) ?? {};
    if (slot[kind] === undefined) slot[kind] = i;
    byRest.set(k, slot);
  });
  const drop = new Set<number>();
  const out = [...statements];
  for (const { object, bucket } of byRest.values()) {
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
  return out.filter((_, i) => !drop.has(i));
}

/** Phase one: within each principal (statements of different principals never meet here). */
export function mergePerPrincipal(input: Statement[]): Statement[] {
  return combineAcrossResourceTypes(mergeAlike(input.map(statement), ['resources', 'actions']));
}

/** Phase two: across principals, then whatever became mergeable. */
function mergeAcrossPrincipals(input: Statement[]): Statement[] {
  return mergeAlike(input, ALL);
}

export function mergeStatements(input: Statement[]): Statement[] {
  return mergeAcrossPrincipals(mergePerPrincipal(input));
}

/**
 * What a pinned statement is, apart from whom it names: statements of one shape
 * become one statement in phase two, naming all their principals.
 */
export const shapeOf = (s: Statement): string => keyWithout(s, 'principals', -1);
