/** Consumers grouped by account: one provider (and, per-account, one stack) each. */
import type { Config, Consumer } from '../config';
import type { AccessPointPolicy } from '../policy';

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
    else
      byAccount.set(c.accountId, {
        name: c.name,
        accountId: c.accountId,
        deployRoleArn: c.deployRoleArn,
        consumers: [c],
      });
  }
  return [...byAccount.values()];
}

/** Access points owned by consumer accounts, by owning account (built once: no scan per account). */
export function accessPointsByOwner(config: Config, aps: AccessPointPolicy[]): Map<string, AccessPointPolicy[]> {
  const out = new Map<string, AccessPointPolicy[]>();
  for (const ap of aps)
    if (ap.accountId !== config.producer.accountId) out.set(ap.accountId, [...(out.get(ap.accountId) ?? []), ap]);
  return out;
}
