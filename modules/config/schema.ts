/**
 * The config contract (docs/config.md) as a zod schema: types, enums, defaults and
 * per-field rules. Rules that span fields live in checks/.
 * Every object is strict: an unknown field (a typo) is an error.
 */
import { z } from 'zod';
import { parseKeyArn, parseRoleArn, ROLE_NAME } from './arn';
import { monitoringSchema } from './monitoring-schema';
import { ACCESS_LEVEL_NAMES } from './levels';
import { PACK_NAMES } from './packs';
import { accessGrantsSchema } from './access-grants';
import { isRegion } from './regions';
import {
  ACCOUNT_NAME,
  bucketNameProblem,
  CONSUMER_NAME,
  CONSUMER_NAME_MAX,
  externalIdProblem,
  MAX_PREFIXES,
  ORGANIZATION_ID,
  prefixCountProblem,
  prefixProblem,
  SERVICE_PRINCIPAL,
  TRAIL_NAME,
} from './rules';

/** While set, value rules are not enforced (parseConfigLenient: a diff's base written under older rules). */
export const valueRules = { waived: false };

/** A string checked by a function that returns the broken rule, or null. */
function checked(problem: (value: string) => string | null) {
  return z.string().superRefine((value, ctx) => {
    const p = valueRules.waived ? null : problem(value);
    if (p) ctx.addIssue({ code: 'custom', message: p });
  });
}

const accountId = z.string().regex(/^\d{12}$/, 'an AWS account ID is exactly 12 digits');
const roleArn = checked((v) => {
  const arn = parseRoleArn(v);
  return typeof arn === 'string' ? arn : null;
});
const roleName = z.string().regex(ROLE_NAME, 'an IAM role name is 1-64 characters of letters, digits and +=,.@_-');
const bucketName = checked(bucketNameProblem);

const encryption = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('kms'),
    keyArn: checked((v) => {
      const arn = parseKeyArn(v);
      return typeof arn === 'string' ? arn : null;
    }).optional(),
    /** S3 Bucket Keys (default on): fewer KMS calls; KMS then sees the bucket ARN as context. */
    bucketKey: z.boolean().default(true),
    /**
     * Key-policy grants pin each role ("roles", default) or name consumer accounts only ("accounts": scales with
     * accounts, not consumers).
     */
    keyGrants: z.enum(['roles', 'accounts']).default('roles'),
    /** Why a key owned by another account is accepted (trust-boundaries.ts). */
    acknowledgedKeyOwner: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('s3') }),
]);

const statementList = z.union([z.string(), z.array(z.string()).min(1)]);
/** Extra bucket-policy statements, for an existing bucket whose policy Terraform now owns. */
const extraStatement = z.strictObject({
  Sid: z.string().regex(/^[A-Za-z0-9]+$/, 'a Sid is letters and digits only'),
  Effect: z.enum(['Allow', 'Deny']),
  Principal: z.union([z.literal('*'), z.record(z.string(), statementList)]).optional(),
  NotPrincipal: z.record(z.string(), statementList).optional(),
  Action: statementList.optional(),
  NotAction: statementList.optional(),
  Resource: statementList.optional(),
  NotResource: statementList.optional(),
  Condition: z.record(z.string(), z.record(z.string(), z.union([statementList, z.boolean()]))).optional(),
});

