/**
 * Every document of a plan measured against AWS's limits, and the error that
 * stops synth when one does not fit: naming the document, its size, the limit,
 * and only the remedies the config has not already taken.
 */
import type { Config } from '../config';
import { DocumentSize, formatSize, LIMITS, Limits, measure, overLimit, PolicyDocument, SizedKind } from '../policy';
import type { Documents } from './documents';

export function documentSizes(config: Config, docs: Documents, limits: Limits = LIMITS): DocumentSize[] {
  const out: DocumentSize[] = [];
  const producer = config.producer.accountId;
  const add = (
    kind: SizedKind,
    name: string,
    account: string,
    doc: PolicyDocument | number,
    side: 'producer' | 'consumer' = 'producer',
  ) =>
    out.push({
      kind,
      name,
      account,
      side,
      size: typeof doc === 'number' ? doc : measure(doc, limits[kind].unit),
      limit: limits[kind].limit,
      unit: limits[kind].unit,
    });
  add('bucket', `bucket policy of ${config.producer.bucket.name}`, producer, docs.bucketPolicy);
  if (docs.keyPolicy) add('key', 'key policy of the bucket key', producer, docs.keyPolicy);
  for (const ap of docs.accessPoints) {
    add(
      'access-point',
      `policy of access point ${ap.name}`,
      ap.accountId,
      ap.policy,
      ap.accountId === producer ? 'producer' : 'consumer',
    );
  }
  for (const r of docs.producerRoles) {
    add('trust', `trust policy of role ${r.name} in ${producer}`, producer, r.trust);
    add('role-inline', `inline policies of role ${r.name} in ${producer}`, producer, r.permissions);
  }
  // Consumers sharing a role add up against that role's one inline-policy limit.
  const byRole = new Map<string, { account: string; name: string; size: number }>();
  config.consumers.forEach((c, i) => {
    const p = docs.consumers[i];
    if (p.trust)
      add('trust', `trust policy of role ${c.role.name} in ${c.accountId}`, c.accountId, p.trust, 'consumer');
    const k = `${c.accountId}/${c.role.name}`;
    const r = byRole.get(k) ?? { account: c.accountId, name: c.role.name, size: 0 };
    r.size += measure(p.identity, 'characters');
    byRole.set(k, r);
  });
  for (const r of byRole.values()) {
    add('role-inline', `inline policies of role ${r.name} in ${r.account}`, r.account, r.size, 'consumer');
  }
  return out;
}

/** What to do about a document too large, leaving out what the config already does. */
export function remedyFor(config: Config, s: DocumentSize): string {
  const b = config.producer.bucket;
  const enc = b.encryption;
  const options: string[] = [];
  if (s.kind === 'bucket') {
    if (b.overflow !== 'access-points') {
      options.push(
        'set producer.bucket.overflow to "access-points" (direct consumers that do not fit move to access points of the producer account)',
      );
    }
    options.push('give consumers the same access level and prefixes so their statements merge');
    if (b.overflow === 'access-points') {
      options.push(
        "give access-point consumers the producer's own access points (leave out accessPointAccountId: those cost the bucket policy nothing), or shorten producer.bucket.policyStatements",
      );
    }
  } else if (s.kind === 'key') {
    if (enc.type === 'kms' && enc.keyGrants !== 'accounts') {
      // The snippet to paste, from the config's own encryption settings: nothing to retype.
      const snippet = JSON.stringify({ ...enc, keyGrants: 'accounts' });
      options.push(
        `set encryption.keyGrants to "accounts" (the key policy then names consumer accounts, the roles get the key through their identity policies; S3 still decides what data each role reads): write "encryption": ${snippet} in producer.bucket`,
      );
    }
    options.push('give consumers of one account the same prefixes, or spread consumers over more buckets and keys');
  } else options.push(LIMITS[s.kind].remedy);
  return options.join('; or ');
}

export class PolicySizeError extends Error {
  constructor(
    config: Config,
    readonly over: DocumentSize[],
  ) {
    super(
      `policies over AWS limits:\n${over
        .map(
          (s) => `  - ${s.name}: ${formatSize(s)} exceeds the ${LIMITS[s.kind].rule}. Remedy: ${remedyFor(config, s)}.`,
        )
        .join('\n')}`,
    );
    this.name = 'PolicySizeError';
  }
}

export function assertFits(config: Config, sizes: DocumentSize[]): void {
  const over = overLimit(sizes);
  if (over.length > 0) throw new PolicySizeError(config, over);
}
