/** Every policy document of a config, computed from the config alone. */
import type { Config, Consumer } from '../config';
import { accountRootArn } from './arns';
import { bucketTarget, Grant, kmsStatement, legacyAcl, s3Statements, usesKms } from './grants';
import { actorOf, consumerRoleArn, grantTo, producerRoleArn } from './principals';
import { JsonStatement, PolicyDocument, renderDocument } from './render';
import { allow, normalizeStatement, Statement, withCondition } from './statement';

const grantOf = (c: Consumer): Grant => ({ level: c.access, prefixes: c.prefixes });

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

/** The ONE bucket policy: TLS-only, then every consumer's grant. */
export function bucketPolicy(config: Config): PolicyDocument {
  const target = bucketTarget(config);
  const statements: Statement[] = [denyInsecureTransport(config)];
  for (const c of config.consumers) {
    if (c.method === 'access-point') continue; // delegated to access points (access-point method)
    const actor = actorOf(config, c);
    for (const s of s3Statements(grantOf(c), target, legacyAcl(config))) statements.push(grantTo(config, s, actor, c.name));
  }
  return renderDocument(statements, config.producer.bucket.policyStatements as JsonStatement[]);
}

/** Key-policy statements for the consumers (Resource "*": in a key policy it means this key). */
export function consumerKeyStatements(config: Config): Statement[] {
  return config.consumers.map((c) => grantTo(config, kmsStatement(config, grantOf(c), '*'), actorOf(config, c), c.name));
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

/** S3 (+ KMS) rights of a role, as an identity policy. */
function accessStatements(config: Config, c: Consumer, keyArn: string | undefined): Statement[] {
  const out = s3Statements(grantOf(c), bucketTarget(config), legacyAcl(config));
  if (usesKms(config)) {
    if (!keyArn) throw new Error('a KMS key ARN (or reference) is needed for identity policies of a KMS-encrypted bucket');
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
  let trust = grantTo(config, allow({ parts: ['Assume'], actions: ['sts:AssumeRole'], resources: [] }), { account: c.accountId, arn: consumerRoleArn(config, c) }, c.name);
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
      ? renderDocument([allow({ parts: ['Assume'], actions: ['sts:AssumeRole'], resources: [producerRoleArn(config, c)] })])
      : renderDocument(accessStatements(config, c, keyArn));
  let trust: PolicyDocument | undefined;
  if (!c.role.existing) {
    const services = c.role.assumedBy.filter((p) => !p.startsWith('arn:'));
    const arns = c.role.assumedBy.filter((p) => p.startsWith('arn:'));
    trust = renderDocument([
      normalizeStatement({ fixedSid: 'TrustedPrincipals', owners: [], parts: [], effect: 'Allow', principals: { AWS: arns, Service: services }, actions: ['sts:AssumeRole'], resources: [], conditions: {} }),
    ]);
  }
  return { consumer: c.name, roleArn: consumerRoleArn(config, c), trust, identity };
}
