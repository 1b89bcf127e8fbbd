/**
 * Field rules that are not plain types. Each returns null when the value is fine,
 * else the rule it breaks, worded for the error message.
 */

// S3 general purpose bucket naming rules (docs: "Bucket naming rules").
const BUCKET_FORBIDDEN_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const BUCKET_FORBIDDEN_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

export function bucketNameProblem(name: string): string | null {
  if (name.length < 3 || name.length > 63) return 'S3 bucket names are 3-63 characters long';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'S3 bucket names use only lower-case letters, digits, dots and hyphens';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'S3 bucket names begin and end with a letter or digit';
  if (name.includes('..')) return 'S3 bucket names must not contain two adjacent dots';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'S3 bucket names must not be formatted as an IP address';
  const prefix = BUCKET_FORBIDDEN_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `S3 bucket names must not start with the reserved prefix "${prefix}"`;
  const suffix = BUCKET_FORBIDDEN_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `S3 bucket names must not end with the reserved suffix "${suffix}"`;
  return null;
}

// sts:ExternalId: 2-1224 characters of [\w+=,.@:/-] (STS AssumeRole API reference).
const EXTERNAL_ID_MIN_STRENGTH = 16;

export function externalIdProblem(id: string): string | null {
  if (id.length < 2 || id.length > 1224) return 'an External ID is 2-1224 characters long';
  if (!/^[\w+=,.@:/-]+$/.test(id)) return 'an External ID uses only letters, digits and +=,.@:/-_';
  if (id.length < EXTERNAL_ID_MIN_STRENGTH) {
    return `an External ID shorter than ${EXTERNAL_ID_MIN_STRENGTH} characters is too easy to guess; use a random value (e.g. \`openssl rand -hex 16\`)`;
  }
  if (new Set(id).size < 6) return 'an External ID made of fewer than 6 distinct characters is too easy to guess';
  return null;
}

// Characters that would become wildcards, IAM policy variables (${...}) or
// Terraform interpolation in the generated JSON, or break its quoting.
// eslint-disable-next-line no-control-regex -- control characters are what it refuses
const PREFIX_FORBIDDEN = /[*?${}"\\\u0000-\u001f\u007f]/;

/**
 * "daily/*" (AWS CDK's idiom) is the folder "daily/": one rule for the JSON config and the library. Any other
 * wildcard is refused ("daily*" would also match "daily-old/").
 */
export const folderOf = (prefix: string): string => (prefix.endsWith('/*') ? prefix.slice(0, -1) : prefix);

export function prefixProblem(written: string): string | null {
  const prefix = folderOf(written);
  if (written === '') return 'an empty prefix means the whole bucket: leave out "prefixes" instead';
  // S3 keys are at most 1024 bytes of UTF-8 ("é" takes 2), counted with the trailing "/" added here.
  const bytes = Buffer.byteLength(prefix.endsWith('/') ? prefix : `${prefix}/`, 'utf8');
  if (bytes > 1024)
    return `a prefix is at most 1024 bytes of UTF-8 with its trailing "/" (the S3 key limit), not ${bytes}`;
  if (prefix.startsWith('/')) return 'a prefix must not start with "/" (S3 keys have no leading slash)';
  if (/[*?]/.test(prefix))
    return 'a prefix must not contain the wildcards "*" or "?" (but for a trailing "/*", meaning the folder): grants add them where needed';
  if (PREFIX_FORBIDDEN.test(prefix)) return 'a prefix must not contain $, {, }, ", \\ or control characters';
  return null;
}

/**
 * The most prefixes one consumer may name: each appears at least once in an identity policy of its role
 * (or of its producer role), whose inline policies hold at most 10,240 characters (IAM quotas), as
 * "arn:aws:s3:::<bucket>/<prefix>*", at least 23 characters with its quotes and comma ("arn:aws:s3:::abc/a/*").
 */
const ROLE_POLICY_CHARS = 10240;
const MIN_CHARS_PER_PREFIX = '"arn:aws:s3:::abc/a/*",'.length;
export const MAX_PREFIXES = Math.floor(ROLE_POLICY_CHARS / MIN_CHARS_PER_PREFIX);

export const prefixCountProblem = (n: number) =>
  `${n} prefixes: at most ${MAX_PREFIXES} fit, each taking at least ${MIN_CHARS_PER_PREFIX} of the ${ROLE_POLICY_CHARS} characters of a role's inline policies; grant a common parent prefix instead`;

/**
 * Prefixes end with "/"; duplicates and prefixes inside another granted prefix
 * are dropped (the outer grant already covers them). Sorted. In sorted order the
 * prefixes inside one follow it, so one scan against the last kept suffices.
 */
export function normalizePrefixes(prefixes: string[]): string[] {
  const withSlash = [...new Set(prefixes.map(folderOf).map((p) => (p.endsWith('/') ? p : `${p}/`)))].sort();
  const kept: string[] = [];
  for (const p of withSlash) if (kept.length === 0 || !p.startsWith(kept[kept.length - 1])) kept.push(p);
  return kept;
}

export const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
export const CONSUMER_NAME = /^[a-z0-9-]+$/;
/** So that "<name>-s3-access", the default producer role name, fits the 64-character limit. */
export const CONSUMER_NAME_MAX = 54;

/** Account names: they become stack names and provider aliases; a leading letter keeps them apart from account IDs. */
export const ACCOUNT_NAME = /^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
/** CloudTrail: letters and digits, with single ".", "_" or "-" between them. */
export const TRAIL_NAME = /^[A-Za-z0-9](?:[._-]?[A-Za-z0-9])*$/;
