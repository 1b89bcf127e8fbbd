/**
 * The log buckets' policies: part of the intent like the shared bucket's. A log
 * bucket admits one AWS service, writing its logs under its own path, for this
 * account's bucket or trail only (aws:SourceAccount, aws:SourceArn: no confused
 * deputy), and denies plain HTTP. Anyone else reading or writing there is a finding.
 */
import { bucketArn, trailArn } from '../../naming';
import type { NamedDoc } from '../deployed';
import { bucketSpecs } from '../shape';
import type { Check } from './context';
import type { Finding } from './findings';
import { confinedTo } from './patterns';
import { describeAtom } from './principals';
import { deniesInsecureTransport } from './posture';
import { ARN_MATCH, restriction, statementsOf, STRING_MATCH } from './statements';
import { summarize } from './summary';
import { contextFor, principalOf } from './witness';

interface Delivery {
  service: string;
  /** Action -> the resource pattern every resource of it must stay within. */
  grants: Record<string, string>;
  /** Condition key -> the one value it must be bound to. */
  source: Record<string, string>;
}

function deliveryOf(check: Check, role: string, name: string): Delivery | undefined {
  const { config } = check.intent;
  const arn = bucketArn(config.partition, name);
  const producer = config.producer.accountId;
  if (role === 'access-logs')
    return {
      service: 'logging.s3.amazonaws.com',
      grants: { 's3:PutObject': `${arn}/${config.producer.bucket.accessLogging?.prefix ?? ''}` },
      source: { 'aws:sourcearn': check.intent.bucketArn, 'aws:sourceaccount': producer },
    };
  const trail = config.producer.audit?.cloudTrail;
  if (role === 'trail-logs' && trail)
    return {
      service: 'cloudtrail.amazonaws.com',
      grants: { 's3:GetBucketAcl': arn, 's3:PutObject': `${arn}/AWSLogs/${producer}/` },
      source: { 'aws:sourcearn': trailArn(config.partition, config.region, producer, trail.name) },
    };
  return undefined;
}

export function checkLogBuckets(check: Check): Finding[] {
  const specs = new Map(bucketSpecs(check.intent.config, check.deployed.keyArn).map((s) => [s.name, s]));
  return check.deployed.otherBucketPolicies.flatMap(({ bucket, doc }) => {
    const spec = specs.get(bucket);
    const delivery = spec && deliveryOf(check, spec.role, bucket);
    return delivery ? logBucketPolicy(check, doc, bucket, delivery) : []; // another bucket: the shape check names it
  });
}

function logBucketPolicy(check: Check, doc: NamedDoc, bucket: string, d: Delivery): Finding[] {
  const { intent } = check;
  const arn = bucketArn(intent.partition, bucket);
  const out: Finding[] = [];
  const statements = statementsOf(doc.doc);
  if (!statements.some((s) => deniesInsecureTransport(s, arn)))
    out.push({
      where: doc.where,
      sid: '-',
      kind: 'posture',
      message: `the policy of log bucket ${bucket} does not deny every request over plain HTTP (aws:SecureTransport false)`,
    });
  for (const s of statements.filter((x) => x.effect === 'Allow')) {
    const sum = summarize(s, check.vocabulary);
    const actions = sum.actions === 'all' ? ['*'] : [...sum.actions];
    const unbound = Object.entries(d.source).filter(
      ([key, value]) =>
        !restriction(s, key, [...ARN_MATCH, ...STRING_MATCH]).some((v) => v.length === 1 && v[0] === value),
    );
    for (const atom of sum.atoms) {
      const who = describeAtom(atom);
      const fail = (kind: Finding['kind'], message: string, action: string, resource: string) =>
        out.push({
          where: doc.where,
          sid: s.sid,
          kind,
          message: `${who}: ${message}`,
          witness: {
            principal: principalOf(atom, intent.partition, check.stranger),
            action,
            resource,
            context: contextFor(s, {}),
          },
        });
      if (atom.kind !== 'service' || atom.name !== d.service) {
        fail(
          'principal',
          `is admitted to log bucket ${bucket}, which only ${d.service} may write to`,
          actions[0],
          `${arn}/verify`,
        );
        continue;
      }
      for (const a of actions) {
        const within = Object.entries(d.grants).find(([action]) => a.toLowerCase() === action.toLowerCase());
        const outside = sum.resources.find((r) => !within || !(r === within[1] || confinedTo(r, within[1])));
        if (outside) fail('action', `${a} on ${outside} of log bucket ${bucket}, beyond its log delivery`, a, outside);
      }
      if (unbound.length)
        fail(
          'principal',
          `may write to log bucket ${bucket} for any account's ${unbound.map(([k]) => k).join(' and ')} (confused deputy)`,
          actions[0],
          `${arn}/verify`,
        );
    }
  }
  return check.dedupe(out);
}
