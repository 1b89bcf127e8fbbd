/**
 * Every access point in the output: one this config creates for a consumer,
 * whose policy admits that consumer's role only, for its level on its prefixes;
 * public access blocked; a VPC origin where the config asks for one.
 */
import type { DeployedAccessPoint } from '../deployed';
import type { Check } from './context';
import type { Finding } from './findings';
import { hasWildcard } from './patterns';
import { indexOf } from '../intent-index';
import { describeAtom } from './principals';
import { s3Problems, toFinding } from './s3-grants';
import { statementsOf } from './statements';
import { summarize } from './summary';
import { contextFor, principalOf } from './witness';

export function checkAccessPoint(check: Check, ap: DeployedAccessPoint): Finding[] {
  const { intent } = check;
  const c = indexOf(intent).byAccessPoint.get(ap.arn);
  const out: Finding[] = [];
  if (!c) {
    out.push({
      where: ap.where,
      sid: '-',
      kind: 'unexplained',
      message: `access point ${ap.arn} is not one this config creates`,
    });
  } else {
    if (!ap.blocksPublicAccess) {
      out.push({
        where: ap.where,
        sid: '-',
        kind: 'posture',
        message: `access point ${ap.name} does not block all public access`,
      });
    }
    if (c.accessPoint!.vpc !== Boolean(ap.vpcId)) {
      out.push({
        where: ap.where,
        sid: '-',
        kind: 'posture',
        message: c.accessPoint!.vpc
          ? `access point ${ap.name} accepts requests from the Internet; the config asks for one VPC`
          : `access point ${ap.name} is limited to a VPC the config does not name`,
      });
    }
  }
  if (ap.bucket !== intent.config.producer.bucket.name) return out;
  const container = { arn: ap.arn, objectPart: '/object/' };
  for (const s of statementsOf(ap.policy?.doc ?? { Version: '2012-10-17', Statement: [] })) {
    if (s.effect !== 'Allow') continue;
    const sum = summarize(s, check.vocabulary);
    const found: Finding[] = [];
    for (const atom of sum.atoms) {
      const who = describeAtom(atom);
      const mine = c && atom.kind === 'aws' && !hasWildcard(atom.arn) && atom.arn === c.actingArn ? [c] : [];
      for (const p of s3Problems(intent, sum, container, mine, check.vocabulary)) {
        const witness = {
          principal: principalOf(atom, intent.partition, check.stranger),
          action: p.action,
          resource: p.resource,
          accessPoint: ap.arn,
          context: contextFor(s, p.listPrefix !== undefined ? { 's3:prefix': p.listPrefix } : {}),
        };
        const f = toFinding(ap.policy!.where, s.sid, p, who, witness);
        found.push(
          mine.length
            ? f
            : {
                ...f,
                kind: 'principal',
                message: `${who} is admitted by access point ${ap.name}, which is ${c ? `meant for ${c.actingArn} only` : 'not one of this config'}`,
              },
        );
      }
    }
    out.push(...check.dedupe(found));
  }
  return out;
}
