/**
 * Names of AWS resources derived from the bucket and consumer names, each valid
 * by the rules of its service whatever valid config it comes from.
 */
import { createHash } from 'crypto';

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 6);

/** Fits a name into `max` characters, deterministically: a cut and a short hash of the whole. */
function fit(name: string, max: number): string {
  if (name.length <= max) return name;
  return `${name.slice(0, max - 7).replace(/[-._]+$/, '')}-${shortHash(name)}`;
}

/** Suffixes S3 reserves for aliases and Object Lambda access points. */
const RESERVED_AP_SUFFIXES = ['-s3alias', '--ol-s3'];
const ACCESS_POINT_NAME_MAX = 50;

const apSafe = (text: string) =>
  text
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');

/**
 * S3 access point names: 3-50 lower-case letters, digits and hyphens, starting
 * and ending with a letter or digit, not ending in a reserved suffix. Derived from
 * bucket and consumer (consumer names that fold to one are refused by the config).
 */
export function accessPointName(bucket: string, consumer: string): string {
  let full = apSafe(`${bucket}-${consumer}`);
  if (RESERVED_AP_SUFFIXES.some((s) => full.endsWith(s))) full = `${full}-ap`;
  return fit(full, ACCESS_POINT_NAME_MAX);
}

/**
 * What every access point name derived from this bucket starts with: when the
 * exact ARNs do not fit, the bucket policy delegates to "<this>*", which only an
 * access point named after this bucket can match.
 */
export function accessPointNamePrefix(bucket: string): string {
  const safe = apSafe(bucket);
  const cut = ACCESS_POINT_NAME_MAX - 7;
  return safe.length < cut ? `${safe}-` : safe.slice(0, cut).replace(/-+$/, '');
}

/** CloudTrail trail names: letters and digits with single ".", "_" or "-" between them. */
export const trailName = (bucket: string) => `${bucket.replace(/[._-]{2,}/g, '-')}-s3-data-events`;

/** Default bucket for the trail's logs: a valid bucket name of at most 63 characters. */
export const trailBucketName = (bucket: string) => fit(`${bucket}-trail-logs`, 63);

/** KMS alias names allow letters, digits, "/", "_" and "-": bucket names may hold dots. */
export const kmsAliasName = (bucket: string) => `alias/${bucket.replace(/\./g, '-')}-s3`;

/** A role EC2 assumes is attached to instances through an instance profile: one of the role's name and path. */
export const needsInstanceProfile = (assumedBy: readonly string[]): boolean =>
  assumedBy.some((p) => /^ec2\.amazonaws\.com(\.cn)?$/.test(p));

/**
 * An account as output descriptions name it: "the producer account 222222222222 (data-platform)", "account
 * 111111111111 (analytics)": which account a value lives in, with its name when the config gives one.
 */
export function accountCalled(
  config: { accounts: readonly { id: string; name: string }[]; producer: { accountId: string } },
  id: string,
): string {
  const name = config.accounts.find((a) => a.id === id)?.name;
  const named = name && name !== id ? ` (${name})` : '';
  return `${id === config.producer.accountId ? 'the producer account' : 'account'} ${id}${named}`;
}

/** The IAM role S3 Access Grants assumes for the bucket's location (a role name is at most 64 characters). */
export const accessGrantsRoleName = (bucket: string) => fit(`${bucket}-access-grants`, 64);