const bucket = z.strictObject({
  name: bucketName,
  existing: z.boolean().default(false),
  encryption: encryption.default({ type: 's3' }),
  versioning: z.boolean().default(true),
  /** Default BucketOwnerEnforced; required for an existing bucket (it cannot be read at synth). */
  objectOwnership: z.enum(['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter']).optional(),
  accessLogging: z
    .strictObject({
      targetBucket: bucketName,
      /** true: the log bucket is created here, with a policy for the S3 logging service. */
      createTargetBucket: z.boolean().default(false),
      prefix: z
        .string()
        .max(900)
        .regex(/^[^*?${}"\\]*$/, 'a log prefix must not contain *, ?, $, {, }, " or \\')
        .default(''),
    })
    .optional(),
  policyStatements: z.array(extraStatement).default([]),
  /** Sid -> why that statement may widen access beyond the consumers (extra-statements.ts). */
  acknowledgedStatements: z.record(z.string(), z.string()).optional(),
  /** When the bucket policy would pass 20 KB: "fail" (default) or move direct consumers to access points. */
  overflow: z.enum(['fail', 'access-points', 'access-grants']).default('fail'),
  /** With overflow "access-points": bucket policy bytes kept per position of the consumers list (placement.ts). */
  overflowSlotBytes: z.number().int().min(256).max(20480).optional(),
});

/** S3 data events of this bucket, recorded by a CloudTrail trail. */
const audit = z.strictObject({
  cloudTrail: z
    .strictObject({
      /** An existing bucket for the trail's logs (its policy must admit CloudTrail); default: one is created here. */
      trailBucket: bucketName.optional(),
      name: z
        .string()
        .refine(
          (v) => TRAIL_NAME.test(v) && v.length >= 3 && v.length <= 128 && !/^\d+(\.\d+){3}$/.test(v),
          'a trail name is 3-128 letters and digits, with single ".", "_" or "-" between them (CloudTrail naming rules)',
        )
        .optional(),
    })
    .optional(),
});

const producer = z.strictObject({
  accountId,
  deployRoleArn: roleArn.optional(),
  organizationId: z
    .string()
    .regex(
      ORGANIZATION_ID,
      'an AWS Organizations ID looks like o-abc123def4 (o- and 10-32 lower-case letters or digits)',
    )
    .optional(),
  bucket,
  audit: audit.optional(),
  /** The S3 Access Grants instance that access-grant consumers are granted through (access-grants.ts). */
  accessGrants: accessGrantsSchema.optional(),
});

const consumerRole = z.strictObject({
  name: roleName,
  existing: z.boolean().default(false),
  /** Role path, e.g. "/workloads/"; it is part of the role ARN that policies pin. */
  path: z
    .string()
    .regex(/^\/([\x21-\x7e]{1,510}\/)?$/, 'a role path starts and ends with "/"')
    .default('/'),
  assumedBy: z
    .array(
      z
        .string()
        .refine(
          (v) =>
            SERVICE_PRINCIPAL.test(v) ||
            typeof parseRoleArn(v) !== 'string' ||
            /^arn:aws(-cn|-us-gov)?:iam::\d{12}:root$/.test(v),
          'each assumedBy entry is a service principal (like ec2.amazonaws.com), an IAM role ARN or an account root ARN',
        ),
    )
    .min(1)
    .optional(),
});

const consumer = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(
      CONSUMER_NAME_MAX,
      `a consumer name is at most ${CONSUMER_NAME_MAX} characters (it becomes part of role and resource names)`,
    )
    .regex(CONSUMER_NAME, 'a consumer name uses only lower-case letters, digits and "-"'),
  accountId,
  deployRoleArn: roleArn.optional(),
  role: consumerRole,
  access: z.enum(ACCESS_LEVEL_NAMES),
  /** Opt-in workflows of data engines on the prefixes (packs.ts, docs/packs.md); each must fit `access`. */
  packs: z.array(z.enum(PACK_NAMES)).optional(),
  prefixes: z
    .array(checked(prefixProblem))
    .min(1, 'leave out "prefixes" to grant the whole bucket')
    .max(MAX_PREFIXES, { error: (i) => prefixCountProblem((i.input as unknown[]).length) })
    .optional(),
  method: z.enum(['direct', 'assume-role', 'access-point', 'access-grant']).default('direct'),
  externalId: checked(externalIdProblem).optional(),
  producerRoleName: roleName.optional(),
  /** access-point only: the access point accepts requests from this VPC only (else: Internet). */
  vpcId: z
    .string()
    .regex(/^vpc-([0-9a-f]{8}|[0-9a-f]{17})$/, 'a VPC ID looks like vpc-0abc12345def67890')
    .optional(),
  /** access-point only: the account that owns the access point (default: the producer's). */
  accessPointAccountId: accountId.optional(),
});

