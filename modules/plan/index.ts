/**
 * modules/plan: a config in, a Plan out — computed once, as plain data. The
 * placement of every consumer (as written, or moved by overflow), every policy
 * document, their sizes, and the stacks with their providers. Constructs only
 * render a plan; synth writes it to cdktf.out/plan.json; nothing computes a
 * policy again.
 */
import type { Route } from '../contract';
import { BucketConfig, Config, configHash } from '../config';
import { BucketPlan, overRoleTotals, RoleTotalError } from './buckets';
import { accessPointArn, accessPointNamePrefix } from '../naming';
import { bucketPolicy, DocumentSize, LIMITS, Limits, measure, Share } from '../policy';
import { Documents, documentsOf } from './documents';
import { MonitoringPlan, monitoringPlan } from './monitoring';
import { moverOf, Placement, placeConsumers } from './placement';
import { assertFits, documentSizes } from './sizes';
import { StackPlan, stackPlans } from './stacks';
import { Unmanaged, unmanagedOf } from './unmanaged';
import { TerraformCloudPlan, terraformCloudPlan } from './terraform-cloud';
import { SharedRolesStackPlan, sharedRolesPlan } from './shared-roles';

export type { Documents } from './documents';
export { PolicySizeError, remedyFor } from './sizes';
export type { ConsumerSidePlan, ProviderPlan, StackPlan } from './stacks';
export { accountOf, requiredVersion } from './stacks';
export { cliProfile } from './unmanaged';
export type { MovedConsumer, Placement } from './placement';
export { DEFAULT_SLOT_BYTES, roomFor } from './placement';
export type { Unmanaged } from './unmanaged';
export { planJson } from './json';
export { roleTotals, RoleTotalError, sharedRoleSummary } from './buckets';
export type { BucketPlan, RoleTotal } from './buckets';
export { keyPlaceholder, MANAGED_POLICY_CHARS } from './shared-roles';
export type { ManagedPolicyPlan, SharedRole, SharedRolesStackPlan } from './shared-roles';
export type { ArchiveFilter, ArchiveRulePlan, EventRulePlan, MonitoringPlan } from './monitoring';
export { ACCOUNT_S3_EVENTS, BUCKET_EVENTS, externalGrants, KEY_EVENTS, METRICS_FILTER_ID } from './monitoring';
export { terraformCloudStacks } from './terraform-cloud';
export type {
  JsonPolicy,
  RunRole,
  TerraformCloudPlan,
  TfcAccountSide,
  TfcVariable,
  TfcWorkspace,
} from './terraform-cloud';

export type { Route } from '../contract';

export interface Plan {
  config: Config;
  /** sha256 of the normalized config: output from another or a changed config is refused by what reads it. */
  configHash: string;
  share: Share;
  routes: Route[];
  documents: Documents;
  sizes: DocumentSize[];
  stacks: StackPlan[];
  unmanaged: Unmanaged[];
  /** The monitoring section's resources as data; absent without one. */
  monitoring?: MonitoringPlan;
  /** The Terraform Cloud bootstrap (backend "cloud" only): its own stacks, beside the share's. */
  terraformCloud?: TerraformCloudPlan;
  /** What the plan did that the config did not say, in words (for the synth summary). */
  notes: string[];
  /** Overflow's slots and why each moved consumer moved (not in plan.json: the routes say where each went). */
  placement?: Placement;
  /** Many buckets: consumers whose role's rights are merged with other buckets', and the stack holding them. */
  identityElsewhere?: ReadonlyMap<string, string>;
  /** Many buckets: every shared-roles stack (verify reads them with this bucket's own stacks). */
  alsoReads?: string[];
}

/** `limits` other than AWS's are for tests: small documents that overflow. */
export function computePlan(config: Config, limits: Limits = LIMITS): Plan {
  const overflow = config.producer.bucket.overflow !== 'fail';
  const base: Share = {
    config,
    consumers: config.consumers,
    producerRolesInResourcePolicies: !overflow,
    delegation: 'exact',
  };
  const placement = placeConsumers(base, limits.bucket.limit);
  let share: Share = { ...base, consumers: placement.consumers };
  // Only the bucket policy depends on the delegation's form and on what overflow moves: settle it first.
  const own = share.consumers.filter((c) => c.accessPoint?.accountId === config.producer.accountId);
  // The exact delegation names every one of the producer's access points: when their ARNs alone pass the limit,
  // that policy cannot fit, and is not rendered to find out.
  const arns = own.reduce(
    (n, c) =>
      n + accessPointArn(config.partition, config.region, config.producer.accountId, c.accessPoint!.name).length,
    0,
  );
  if (own.length > 0 && arns > limits.bucket.limit) share = { ...share, delegation: 'pattern' };
  let bucket = bucketPolicy(share);
  const fits = () => measure(bucket, 'bytes') <= limits.bucket.limit;
  if (!fits() && own.length > 0 && share.delegation === 'exact') {
    share = { ...share, delegation: 'pattern' };
    bucket = bucketPolicy(share);
  }
  // Slots are measured alone; should the rendered policy still not fit (numbers of duplicate Sids), move one more.
  while (overflow && !fits()) {
    const last = share.consumers.filter((c) => c.method === 'direct').sort((a, b) => b.index - a.index)[0];
    if (!last) break;
    share = { ...share, consumers: share.consumers.map((c) => (c === last ? moverOf(config)(c) : c)) };
    bucket = bucketPolicy(share);
  }
  const documents = documentsOf(share, bucket);
  const sizes = documentSizes(config, documents, limits);
  assertFits(config, sizes);
  const routes = share.consumers.map((c, i): Route => ({
    consumer: c.name,
    written: config.consumers[i].method,
    method: c.method,
    reason: c.method === config.consumers[i].method ? 'written' : 'overflow',
    ...(c.accessPoint ? { accessPoint: c.accessPoint.name } : {}),
  }));
  const stacks = stackPlans(config);
  const terraformCloud = terraformCloudPlan(config, share, stacks);
  return {
    config,
    configHash: configHash(config),
    share,
    routes,
    documents,
    sizes,
    stacks,
    ...(terraformCloud ? { terraformCloud } : {}),
    unmanaged: unmanagedOf(config, share, documents),
    ...(config.monitoring ? { monitoring: monitoringPlan(share) } : {}),
    notes: notesOf(share, routes, placement),
    placement,
  };
}

