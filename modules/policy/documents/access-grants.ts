/**
 * S3 Access Grants (docs/access-grants.md), as plain data: consumers of method "access-grant" are neither
 * in the bucket policy nor in the key policy. They ask the producer's instance for credentials
 * (s3:GetDataAccess); the instance checks a grant of theirs and vends a session of the location role,
 * scoped to the grant. So:
 *
 * - the instance's resource policy admits the consumer accounts, each role pinned by aws:PrincipalArn
 *   ("accounts": roots only, when the pins do not fit; the grants still name each role);
 * - one location, the whole bucket, with one role: trusted by the Access Grants service for this
 *   instance only (aws:SourceAccount and aws:SourceArn), sts:AssumeRole and sts:SetSourceIdentity (what
 *   GetDataAccess needs for IAM grantees; sts:SetContext is for directory users, never granted here);
 *   its rights exactly the S3 (+ KMS) actions of the levels granted at the location, on the location;
 * - one grant per consumer and prefix, its permission the level's (READ, WRITE, READWRITE);
 * - the consumer's identity policy: s3:GetDataAccess and s3:ListCallerAccessGrants on the instance, and
 *   nothing on the bucket. AWS documents no s3:permission or target condition key for GetDataAccess, so
 *   none is written: what a consumer may obtain is the grants', which verify proves (its own model).
 */
import { GRANT_PERMISSION, type Config, type Consumer } from '../../config';
import { accessGrantsInstanceArn, accessGrantsRoleName, accountRootArn, roleArn } from '../../naming';
import { bucketTarget, Grant, kmsStatement, levelOptions, s3Statements, usesKms } from '../grants';
import { consumerRoleArn } from '../principals';
import { PolicyDocument, renderDocument } from '../render';
import { allow, fixed, Statement, withCondition } from '../statement';
import { keyArnOf, Share } from './share';

const ACCESS_GRANTS_SERVICE = 'access-grants.s3.amazonaws.com';
/** What a grantee calls on the instance: credentials, and the list of its own grants. */
const GRANTEE_ACTIONS = ['s3:GetDataAccess', 's3:ListCallerAccessGrants'] as const;

export interface AccessGrant {
  consumer: string;
  /** The prefix as the config normalized it ("" = the whole bucket). */
  prefix: string;
  /** The consumer's role ARN (grantee type IAM). */
  grantee: string;
  permission: 'READ' | 'WRITE' | 'READWRITE';
  /** Appended to the location scope: "<prefix>*", "*" for the whole bucket. */
  subPrefix: string;
  /** What the consumer passes to GetDataAccess as --target. */
  target: string;
}

export interface AccessGrantsDocuments {
  instanceArn: string;
  /** Absent when every access-grant consumer is in the producer account (same account: no resource policy). */
  instancePolicy?: PolicyDocument;
  location: { scope: string; roleName: string; roleArn: string; trust: PolicyDocument; permissions: PolicyDocument };
  grants: AccessGrant[];
}

const grantsConsumers = (share: Share): Consumer[] => share.consumers.filter((c) => c.method === 'access-grant');

const instanceArnOf = (config: Config) =>
  accessGrantsInstanceArn(config.partition, config.region, config.producer.accountId);

const locationRoleArn = (config: Config) =>
  roleArn(config.partition, config.producer.accountId, accessGrantsRoleName(config.producer.bucket.name));

const prefixesOrAll = (c: Consumer) => (c.prefixes.length > 0 ? c.prefixes : ['']);

/** One grant per consumer and prefix, in the consumers' order. */
function accessGrants(share: Share): AccessGrant[] {
  const { config } = share;
  const bucket = config.producer.bucket.name;
  return grantsConsumers(share).flatMap((c) =>
    prefixesOrAll(c).map((p) => ({
      consumer: c.name,
      prefix: p,
      grantee: consumerRoleArn(config, c),
      permission: GRANT_PERMISSION[c.access],
      subPrefix: `${p}*`,
      target: `s3://${bucket}/${p}*`,
    })),
  );
}

