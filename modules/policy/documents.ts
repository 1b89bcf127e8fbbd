/** Every policy document of a config, computed from the config alone. */
import type { Config, Consumer } from '../config';
import { accountRootArn } from './arns';
import { accessPointTarget, bucketTarget, Grant, kmsStatement, legacyAcl, s3Statements, usesKms } from './grants';
import { actorOf, consumerRoleArn, grantTo, grantToAccount, producerRoleArn } from './principals';
import { JsonStatement, PolicyDocument, renderDocument } from './render';
import { allow, normalizeStatement, Statement, withCondition } from './statement';

const grantOf = (c: Consumer): Grant => ({ level: c.access, prefixes: c.prefixes });

/** Whether the bucket and key policies name this consumer's acting role (planForLimits may leave producer roles to IAM alone). */
const inResourcePolicies = (config: Config, c: Consumer) =>
  !(c.method === 'assume-role' && config.producer.bucket.producerRolesByIdentityOnly);

/** Refuse plain HTTP for every principal, on the bucket and its objects. */
export function denyInsecureTransport(config: Config): Statement {
  const target = bucketTarget(config);
  return normalizeStatement({
    fixedSid: 'DenyInsecureTransport',
    owners: [],
    parts: [],
    effect: 'Deny',
    principals: '*',
    actions: ['s3:*'],
    resources: [target.containerArn, target.objects('')],
    conditions: { Bool: { 'aws:SecureTransport': ['false'] } },
  });
}

/**
 * Legacy ACL modes: an upload from another account must hand the bucket owner
 * full control of the object, or the owner could not read what it stores.
 */
export function denyUploadsWithoutOwnerControl(config: Config): Statement {
  return normalizeStatement({
    fixedSid: 'DenyUploadsWithoutOwnerControl',
    owners: [],
    parts: [],
    effect: 'Deny',
    principals: '*',
    actions: ['s3:PutObject', 's3:PutObjectAcl'],
    resources: [bucketTarget(config).objects('')],
    // Keys under one operator must all match: other accounts' writes lacking the canned ACL.
    conditions: {
      StringNotEquals: {
        's3:x-amz-acl': ['bucket-owner-full-control'],
        'aws:PrincipalAccount': [config.producer.accountId],
      },
    },
  });
}

/**
 * The ONE bucket policy: TLS-only, then every consumer's grant.
 *
 * Access points of the producer account are delegated to: their policies are
 * generated here and pin each consumer's role and prefixes, so the bucket policy
 * only needs each consumer account's root and the actions of its level, through
 * access points of this account (s3:DataAccessPointAccount). That costs one
 * statement per level, whatever the number of consumers.
 *
 * An access point in a consumer's account has a policy the producer does not
 * control: its consumer keeps a pinned grant of its own actions and prefixes,
 * through access points of that account only.
 */
export function bucketPolicy(config: Config): PolicyDocument {
  const target = bucketTarget(config);
  const statements: Statement[] = [denyInsecureTransport(config)];
  if (legacyAcl(config)) statements.push(denyUploadsWithoutOwnerControl(config));
  for (const c of config.consumers) {
    if (!inResourcePolicies(config, c)) continue;
    const actor = actorOf(config, c);
    if (c.accessPoint?.accountId === config.producer.accountId) {
      for (const s of s3Statements({ level: c.access, prefixes: [] }, target, legacyAcl(config))) {
        statements.push(
          grantToAccount(
            config,
            withCondition({ ...s, parts: [...s.parts, 'Delegate'] }, 'StringEquals', 's3:DataAccessPointAccount', [
              config.producer.accountId,
            ]),
            c.accountId,
          ),
        );
      }
      continue;
    }
    for (let s of s3Statements(grantOf(c), target, legacyAcl(config))) {
      if (c.accessPoint)
        s = withCondition(
          { ...s, parts: [...s.parts, 'ViaAccessPoint'] },
          'StringEquals',
          's3:DataAccessPointAccount',
          [c.accessPoint.accountId],
        );
      statements.push(grantTo(config, s, actor, c.name));
    }
  }
  return renderDocument(statements, config.producer.bucket.policyStatements as JsonStatement[]);
}

export interface AccessPointPolicy {
  consumer: string;
  name: string;
  accountId: string;
  arn: string;
  vpcId?: string;
  policy: PolicyDocument;
}

/** An access point's policy: its one consumer's level on its prefixes, on access-point ARNs. */
export function accessPointPolicy(config: Config, c: Consumer): AccessPointPolicy {
  if (!c.accessPoint) throw new Error(`consumer ${c.name} has no access point (method ${c.method})`);
  const target = accessPointTarget(config, c.accessPoint);
  const statements = s3Statements(grantOf(c), target, legacyAcl(config)).map((s) =>
    grantTo(config, s, actorOf(config, c), c.name),
  );
  return { consumer: c.name, ...c.accessPoint, arn: target.containerArn, policy: renderDocument(statements) };
}

