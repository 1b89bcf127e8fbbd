/**
 * The library's public input types: what a cdktf app writes in TypeScript. They
 * mirror the JSON config's fields (docs/config.md); a type test (__tests__/levels.test.ts) holds
 * them assignable to the config schema, so the two never drift apart.
 */

export type { AccessLevel, Pack } from '../config';
import type { Pack } from '../config';
export type Method = 'direct' | 'assume-role' | 'access-point' | 'access-grant';

export type EncryptionProps =
  | {
      readonly type: 'kms';
      /** An existing key (its owner adds the statements the `keyOwnerStatements` output lists); else one is created. */
      readonly keyArn?: string;
      /**
       * S3 Bucket Keys.
       * @default true
       */
      readonly bucketKey?: boolean;
      /**
       * Key-policy grants pin each role ("roles") or name consumer accounts ("accounts", for many consumers).
       * @default "roles"
       */
      readonly keyGrants?: 'roles' | 'accounts';
      /** Why a key owned by another account is accepted. */
      readonly acknowledgedKeyOwner?: string;
    }
  | { type: 's3' };

/** A statement added to the bucket policy as written (JSON policy grammar). */
export interface PolicyStatementProps {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: '*' | Record<string, string | string[]>;
  readonly NotPrincipal?: Record<string, string | string[]>;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export interface BucketProps {
  /** The bucket's name. */
  readonly name: string;
  /** An existing bucket: only its policy is managed here; `objectOwnership` must then be stated. */
  readonly existing?: boolean;
  /**
   * Default encryption.
   * @default { type: 's3' } (SSE-S3)
   * @example { type: 'kms' } // a key created here, with its key policy
   */
  readonly encryption?: EncryptionProps;
  /**
   * Versioning.
   * @default true
   */
  readonly versioning?: boolean;
  /**
   * Object Ownership.
   * @default 'BucketOwnerEnforced' (ACLs off)
   */
  readonly objectOwnership?: 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';
  readonly accessLogging?: { targetBucket: string; createTargetBucket?: boolean; prefix?: string };
  readonly policyStatements?: PolicyStatementProps[];
  /** Sid -> why that statement of `policyStatements` may widen access beyond the grants. */
  readonly acknowledgedStatements?: Record<string, string>;
  /**
   * When the bucket policy would pass 20 KB: refuse, or move direct grants to access points.
   * @default 'fail'
   */
  readonly overflow?: 'fail' | 'access-points' | 'access-grants';
  /**
   * With overflow "access-points": bucket policy bytes kept for each grant, in grant order.
   * @default 1024
   */
  readonly overflowSlotBytes?: number;
}

export interface ProducerProps {
  /** The account that owns the bucket. */
  readonly accountId: string;
  /** Only principals of this AWS Organization may reach the bucket (a Deny for everyone else). */
  readonly organizationId?: string;
  readonly bucket: BucketProps;
  /** S3 data events recorded by a CloudTrail trail. */
  readonly audit?: { cloudTrail?: { trailBucket?: string; name?: string } };
}

/** How the library names an account (its outputs), and whether it is deployed here at all. */
export interface AccountProps {
  /** Lower-case letters, digits and "-". */
  readonly name?: string;
  /** false: an account nobody deploys to from this app: its identity policies become outputs. */
  readonly managed?: boolean;
}

export interface BucketShareProps {
  readonly region: string;
  readonly producer: ProducerProps;
  /** By account ID. */
  readonly accounts?: Record<string, AccountProps>;
}

/** A role as the AWS provider's `IamRole` construct has it: read for its literal name and path. */
export interface RoleConstructLike {
  readonly nameInput?: string;
  readonly pathInput?: string;
  readonly node: unknown;
}

/**
 * The role a grant is for: its ARN, an `IamRole` construct of this app (it must have a
 * literal `name`), or a role by name — created in the consumer account by `ConsumerSide`
 * when `create` is true.
 */
export type RoleRef =
  string | RoleConstructLike | { name: string; path?: string; create?: boolean; assumedBy?: string[] };

export interface Grantee {
  /** The account of the role (required unless `role` is an ARN, which names it). */
  readonly accountId?: string;
  readonly role: RoleRef;
}

export interface GrantOptions {
  /**
   * Key prefixes. A trailing "/*" (AWS CDK's idiom) is accepted.
   * @default the whole bucket
   * @example ['exports/daily/']
   */
  readonly prefixes?: string[];
  /**
   * Opt-in workflows of data engines on the same prefixes (docs/packs.md); each must fit the grant's level.
   * @example ['spark-writer'] // with grantReadWrite
   */
  readonly packs?: Pack[];
  /**
   * How the consumer reaches the bucket.
   * @default 'direct'
   */
  readonly method?: Method;
  /**
   * The consumer's name in policies, Sids and outputs.
   * @default from the role name ("Analytics_Reader" -> "analytics-reader")
   */
  readonly name?: string;
  /** assume-role: the External ID the producer role asks for. */
  readonly externalId?: string;
  /**
   * assume-role: the name of the role created in the producer account.
   * @default '<name>-s3-access'
   */
  readonly producerRoleName?: string;
  /** access-point: requests only from this VPC. */
  readonly vpcId?: string;
  /**
   * access-point: the account that owns the access point.
   * @default the producer's account
   */
  readonly accessPointAccountId?: string;
}
