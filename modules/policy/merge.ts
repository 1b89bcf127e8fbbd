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
  // "*" stays alone; principal-less (identity) statements merge on this dimension only when identical otherwise.
  if (dim === 'principals' && s.principals === '*') return `star:${index}`;
  return JSON.stringify([
    s.effect,
    s.conditions,
    dim === 'actions' ? null : s.actions,
    dim === 'resources' ? null : s.resources,
    dim === 'principals'
      ? [Boolean(s.principals), Boolean(s.pinnedArns)]
      : [s.principals ?? null, s.pinnedArns ?? null],
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

/**
 * S3 authorizes object actions against object ARNs (`bucket/key`, `accesspoint/x/object/key`)
 * and bucket actions against the bucket or access-point ARN. A statement of
 * object actions on object resources and one of bucket actions on the bucket can
 * therefore be one statement: the added pairs (an object action on the bucket ARN,
 * a bucket action on an object ARN) can never match a request.
 */
const OBJECT_ACTION =
  /^s3:(GetObject|GetObjectVersion|PutObject|PutObjectAcl|AbortMultipartUpload|ListMultipartUploadParts)$/;
const BUCKET_ACTION = /^s3:(ListBucket|GetBucketLocation)$/;
const isObjectArn = (r: string) =>
  /^arn:[^:]+:s3:::[^/]+\/.+$/.test(r) || /^arn:[^:]+:s3:[^:]+:\d{12}:accesspoint\/[^/]+\/object\/.+$/.test(r);
const isBucketLevelArn = (r: string) =>
  /^arn:[^:]+:s3:::[^/]+$/.test(r) || /^arn:[^:]+:s3:[^:]+:\d{12}:accesspoint\/[^/]+$/.test(r);

function resourceKind(s: Statement): 'object' | 'bucket' | undefined {
  if (s.fixedSid || s.effect !== 'Allow') return undefined;
  if (s.actions.every((a) => OBJECT_ACTION.test(a)) && s.resources.every(isObjectArn)) return 'object';
  if (s.actions.every((a) => BUCKET_ACTION.test(a)) && s.resources.every(isBucketLevelArn)) return 'bucket';
  return undefined;
}

/** Pairs one object statement with one bucket statement of the same principals and conditions. */
function combineAcrossResourceTypes(statements: Statement[]): Statement[] {
  const byRest = new Map<string, { object?: number; bucket?: number }>();
  statements.forEach((s, i) => {
    const kind = resourceKind(s);
    if (!kind) return;
    const k = JSON.stringify([s.conditions, s.principals ?? null, s.pinnedArns ?? null]);
    const slot = byRest.get(k) ?? {};
    if (slot[kind] === undefined) slot[kind] = i;
    byRest.set(k, slot);
  });
  const drop = new Set<number>();
  const out = [...statements];
  for (const { object, bucket } of byRest.values()) {
    if (object === undefined || bucket === undefined) continue;
    const [o, b] = [statements[object], statements[bucket]];
    out[object] = normalizeStatement({
      ...o,
      owners: [...o.owners, ...b.owners],
      parts: [...o.parts, ...b.parts],
      actions: [...o.actions, ...b.actions],
      resources: [...o.resources, ...b.resources],
    });
    drop.add(bucket);
  }
  return out.filter((_, i) => !drop.has(i));
}

/**
 * First within one principal (its read and write statements become one), then
 * objects with bucket, then across principals (consumers with the same grant).
 */
export function mergeStatements(input: Statement[]): Statement[] {
  return mergeAlike(
    combineAcrossResourceTypes(mergeAlike(input.map(normalizeStatement), ['resources', 'actions'])),
    DIMENSIONS,
  );
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