/** A word for a POSIX shell: the target's "*" must reach the CLI, not be globbed (zsh refuses an unmatched glob). */
const shellWord = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The exact CLI call that vends a grant's credentials (the instance is the producer account's, in the region). */
export const getDataAccessCommand = (config: Config, g: AccessGrant) =>
  `aws s3control get-data-access --account-id ${config.producer.accountId} --region ${config.region} ` +
  `--target ${shellWord(g.target)} --permission ${g.permission}`;

/** The instance's resource policy: the consumers of other accounts, pinned ("roles") or by account. */
function instancePolicy(share: Share, pin: 'roles' | 'accounts' = 'roles'): PolicyDocument | undefined {
  const { config } = share;
  const others = grantsConsumers(share).filter((c) => c.accountId !== config.producer.accountId);
  if (others.length === 0) return undefined;
  const roots = others.map((c) => accountRootArn(config.partition, c.accountId));
  return renderDocument('resource', [
    fixed('AccessGrantsConsumers', 'Allow', {
      principal:
        pin === 'roles'
          ? { kind: 'pinned', accounts: roots, arns: others.map((c) => consumerRoleArn(config, c)) }
          : { kind: 'accounts', accounts: roots },
      actions: [...GRANTEE_ACTIONS],
      resources: [instanceArnOf(config)],
    }),
  ]);
}

/** The levels granted at the location, as one grant on the whole bucket (the location's scope). */
function locationGrant(share: Share): Grant {
  const levels = new Set(grantsConsumers(share).map((c) => c.access));
  const read = levels.has('read') || levels.has('read-write');
  const write = levels.has('write') || levels.has('read-write');
  return { level: read && write ? 'read-write' : write ? 'write' : 'read', prefixes: [] };
}

/** Trust: the Access Grants service, for this instance of this account only. */
function locationTrust(config: Config): PolicyDocument {
  let trust = fixed('AccessGrantsService', 'Allow', {
    principal: { kind: 'services', services: [ACCESS_GRANTS_SERVICE] },
    actions: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
    resources: [],
  });
  trust = withCondition(trust, 'StringEquals', 'aws:SourceAccount', [config.producer.accountId]);
  trust = withCondition(trust, 'StringEquals', 'aws:SourceArn', [instanceArnOf(config)]);
  return renderDocument('trust', [trust]);
}

/** The location role's rights: the granted levels' S3 actions on the bucket, and their KMS actions. */
function locationPermissions(share: Share): PolicyDocument {
  const { config } = share;
  const g = locationGrant(share);
  const out: Statement[] = s3Statements(g, bucketTarget(config), levelOptions(config));
  const key = keyArnOf(config);
  if (usesKms(config) && key) out.push(kmsStatement(config, g, key));
  return renderDocument('identity', out);
}

/** What an access-grant consumer's role is allowed: the grantee calls, on the instance only. */
export const granteeStatements = (config: Config): Statement[] => [
  allow(['AccessGrants'], { actions: [...GRANTEE_ACTIONS], resources: [instanceArnOf(config)] }),
];

/** The key policy's statement for the location role (never for the consumers). */
export function locationKeyStatement(share: Share): Statement | undefined {
  const { config } = share;
  if (!usesKms(config) || grantsConsumers(share).length === 0) return undefined;
  const arn = locationRoleArn(config);
  return fixed('AccessGrantsLocationRole', 'Allow', {
    principal: { kind: 'pinned', accounts: [accountRootArn(config.partition, config.producer.accountId)], arns: [arn] },
    ...pick(kmsStatement(config, locationGrant(share), '*')),
  });
}

const pick = (s: Statement) => ({ actions: s.actions, resources: s.resources, conditions: s.conditions });

/** Every Access Grants document of a share; absent without access-grant consumers. */
export function accessGrantsDocuments(
  share: Share,
  pin: 'roles' | 'accounts' = 'roles',
): AccessGrantsDocuments | undefined {
  const { config } = share;
  if (grantsConsumers(share).length === 0) return undefined;
  const policy = instancePolicy(share, pin);
  return {
    instanceArn: instanceArnOf(config),
    ...(policy ? { instancePolicy: policy } : {}),
    location: {
      scope: `s3://${config.producer.bucket.name}/`,
      roleName: accessGrantsRoleName(config.producer.bucket.name),
      roleArn: locationRoleArn(config),
      trust: locationTrust(config),
      permissions: locationPermissions(share),
    },
    grants: accessGrants(share),
  };
}
