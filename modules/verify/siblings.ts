/**
 * Many buckets (docs/many-buckets.md): the other buckets of the config, as what their resources are. A shared
 * role's customer-managed policy holds the rights of every bucket granting it; each bucket's proof reads it
 * without the entries that name another bucket of the config (its bucket and objects, access points, key,
 * producer roles), since those can never match a request on this bucket, and the other bucket's proof reads
 * them. An entry no bucket owns (a wildcard across buckets, another service) stays, and is found.
 */
import { createHash } from 'crypto';
import type { Config } from '../config';
import { accessPointArn, bucketArn, roleArn } from '../naming';
import type { Doc } from './deployed';

export interface Sibling {
  /** The stack that creates its key (its producer stack), whose state a shared-roles stack reads. */
  producerStack: string;
  bucketArn: string;
  keyArn?: string;
  /** Access point ARNs and producer role ARNs: named exactly. */
  exact: Set<string>;
}

/** A stand-in ARN for a key another bucket's stack creates: unlike this bucket's, even in the same account. */
const keyStandIn = (config: Config, stack: string) =>
  `arn:${config.partition}:kms:${config.region}:${config.producer.accountId}:key/00000000-0000-4000-8000-${createHash(
    'sha256',
  )
    .update(stack)
    .digest('hex')
    .slice(0, 12)}`;

export function siblingOf(config: Config, producerStack: string): Sibling {
  const p = config.partition;
  const enc = config.producer.bucket.encryption;
  const exact = new Set<string>();
  for (const c of config.consumers) {
    if (c.accessPoint) exact.add(accessPointArn(p, config.region, c.accessPoint.accountId, c.accessPoint.name));
    if (c.producerRoleName) exact.add(roleArn(p, config.producer.accountId, c.producerRoleName));
  }
  return {
    producerStack,
    bucketArn: bucketArn(p, config.producer.bucket.name),
    ...(enc.type === 'kms' ? { keyArn: enc.keyArn ?? keyStandIn(config, producerStack) } : {}),
    exact,
  };
}

function owned(resource: string, siblings: readonly Sibling[]): boolean {
  return siblings.some(
    (s) =>
      resource === s.bucketArn ||
      resource.startsWith(`${s.bucketArn}/`) ||
      resource === s.keyArn ||
      s.exact.has(resource) ||
      [...s.exact].some((ap) => ap.includes(':accesspoint/') && resource.startsWith(`${ap}/`)),
  );
}

/**
 * The document without the resources other buckets own (never this bucket's own key: two buckets may share an
 * existing one); statements left with none are left out.
 */
export function withoutSiblings(doc: Doc, siblings: readonly Sibling[], ownKey?: string): Doc {
  if (siblings.length === 0) return doc;
  const Statement = doc.Statement.flatMap((s) => {
    const r = s.Resource;
    if (s.Effect !== 'Allow' || r === undefined || 'NotResource' in s) return [s];
    const list = (Array.isArray(r) ? r : [r]).map(String);
    const kept = list.filter((x) => x === ownKey || !owned(x, siblings));
    if (kept.length === list.length) return [s];
    return kept.length === 0 ? [] : [{ ...s, Resource: kept.length === 1 ? kept[0] : kept }];
  });
  return { ...doc, Statement };
}
