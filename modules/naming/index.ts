/**
 * Every name this project gives to Terraform things, in one place: resource
 * names (stable, no hash suffixes), provider aliases, stack names, output names.
 * Plain functions, no cdktf: verify and the handoff writer read them too.
 */
import { createHash } from 'crypto';

/** A Terraform identifier from free text: "reporting-eu" -> "reporting_eu". */
export function tfName(...parts: string[]): string {
  return parts
    .join('_')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .toLowerCase();
}

export const PRODUCER_ALIAS = 'producer';

/** Consumers of one account share one provider, named after the first of them (by name). */
export const consumerAlias = (groupName: string) => tfName('consumer', groupName);

export const SINGLE_STACK = 'cross-account';
export const PRODUCER_STACK = 'producer';
export const consumerStack = (groupName: string) => `consumer-${groupName}`;

/** KMS alias names allow letters, digits, "/", "_" and "-": bucket names may hold dots. */
export const kmsAliasName = (bucket: string) => `alias/${bucket.replace(/\./g, '-')}-s3`;

/** Inline policy name on a consumer's role: one per consumer, so consumers sharing a role do not clash. */
export const consumerPolicyName = (consumer: string) => `cross-account-s3-${consumer}`;
export const PRODUCER_ROLE_POLICY = 'cross-account-s3-access';

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

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 6);

/** Fits a name into `max` characters, deterministically: a cut and a short hash of the whole. */
function fit(name: string, max: number): string {
  if (name.length <= max) return name;
  return `${name.slice(0, max - 7).replace(/[-.]+$/, '')}-${shortHash(name)}`;
}

/**
 * S3 access point names: 3-50 lower-case letters, digits and hyphens, starting
 * and ending with a letter or digit. Derived from bucket and consumer.
 */
export function accessPointName(bucket: string, consumer: string): string {
  const full = `${bucket}-${consumer}`
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  return fit(full, 50);
}

export const trailName = (bucket: string) => `${bucket}-s3-data-events`;

/** Default bucket for the trail's logs: a valid bucket name of at most 63 characters. */
export const trailBucketName = (bucket: string) => fit(`${bucket}-trail-logs`, 63);
