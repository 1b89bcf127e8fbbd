/**
 * Roles in the output: the producer roles of assume-role consumers (trusting the
 * consumer's role only, with its External ID) and the consumers' roles (trusting
 * what assumedBy names), and every identity policy written: each grants its
 * role no more than its consumers' levels, on their bucket, access point, key,
 * or producer role.
 */
import { roleArn } from '../../naming';
import type { DeployedRole, NamedDoc } from '../deployed';
import { IntendedConsumer, kmsActionsOf } from '../intent';
import { indexOf, NONE } from '../intent-index';
import type { Check } from './context';
import type { Finding } from './findings';
import { beyondShare } from './beyond-share';
import { hasWildcard, literalPrefix, matches } from './patterns';
import { describeAtom } from './principals';
import { s3Problems, toFinding } from './s3-grants';
import { Stmt, statementsOf } from './statements';
import { summarize } from './summary';
import { contextFor, principalOf } from './witness';

export function checkRole(check: Check, role: DeployedRole): Finding[] {
  const { intent } = check;
  const index = indexOf(intent);
  const producerOf = (index.byActing.get(role.arn) ?? NONE).filter((c) => c.route === 'assume-role');
  const ownerOf = index.byRole.get(role.arn) ?? NONE;
  const out: Finding[] = [];
  if (role.trust) {
    if (producerOf.length) out.push(...producerTrust(check, role.trust, producerOf[0]));
    else if (ownerOf.some((c) => c.roleCreated))
      out.push(
        ...consumerTrust(
          check,
          role.trust,
          ownerOf.find((c) => c.roleCreated)!,
        ),
      );
    else
      out.push({
        where: role.trust.where,
        sid: '-',
        kind: 'unexplained',
        message: `role ${role.arn} is created, but no consumer of the config has it`,
      });
  }
  const acting = producerOf.length ? producerOf : ownerOf;
  for (const policy of role.identity) {
    const consumer = policy.name.replace(/^cross-account-s3-/, '');
    // A shared role's customer-managed policy holds the rights of all its consumers (of every bucket).
    const of = producerOf.length ? producerOf : ownerOf.filter((c) => policy.managed || c.name === consumer);
    if (policy.managed && of.length === 0) {
      out.push({
        where: policy.where,
        sid: '-',
        kind: 'unexplained',
        message: `customer-managed policy ${policy.name} of ${role.arn} grants on this bucket, which grants the role nothing`,
      });
    } else if (!producerOf.length && of.length === 0) {
      out.push({
        where: policy.where,
        sid: '-',
        kind: 'unexplained',
        message: `inline policy ${policy.name} of ${role.arn} grants for a consumer "${consumer}" the config does not have (removed from the config?)`,
      });
    }
    out.push(...identity(check, policy, role.arn, of.length ? of : acting));
  }
  return out;
}

function producerTrust(check: Check, doc: NamedDoc, c: IntendedConsumer): Finding[] {
  const found: Finding[] = [];
  for (const s of statementsOf(doc.doc).filter((x) => x.effect === 'Allow')) {
    const sum = summarize(s, check.vocabulary);
    for (const atom of sum.atoms) {
      const who = describeAtom(atom);
      const witness = {
        principal: principalOf(atom, check.intent.partition, check.stranger),
        action: 'sts:AssumeRole',
        resource: c.actingArn,
        context: contextFor(s, {}),
      };
      if (!(atom.kind === 'aws' && !hasWildcard(atom.arn) && atom.arn === c.roleArn)) {
        found.push({
          where: doc.where,
          sid: s.sid,
          kind: 'trust',
          message: `${who} may assume ${c.actingArn}, meant for ${c.roleArn} only`,
          witness,
        });
      } else if (sum.externalId === 'none' || (c.externalId && !sum.externalId.includes(c.externalId))) {
        found.push({
          where: doc.where,
          sid: s.sid,
          kind: 'trust',
          message: `${c.actingArn} may be assumed without the External ID of consumer ${c.name}`,
          witness,
        });
      }
    }
  }
  return check.dedupe(found);
}

/**
 * A service's AssumeRole limited to the role's own account: aws:SourceAccount, equal to it (IfExists accepted:
 * services that send no source cannot act for another account, a role is passed to a service of its account only).
 */
function sourcePinned(s: Stmt, account: string): boolean {
  return s.conditions.some(
    (k) =>
      k.key === 'aws:sourceaccount' &&
      k.base === 'StringEquals' &&
      !k.set &&
      k.values.length > 0 &&
      k.values.every((v) => v === account),
  );
}

function consumerTrust(check: Check, doc: NamedDoc, c: IntendedConsumer): Finding[] {
  const found: Finding[] = [];
  const allowed = (a: ReturnType<typeof summarize>['atoms'][number]) => {
    if (a.kind === 'service') return c.assumedBy.includes(a.name);
    if (a.kind !== 'aws') return false;
    if (a.arn === '*') return c.assumedBy.includes(`arn:${check.intent.partition}:iam::${a.account}:root`);
    return !hasWildcard(a.arn) && c.assumedBy.includes(a.arn);
  };
  for (const s of statementsOf(doc.doc).filter((x) => x.effect === 'Allow')) {
    for (const atom of summarize(s, check.vocabulary).atoms) {
      if (atom.kind === 'service' && allowed(atom) && !sourcePinned(s, c.accountId)) {
        found.push({
          where: doc.where,
          sid: s.sid,
          kind: 'trust',
          message: `${describeAtom(atom)} may assume ${c.roleArn} on behalf of any account: no aws:SourceAccount of ${c.accountId} (confused deputy)`,
        });
        continue;
      }
      if (allowed(atom)) continue;
      found.push({
        where: doc.where,
        sid: s.sid,
        kind: 'trust',
        message: `${describeAtom(atom)} may assume ${c.roleArn}; assumedBy names ${c.assumedBy.join(', ')}`,
        witness: {
          principal: principalOf(atom, check.intent.partition, check.stranger),
          action: 'sts:AssumeRole',
          resource: c.roleArn,
          context: contextFor(s, {}),
        },
      });
    }
  }
  return check.dedupe(found);
}

