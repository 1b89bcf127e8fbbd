/**
 * Consumers of an intent by the ARNs verify looks them up by: each lookup is
 * then constant time, so checking every role, access point and probe stays
 * linear in the number of consumers (10,000 and more).
 */
import type { IntendedConsumer, Intent } from './intent';

export interface IntentIndex {
  /** By the consumer's own role ARN. */
  byRole: ReadonlyMap<string, readonly IntendedConsumer[]>;
  /** By the role that acts on the bucket: its own, or the producer role it assumes. */
  byActing: ReadonlyMap<string, readonly IntendedConsumer[]>;
  /** By the ARN of the access point it is routed through. */
  byAccessPoint: ReadonlyMap<string, IntendedConsumer>;
}

const memo = new WeakMap<Intent, IntentIndex>();

function group(consumers: readonly IntendedConsumer[], key: (c: IntendedConsumer) => string | undefined) {
  const out = new Map<string, IntendedConsumer[]>();
  for (const c of consumers) {
    const k = key(c);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(c);
    else out.set(k, [c]);
  }
  return out;
}

/** The index of an intent, built once (an intent is never changed after intentOf). */
export function indexOf(intent: Intent): IntentIndex {
  let index = memo.get(intent);
  if (!index) {
    const byAccessPoint = new Map<string, IntendedConsumer>();
    // The first consumer routed through an access point names it, as a find() over the list would.
    for (const c of intent.consumers)
      if (c.accessPoint && !byAccessPoint.has(c.accessPoint.arn)) byAccessPoint.set(c.accessPoint.arn, c);
    index = {
      byRole: group(intent.consumers, (c) => c.roleArn),
      byActing: group(intent.consumers, (c) => c.actingArn),
      byAccessPoint,
    };
    memo.set(intent, index);
  }
  return index;
}

export const NONE: readonly IntendedConsumer[] = [];
