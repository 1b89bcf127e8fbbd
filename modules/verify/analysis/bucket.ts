/**
 * The bucket's resource policies, statement by statement: who can pass each
 * Allow, through which door, and whether that stays within the grants the
 * config intends for that principal on that door.
 */
import { EVERY_LEVEL } from '../../config';
import { accessPointArn, accessPointNamePrefix } from '../../naming';
import type { NamedDoc } from '../deployed';
import type { IntendedConsumer, Intent } from '../intent';
import type { Check } from './context';
import type { Finding } from './findings';
import { confinedTo, exampleOf, hasWildcard } from './patterns';
import { Atom, describeAtom } from './principals';
import { Problem, s3Problems, toFinding } from './s3-grants';
import { statementsOf } from './statements';
import { Door, summarize, Summary } from './summary';
import { contextFor, principalOf } from './witness';

type DoorClass =
  | { kind: 'direct' }
  /** The producer's own, generated access points (their policies are checked on their own). */
  | { kind: 'own-access-points' }
  | { kind: 'consumer-access-points'; consumers: IntendedConsumer[] }
  /** Access points this config does not create, or any of an account. */
  | { kind: 'other-access-points'; what: string };

/** Which access points a door admits, in terms of this config. */
function classify(intent: Intent, door: Door): DoorClass {
  if (door.kind === 'any') return { kind: 'direct' };
  const { producer } = intent;
  const prefix = accessPointArn(
    intent.partition,
    intent.config.region,
    producer,
    accessPointNamePrefix(intent.config.producer.bucket.name),
  );
  const own = intent.consumers.filter((c) => c.accessPoint?.producerOwned).map((c) => c.accessPoint!.arn);
  const theirs = intent.consumers.filter((c) => c.accessPoint && !c.accessPoint.producerOwned);
  const accountsOk = (allowed: string[]) => door.accounts !== 'any' && door.accounts.every((a) => allowed.includes(a));
  if (door.arns !== 'any') {
    if (door.arns.every((a) => own.includes(a) || (hasWildcard(a) && confinedTo(a, prefix))))
      return { kind: 'own-access-points' };
    const matched = theirs.filter((c) => door.arns.includes(c.accessPoint!.arn));
    if (door.arns.every((a) => matched.some((c) => c.accessPoint!.arn === a)))
      return { kind: 'consumer-access-points', consumers: matched };
    return { kind: 'other-access-points', what: `access points ${door.arns.join(', ')}` };
  }
  if (accountsOk([producer]) && own.length === 0)
    return { kind: 'other-access-points', what: `any access point of account ${producer}` };
  return {
    kind: 'other-access-points',
    what: `any access point of ${door.accounts === 'any' ? 'any account' : `account ${door.accounts.join(', ')}`}`,
  };
}

/** The consumers whose grants a literal principal exercises through a door class. */
function holders(intent: Intent, atom: Atom, door: DoorClass): IntendedConsumer[] {
  if (atom.kind !== 'aws' || hasWildcard(atom.arn) || atom.arn === '*') return [];
  const acting = intent.consumers.filter((c) => c.actingArn === atom.arn);
  if (door.kind === 'direct') return acting.filter((c) => c.route === 'direct' || c.route === 'assume-role');
  if (door.kind === 'consumer-access-points') return acting.filter((c) => door.consumers.includes(c));
  return [];
}

