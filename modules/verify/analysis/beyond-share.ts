/**
 * What an identity policy grants outside the share. The config explains S3 on the shared bucket and on the access
 * points it knows, KMS on the bucket key and sts:AssumeRole; any other service, any other resource of those
 * services, is a finding: `iam:*` on `*` in a role a consumer assumes makes it an administrator of that account.
 */
import type { NamedDoc } from '../deployed';
import type { Check } from './context';
import type { Finding } from './findings';
import { confinedTo, exampleOf, hasWildcard, matches } from './patterns';
import type { Summary } from './summary';

/** Whether every resource the pattern matches is the bucket, one of its objects, or a known access point (or below). */
function withinShare(pattern: string, bucketArn: string, accessPoints: readonly string[]): boolean {
  if (pattern === bucketArn || confinedTo(pattern, `${bucketArn}/`)) return true;
  return accessPoints.some((ap) => pattern === ap || confinedTo(pattern, `${ap}/`));
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
