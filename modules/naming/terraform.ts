/**
 * Names given to Terraform things: resource names (stable, no hash suffixes),
 * provider aliases, stack names, outputs, state locations. An account's stack and
 * provider are named after the account (accounts.<id>.name, else its ID), never
 * after one of its consumers: adding a consumer must not move state.
 */

import { createHash } from 'crypto';
import { tfName } from '../contract';

export { tfName };

export const PRODUCER_ALIAS = 'producer';
/** The provider of a consumer account (also of the producer's account when consumers live there). */
export const consumerAlias = (accountName: string) => tfName('consumer', accountName);

export const SINGLE_STACK = 'cross-account';
export const PRODUCER_STACK = 'producer';
export const consumerStack = (accountName: string) => `consumer-${accountName}`;
/** handoff/<this>/: what the owner of an account not managed here must apply. */
export const unmanagedFolder = (accountName: string) => `unmanaged-${accountName}`;

/** Inline policy name on a consumer's role: one per consumer, so consumers sharing a role do not clash. */
export const consumerPolicyName = (consumer: string) => `cross-account-s3-${consumer}`;
export const PRODUCER_ROLE_POLICY = 'cross-account-s3-access';

/** The stack of an account's roles that several buckets grant past IAM's inline total (docs/many-buckets.md). */
export const sharedRolesStack = (accountName: string) => `shared-roles-${accountName}`;
/** Customer-managed policy `n` (from 1) holding a shared role's rights: IAM allows 128 characters, a role name 64. */
export const sharedPolicyName = (role: string, n: number) => `cross-account-s3-${role}-${n}`;
/**
 * Terraform name of that policy and its attachment: role names are unique in an account whatever their case; the
 * characters Terraform names cannot hold (+=,.@) would make two names one, so a role with any gets a hash.
 */
export function sharedPolicyTfName(role: string, n: number): string {
  const plain = /^[A-Za-z0-9_-]+$/.test(role);
  const hash = createHash('sha256').update(role).digest('hex').slice(0, 8);
  return `shared_${plain ? role.toLowerCase() : `${tfName(role)}_${hash}`}_${n}`;
}

/**
 * Where local state lives, relative to the stack's folder, never absolute.
 * cdktf: beside the project (cdktf.out is re-synthesized); handoff: in the stack's own folder.
 */
export type Layout = 'cdktf' | 'handoff';
export const localStatePath = (stack: string, layout: Layout = 'cdktf') =>
  layout === 'cdktf' ? `../../../terraform.${stack}.tfstate` : 'terraform.tfstate';
/** The same state file, seen from another stack's folder. */
export const localStatePathFrom = (stack: string, layout: Layout = 'cdktf') =>
  layout === 'cdktf' ? localStatePath(stack) : `../${stack}/terraform.tfstate`;

/** Terraform Cloud workspace, or S3 state key, of a stack. */
export const workspaceName = (prefix: string, stack: string) => `${prefix}${stack}`;
export const s3StateKey = (prefix: string, stack: string) => `${prefix}${stack}.tfstate`;

/**
 * Terraform names of one share's resources and outputs: as they are for the
 * JSON app (no prefix), or prefixed with a construct's id, so that two shares,
 * or a share and the app's own resources, never collide in one stack.
 */
export type Namer = (...parts: string[]) => string;
export const namer =
  (prefix = ''): Namer =>
  (...parts) =>
    prefix ? tfName(prefix, ...parts) : tfName(...parts);

/** Inline policy name on the Access Grants location role. */
export const ACCESS_GRANTS_ROLE_POLICY = 'cross-account-s3-access-grants';
/**
 * The part of a grant's Terraform name that tells one prefix from another: a short hash, so that a prefix
 * added or removed renames no other grant ("all": the whole bucket).
 */
export const grantKey = (prefix: string) =>
  prefix === '' ? 'all' : createHash('sha256').update(prefix).digest('hex').slice(0, 8);
