/**
 * One consumer's access level on its prefixes, as statements without principals.
 * Bucket policies add principals; identity policies use them as they are.
 */
import type { AccessLevel, Config } from '../config';
import { dnsSuffix } from '../config';
import {
  kmsActions,
  reads,
  S3_LIST,
  S3_LOCATION,
  S3_READ_OBJECT,
  S3_WRITE_ACL,
  S3_WRITE_OBJECT,
  writes,
} from './actions';
import { accessPointArn, bucketArn, objectsArn } from './arns';
import { allow, Statement } from './statement';

/** Where S3 requests go: the bucket itself, or an access point (issue seam: same shape). */
export interface S3Target {
  /** ARN that ListBucket and GetBucketLocation apply to. */
  containerArn: string;
  /** ARN pattern of the objects under a prefix ("" = all). */
  objects(prefix: string): string;
}

export function bucketTarget(config: Config): S3Target {
  const { partition } = config;
  const name = config.producer.bucket.name;
  return { containerArn: bucketArn(partition, name), objects: (prefix) => objectsArn(partition, name, prefix) };
}

/** Requests through an access point name it: objects are <access point ARN>/object/<key>. */
export function accessPointTarget(config: Config, ap: { name: string; accountId: string }): S3Target {
  const arn = accessPointArn(config.partition, config.region, ap.accountId, ap.name);
  return { containerArn: arn, objects: (prefix) => `${arn}/object/${prefix}*` };
}

export interface Grant {
  level: AccessLevel;
  /** Normalized prefixes; empty = the whole bucket. */
  prefixes: string[];
}

const prefixesOrAll = (g: Grant) => (g.prefixes.length > 0 ? g.prefixes : ['']);

/** S3 statements of a grant: objects read/write, ListBucket (prefix-scoped), GetBucketLocation. */
export function s3Statements(g: Grant, target: S3Target, legacyAcl: boolean): Statement[] {
  const objects = prefixesOrAll(g).map((p) => target.objects(p));
  const out: Statement[] = [];
  if (reads(g.level)) {
    out.push(allow({ parts: ['Read'], actions: S3_READ_OBJECT, resources: objects }));
    const list = allow({ parts: ['List'], actions: S3_LIST, resources: [target.containerArn] });
    out.push(
      g.prefixes.length > 0
        ? { ...list, conditions: { StringLike: { 's3:prefix': g.prefixes.map((p) => `${p}*`) } } }
        : list,
    );
    // GetBucketLocation has no s3:prefix to match: never put that condition on it.
    out.push(allow({ parts: ['Location'], actions: S3_LOCATION, resources: [target.containerArn] }));
  }
  if (writes(g.level)) {
    out.push(
      allow({
        parts: ['Write'],
        actions: legacyAcl ? [...S3_WRITE_OBJECT, ...S3_WRITE_ACL] : S3_WRITE_OBJECT,
        resources: objects,
      }),
    );
  }
  return out;
}

/**
 * KMS conditions: only through S3 in this region, and only for this bucket's data.
 * S3 sends the bucket ARN as encryption context with Bucket Keys, the object ARN without.
 */
export function kmsConditions(config: Config, g: Grant): Statement['conditions'] {
  const enc = config.producer.bucket.encryption;
  const bucket = bucketArn(config.partition, config.producer.bucket.name);
  const context =
    enc.type === 'kms' && enc.bucketKey
      ? { StringEquals: { 'kms:EncryptionContext:aws:s3:arn': [bucket] } }
      : {
          StringLike: {
            'kms:EncryptionContext:aws:s3:arn': prefixesOrAll(g).map((p) =>
              objectsArn(config.partition, config.producer.bucket.name, p),
            ),
          },
        };
  const via = { 'kms:ViaService': [`s3.${config.region}.${dnsSuffix(config.partition)}`] };
  return 'StringEquals' in context
    ? { StringEquals: { ...via, ...context.StringEquals } }
    : { StringEquals: via, ...context };
}

/** The KMS statement of a grant, on the given key resource ("*" inside a key policy). */
export function kmsStatement(config: Config, g: Grant, keyResource: string): Statement {
  return allow({
    parts: ['Kms'],
    actions: kmsActions(g.level),
    resources: [keyResource],
    conditions: kmsConditions(config, g),
  });
}

export const usesKms = (config: Config) => config.producer.bucket.encryption.type === 'kms';
export const legacyAcl = (config: Config) => config.producer.bucket.objectOwnership !== 'BucketOwnerEnforced';
