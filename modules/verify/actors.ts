/**
 * Who the proof asks about: every consumer's acting role, each assume-role path,
 * and the outsiders that must get nothing.
 */
import type { Config, Consumer } from '../config';
import type { Deployed, Doc } from './deployed';
import type { IntendedGrant } from './expect';

export interface Actor {
  label: string;
  kind: 'consumer-role' | 'assumed-role' | 'access-point' | 'outsider';
  roleArn: string;
  account: string;
  identity: Doc[];
  /** What the config intends this principal to reach on this path (empty for outsiders). */
  grants: IntendedGrant[];
  /** What its role may use the key for: every grant acting as this role, whatever the path. */
  kmsGrants: IntendedGrant[];
  /** access-point only: the access point requests go through. */
  accessPoint?: { name: string; arn: string; account: string; policy?: Doc; networkOrigin: 'Internet' | 'VPC' };
  /** Rows without a grant on their path: the prefixes where a leak would show. */
  probePrefixes?: string[];
  /** assumed-role only: the consumer role that assumes, and with which External ID. */
  via?: { actor: Actor; externalId?: string; trust?: Doc };
}

export const roleArnOf = (config: Config, account: string, name: string, path = '/') =>
  `arn:${config.partition}:iam::${account}:role${path}${name}`;
export const sessionArn = (config: Config, a: Pick<Actor, 'account' | 'roleArn'>) =>
  `arn:${config.partition}:sts::${a.account}:assumed-role/${a.roleArn.split('/').pop()}/verify`;

/** An identity policy an account administrator could attach: the worst case for an outsider. */
export const ADMIN: Doc = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'OutsiderAdmin', Effect: 'Allow', Action: '*', Resource: '*' }],
};

const grantOf = (c: Consumer): IntendedGrant => ({ consumer: c.name, level: c.access, prefixes: c.prefixes });

export function producerRoleArnOf(config: Config, c: Consumer): string {
  return roleArnOf(config, config.producer.accountId, c.producerRoleName ?? '');
}

/** Consumer roles (one row per role, however many consumers use it) and assume-role paths. */
export function grantedActors(config: Config, deployed: Deployed): Actor[] {
  const byRole = new Map<string, Actor>();
  for (const c of config.consumers) {
    const arn = roleArnOf(config, c.accountId, c.role.name, c.role.path);
    let a = byRole.get(arn);
    if (!a) {
      a = {
        label: `${c.role.name} (${c.accountId})`,
        kind: 'consumer-role',
        roleArn: arn,
        account: c.accountId,
        identity: deployed.roles.get(arn)?.identity.map((i) => i.doc) ?? [],
        grants: [],
        kmsGrants: [],
      };
      byRole.set(arn, a);
    }
    if (c.method === 'direct') a.grants.push(grantOf(c));
    if (c.method !== 'assume-role') a.kmsGrants.push(grantOf(c));
    a.probePrefixes = [...new Set([...(a.probePrefixes ?? []), ...c.prefixes])].sort();
  }
  const viaAccessPoint: Actor[] = config.consumers
    .filter((c) => c.accessPoint)
    .map((c) => {
      const role = byRole.get(roleArnOf(config, c.accountId, c.role.name, c.role.path))!;
      const ap = c.accessPoint!;
      const found = deployed.accessPoints.get(ap.name);
      return {
        ...role,
        label: `${c.name}: ${role.label} via access point ${ap.name}`,
        kind: 'access-point' as const,
        grants: [grantOf(c)],
        kmsGrants: [grantOf(c)],
        accessPoint: {
          name: ap.name,
          account: ap.accountId,
          arn: found?.arn ?? `arn:${config.partition}:s3:${config.region}:${ap.accountId}:accesspoint/${ap.name}`,
          policy: found?.policy,
          networkOrigin: found?.vpcId ? ('VPC' as const) : ('Internet' as const),
        },
      };
    });
  const assumed: Actor[] = config.consumers
    .filter((c) => c.method === 'assume-role')
    .map((c) => {
      const arn = producerRoleArnOf(config, c);
      const via = byRole.get(roleArnOf(config, c.accountId, c.role.name, c.role.path))!;
      const role = deployed.roles.get(arn);
      return {
        label: `${c.name}: ${via.label} -> ${c.producerRoleName}`,
        kind: 'assumed-role' as const,
        roleArn: arn,
        account: config.producer.accountId,
        identity: role?.identity.map((i) => i.doc) ?? [],
        grants: [grantOf(c)],
        kmsGrants: [grantOf(c)],
        via: { actor: via, externalId: c.externalId, trust: role?.trust },
      };
    });
  return [...byRole.values(), ...viaAccessPoint, ...assumed];
}

/** An account the config never mentions. */
export function strangerAccount(config: Config): string {
  const used = new Set([
    config.producer.accountId,
    ...config.consumers.flatMap((c) => [c.accountId, c.accessPoint?.accountId ?? '']),
  ]);
  let stranger = 999999999999;
  while (used.has(String(stranger))) stranger--;
  return String(stranger);
}

/** Accounts and role names the config does not grant anything. */
export function outsiders(config: Config): Actor[] {
  const stranger = strangerAccount(config);
  const roleNames = new Set(config.consumers.map((c) => c.role.name));
  let other = 'verify-not-granted';
  while (roleNames.has(other)) other += '-x';
  const probePrefixes = [...new Set(config.consumers.flatMap((c) => c.prefixes))].sort();
  const enc = config.producer.bucket.encryption;
  // keyGrants "accounts": the key policy names consumer accounts, so their admins may let any role use the key through S3
  // (for what the account was granted); S3 still decides what data it reaches.
  const keyByAccount = enc.type === 'kms' && enc.keyGrants === 'accounts';
  const accountKmsGrants = (acct: string) =>
    keyByAccount ? config.consumers.filter((c) => c.accountId === acct && c.method !== 'assume-role').map(grantOf) : [];
  const mk = (label: string, account: string, name: string): Actor => ({
    label,
    kind: 'outsider',
    roleArn: roleArnOf(config, account, name),
    account,
    identity: [ADMIN],
    grants: [],
    kmsGrants: accountKmsGrants(account),
    probePrefixes,
  });
  const consumerAccounts = [...new Set(config.consumers.map((c) => c.accountId))].sort();
  return [
    mk(`outsider: admin role in unrelated account ${stranger}`, String(stranger), 'Outsider'),
    ...consumerAccounts
      .filter((a) => a !== config.producer.accountId)
      .map((acct) => mk(`outsider: another admin role in consumer account ${acct}`, acct, other)),
    // In the bucket's own account IAM alone lets an administrator in, whatever the bucket policy says: that
    // account is trusted by S3's design. What the grants here must not do is let in a role without rights of its own.
    ...(consumerAccounts.includes(config.producer.accountId)
      ? [
          {
            ...mk(
              `outsider: another role of the bucket account ${config.producer.accountId}, without S3 rights of its own`,
              config.producer.accountId,
              other,
            ),
            identity: [],
            kmsGrants: [],
          },
        ]
      : []),
  ];
}
