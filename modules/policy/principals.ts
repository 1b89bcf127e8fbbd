/**
 * Who acts for a consumer on the producer side, and how resource and trust
 * policies name it: the account root as Principal, the exact role pinned with
 * `aws:PrincipalArn`, optionally guarded by `aws:PrincipalOrgID`.
 */
import type { Config, Consumer } from '../config';
import { accountRootArn, pascal, roleArn } from './arns';
import { normalizeStatement, Statement, withCondition } from './statement';

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

/** The optional organization guard, on every grant to another principal. */
function orgGuarded(config: Config, s: Statement): Statement {
  const org = config.producer.organizationId;
  return org ? withCondition(s, 'StringEquals', 'aws:PrincipalOrgID', [org]) : normalizeStatement(s);
}

export function grantTo(config: Config, s: Statement, actor: Actor, owner: string): Statement {
  return orgGuarded(config, {
    ...s,
    owners: [pascal(owner)],
    principals: { AWS: [accountRootArn(config.partition, actor.account)] },
    pinnedArns: [actor.arn],
  });
}

/** An account as a whole (its root, no pinned role): for delegation to access points whose own policies pin the roles. */
export function grantToAccount(config: Config, s: Statement, account: string): Statement {
  return orgGuarded(config, { ...s, owners: [], principals: { AWS: [accountRootArn(config.partition, account)] } });
}
