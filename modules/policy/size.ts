/**
 * Policy sizes, measured the way AWS counts them, against AWS's limits. A
 * document that does not fit fails at `terraform apply`; measured here, it fails
 * at synth with the remedy.
 */
import { PolicyDocument, toJson } from './render';

export type DocumentKind = 'bucket' | 'access-point' | 'key' | 'trust' | 'role-inline';

interface Limit {
  limit: number;
  /** How AWS counts, and where the number comes from. */
  rule: string;
  unit: 'bytes' | 'characters';
  remedy: string;
}

export type Limits = Readonly<Record<DocumentKind, Limit>>;

export const LIMITS: Limits = {
  // S3 User Guide, bucket policies: "Bucket policies are limited to 20 KB in size."
  bucket: {
    limit: 20 * 1024,
    unit: 'bytes',
    rule: 'S3 bucket policy, 20 KB',
    remedy:
      'set producer.bucket.overflow to "access-points" (direct consumers that do not fit move to access points of the producer account), or give consumers the same access level and prefixes so their statements merge',
  },
  // Access point policies share the bucket policy limit (20 KB).
  'access-point': {
    limit: 20 * 1024,
    unit: 'bytes',
    rule: 'S3 access point policy, 20 KB',
    remedy: 'grant this consumer fewer prefixes (a common parent prefix)',
  },
  // KMS quotas: "Key policy document size: 32 KB (32,768 bytes)".
  key: {
    limit: 32 * 1024,
    unit: 'bytes',
    rule: 'KMS key policy, 32 KB',
    remedy:
      'set encryption.keyGrants to "accounts" (the key policy then names consumer accounts, the roles get the key through their identity policies; S3 still decides what data each role reads), keep S3 Bucket Keys on (consumers then share statements), or spread consumers over more buckets and keys',
  },
  // IAM quotas: role trust policy length 2,048 characters by default (4,096 after a quota increase); IAM does not count
  // white space.
  trust: {
    limit: 2048,
    unit: 'characters',
    rule: 'IAM role trust policy, 2,048 characters (default quota)',
    remedy: 'request the IAM quota "Role trust policy length" of 4,096, or shorten the External ID',
  },
  // IAM quotas: "Role policy size ... the total of all inline policies of a role: 10,240 characters"; white space not
  // counted.
  'role-inline': {
    limit: 10240,
    unit: 'characters',
    rule: 'IAM inline policies of one role, 10,240 characters together',
    remedy: 'give consumers sharing this role roles of their own, or fewer prefixes',
  },
};

/**
 * Stand-in for a Terraform reference when measuring: as long as the longest value it can become (a multi-Region key ARN
 * in GovCloud).
 */
const REFERENCE_STAND_IN = 'arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef';

/** Minified JSON as sent; IAM counts characters without white space, S3 and KMS count bytes. */
export function measure(doc: PolicyDocument, unit: Limit['unit']): number {
  return measureText(toJson(doc), unit);
}

/** The same, for JSON text already rendered. */
export function measureText(json: string, unit: Limit['unit']): number {
  // Most documents hold no reference and no white space: measured without a copy.
  const sent = json.includes('${') ? json.replace(/\$\{[^}]*\}/g, REFERENCE_STAND_IN) : json;
  if (unit === 'bytes') return Buffer.byteLength(sent, 'utf8');
  return WHITE_SPACE.test(sent) ? sent.replace(/\s/g, '').length : sent.length;
}

const WHITE_SPACE = /\s/;

export interface DocumentSize {
  kind: DocumentKind;
  /** What the document is, for messages: "bucket policy of my-bucket", "inline policies of role X in 111111111111". */
  name: string;
  /** The account the document lives in, and on which side (for the per-stack summary). */
  account: string;
  side: 'producer' | 'consumer';
  size: number;
  limit: number;
  unit: Limit['unit'];
}

export const overLimit = (sizes: DocumentSize[]) => sizes.filter((s) => s.size > s.limit);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
export const formatSize = (s: Pick<DocumentSize, 'size' | 'limit' | 'unit'>) =>
  s.unit === 'bytes'
    ? `${kb(s.size)} (${Math.round((100 * s.size) / s.limit)}% of ${kb(s.limit)})`
    : `${s.size} chars (${Math.round((100 * s.size) / s.limit)}% of ${s.limit})`;
