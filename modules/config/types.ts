/** The normalized config: defaults applied, prefixes normalized, consumers sorted by name. */
import type { Partition } from './regions';
import type { ParsedConfig } from './schema';
import type { Acknowledged } from './extra-statements';

export type AccessLevel = 'read' | 'write' | 'read-write';
export type Method = 'direct' | 'assume-role' | 'access-point';
export type ObjectOwnership = 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';
export type Encryption =
  | { type: 'kms'; keyArn?: string; bucketKey: boolean; keyGrants: 'roles' | 'accounts'; acknowledgedKeyOwner?: string }
  | { type: 's3' };
export type ExtraStatement = ParsedConfig['producer']['bucket']['policyStatements'][number];
export type Backend = ParsedConfig['backend'];

export interface ConsumerRole {
  name: string;
  path: string;
  existing: boolean;
  /** Who may assume a role created here; default: the consumer account itself. */
  assumedBy: string[];
}

export interface Consumer {
  name: string;
  accountId: string;
  deployRoleArn?: string;
  role: ConsumerRole;
  access: AccessLevel;
  /** Normalized ("/"-terminated, sorted, no nested duplicates); empty = the whole bucket. */
  prefixes: string[];
  method: Method;
  externalId?: string;
  /** Set for assume-role consumers (default "<name>-s3-access"). */
  producerRoleName?: string;
  /** Set for access-point consumers. */
  accessPoint?: { name: string; accountId: string; vpcId?: string };
}

export interface Bucket {
  name: string;
  existing: boolean;
  encryption: Encryption;
  versioning: boolean;
  objectOwnership: ObjectOwnership;
  accessLogging?: { targetBucket: string; prefix: string; createTargetBucket: boolean };
  policyStatements: ExtraStatement[];
  /** Sid -> reason, as written (extra-statements.ts). */
  acknowledgedStatements?: Record<string, string>;
  /**
   * The policyStatements that widen access beyond the consumers, acknowledged with a
   * reason: accepted exceptions. Always set by parseConfig; absent on buckets built in code.
   */
  acknowledged?: Acknowledged[];
  overflow: 'fail' | 'access-points';
  /**
   * Set by planForLimits, never by the user: assume-role grants are left out of the
   * bucket and key policies, where the producer roles (in the bucket's own account)
   * do not need them: their identity policies grant the same.
   */
  producerRolesByIdentityOnly?: boolean;
}

export interface Producer {
  accountId: string;
  deployRoleArn?: string;
  organizationId?: string;
  bucket: Bucket;
  audit?: { cloudTrail?: { name: string; trailBucket: string; createTrailBucket: boolean } };
}

export interface Config {
  region: string;
  partition: Partition;
  producer: Producer;
  consumers: Consumer[];
  stacks: 'single' | 'per-account';
  backend: Backend;
  /** Not errors, but worth a line at synth (legacy ACL modes). */
  warnings: string[];
}