/**
 * An identity policy: S3 on the bucket or the consumer's access point, KMS on the key, or AssumeRole on its producer
 * role.
 */
export function identity(check: Check, doc: NamedDoc, role: string, consumers: readonly IntendedConsumer[]): Finding[] {
  const { intent } = check;
  const found: Finding[] = [];
  const witness = (action: string, resource: string) => ({ principal: role, action, resource, context: {} });
  const who = `${role} (its identity policy)`;
  const onBucket = consumers.filter(
    (c) => (c.route === 'direct' && c.roleArn === role) || (c.route === 'assume-role' && c.actingArn === role),
  );
  const known = check.knownAccessPoints;
  const kmsAllowed = new Set(consumers.filter((c) => c.actingArn === role).flatMap((c) => kmsActionsOf(c.level)));
  const producerRoles = consumers
    .filter((c) => c.route === 'assume-role' && c.roleArn === role)
    .map((c) => c.actingArn);
  for (const s of statementsOf(doc.doc).filter((x) => x.effect === 'Allow')) {
    const sum = summarize(s, check.vocabulary);
    found.push(...beyondShare(check, doc, sum, role));
    // S3 on the bucket, and on every access point (its own one only, for an access-point consumer).
    for (const p of s3Problems(intent, sum, { arn: intent.bucketArn, objectPart: '/' }, onBucket, check.vocabulary)) {
      found.push(toFinding(doc.where, s.sid, p, who, witness(p.action, p.resource)));
    }
    for (const arn of accessPointsReached(sum.resources, known)) {
      const via = consumers.filter(
        (c) => c.route === 'access-point' && c.roleArn === role && c.accessPoint?.arn === arn,
      );
      for (const p of s3Problems(intent, sum, { arn, objectPart: '/object/' }, via, check.vocabulary)) {
        found.push(toFinding(doc.where, s.sid, p, who, { ...witness(p.action, p.resource), accessPoint: arn }));
      }
    }
    const named = sum.actions === 'all' ? ['*'] : [...sum.actions];
    // KMS on the key: through S3 only, for the levels of consumers acting as this role.
    const kms = named.filter((a) => a === '*' || a.startsWith('kms:'));
    const key = check.deployed.keyArn;
    if (kms.length && key && sum.resources.some((r) => matches(r, key))) {
      const wrong = kms.filter((a) => !kmsAllowed.has(a));
      if (wrong.length || sum.viaService === 'any' || !sum.viaService.every((v) => v === intent.viaService)) {
        found.push({
          where: doc.where,
          sid: s.sid,
          kind: 'kms',
          message: `${who}: ${wrong.length ? `${wrong.join(', ')} on the bucket key beyond its levels` : 'the bucket key outside S3 (no kms:ViaService of this region)'}`,
          witness: witness(wrong[0] ?? kms[0], key),
        });
      }
    }
    // STS: only the producer role of an assume-role consumer that has this role.
    if (named.some((a) => a === '*' || matches(a, 'sts:AssumeRole', true))) {
      for (const r of sum.resources) {
        const example = hasWildcard(r) ? roleArn(intent.partition, intent.producer, 'verify-witness') : r;
        if (!r.includes(':role/') && r !== '*') continue;
        if (producerRoles.includes(example) && !hasWildcard(r)) continue;
        found.push({
          where: doc.where,
          sid: s.sid,
          kind: 'action',
          message: `${who}: sts:AssumeRole on ${r}, not only the producer role of its consumers (${producerRoles.join(', ') || 'none'})`,
          witness: witness('sts:AssumeRole', example),
        });
      }
    }
  }
  return check.dedupe(found);
}

/**
 * The access points a statement's resources can reach: the one a literal ARN
 * names, or every known one when a wildcard comes before the name (and an
 * access point nobody knows of is named in full, so it is checked too).
 */
function accessPointsReached(resources: readonly string[], known: readonly string[]): string[] {
  const out = new Set<string>();
  for (const r of resources) {
    const named = /^(arn:[^:*?]+:s3:[^:*?]+:\d{12}:accesspoint\/[^/*?]+)(\/|$)/.exec(r);
    if (named) out.add(named[1]);
    else if (r === '*' || /[*?]/.test(r.split('accesspoint/')[0]) || r.includes(':accesspoint/')) {
      // Only access points whose ARN starts with the pattern's literal part can match it (`known` is sorted).
      for (const k of startingWith(known, literalPrefix(r)))
        if (matches(r, k) || matches(r, `${k}/object/verify`)) out.add(k);
    }
  }
  return [...out];
}

/** The entries of a sorted list that start with `prefix`, found by binary search. */
function* startingWith(sorted: readonly string[], prefix: string): Generator<string> {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length && sorted[i].startsWith(prefix); i++) yield sorted[i];
}
