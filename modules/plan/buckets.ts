/**
 * The plans of a many-buckets config (docs/many-buckets.md): each bucket planned alone, as a one-bucket config
 * is, then what only the whole config can count: IAM limits a role's inline policies to 10,240 characters in
 * total, and every bucket granting a role attaches an inline policy of its own to it.
 */
import { LIMITS, Limits, measure } from '../policy';
import type { Plan } from '.';
import { MANAGED_POLICY_CHARS, type SharedRolesStackPlan } from './shared-roles';

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
  constructor(readonly lines: string[]) {
    super(`policies over AWS limits:\n${lines.join('\n')}`);
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

/**
 * One line per role several buckets grant: its inline total, or where its rights moved and why (for the synth
 * summary).
 */
export function sharedRoleSummary(planned: { buckets: BucketPlan[]; sharedRoles: SharedRolesStackPlan[] }): string[] {
  const moved = new Map(
    planned.sharedRoles.flatMap((s) => s.roles.map((r) => [`${r.accountId}/${r.role}`, { stack: s.name, r }] as const)),
  );
  return roleTotals(planned.buckets)
    .filter((t) => t.byBucket.length > 1)
    .map((t) => {
      const m = moved.get(`${t.account}/${t.role}`);
      const share = (n: number, of: number) => `${Math.round((100 * n) / of)}% of ${of}`;
      if (!m)
        return `role ${t.role} in ${t.account}: inline policies of ${t.byBucket.length} buckets, ${t.size} chars (${share(t.size, t.limit)})`;
      const { r, stack } = m;
      return (
        `role ${t.role} in ${t.account}: inline policies of ${t.byBucket.length} buckets would be ${t.size} chars, over ` +
        `the ${t.limit} IAM allows a role: merged into ${r.policies.length} customer-managed ` +
        `polic${r.policies.length === 1 ? 'y' : 'ies'} in stack ${stack} (${r.policies
          .map((p) => `${p.name} ${p.size} chars, ${share(p.size, MANAGED_POLICY_CHARS)}`)
          .join('; ')}), ${r.policies.length} of the ${r.quota} managed policies the role may have` +
        (r.inlineLeft ? `; ${r.inlineLeft} chars stay inline (access-grant consumers)` : '')
      );
    });
}