const backend = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('local') }),
  z.strictObject({
    type: z.literal('cloud'),
    organization: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'a Terraform Cloud organization name is letters, digits, "_" and "-"'),
    /** Required: without one, two configs in one organization would share workspaces. */
    workspacePrefix: z
      .string()
      .regex(
        /^[A-Za-z0-9_-]+$/,
        'a workspace prefix is one or more letters, digits, "_" and "-" (an empty one would let two configs share workspaces)',
      )
      .optional(),
    hostname: z
      .string()
      .regex(/^[a-z0-9.-]+$/, 'a hostname is lower-case letters, digits, dots and hyphens')
      .optional(),
    project: z
      .string()
      .regex(/^[A-Za-z0-9 _-]{1,40}$/, 'a Terraform Cloud project name is 1-40 letters, digits, spaces, "_" and "-"')
      .optional(),
  }),
  z.strictObject({
    type: z.literal('s3'),
    bucket: bucketName,
    region: z.string().refine(isRegion, 'must be an AWS region code, like us-east-1'),
    keyPrefix: z
      .string()
      .regex(/^[A-Za-z0-9!_.'()/=-]*$/, "a state key prefix uses letters, digits and !_.'()/=-")
      .default(''),
    dynamodbTable: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name is 3-255 of letters, digits, "_", "-" and "."')
      .optional(),
  }),
]);

/** One entry per AWS account: how Terraform reaches it, and what its stack is called. */
const account = z.strictObject({
  /** Names its stack, provider alias, workspace and handoff folder (default: the account ID). */
  name: z
    .string()
    .regex(
      ACCOUNT_NAME,
      'an account name is 1-40 lower-case letters, digits and "-", starting with a letter and not ending with "-"',
    )
    .optional(),
  /** A named profile of ~/.aws/config: the provider's credentials. */
  profile: z
    .string()
    .regex(/^[A-Za-z0-9_.+@=,-]{1,64}$/, 'a profile name is 1-64 letters, digits and _.+@=,-')
    .optional(),
  /** A role in this account that the provider assumes. */
  deployRoleArn: roleArn.optional(),
  /** The External ID that role's trust policy asks of Terraform, if any. */
  deployExternalId: z
    .string()
    .regex(/^[\w+=,.@:/-]{2,1224}$/, 'an External ID is 2-1224 of letters, digits and +=,.@:/-_')
    .optional(),
  /** false: an account we never deploy to (a vendor's): no provider, no stack; its owner applies our handoff. */
  managed: z.boolean().default(true),
  /**
   * How many customer-managed policies this project may attach to one role here, when the rights of several
   * buckets on a role are merged (docs/many-buckets.md): IAM's quota is 10 per role by default, 20 at most.
   */
  managedPoliciesPerRole: z
    .number()
    .int('a whole number of policies')
    .min(1, 'at least 1')
    .max(20, "IAM's quota of managed policies per role is 20 at most")
    .optional(),
  /** Keyless credentials: Terraform Cloud's dynamic provider credentials (docs/terraform-cloud.md). */
  credentials: z
    .strictObject({
      terraformCloud: z.strictObject({
        /** The run role Terraform Cloud's runs assume in this account (default tfc-<workspace>). */
        runRoleName: roleName.optional(),
      }),
    })
    .optional(),
});

export const configSchema = z.strictObject({
  accounts: z.record(accountId, account).default({}),
  region: z.string().refine(isRegion, 'must be an AWS region code, like us-east-1 (see modules/config/regions.ts)'),
  producer,
  consumers: z.array(consumer).min(1, 'at least one consumer is needed'),
  stacks: z.enum(['single', 'per-account']).default('single'),
  backend: backend.default({ type: 'local' }),
  /** Access Analyzer, change alerts, the denied-requests alarm, lifecycle (monitoring-schema.ts). */
  monitoring: monitoringSchema.optional(),
});

export type ParsedConfig = z.output<typeof configSchema>;
