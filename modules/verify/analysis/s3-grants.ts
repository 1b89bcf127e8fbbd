/**
 * Whether what an S3 statement lets one principal do on one container (the
 * bucket, or an access point) stays within the grants of the consumers that
 * principal acts for: the actions of their levels, on keys under their prefixes,
 * listing under their prefixes.
 */
import { EVERY_LEVEL } from '../../config';
import type { IntendedConsumer, Intent } from '../intent';
import { s3ActionsOf } from '../intent';
import { PACK_OBJECT_ACTIONS } from '../packs';
import type { Finding, FindingKind, WitnessRequest } from './findings';
import { keyOutside, keysOf, keysWithin, listingWithin, reachesContainer } from './scope';
import type { Summary } from './summary';
import type { Actions } from './vocabulary';

export interface Container {
  arn: string;
  /** "/" for a bucket, "/object/" for an access point. */
  objectPart: string;
}

/** The S3 actions of the vocabulary a statement names (all of them for "*"). */
const s3Actions = (a: Actions, vocabulary: readonly string[]) =>
  [...(a === 'all' ? vocabulary : a)].filter((x) => x.startsWith('s3:'));

export interface Problem {
  kind: FindingKind;
  message: string;
  action: string;
  resource: string;
  listPrefix?: string;
}

/** Every way the statement exceeds the grants of `consumers` (none: within them). */
export function s3Problems(
  intent: Intent,
  sum: Summary,
  container: Container,
  consumers: readonly IntendedConsumer[],
  vocabulary: readonly string[],
  /** Requests through an access point (the container's own form, unless a bucket statement admits them so). */
  viaAccessPoint = container.objectPart !== '/',
): Problem[] {
  const o = { versioning: intent.versioning, legacyAcl: intent.legacyAcl };
  const keys = sum.resources
    .map((p) => keysOf(p, container.arn, container.objectPart))
    .filter((k): k is string => k !== undefined);
  const onContainer = sum.resources.some((p) => reachesContainer(p, container.arn));
  const object = (k: string, prefixes: readonly string[]) =>
    `${container.arn}${container.objectPart}${keyOutside(k, prefixes)}`;
  const all = consumers.flatMap((c) => c.prefixes);
  const out: Problem[] = [];
  for (const action of s3Actions(sum.actions, vocabulary)) {
    const holders = consumers.filter((c) => {
      const a = s3ActionsOf(c.level, o, c.packs, viaAccessPoint);
      return [...a.object, ...a.listing, ...a.bucket].includes(action);
    });
    const isObject = [
      ...s3ActionsOf(EVERY_LEVEL, { versioning: true, legacyAcl: true }).object,
      ...PACK_OBJECT_ACTIONS,
    ].includes(action);
    const listing = action === 's3:ListBucket' || action === 's3:ListBucketVersions';
    if (isObject || (!listing && action !== 's3:GetBucketLocation' && keys.length && !onContainer)) {
      for (const k of keys) {
        if (holders.some((c) => keysWithin(k, c.prefixes))) continue;
        out.push({
          kind: holders.length ? 'object-key' : 'action',
          message: holders.length
            ? `${action} on keys "${k}", outside the granted prefixes (${holders.flatMap((c) => c.prefixes).join(', ') || 'none'})`
            : `${action} on ${container.arn}${container.objectPart}${k}, which no grant of this principal includes`,
          action,
          resource: object(k, all),
        });
      }
    } else if (onContainer) {
      if (listing && holders.some((c) => listingWithin(sum.listPrefixes, c.prefixes))) continue;
      if (!listing && holders.length) continue;
      const prefix = sum.listPrefixes === 'any' ? '' : sum.listPrefixes[0].replace(/[*?].*$/, '');
      out.push({
        kind: listing && holders.length ? 'listing' : 'action',
        message:
          listing && holders.length
            ? `${action} with ${sum.listPrefixes === 'any' ? 'any s3:prefix' : `s3:prefix ${sum.listPrefixes.join(', ')}`}, beyond the granted prefixes (${holders.flatMap((c) => c.prefixes).join(', ')})`
            : `${action} on ${container.arn}, which no grant of this principal includes`,
        action,
        resource: container.arn,
        ...(listing ? { listPrefix: prefix === '' ? 'verify-outside/' : prefix } : {}),
      });
    }
  }
  return out;
}

export const toFinding = (where: string, sid: string, p: Problem, who: string, witness?: WitnessRequest): Finding => ({
  where,
  sid,
  kind: p.kind,
  message: `${who}: ${p.message}`,
  ...(witness ? { witness } : {}),
});
