/**
 * What the config intends, written from docs/config.md's access tables on their own
 * — deliberately not from modules/policy, so a wrong generator cannot agree with
 * itself. A test holds this table and the generator's workflows together.
 */
import type { AccessLevel, Config, Consumer, Pack } from '../config';
import { dnsSuffix, reads, writes } from '../config';
import { accessPointArn, bucketArn, roleArn } from '../naming';
import { strangerAccount } from './arns';
import { packS3Actions } from './packs';
import type { Route } from './synthesized';

export { reads, writes } from '../config';

/** The S3 actions a level grants, by what they act on, with those its packs add (through an access point or not). */
export function s3ActionsOf(
  level: AccessLevel,
  o: { versioning: boolean; legacyAcl: boolean },
  packs: readonly Pack[] = [],
  viaAccessPoint = false,
) {
  const own = levelS3Actions(level, o);
  const more = packS3Actions(packs, o, viaAccessPoint);
  return {
    object: [...new Set([...own.object, ...more.object])],
    listing: own.listing,
    bucket: [...own.bucket, ...more.bucket],
  };
}

function levelS3Actions(level: AccessLevel, o: { versioning: boolean; legacyAcl: boolean }) {
  return {
    object: [
      ...(reads(level)
        ? ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging', 's3:GetObjectVersionTagging']
        : []),
      ...(writes(level)
        ? ['s3:PutObject', 's3:PutObjectTagging', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts']
        : []),
      ...(writes(level) && o.legacyAcl ? ['s3:PutObjectAcl'] : []),
    ],
    /** Listing: limited to the granted prefixes by s3:prefix. */
    listing: reads(level) ? ['s3:ListBucket', ...(o.versioning ? ['s3:ListBucketVersions'] : [])] : [],
    bucket: reads(level) ? ['s3:GetBucketLocation'] : [],
  };
}

/** KMS through S3: reading decrypts; writing generates data keys, and decrypts to finish multipart uploads. */
export const kmsActionsOf = (level: AccessLevel) => ['kms:Decrypt', ...(writes(level) ? ['kms:GenerateDataKey'] : [])];

export interface IntendedConsumer {
  name: string;
  accountId: string;
  level: AccessLevel;
  /** Its workflow packs (docs/packs.md); empty: none. */
  packs: Pack[];
  /** Empty: the whole bucket. */
  prefixes: string[];
  /** As written in the config. */
  method: Consumer['method'];
  /** As routed by the plan: "access-point" for a direct consumer overflow moved. */
  route: Consumer['method'];
  movedByOverflow: boolean;
  /** The consumer's own role. */
  roleArn: string;
  /** The role whose requests reach bucket and key: the producer role for assume-role. */
  actingArn: string;
  actingAccount: string;
  accessPoint?: { name: string; account: string; arn: string; vpc: boolean; vpcId?: string; producerOwned: boolean };
  externalId?: string;
  /** Whether this project deploys to its account (else its owner applies the handoff). */
  managed: boolean;
  roleCreated: boolean;
  assumedBy: string[];
}

export interface Intent {
  config: Config;
  partition: string;
  producer: string;
  bucketArn: string;
  consumers: IntendedConsumer[];
  versioning: boolean;
  legacyAcl: boolean;
  kms?: { keyGrants: 'roles' | 'accounts'; bucketKey: boolean; created: boolean };
  viaService: string;
  /** An account no part of the config names (nor an assumedBy principal): where outsiders come from. */
  stranger: string;
}

export function intentOf(config: Config, routes: readonly Route[]): Intent {
  const { partition } = config;
  const producer = config.producer.accountId;
  const bucket = config.producer.bucket;
  const routeOf = new Map(routes.map((r) => [r.consumer, r]));
  const consumers = config.consumers.map((c): IntendedConsumer => {
    const r = routeOf.get(c.name);
    const route = r?.method ?? c.method;
    const role = roleArn(partition, c.accountId, c.role.name, c.role.path);
    const acting =
      c.method === 'assume-role' ? roleArn(partition, producer, c.producerRoleName ?? `${c.name}-s3-access`) : role;
    const apName = r?.accessPoint ?? c.accessPoint?.name;
    const apAccount = c.method === 'access-point' ? (c.accessPoint?.accountId ?? producer) : producer;
    return {
      name: c.name,
      accountId: c.accountId,
      level: c.access,
      packs: c.packs ?? [],
      prefixes: c.prefixes,
      method: c.method,
      route,
      movedByOverflow: r?.reason === 'overflow',
      roleArn: role,
      actingArn: acting,
      actingAccount: c.method === 'assume-role' ? producer : c.accountId,
      ...(route === 'access-point' && apName
        ? {
            accessPoint: {
              name: apName,
              account: apAccount,
              arn: accessPointArn(partition, config.region, apAccount, apName),
              vpc: Boolean(c.accessPoint?.vpcId),
              ...(c.accessPoint?.vpcId ? { vpcId: c.accessPoint.vpcId } : {}),
              producerOwned: apAccount === producer,
            },
          }
        : {}),
      externalId: c.externalId,
      managed: config.accounts.find((a) => a.id === c.accountId)?.managed ?? true,
      roleCreated: !c.role.existing,
      assumedBy: c.role.existing ? [] : c.role.assumedBy,
    };
  });
  const enc = bucket.encryption;
  return {
    config,
    partition,
    producer,
    bucketArn: bucketArn(partition, bucket.name),
    consumers,
    versioning: bucket.versioning,
    legacyAcl: bucket.objectOwnership !== 'BucketOwnerEnforced',
    ...(enc.type === 'kms'
      ? { kms: { keyGrants: enc.keyGrants, bucketKey: enc.bucketKey, created: !enc.keyArn } }
      : {}),
    viaService: `s3.${config.region}.${dnsSuffix(partition)}`,
    stranger: strangerAccount([
      ...config.accounts.map((a) => a.id),
      ...config.consumers.flatMap((c) => c.role.assumedBy.map((p) => p.split(':')[4] ?? '')),
    ]),
  };
}