/**
 * Key-policy statements for the consumers (Resource "*": in a key policy it means
 * this key). keyGrants "accounts" names consumer accounts only: the consumers'
 * identity policies (generated here) then carry the grant, and the statements
 * merge per account and level.
 */
export function consumerKeyStatements(config: Config): Statement[] {
  const enc = config.producer.bucket.encryption;
  const byAccount = enc.type === 'kms' && enc.keyGrants === 'accounts';
  return config.consumers
    .filter((c) => inResourcePolicies(config, c))
    .map((c) => {
      const s = kmsStatement(config, grantOf(c), '*');
      const actor = actorOf(config, c);
      return byAccount ? grantToAccount(config, s, actor.account) : grantTo(config, s, actor, c.name);
    });
}

/**
 * The policy of a key created here: the producer account administers it
 * (which also lets its IAM policies grant use), consumers get their KMS actions.
 */
export function keyPolicy(config: Config): PolicyDocument {
  const admin = normalizeStatement({
    fixedSid: 'ProducerAccountAdministersKey',
    owners: [],
    parts: [],
    effect: 'Allow',
    principals: { AWS: [accountRootArn(config.partition, config.producer.accountId)] },
    actions: ['kms:*'],
    resources: ['*'],
    conditions: {},
  });
  return renderDocument([admin, ...consumerKeyStatements(config)]);
}

/** For a key that is not ours: what its owner must add to the key policy. */
export function keyOwnerStatements(config: Config): PolicyDocument {
  return renderDocument(consumerKeyStatements(config));
}

/** S3 (+ KMS) rights of a role, as an identity policy: on the bucket, or on the consumer's access point. */
function accessStatements(config: Config, c: Consumer, keyArn: string | undefined): Statement[] {
  const target = c.accessPoint ? accessPointTarget(config, c.accessPoint) : bucketTarget(config);
  const out = s3Statements(grantOf(c), target, legacyAcl(config));
  if (usesKms(config)) {
    if (!keyArn)
      throw new Error('a KMS key ARN (or reference) is needed for identity policies of a KMS-encrypted bucket');
    out.push(kmsStatement(config, grantOf(c), keyArn));
  }
  return out;
}

export interface ProducerRolePolicies {
  consumer: string;
  name: string;
  arn: string;
  trust: PolicyDocument;
  permissions: PolicyDocument;
}

/** The role an assume-role consumer assumes: trusts only its role, with the External ID. */
export function producerRolePolicies(config: Config, c: Consumer, keyArn: string | undefined): ProducerRolePolicies {
  let trust = grantTo(
    config,
    allow({ parts: ['Assume'], actions: ['sts:AssumeRole'], resources: [] }),
    { account: c.accountId, arn: consumerRoleArn(config, c) },
    c.name,
  );
  trust = withCondition(trust, 'StringEquals', 'sts:ExternalId', [c.externalId ?? '']);
  const trustDoc = renderDocument([trust]);
  return {
    consumer: c.name,
    name: c.producerRoleName ?? '',
    arn: producerRoleArn(config, c),
    trust: trustDoc,
    permissions: renderDocument(accessStatements(config, c, keyArn)),
  };
}

export interface ConsumerPolicies {
  consumer: string;
  roleArn: string;
  /** Trust policy of a role created here; absent for an existing role. */
  trust?: PolicyDocument;
  identity: PolicyDocument;
}

export function consumerPolicies(config: Config, c: Consumer, keyArn: string | undefined): ConsumerPolicies {
  const identity =
    c.method === 'assume-role'
      ? renderDocument([
          allow({ parts: ['Assume'], actions: ['sts:AssumeRole'], resources: [producerRoleArn(config, c)] }),
        ])
      : renderDocument(accessStatements(config, c, keyArn));
  let trust: PolicyDocument | undefined;
  if (!c.role.existing) {
    const services = c.role.assumedBy.filter((p) => !p.startsWith('arn:'));
    const arns = c.role.assumedBy.filter((p) => p.startsWith('arn:'));
    trust = renderDocument([
      normalizeStatement({
        fixedSid: 'TrustedPrincipals',
        owners: [],
        parts: [],
        effect: 'Allow',
        principals: { AWS: arns, Service: services },
        actions: ['sts:AssumeRole'],
        resources: [],
        conditions: {},
      }),
    ]);
  }
  return { consumer: c.name, roleArn: consumerRoleArn(config, c), trust, identity };
}