export function checkBucketPolicy(check: Check, doc: NamedDoc): Finding[] {
  const { intent } = check;
  const out: Finding[] = [];
  const container = { arn: intent.bucketArn, objectPart: '/' };
  for (const s of statementsOf(doc.doc)) {
    // A bucket policy speaks of its bucket and its objects: a statement naming anything else is not what synth
    // writes, and nothing here models it (AWS refuses it at apply, but verify does not rely on that).
    const foreign = [s.raw.Resource ?? [], s.raw.NotResource ?? []]
      .flat()
      .find((r) => typeof r !== 'string' || (r !== intent.bucketArn && !confinedTo(r, `${intent.bucketArn}/`)));
    if (foreign !== undefined) {
      out.push({
        where: doc.where,
        sid: s.sid,
        kind: 'unexplained',
        message: `the bucket policy of ${intent.bucketArn} names ${JSON.stringify(foreign)}, which is not this bucket or one of its objects`,
      });
      continue;
    }
    if (s.effect !== 'Allow') continue;
    const sum = summarize(s, check.vocabulary);
    const door = classify(intent, sum.door);
    const accepted = check.accepted(s.raw);
    const found: Finding[] = [];
    for (const atom of sum.atoms) {
      const who = describeAtom(atom);
      if (door.kind === 'own-access-points') {
        // Anyone an access point of ours admits: its policy decides who; here, only actions some level grants.
        const packs = [
          ...new Set(intent.consumers.filter((c) => c.accessPoint?.producerOwned).flatMap((c) => c.packs)),
        ];
        const anyLevel = { ...intent.consumers[0], level: EVERY_LEVEL, prefixes: [], packs };
        found.push(
          ...s3Problems(intent, sum, container, [anyLevel], check.vocabulary, true).map((p) =>
            finding(check, doc, sum, p, atom, who),
          ),
        );
        continue;
      }
      const mine = holders(intent, atom, door);
      if (mine.length === 0) {
        const viaOther = door.kind === 'other-access-points' ? ` through ${door.what}` : '';
        const pinned = atom.kind === 'aws' ? intent.consumers.filter((c) => c.actingArn === atom.arn) : [];
        const [p] = s3Problems(intent, sum, container, [], check.vocabulary);
        if (!p) continue; // nothing of this bucket
        found.push({
          ...finding(check, doc, sum, p, atom, who),
          kind: pinned.length ? 'door' : 'principal',
          message: pinned.length
            ? `${who} is granted${viaOther || ' directly'}, but its grant is only meant ${pinned.map(routeText).join(' and ')}`
            : `${who} is granted ${p.action}${viaOther}: no consumer of the config acts as this principal`,
        });
        continue;
      }
      if (door.kind === 'consumer-access-points') {
        for (const c of mine) {
          if (c.accessPoint?.vpc && !(sum.door.kind === 'access-points' && sum.door.vpcOnly)) {
            found.push({
              where: doc.where,
              sid: s.sid,
              kind: 'door',
              message: `${who} may come through ${c.accessPoint.name} from the Internet: that access point is meant for requests from its VPC only (s3:AccessPointNetworkOrigin)`,
            });
          }
          // The access point is the consumer's: re-created in another VPC, only aws:SourceVpc still holds.
          const vpcs = sum.door.kind === 'access-points' ? sum.door.sourceVpcs : 'any';
          if (
            c.accessPoint?.vpcId &&
            !c.accessPoint.producerOwned &&
            (vpcs === 'any' || vpcs.some((v) => v !== c.accessPoint!.vpcId))
          ) {
            found.push({
              where: doc.where,
              sid: s.sid,
              kind: 'door',
              message: `${who} may come through ${c.accessPoint.name} from ${vpcs === 'any' ? 'any VPC' : `VPC ${vpcs.filter((v) => v !== c.accessPoint!.vpcId).join(', ')}`}: that access point is meant for ${c.accessPoint.vpcId} only (aws:SourceVpc)`,
            });
          }
        }
      }
      found.push(
        ...s3Problems(intent, sum, container, mine, check.vocabulary, door.kind === 'consumer-access-points').map((p) =>
          finding(check, doc, sum, p, atom, who),
        ),
      );
    }
    out.push(...check.dedupe(found).map((f) => (accepted ? { ...f, accepted } : f)));
  }
  return out;
}

const routeText = (c: IntendedConsumer) =>
  c.accessPoint ? `through access point ${c.accessPoint.name}${c.accessPoint.vpc ? ' (VPC only)' : ''}` : 'directly';

function finding(check: Check, doc: NamedDoc, sum: Summary, p: Problem, atom: Atom, who: string): Finding {
  const { intent } = check;
  const context: Record<string, string> = {};
  if (p.listPrefix !== undefined) context['s3:prefix'] = p.listPrefix;
  if (sum.door.kind === 'access-points') {
    const arn =
      sum.door.arns !== 'any'
        ? exampleOf(sum.door.arns[0])
        : accessPointArn(
            intent.partition,
            intent.config.region,
            sum.door.accounts === 'any' ? check.stranger : sum.door.accounts[0],
            'verify-witness',
          );
    context['s3:DataAccessPointArn'] = arn;
    context['s3:DataAccessPointAccount'] = arn.split(':')[4];
    context['s3:AccessPointNetworkOrigin'] = sum.door.vpcOnly ? 'VPC' : 'Internet';
    if (sum.door.sourceVpcs !== 'any') context['aws:SourceVpc'] = sum.door.sourceVpcs[0];
  }
  const witness = {
    principal: principalOf(atom, intent.partition, check.stranger),
    action: p.action,
    resource: p.resource,
    ...(context['s3:DataAccessPointArn'] ? { accessPoint: context['s3:DataAccessPointArn'] } : {}),
    context: contextFor(sum.stmt, context),
  };
  return { ...toFinding(doc.where, sum.stmt.sid, p, who, witness), witness };
}
