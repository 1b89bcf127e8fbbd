/**
 * What an identity policy grants outside the share. The config explains S3 on the shared bucket and on the access
 * points it knows, KMS on the bucket key and sts:AssumeRole; any other service, any other resource of those
 * services, is a finding: `iam:*` on `*` in a role a consumer assumes makes it an administrator of that account.
 */
import type { NamedDoc } from '../deployed';
import type { Check } from './context';
import type { Finding } from './findings';
import { confinedTo, exampleOf, hasWildcard, literalPrefix, matches } from './patterns';
import type { Summary } from './summary';

/** Whether every resource the pattern matches is the bucket, one of its objects, or a known access point (or below). */
function withinShare(pattern: string, bucketArn: string, accessPoints: readonly string[]): boolean {
  if (pattern === bucketArn || confinedTo(pattern, `${bucketArn}/`)) return true;
  const known = indexOf(accessPoints);
  if (!known) return accessPoints.some((ap) => pattern === ap || confinedTo(pattern, `${ap}/`));
  if (known.has(pattern)) return true;
  // confinedTo(pattern, `${ap}/`) for an ARN ".../accesspoint/<name>": the literal prefix up to its second "/" is ap.
  const lp = literalPrefix(pattern);
  const second = lp.indexOf('/', lp.indexOf('/') + 1);
  return second > 0 && known.has(lp.slice(0, second));
}

/**
 * The known access points as a set, when each ARN has exactly one "/" (".../accesspoint/<name>"): then a pattern
 * names at most one of them, found without a scan of thousands (else undefined: the scan).
 */
const indexes = new WeakMap<readonly string[], Set<string> | undefined>();
function indexOf(accessPoints: readonly string[]): Set<string> | undefined {
  if (!indexes.has(accessPoints))
    indexes.set(
      accessPoints,
      accessPoints.every((ap) => ap.split('/').length === 2 && !hasWildcard(ap)) ? new Set(accessPoints) : undefined,
    );
  return indexes.get(accessPoints);
}

export function beyondShare(check: Check, doc: NamedDoc, sum: Summary, role: string): Finding[] {
  const key = check.deployed.keyArn;
  const bucket = check.intent.bucketArn;
  const out: Finding[] = [];
  const fail = (action: string, resource: string, what: string) =>
    out.push({
      where: doc.where,
      sid: sum.stmt.sid,
      kind: 'action',
      message: `${role} (its identity policy): ${what}, which this share does not grant`,
      witness: {
        principal: role,
        action: exampleOf(action, 'Verify'),
        resource: exampleOf(resource, 'verify-outside'),
        context: {},
      },
    });
  const actions = sum.actions === 'all' ? ['*'] : [...sum.actions];
  for (const action of actions) {
    const service = action === '*' ? '*' : action.split(':')[0].toLowerCase();
    if (service === 's3') {
      const r = sum.resources.find((x) => !withinShare(x, bucket, check.knownAccessPoints));
      if (r) fail(action, r, `${action} on ${r}, beyond ${bucket} and its access points`);
    } else if (service === 'kms') {
      const r = sum.resources.find((x) => !key || hasWildcard(x) || x !== key);
      if (r) fail(action, r, `${action} on ${r}, not the bucket key${key ? ` (${key})` : ''}`);
    } else if (service === 'sts') {
      // Which roles may be assumed is checked beside the S3 grants; any other STS action is not the share's.
      if (!matches(action, 'sts:AssumeRole', true) || hasWildcard(action))
        fail(action, sum.resources[0] ?? '*', `${action}`);
    } else {
      fail(
        action === '*' ? 'iam:CreateAccessKey' : action,
        sum.resources[0] ?? '*',
        `${action} on ${sum.resources.join(', ')}`,
      );
    }
  }
  return out;
}
