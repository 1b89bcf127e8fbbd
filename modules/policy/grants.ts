/**
 * One consumer's access level on its prefixes, as statements without principals.
 * Bucket and access-point policies add principals; identity policies use them as they are.
 */
import type { AccessLevel, Config, Consumer, Pack } from '../config';
import { dnsSuffix } from '../config';
import { accessPointArn, bucketArn, objectsArn } from '../naming';
import { actionsOf, LevelOptions, PREFIX_SCOPED, reads, writes } from './actions';
import { packActions, Where } from './packs';
import { allow, Conditions, Statement } from './statement';

/** Where S3 requests go: the bucket itself, or an access point (same shape). */
export interface S3Target {
  /** ARN that bucket actions (ListBucket, GetBucketLocation) apply to. */
  containerArn: string;
  /** ARN pattern of the objects under a prefix ("" = all). */
  objects(prefix: string): string;
  /** Through an access point, calls IAM authorizes against the bucket only are left out. */
  where: Where;
}

export function bucketTarget(config: Config): S3Target {
  const { partition } = config;
  const name = config.producer.bucket.name;
  return {
    containerArn: bucketArn(partition, name),
    objects: (prefix) => objectsArn(partition, name, prefix),
    where: 'bucket',
  };
}

/** Requests through an access point name it: objects are <access point ARN>/object/<key>. */
export function accessPointTarget(config: Config, ap: { name: string; accountId: string }): S3Target {
  const arn = accessPointArn(config.partition, config.region, ap.accountId, ap.name);
  return { containerArn: arn, objects: (prefix) => `${arn}/object/${prefix}*`, where: 'access-point' };
}

export interface Grant {
  level: AccessLevel;
  /** Normalized prefixes; empty = the whole bucket. */
  prefixes: readonly string[];
  /** Opt-in workflow packs (packs.ts): their actions on the same prefixes. */
  packs?: readonly Pack[];
}

/** What a consumer is granted: its level on its prefixes, and its packs. */
export const grantOf = (c: Consumer): Grant => ({ level: c.access, prefixes: c.prefixes, packs: c.packs });

const prefixesOrAll = (g: Grant) => (g.prefixes.length > 0 ? g.prefixes : ['']);

export const levelOptions = (config: Config): LevelOptions => ({
  versioning: config.producer.bucket.versioning,
  legacyAcl: legacyAcl(config),
});

/** S3 statements of a grant: objects read and written, listing (prefix-scoped), the bucket's location. */
export function s3Statements(g: Grant, target: S3Target, o: LevelOptions): Statement[] {
  const objects = prefixesOrAll(g).map((p) => target.objects(p));
  const out: Statement[] = [];
  if (reads(g.level)) {
    out.push(allow(['Read'], { actions: actionsOf('read', 'object', o), resources: objects }));
    const bucket = actionsOf('read', 'bucket', o);
    const scoped = bucket.filter((a) => PREFIX_SCOPED.has(a));
    // GetBucketLocation has no s3:prefix to match: never put that condition on it.
    const conditions: Conditions = g.prefixes.length
      ? { StringLike: { 's3:prefix': g.prefixes.map((p) => `${p}*`) } }
      : {};
    out.push(allow(['List'], { actions: scoped, resources: [target.containerArn], conditions }));
    out.push(
      allow(['Location'], { actions: bucket.filter((a) => !PREFIX_SCOPED.has(a)), resources: [target.containerArn] }),
    );
  }
  if (writes(g.level)) out.push(allow(['Write'], { actions: actionsOf('write', 'object', o), resources: objects }));
  return [...out, ...packStatements(g, target, o, objects)];
}

/** What the grant's packs add to its level: object actions on its prefixes, bucket actions on the container. */
function packStatements(g: Grant, target: S3Target, o: LevelOptions, objects: string[]): Statement[] {
  if (!g.packs?.length) return [];
  const extra = (on: 'object' | 'bucket') => {
    const held = new Set(actionsOf(g.level, on, o));
    return packActions(g.packs!, on, o, target.where).filter((a) => !held.has(a));
  };
  const object = extra('object');
  const bucket = extra('bucket');
  // A pack's listing would need the s3:prefix scoping of the level's: a pack that lists needs a level that reads.
  if (bucket.some((a) => PREFIX_SCOPED.has(a)))
    throw new Error(`packs ${g.packs.join(', ')} list beyond the level ${g.level}`);
  return [
    ...(object.length ? [allow(['Packs'], { actions: object, resources: objects })] : []),
    ...(bucket.length ? [allow(['Packs'], { actions: bucket, resources: [target.containerArn] })] : []),
  ];
}

/** Every action the grant's level and packs allow on `on` (what a delegation must admit). */
export const grantActions = (g: Grant, on: 'object' | 'bucket', o: LevelOptions, where: Where): string[] => [
  ...new Set([...actionsOf(g.level, on, o), ...packActions(g.packs ?? [], on, o, where)]),
];

/**
 * KMS conditions: only through S3 in this region, and only for this bucket's data.
 * S3 sends the bucket ARN as encryption context for objects written with an S3
 * Bucket Key, the object ARN for the others (written before the Bucket Key was
 * on, or with it turned off per request): both are accepted, the object ARN under
 * the granted prefixes only ("bucket-wide": any object of the bucket, for a key
 * policy that names whole accounts and leaves the prefixes to identity policies).
 */
function kmsConditions(config: Config, g: Grant, scope: 'prefixes' | 'bucket-wide' = 'prefixes'): Conditions {
  const { partition } = config;
  const bucket = config.producer.bucket.name;
  const objects =
    scope === 'bucket-wide'
      ? [objectsArn(partition, bucket, '')]
      : prefixesOrAll(g).map((p) => objectsArn(partition, bucket, p));
  return {
    StringEquals: { 'kms:ViaService': [`s3.${config.region}.${dnsSuffix(partition)}`] },
    StringLike: { 'kms:EncryptionContext:aws:s3:arn': [bucketArn(partition, bucket), ...objects] },
  };
}

/** The KMS statement of a grant, on the given key resource ("*" inside a key policy). */
export function kmsStatement(
  config: Config,
  g: Grant,
  keyResource: string,
  scope: 'prefixes' | 'bucket-wide' = 'prefixes',
): Statement {
  const o = levelOptions(config);
  const level = actionsOf(g.level, 'key', o);
  return allow(['Kms'], {
    // Without packs, the level's own list (sorted, read-only) as it is.
    actions: g.packs?.length ? [...new Set([...level, ...packActions(g.packs, 'key', o)])] : level,
    resources: [keyResource],
    conditions: kmsConditions(config, g, scope),
  });
}

export const usesKms = (config: Config) => config.producer.bucket.encryption.type === 'kms';
export const legacyAcl = (config: Config) => config.producer.bucket.objectOwnership !== 'BucketOwnerEnforced';
