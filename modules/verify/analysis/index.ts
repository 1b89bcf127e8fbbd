/**
 * The complete check of an output against its config: every statement of every
 * resource, trust and identity policy, for any principal, action, object key and
 * value of the condition keys a requester controls; the bucket's posture; and
 * what the config does not explain. Sound by construction and conservative: what
 * it cannot prove within the config's grants is a finding, with a concrete
 * request the policy engine is asked to confirm.
 */
import type { Deployed } from '../deployed';
import type { Intent } from '../intent';
import { checkAccessGrants, grantees, locationRoleOf } from './access-grants';
import { checkAccessPoint } from './access-points';
import { checkBucketPolicy } from './bucket';
import { Check, dedupe } from './context';
import type { Finding } from './findings';
import { checkKeyPolicy } from './key';
import { checkLogBuckets } from './log-buckets';
import { checkPosture } from './posture';
import { checkRole, identity } from './roles';
import { checkUnexplained } from './unexplained';
import { loadVocabulary } from './vocabulary';
import { confirm } from './witness';

export type { Finding, FindingKind, WitnessRequest } from './findings';

/**
 * Statements the config holds as written (producer.bucket.policyStatements), by
 * their JSON: accepted, with the reason the config gives when it acknowledges a
 * widening (producer.bucket.acknowledgedStatements).
 */
function acceptedStatements(intent: Intent): (raw: Record<string, unknown>) => string | undefined {
  const bucket = intent.config.producer.bucket;
  const held = new Map(bucket.policyStatements.map((s) => [JSON.stringify(s), s.Sid]));
  return (raw) => {
    const sid = held.get(JSON.stringify(raw));
    if (sid === undefined) return undefined;
    const reason = bucket.acknowledgedStatements?.[sid];
    return reason
      ? `acknowledged in the config: ${reason}`
      : `written in producer.bucket.policyStatements (Sid ${sid})`;
  };
}

export async function analyze(intent: Intent, deployed: Deployed): Promise<Finding[]> {
  const check: Check = {
    intent,
    deployed,
    vocabulary: await loadVocabulary(),
    knownAccessPoints: [
      ...new Set([
        ...[...deployed.accessPoints.values()].map((a) => a.arn),
        ...intent.consumers.flatMap((c) => (c.accessPoint ? [c.accessPoint.arn] : [])),
      ]),
    ].sort(),
    stranger: intent.stranger,
    accepted: acceptedStatements(intent),
    dedupe,
  };
  const locationRole = locationRoleOf(intent.config);
  const grantNames = new Set(grantees(check).map((c) => c.name));
  const findings: Finding[] = [
    ...deployed.bucketPolicies.flatMap((d) => checkBucketPolicy(check, d)),
    ...[...deployed.accessPoints.values()].flatMap((ap) => checkAccessPoint(check, ap)),
    ...(deployed.key ? checkKeyPolicy(check, deployed.key) : []),
    // The Access Grants part (the location role, the grantees' identity policies) has a proof of its own.
    ...[...deployed.roles.values()]
      .filter((r) => r.arn !== locationRole || grantNames.size === 0)
      .map((r) => ({
        ...r,
        identity: r.identity.filter((p) => p.managed || !grantNames.has(p.name.replace(/^cross-account-s3-/, ''))),
      }))
      .flatMap((r) => checkRole(check, r)),
    ...checkAccessGrants(check),
    ...intent.consumers.flatMap((c) => {
      if (grantNames.has(c.name)) return [];
      const doc = deployed.unmanagedIdentity.get(c.name);
      return doc ? identity(check, doc, c.roleArn, [c]) : [];
    }),
    ...deployed.foreignAttachments.map((a): Finding => ({
      where: a.where,
      sid: '-',
      kind: 'unexplained',
      message: `attaches ${a.policyArn}, a policy no stack of this output defines: what it grants is not read here`,
    })),
    ...checkPosture(check),
    ...checkLogBuckets(check),
    ...checkUnexplained(check),
  ];
  // Ask the engine about each witness against the document found too wide.
  const byWhere = new Map(deployed.documents.map((d) => [d.where, d]));
  for (const f of findings) {
    const doc = byWhere.get(f.where);
    if (!f.witness || !doc || doc.kind !== 'resource') continue;
    const account = f.witness.resource.startsWith('arn:')
      ? f.witness.resource.split(':')[4] || intent.producer
      : intent.producer;
    f.confirmed = await confirm(f.witness, doc.doc, account);
  }
  return findings;
}