/** A many-buckets config planned: every bucket, and the stacks of the roles several buckets grant past IAM's total. */
export interface BucketsPlan {
  buckets: BucketPlan[];
  sharedRoles: SharedRolesStackPlan[];
}

/**
 * A many-buckets config: each bucket planned alone, then what only the whole config can count (buckets.ts): a
 * role whose inline policies across buckets exceed IAM's total gets its rights merged into customer-managed
 * policies (shared-roles.ts); refused only when even those cannot hold them.
 */
export function computePlans(buckets: BucketConfig[], limits: Limits = LIMITS): BucketsPlan {
  const plans = buckets.map((b) => ({ key: b.key, plan: computePlan(b.config, limits) }));
  const over = overRoleTotals(plans, limits);
  const shared = sharedRolesPlan(plans, over, limits);
  if (shared.refused.length > 0) throw new RoleTotalError(shared.refused);
  return {
    // Every bucket's verify reads every shared-roles stack: a statement on a bucket that does not grant the role is
    // found by that bucket's proof.
    buckets: plans.map(({ key, plan }) => {
      const moved = shared.moved.get(key);
      const alsoReads = shared.stacks.map((s) => s.name);
      return {
        key,
        plan: { ...plan, ...(moved ? { identityElsewhere: moved } : {}), ...(alsoReads.length ? { alsoReads } : {}) },
      };
    }),
    sharedRoles: shared.stacks,
  };
}

function notesOf(share: Share, routes: Route[], placement: Placement): string[] {
  const notes: string[] = [];
  if (!share.producerRolesInResourcePolicies && share.consumers.some((c) => c.method === 'assume-role')) {
    notes.push(
      'assume-role grants are not in the bucket and key policies: the producer roles live in the bucket account, where their identity policies suffice',
    );
  }
  if (share.delegation === 'pattern') {
    const prefix = accessPointNamePrefix(share.config.producer.bucket.name);
    notes.push(
      `the bucket policy delegates to the producer's access points by name prefix: the list of their ARNs does not fit. ` +
        `Any access point named ${prefix}* in account ${share.config.producer.accountId} is admitted with every delegated action on the whole bucket` +
        `${share.config.producer.organizationId ? ` (principals of ${share.config.producer.organizationId} only)` : ''}, ` +
        `its own policy deciding who passes: allow s3:CreateAccessPoint and s3:PutAccessPointPolicy there to nobody but this project's deployer`,
    );
  }
  const moved = routes.filter((r) => r.reason === 'overflow');
  if (moved.length) {
    const indexOf = new Map(share.config.consumers.map((c) => [c.name, c.index]));
    const byIndex = [...moved].sort((a, b) => indexOf.get(a.consumer)! - indexOf.get(b.consumer)!);
    const shown =
      byIndex.length > 10
        ? `${byIndex
            .slice(0, 10)
            .map((r) => r.consumer)
            .join(', ')} and ${byIndex.length - 10} more`
        : byIndex.map((r) => r.consumer).join(', ');
    const large = placement.reasons.filter((r) => r.why === 'size');
    const grants = share.config.producer.bucket.overflow === 'access-grants';
    notes.push(
      `${moved.length} direct consumer(s) ${grants ? 'on S3 Access Grants' : 'on access points of the producer account'}, the bucket policy being full: ${shown}. ` +
        `Placement is by position, never by another consumer's grants: the bucket policy keeps ${placement.slots} slot(s) of ` +
        `${placement.slotBytes} bytes (producer.bucket.overflowSlotBytes), one per position of the consumers list; a direct ` +
        `consumer stays direct when its position is below ${placement.slots} and its grants fit a slot` +
        (large.length
          ? ` (too large for one: ${large
              .slice(0, 5)
              .map((r) => `${r.name}, ${r.bytes} bytes`)
              .join('; ')}${large.length > 5 ? ` and ${large.length - 5} more` : ''})`
          : '') +
        (grants
          ? '. Their clients ask for credentials first (outputs consumer_<name>_get_data_access). ' +
            'To keep one there whatever the list becomes, write "method": "access-grant" for it.'
          : '. Their clients use the access point (outputs access_point_<name>_arn and _alias). ' +
            'To keep one there whatever the list becomes, write "method": "access-point" for it.'),
    );
  }
  return notes;
}
