/** Consumers grouped by account: one provider (and, per-account, one stack) each. */
import type { Config, Consumer } from '../config';

export interface AccountGroup {
  /** Name of the group's first consumer (by name): its provider alias and stack are named after it. */
  name: string;
  accountId: string;
  deployRoleArn?: string;
  consumers: Consumer[];
}

export function consumerGroups(config: Config): AccountGroup[] {
  const byAccount = new Map<string, AccountGroup>();
  for (const c of config.consumers) {
    const g = byAccount.get(c.accountId);
    if (g) g.consumers.push(c);
    else byAccount.set(c.accountId, { name: c.name, accountId: c.accountId, deployRoleArn: c.deployRoleArn, consumers: [c] });
  }
  return [...byAccount.values()];
}
