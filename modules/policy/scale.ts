/**
 * Fitting a config into AWS's policy limits: measure; with
 * producer.bucket.overflow = "access-points", move the direct consumers that do
 * not fit in the bucket policy to access points of the producer account (delegated
 * per account, so they cost the bucket policy almost nothing); fail with the
 * remedy when a document still does not fit.
 */
import type { Config, Consumer } from '../config';
import { accessPointName } from '../naming';
import { bucketPolicy } from './documents';
import { DocumentSize, formatSize, LIMITS, Limits, measure, overLimit, policySizes } from './size';

export class PolicySizeError extends Error {
  constructor(readonly over: DocumentSize[]) {
    super(
      `policies over AWS limits:\n${over
        .map(
          (s) =>
            `  - ${s.name}: ${formatSize(s)} exceeds the ${LIMITS[s.kind].rule}. Remedy: ${LIMITS[s.kind].remedy}.`,
        )
        .join('\n')}`,
    );
    this.name = 'PolicySizeError';
  }
}

export interface Plan {
  config: Config;
  sizes: DocumentSize[];
  /** Direct consumers moved to access points to fit the bucket policy. */
  moved: string[];
  /** What the plan changed, in words (for the synth summary). */
  notes: string[];
}

function toAccessPoint(config: Config, c: Consumer): Consumer {
  return {
    ...c,
    method: 'access-point',
    accessPoint: { name: accessPointName(config.producer.bucket.name, c.name), accountId: config.producer.accountId },
  };
}

/** The config with the first `keep` direct consumers (by name) left direct, the rest on access points. */
function withDirect(config: Config, direct: Consumer[], keep: number): Config {
  const moved = new Set(direct.slice(keep).map((c) => c.name));
  return { ...config, consumers: config.consumers.map((c) => (moved.has(c.name) ? toAccessPoint(config, c) : c)) };
}

/** `limits` other than AWS's are for tests: small documents that overflow. */
export function planForLimits(config: Config, limits: Limits = LIMITS): Plan {
  const bucketFits = (c: Config) => measure(bucketPolicy(c), 'bytes') <= limits.bucket.limit;
  let sizes = policySizes(config, limits);
  let planned = config;
  let moved: string[] = [];
  if (
    config.producer.bucket.overflow === 'access-points' &&
    overLimit(sizes).some((s) => s.kind === 'bucket' || s.kind === 'key')
  ) {
    // First what costs no access: producer roles live in the bucket's account, where their identity policies suffice.
    planned = {
      ...config,
      producer: { ...config.producer, bucket: { ...config.producer.bucket, producerRolesByIdentityOnly: true } },
    };
    config = planned;
    const direct = config.consumers.filter((c) => c.method === 'direct');
    // The most direct consumers that still fit, by bisection: O(N log N), not one try per consumer.
    let [lo, hi] = [0, direct.length];
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (bucketFits(withDirect(config, direct, mid))) lo = mid;
      else hi = mid - 1;
    }
    planned = withDirect(config, direct, lo);
    moved = direct.slice(lo).map((c) => c.name);
    sizes = policySizes(planned, limits);
  }
  const over = overLimit(sizes);
  if (over.length > 0) throw new PolicySizeError(over);
  const notes: string[] = [];
  if (planned.producer.bucket.producerRolesByIdentityOnly)
    notes.push(
      'assume-role grants left out of the bucket and key policies (producer roles are granted by their identity policies, in the bucket account)',
    );
  if (moved.length) {
    const shown =
      moved.length > 10 ? `${moved.slice(0, 10).join(', ')} and ${moved.length - 10} more` : moved.join(', ');
    notes.push(`${moved.length} direct consumer(s) moved to access points of the producer account: ${shown}`);
  }
  return { config: planned, sizes, moved, notes };
}
