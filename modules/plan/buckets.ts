/**
 * The plans of a many-buckets config (docs/many-buckets.md): each bucket planned alone, as a one-bucket config
 * is, then what only the whole config can count: IAM limits a role's inline policies to 10,240 characters in
 * total, and every bucket granting a role attaches an inline policy of its own to it.
 */
import { LIMITS, Limits, measure } from '../policy';
import type { Plan } from '.';

export interface BucketPlan {
  key: string;
  plan: Plan;
}

/** Refused: roles granted by two or more buckets whose inline policies together exceed IAM's per-role total. */
export function overRoleTotals(plans: BucketPlan[], limits: Limits = LIMITS): RoleTotal[] {
  return roleTotals(plans, limits).filter((r) => r.byBucket.length > 1 && r.size > r.limit);
}

/** A role whose inline policies, added up across buckets, exceed IAM's per-role total. */
export interface RoleTotal {
  account: string;
  role: string;
  /** Characters (white space not counted) per bucket key, in the config's order of buckets. */
  byBucket: { key: string; size: number }[];
  size: number;
  limit: number;
}

/** Named like the plan's size error: the CLI runner says it as a refusal of the config, nothing written. */
export class RoleTotalError extends Error {
  constructor(readonly over: RoleTotal[]) {
    super(
      `policies over AWS limits:\n${over
        .map(
          (r) =>
            `  - inline policies of role ${r.role} in ${r.account}, across buckets: ${r.size} chars exceed the IAM ` +
            `inline policies of one role, ${r.limit} characters together (${r.byBucket
              .map((b) => `buckets.${b.key}: ${b.size}`)
              .join(
                ', ',
              )}). Remedy: give the consumers of some of these buckets a role of their own, or fewer prefixes.`,
        )
        .join('\n')}`,
    );
    this.name = 'PolicySizeError';
  }
}

/** Per role (account + name), the characters of the inline policies each bucket attaches to it. */
export function roleTotals(plans: BucketPlan[], limits: Limits = LIMITS): RoleTotal[] {
  const byRole = new Map<string, RoleTotal>();
  for (const { key, plan } of plans) {
    const here = new Map<string, number>();
    plan.config.consumers.forEach((c, i) => {
      const id = `${c.accountId}/${c.role.name}`;
      const size = measure(plan.documents.consumers[i].identity, 'characters');
      here.set(id, (here.get(id) ?? 0) + size);
    });
    for (const [id, size] of here) {
      const [account, role] = [id.slice(0, 12), id.slice(13)];
      const t = byRole.get(id) ?? { account, role, byBucket: [], size: 0, limit: limits['role-inline'].limit };
      t.byBucket.push({ key, size });
      t.size += size;
      byRole.set(id, t);
    }
  }
  return [...byRole.values()];
}
