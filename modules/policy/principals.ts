/**
 * Who acts for a consumer on the producer side, and how resource and trust
 * policies name it: the account root as Principal, the exact role pinned with
 * `aws:PrincipalArn`, optionally guarded by `aws:PrincipalOrgID`.
 */
import type { Config, Consumer } from '../config';
import { accountRootArn, roleArn } from '../naming';
import { Principal, Statement, withCondition, withPrincipal } from './statement';
import { pascal } from './sid';

export interface Actor {
  account: string;
  arn: string;
}

export const consumerRoleArn = (config: Config, c: Consumer) =>
  roleArn(config.partition, c.accountId, c.role.name, c.role.path);

export function producerRoleArn(config: Config, c: Consumer): string {
  if (!c.producerRoleName) throw new Error(`consumer ${c.name} has no producer role (method ${c.method})`);
  return roleArn(config.partition, config.producer.accountId, c.producerRoleName);
}

/** The role whose requests reach the bucket and key: the producer role for assume-role, else the consumer's own. */
export function actorOf(config: Config, c: Consumer): Actor {
  return c.method === 'assume-role'
    ? { account: config.producer.accountId, arn: producerRoleArn(config, c) }
    : { account: c.accountId, arn: consumerRoleArn(config, c) };
}

const pinned = (config: Config, actors: readonly Actor[]): Principal => ({
  kind: 'pinned',
  accounts: actors.map((a) => accountRootArn(config.partition, a.account)),
  arns: actors.map((a) => a.arn),
});

const accounts = (config: Config, ids: readonly string[]): Principal => ({
  kind: 'accounts',
  accounts: ids.map((id) => accountRootArn(config.partition, id)),
});

/** The optional organization guard, on every grant to another principal. */
export function orgGuarded(config: Config, s: Statement): Statement {
  const org = config.producer.organizationId;
  return org ? withCondition(s, 'StringEquals', 'aws:PrincipalOrgID', [org]) : s;
}

/** A grant to one role, pinned; the Sid names its consumer. */
export function grantTo(config: Config, s: Statement, actor: Actor, owner: string): Statement {
  return granter(config, actor, owner)(s);
}

/** grantTo for each of one role's statements: its principal and Sid owner made once, shared by them all. */
export function granter(config: Config, actor: Actor, owner: string): (s: Statement) => Statement {
  const principal = pinned(config, [actor]);
  const sidOwner = pascal(owner);
  return (s) => orgGuarded(config, withPrincipal(s, principal, sidOwner));
}

/** Whole accounts (their roots, no pin): the key policy with keyGrants "accounts". */
export function grantToAccounts(config: Config, s: Statement, ids: readonly string[]): Statement {
  return orgGuarded(config, withPrincipal(s, accounts(config, ids)));
}
