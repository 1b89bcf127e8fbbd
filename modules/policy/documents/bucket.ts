/**
 * The ONE bucket policy: the denies every request is subject to, the delegation
 * to the producer's own access points, and every consumer's pinned grant.
 */
import { type Config, type Consumer, EVERY_LEVEL } from '../../config';
import { accessPointArn, accessPointNamePrefix, bucketArn } from '../../naming';
import { actionsOf } from '../actions';
import { packActions } from '../packs';
import { bucketTarget, grantOf, grantActions, legacyAcl, levelOptions, s3Statements } from '../grants';
import { actorOf, granter, orgGuarded } from '../principals';
import { JsonStatement, PolicyDocument, renderDocument } from '../render';
import { fixed, Statement, withCondition, withParts } from '../statement';
import { keyArnOf, Share } from './share';

const objectsAndBucket = (config: Config) => {
  const t = bucketTarget(config);
  return [t.containerArn, t.objects('')];
};

/** Refuse plain HTTP for every principal, on the bucket and its objects. */
export const denyInsecureTransport = (config: Config, bucket = config.producer.bucket.name) =>
  fixed('DenyInsecureTransport', 'Deny', {
    principal: { kind: 'any' },
    actions: ['s3:*'],
    resources: [bucketArn(config.partition, bucket), `${bucketArn(config.partition, bucket)}/*`],
    conditions: { Bool: { 'aws:SecureTransport': ['false'] } },
  });

/**
 * Writers cannot change the encryption: an upload naming another type, another
 * key, "aws:kms" without a key (S3 would use the AWS-managed aws/s3 key, which
 * no other account can use) or a customer-provided key is denied. Each deny
 * needs its header present, so uploads relying on default encryption, and
 * UploadPart, which carries none, pass.
 */
function encryptionDenies(config: Config): Statement[] {
  const objects = [bucketTarget(config).objects('')];
  const deny = (sid: string, conditions: Statement['conditions']) =>
    fixed(sid, 'Deny', { principal: { kind: 'any' }, actions: ['s3:PutObject'], resources: objects, conditions });
  const SSE = 's3:x-amz-server-side-encryption';
  const KEY = 's3:x-amz-server-side-encryption-aws-kms-key-id';
  const key = keyArnOf(config);
  const own = key ? 'aws:kms' : 'AES256';
  return [
    deny('DenyOtherEncryption', { Null: { [SSE]: ['false'] }, StringNotEquals: { [SSE]: [own] } }),
    deny('DenyCustomerProvidedKeys', { Null: { 's3:x-amz-server-side-encryption-customer-algorithm': ['false'] } }),
    ...(key
      ? [
          deny('DenyOtherKmsKeys', { Null: { [KEY]: ['false'] }, StringNotEquals: { [KEY]: [key] } }),
          deny('DenyUnnamedKmsKey', { StringEquals: { [SSE]: ['aws:kms'] }, Null: { [KEY]: ['true'] } }),
        ]
      : []),
  ];
}

/**
 * Legacy ACL modes: an upload from another account must hand the bucket owner
 * full control of the object, or the owner could not read what it stores.
 */
const denyUploadsWithoutOwnerControl = (config: Config) =>
  fixed('DenyUploadsWithoutOwnerControl', 'Deny', {
    principal: { kind: 'any' },
    actions: ['s3:PutObject', 's3:PutObjectAcl'],
    resources: [bucketTarget(config).objects('')],
    // Keys under one operator must all match: other accounts' writes lacking the canned ACL.
    conditions: {
      StringNotEquals: {
        's3:x-amz-acl': ['bucket-owner-full-control'],
        'aws:PrincipalAccount': [config.producer.accountId],
      },
    },
  });

/** Every action any level, and the packs the config uses, may grant on objects and the bucket (reserved delegation). */
export const ALL_DELEGATED = (config: Config) => {
  const o = levelOptions(config);
  const packs = [...new Set(config.consumers.flatMap((c) => c.packs ?? []))];
  return [
    ...new Set([
      ...actionsOf(EVERY_LEVEL, 'object', o),
      ...actionsOf(EVERY_LEVEL, 'bucket', o),
      ...packActions(packs, 'object', o, 'access-point'),
      ...packActions(packs, 'bucket', o, 'access-point'),
    ]),
  ];
};

/**
 * Delegation to the producer's own access points: their policies (generated
 * here) pin each consumer's role and prefixes, so the bucket only has to admit
 * requests through those access points, by exact ARN, or (when the list does
 * not fit) by the name prefix only access points named after this bucket share.
 * The principal is "*": who may pass is decided by the access point's policy;
 * s3:DataAccessPointArn with a fixed account keeps the policy non-public for
 * Block Public Access. Same size whatever the number of consumers behind it.
 */
