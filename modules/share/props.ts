/**
 * The library's public input types: what a cdktf app writes in TypeScript. They
 * mirror the JSON config's fields (docs/config.md); a type test (__tests__/levels.test.ts) holds
 * them assignable to the config schema, so the two never drift apart.
 */

export type { AccessLevel } from '../config';
export type Method = 'direct' | 'assume-role' | 'access-point';

export type EncryptionProps =
  | {
      type: 'kms';
      /** An existing key (its owner adds the statements the `keyOwnerStatements` output lists); else one is created. */
      keyArn?: string;
      /** S3 Bucket Keys (default true). */
      bucketKey?: boolean;
      /** Key-policy grants pin each role ("roles", default) or name consumer accounts ("accounts"). */
      keyGrants?: 'roles' | 'accounts';
      /** Why a key owned by another account is accepted. */
      acknowledgedKeyOwner?: string;
    }
  | { type: 's3' };

/** A statement added to the bucket policy as written (JSON policy grammar). */
export interface PolicyStatementProps {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | Record<string, string | string[]>;
  NotPrincipal?: Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export interface BucketProps {
  /** The bucket's name. */
  name: string;
  /** An existing bucket: only its policy is managed here; `objectOwnership` must then be stated. */
  existing?: boolean;
  /** Default `{ type: 's3' }` (SSE-S3). */
  encryption?: EncryptionProps;
  /** Default true. */
  versioning?: boolean;
  /** Default BucketOwnerEnforced (ACLs off). */
  objectOwnership?: 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter';
  accessLogging?: { targetBucket: string; createTargetBucket?: boolean; prefix?: string };
  policyStatements?: PolicyStatementProps[];
  /** Sid -> why that statement of `policyStatements` may widen access beyond the grants. */
  acknowledgedStatements?: Record<string, string>;
  /** When the bucket policy would pass 20 KB: "fail" (default) or move direct grants to access points. */
  overflow?: 'fail' | 'access-points';
}

export interface ProducerProps {
  /** The account that owns the bucket. */
  accountId: string;
  /** Only principals of this AWS Organization may reach the bucket (a Deny for everyone else). */
  organizationId?: string;
  bucket: BucketProps;
  /** S3 data events recorded by a CloudTrail trail. */
  audit?: { cloudTrail?: { trailBucket?: string; name?: string } };
}

/** How the library names an account (its outputs), and whether it is deployed here at all. */
export interface AccountProps {
  /** Lower-case letters, digits and "-". */
  name?: string;
  /** false: an account nobody deploys to from this app: its identity policies become outputs. */
  managed?: boolean;
}

export interface BucketShareProps {
  region: string;
  producer: ProducerProps;
  /** By account ID. */
  accounts?: Record<string, AccountProps>;
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
  accountId?: string;
  role: RoleRef;
}

export interface GrantOptions {
  /** Key prefixes ("exports/daily/"); default: the whole bucket. A trailing "/*" (AWS CDK's idiom) is accepted. */
  prefixes?: string[];
  /** Default "direct". */
  method?: Method;
  /** The consumer's name in policies, Sids and outputs; default: from the role name. */
  name?: string;
  /** assume-role: the External ID the producer role asks for. */
  externalId?: string;
  /** assume-role: the name of the role created in the producer account (default "<name>-s3-access"). */
  producerRoleName?: string;
  /** access-point: requests only from this VPC. */
  vpcId?: string;
  /** access-point: the account that owns the access point (default: the producer's). */
  accessPointAccountId?: string;
}
