/**
 * What the config intends, written from DESIGN.md's access table on its own —
 * deliberately not from modules/policy, so a wrong generator cannot agree with itself.
 */
import type { AccessLevel, Config } from '../config';

export interface IntendedGrant {
  consumer: string;
  level: AccessLevel;
  /** Normalized prefixes; empty = the whole bucket. */
  prefixes: string[];
}

/** Where a request points: a key prefix inside the bucket ("" = anywhere), or outside every grant. */
export type Scope = { kind: 'prefix'; prefix: string } | { kind: 'outside'; prefix: string } | { kind: 'bucket' };

const READ_OBJECT = ['s3:GetObject', 's3:GetObjectVersion'];
const WRITE_OBJECT = ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'];

const reads = (g: IntendedGrant) => g.level !== 'write';
const writes = (g: IntendedGrant) => g.level !== 'read';
// An "outside" prefix is outside the grants of one path; another grant (e.g. the role's KMS use) may still cover it.
const covers = (g: IntendedGrant, scope: Scope) =>
  scope.kind !== 'bucket' && (g.prefixes.length === 0 || g.prefixes.some((p) => scope.prefix.startsWith(p)));

/** Is `action` on `scope` meant to be allowed for a principal holding `grants`, over HTTPS? */
export function intended(config: Config, grants: IntendedGrant[], action: string, scope: Scope): boolean {
  const covering = grants.filter((g) => covers(g, scope));
  if (READ_OBJECT.includes(action) || action === 's3:ListBucket') return covering.some(reads);
  if (WRITE_OBJECT.includes(action)) return covering.some(writes);
  if (action === 's3:PutObjectAcl')
    return config.producer.bucket.objectOwnership !== 'BucketOwnerEnforced' && covering.some(writes);
  if (action === 's3:GetBucketLocation') return grants.some(reads);
  return false; // s3:DeleteObject, s3:PutBucketPolicy, ...: never granted
}

/** Is a KMS `action`, made by S3 for an object in `scope`, meant to be allowed for a role holding `grants`? */
export function intendedKms(config: Config, grants: IntendedGrant[], action: string, scope: Scope): boolean {
  const enc = config.producer.bucket.encryption;
  if (enc.type !== 'kms' || (action !== 'kms:Decrypt' && action !== 'kms:GenerateDataKey')) return false; // kms:Encrypt: never
  // With S3 Bucket Keys KMS sees only the bucket ARN: the prefix is enforced by S3, not KMS.
  const relevant = enc.bucketKey ? grants : grants.filter((g) => covers(g, scope));
  return action === 'kms:Decrypt' ? relevant.length > 0 : relevant.some(writes);
}
