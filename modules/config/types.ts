/**
 * The normalized config: what the user wrote, with defaults applied, prefixes
 * normalized and consumers sorted by name. Nothing here is planned or derived
 * from policy sizes: that is the plan's job (modules/plan).
 */
import type { Partition } from './regions';
import type { ParsedConfig } from './schema';
import type { Acknowledged } from './checks/extra-statements';
import type { Monitoring } from './monitoring';

export type { Monitoring } from './monitoring';

import type { AccessLevel } from './levels';
import type { Pack } from './packs';

export type { AccessLevel, Pack };
export type Method = 'direct' | 'assume-role' | 'access-point' | 'access-grant';
export type { AccessGrantsInstance } from './access-grants';
import type { AccessGrantsInstance } from './access-grants';
export type ObjectOwnership = 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';
export type Encryption =
  | { type: 'kms'; keyArn?: string; bucketKey: boolean; keyGrants: 'roles' | 'accounts'; acknowledgedKeyOwner?: string }
  | { type: 's3' };
export type ExtraStatement = ParsedConfig['producer']['bucket']['policyStatements'][number];
export type Backend = Exclude<ParsedConfig['backend'], { type: 'cloud' }> | CloudBackend;
export interface CloudBackend {
  type: 'cloud';
  organization: string;
  workspacePrefix: string;
  hostname?: string;
  project?: string;
}

/** An AWS account of the config, and how Terraform reaches it. */
export interface Account {
  id: string;
  /** accounts.<id>.name, else the account ID: names its stack, provider alias, workspace and folder. */
  name: string;
  profile?: string;
  deployRoleArn?: string;
  deployExternalId?: string;
  /** false: never deployed to here (a vendor's account): its owner applies what handoff writes. */
  managed: boolean;
  /**
   * Customer-managed policies this project may attach to one role (IAM's quota: 10 by default, 20 at most); absent
   * when not written (the default is applied where it is used, so that the config's hash stays as before).
   */
  managedPoliciesPerRole?: number;
  /** accounts.<id>.credentials.terraformCloud: runs get keyless credentials from Terraform Cloud (OIDC). */
  terraformCloud?: { runRoleName?: string };
}

export interface ConsumerRole {
  name: string;
  path: string;
  existing: boolean;
  /** Who may assume a role created here; default: the consumer account itself. */
  assumedBy: string[];
}

export interface Consumer {
  name: string;
  /** Position in the config's consumers list: overflow keeps the earlier ones on the bucket policy. */
  index: number;
  accountId: string;
  role: ConsumerRole;
  access: AccessLevel;
  /** Opt-in workflow packs, sorted; absent when none (old configs keep their hash). */
  packs?: Pack[];
  /** Normalized ("/"-terminated, sorted, no nested duplicates); empty = the whole bucket. */
  prefixes: string[];
  /** As written: the plan may still move a direct consumer to an access point (overflow). */
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
  overflow: 'fail' | 'access-points' | 'access-grants';
  /** With overflow "access-points": the bucket policy's room per position of the consumers list (default 1,024). */
  overflowSlotBytes?: number;
}

export interface Producer {
  accountId: string;
  organizationId?: string;
  bucket: Bucket;
  /** Set when a consumer has method "access-grant": the instance its grants live in. */
  accessGrants?: AccessGrantsInstance;
  audit?: {
    cloudTrail?: {
      name: string;
      trailBucket: string;
      createTrailBucket: boolean;
      /** Set by `monitoring` (its alerts read them): management events too, of every region. */
      managementEvents?: boolean;
    };
  };
}

export interface Config {
  region: string;
  partition: Partition;
  /** Every account the config names (producer, consumers, access-point owners), by ID. */
  accounts: Account[];
  producer: Producer;
  consumers: Consumer[];
  stacks: 'single' | 'per-account';
  backend: Backend;
  /** What watches the share online; absent: the config has no (enabled) monitoring section. */
  monitoring?: Monitoring;
  /** Not errors, but worth a line at every synth (legacy ACL modes). */
  warnings: string[];
  /** A bucket of a many-buckets config (buckets.ts): its key prefixes its stacks' names. Absent: one bucket. */
  bucketKey?: string;
}
