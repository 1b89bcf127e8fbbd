/** Identity and trust policies: the producer roles of assume-role consumers, and the consumers' own roles. */
import type { Config, Consumer } from '../../config';
import { accountOfArn, accountRootArn } from '../../naming';
import { accessPointTarget, bucketTarget, grantOf, kmsStatement, levelOptions, s3Statements, usesKms } from '../grants';
import { consumerRoleArn, grantTo, producerRoleArn } from '../principals';
import { PolicyDocument, renderDocument } from '../render';
import { allow, fixed, Statement, withCondition } from '../statement';
import { keyArnOf, Share } from './share';
import { granteeStatements } from './access-grants';

/** The operator of the service trusts' aws:SourceAccount (see trustOf). */
const SERVICE_SOURCE_OPERATOR = 'StringEqualsIfExists';

/** S3 (+ KMS) rights of a role, as an identity policy: on the bucket, or on the consumer's access point. */
function accessStatements(config: Config, c: Consumer): Statement[] {
  const target = c.accessPoint ? accessPointTarget(config, c.accessPoint) : bucketTarget(config);
  const out = s3Statements(grantOf(c), target, levelOptions(config));
  const key = keyArnOf(config);
  if (usesKms(config) && key) out.push(kmsStatement(config, grantOf(c), key));
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
export function producerRolePolicies(share: Share, c: Consumer): ProducerRolePolicies {
  const { config } = share;
  let trust = grantTo(
    config,
    allow(['Assume'], { actions: ['sts:AssumeRole'], resources: [] }),
    { account: c.accountId, arn: consumerRoleArn(config, c) },
    c.name,
  );
  trust = withCondition(trust, 'StringEquals', 'sts:ExternalId', [c.externalId ?? '']);
  return {
    consumer: c.name,
    name: c.producerRoleName ?? '',
    arn: producerRoleArn(config, c),
    trust: renderDocument('trust', [trust]),
    permissions: renderDocument('identity', accessStatements(config, c)),
  };
}

/**
 * Trust of a role created here: services as they are; roles as their account
 * root pinned with aws:PrincipalArn (valid before the role exists, and after it
 * is re-created); whole accounts as their roots. Services only on behalf of
 * the role's own account (confused deputy): aws:SourceAccount, IfExists because
 * some services (EC2, Lambda, Glue) send no source on AssumeRole, and a role
 * cannot be passed to a service of another account (iam:PassRole) anyway. No
 * aws:SourceArn: the service's resource is not known here.
 */
function trustOf(config: Config, assumedBy: readonly string[], account: string): PolicyDocument {
  const services = assumedBy.filter((p) => !p.startsWith('arn:'));
  const roots = assumedBy.filter((p) => p.endsWith(':root'));
  const roles = assumedBy.filter((p) => p.startsWith('arn:') && !p.endsWith(':root'));
  const trust = (sid: string, principal: Statement['principal']) =>
    fixed(sid, 'Allow', { principal, actions: ['sts:AssumeRole'], resources: [] });
  return renderDocument('trust', [
    ...(services.length
      ? [
          withCondition(
            trust('TrustedServices', { kind: 'services', services }),
            SERVICE_SOURCE_OPERATOR,
            'aws:SourceAccount',
            [account],
          ),
        ]
      : []),
    ...(roots.length ? [trust('TrustedAccounts', { kind: 'accounts', accounts: roots })] : []),
    ...(roles.length
      ? [
          trust('TrustedRoles', {
            kind: 'pinned',
            accounts: roles.map((r) => accountRootArn(config.partition, accountOfArn(r))),
            arns: roles,
          }),
        ]
      : []),
  ]);
}

export interface ConsumerPolicies {
  consumer: string;
  roleArn: string;
  /** Trust policy of a role created here; absent for an existing role. */
  trust?: PolicyDocument;
  identity: PolicyDocument;
}

/** What a consumer's role is granted, as statements (a KMS key created here named by KEY_ARN). */
export function identityStatements(share: Share, c: Consumer): Statement[] {
  const { config } = share;
  if (c.method === 'access-grant') return granteeStatements(config);
  if (c.method === 'assume-role')
    return [allow(['Assume'], { actions: ['sts:AssumeRole'], resources: [producerRoleArn(config, c)] })];
  return accessStatements(config, c);
}

/** The trust policy of a consumer's role created here; none for an existing role. */
export const consumerTrust = (config: Config, c: Consumer): PolicyDocument | undefined =>
  c.role.existing ? undefined : trustOf(config, c.role.assumedBy, c.accountId);

export function consumerPolicies(share: Share, c: Consumer): ConsumerPolicies {
  const { config } = share;
  const trust = consumerTrust(config, c);
  return {
    consumer: c.name,
    roleArn: consumerRoleArn(config, c),
    ...(trust ? { trust } : {}),
    identity: renderDocument('identity', identityStatements(share, c)),
  };
}