export function delegation(share: Share, names: readonly string[], actions: readonly string[]): Statement {
  const { config } = share;
  const producer = config.producer.accountId;
  const arns = names.map((n) => accessPointArn(config.partition, config.region, producer, n));
  const pattern = `${accessPointArn(config.partition, config.region, producer, accessPointNamePrefix(config.producer.bucket.name))}*`;
  let s = fixed('DelegateToOwnAccessPoints', 'Allow', {
    principal: { kind: 'any' },
    actions,
    resources: objectsAndBucket(config),
    conditions: { StringEquals: { 's3:DataAccessPointAccount': [producer] } },
  });
  s =
    share.delegation === 'exact'
      ? withCondition(s, 'StringEquals', 's3:DataAccessPointArn', arns)
      : withCondition(s, 'StringLike', 's3:DataAccessPointArn', [pattern]);
  return orgGuarded(config, s);
}

export interface BucketPolicyParts {
  /** Denies and the delegation: statements no consumer's route changes. */
  fixed: Statement[];
  /** Grants that never move: producer roles, access points in consumer accounts. */
  pinned: Statement[];
  /** Grants of direct consumers, by consumer name: what overflow may move to access points. */
  direct: Map<string, Statement[]>;
  extra: readonly JsonStatement[];
}

/**
 * Through an access point of the consumer's own account: only that access point, and only from its VPC when it has
 * one: VPC origin, and aws:SourceVpc, since the consumer may re-create its access point in another VPC.
 */
function viaConsumerAccessPoint(config: Config, s: Statement, ap: NonNullable<Consumer['accessPoint']>): Statement {
  // The ARN names the account too: an access point of that name in any other account does not match.
  const arn = accessPointArn(config.partition, config.region, ap.accountId, ap.name);
  const out = withCondition(withParts(s, 'ViaAccessPoint'), 'StringEquals', 's3:DataAccessPointArn', [arn]);
  if (!ap.vpcId) return out;
  return withCondition(
    withCondition(out, 'StringEquals', 's3:AccessPointNetworkOrigin', ['VPC']),
    'StringEquals',
    'aws:SourceVpc',
    [ap.vpcId],
  );
}

/** A direct consumer's grants in the bucket policy (bucketPolicyParts' `direct`, for one consumer). */
export function directGrants(share: Share, c: Consumer): Statement[] {
  const { config } = share;
  return s3Statements(grantOf(c), bucketTarget(config), levelOptions(config)).map(
    granter(config, actorOf(config, c), c.name),
  );
}

/**
 * The bucket policy's statements by part. `direct: false` leaves the direct consumers' grants out (placement
 * measures the room without them, then the grants of the consumers it places only: directGrants).
 */
export function bucketPolicyParts(
  share: Share,
  delegatedActions?: readonly string[],
  options: { direct: boolean } = { direct: true },
): BucketPolicyParts {
  const { config } = share;
  const target = bucketTarget(config);
  const o = levelOptions(config);
  const fixedPart: Statement[] = [denyInsecureTransport(config), ...encryptionDenies(config)];
  if (legacyAcl(config)) fixedPart.push(denyUploadsWithoutOwnerControl(config));
  const own = share.consumers.filter((c) => c.accessPoint?.accountId === config.producer.accountId);
  if (own.length > 0) {
    const actions = delegatedActions ?? [
      ...new Set(
        own.flatMap((c) => [
          ...grantActions(grantOf(c), 'object', o, 'access-point'),
          ...grantActions(grantOf(c), 'bucket', o, 'access-point'),
        ]),
      ),
    ];
    fixedPart.push(
      delegation(
        share,
        own.map((c) => c.accessPoint!.name),
        actions,
      ),
    );
  }
  const pinned: Statement[] = [];
  const direct = new Map<string, Statement[]>();
  for (const c of share.consumers) {
    // Access-grant consumers reach the bucket as the location role's sessions: not named here.
    if (c.method === 'access-grant') continue;
    if (c.method === 'assume-role') {
      if (share.producerRolesInResourcePolicies)
        pinned.push(...s3Statements(grantOf(c), target, o).map(granter(config, actorOf(config, c), c.name)));
    } else if (c.accessPoint && c.accessPoint.accountId !== config.producer.accountId) {
      const grant = granter(config, actorOf(config, c), c.name);
      pinned.push(
        ...s3Statements(grantOf(c), { ...target, where: 'access-point' }, o).map((s) =>
          grant(viaConsumerAccessPoint(config, s, c.accessPoint!)),
        ),
      );
    } else if (!c.accessPoint && options.direct) {
      direct.set(c.name, directGrants(share, c));
    }
  }
  return { fixed: fixedPart, pinned, direct, extra: config.producer.bucket.policyStatements as JsonStatement[] };
}

function renderBucketPolicy(parts: BucketPolicyParts): PolicyDocument {
  return renderDocument(
    'resource',
    [...parts.fixed, ...parts.pinned, ...[...parts.direct.values()].flat()],
    parts.extra,
  );
}

export const bucketPolicy = (share: Share) => renderBucketPolicy(bucketPolicyParts(share));
