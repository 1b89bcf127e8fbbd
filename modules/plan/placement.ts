/**
 * Overflow: with producer.bucket.overflow "access-points", direct consumers that
 * do not fit in the bucket policy move to access points of the producer account.
 *
 * Sticky without state: a consumer's place depends on its own entry and its
 * position in the list, never on another consumer's grants. The room the bucket
 * policy has for direct grants (20 KB less the denies, the delegation reserved at
 * its largest and the grants through consumers' own access points) is cut into
 * slots of `overflowSlotBytes` (default 1,024) bytes, one per position of the
 * consumers list: the consumer at position i stays direct when i is below the
 * number of slots and its grants, measured alone, fit one slot. Widening one
 * consumer can move only that consumer; a consumer added at the end never moves
 * one already there. The price is room: grants that would merge with others are
 * still reserved a whole slot.
 */
import type { Config, Consumer } from '../config';
import { accessPointName } from '../naming';
import {
  ALL_DELEGATED,
  bucketPolicyParts,
  delegation,
  directGrants,
  DocumentSizeModel,
  mergePerPrincipal,
  renderStatement,
  Share,
  sidOf,
  Statement,
} from '../policy';

export const DEFAULT_SLOT_BYTES = 1024;

/**
 * Why a direct consumer is on an access point: its position is past the last slot (its grants are not measured:
 * nothing they could be changes that), or its grants exceed one.
 */
export type MovedConsumer =
  | { name: string; why: 'position' }
  | {
      name: string;
      why: 'size';
      /** Its grants measured alone, in bytes. */
      bytes: number;
    };

export interface Placement {
  /** Consumers as routed: the moved ones on an access point of the producer account. */
  consumers: Consumer[];
  /** Names of the consumers moved, in config order. */
  moved: string[];
  /** Each moved consumer and why, in config order. */
  reasons: MovedConsumer[];
  /** Slots of the bucket policy (positions 0 .. slots-1 of the consumers list may stay direct), and their size. */
  slots: number;
  slotBytes: number;
}

/** A direct consumer moved onto S3 Access Grants (overflow "access-grants"): out of the bucket and key policies. */
const toAccessGrant = (c: Consumer): Consumer => ({ ...c, method: 'access-grant' });

/** Where overflow moves a consumer, by producer.bucket.overflow. */
export const moverOf = (config: Config) =>
  config.producer.bucket.overflow === 'access-grants' ? toAccessGrant : (c: Consumer) => toAccessPoint(config, c);

/** A direct consumer moved to an access point of the producer account. */
const toAccessPoint = (config: Config, c: Consumer): Consumer => ({
  ...c,
  method: 'access-point',
  accessPoint: { name: accessPointName(config.producer.bucket.name, c.name), accountId: config.producer.accountId },
});

const pinOf = (s: Statement) => (s.principal?.kind === 'pinned' ? s.principal.arns[0] : '');
const textOf = (s: Statement) => JSON.stringify(renderStatement(s, sidOf(s)));

/** Bytes a principal's statements add to a document (its separator included), measured alone. */
function aloneBytes(statements: readonly Statement[]): number {
  const model = new DocumentSizeModel([]);
  const empty = model.bytes;
  model.apply(mergePerPrincipal([...statements]), 1);
  return model.bytes - empty + 1;
}

/**
 * The room the bucket policy keeps for direct grants, whatever they are: what the slots are cut from. The direct
 * consumers' own grants are not part of it (and are computed only for those placement measures).
 */
export function roomFor(share: Share, limit: number): number {
  const { config } = share;
  const parts = bucketPolicyParts(
    { ...share, consumers: share.consumers.filter((c) => c.accessPoint?.accountId !== config.producer.accountId) },
    undefined,
    { direct: false },
  );
  const reserve = delegation({ ...share, delegation: 'pattern' }, [], ALL_DELEGATED(config));
  const model = new DocumentSizeModel([
    ...[...parts.fixed, reserve].map(textOf),
    ...parts.extra.map((e) => JSON.stringify(e)),
  ]);
  const byRole = new Map<string, Statement[]>();
  for (const s of parts.pinned) {
    const held = byRole.get(pinOf(s));
    if (held) held.push(s);
    else byRole.set(pinOf(s), [s]);
  }
  for (const statements of byRole.values()) model.apply(mergePerPrincipal(statements), 1);
  return limit - model.bytes;
}

/** The consumers that stay direct: those of a slot whose grants fit it. */
export function placeConsumers(share: Share, limit: number): Placement {
  const { config } = share;
  const slotBytes = config.producer.bucket.overflowSlotBytes ?? DEFAULT_SLOT_BYTES;
  if (config.producer.bucket.overflow === 'fail')
    return { consumers: [...share.consumers], moved: [], reasons: [], slots: 0, slotBytes };
  const slots = Math.max(0, Math.floor(roomFor(share, limit) / slotBytes));
  const reasons: MovedConsumer[] = [];
  for (const c of [...share.consumers].sort((a, b) => a.index - b.index)) {
    // Direct consumers: those the bucket policy grants (not access points, access grants nor assume-role).
    if (c.method !== 'direct' || c.accessPoint) continue;
    if (c.index >= slots) {
      reasons.push({ name: c.name, why: 'position' });
      continue;
    }
    const bytes = aloneBytes(directGrants(share, c));
    if (bytes > slotBytes) reasons.push({ name: c.name, why: 'size', bytes });
  }
  const moved = new Set(reasons.map((r) => r.name));
  return {
    consumers: share.consumers.map((c) => (moved.has(c.name) ? moverOf(config)(c) : c)),
    moved: reasons.map((r) => r.name),
    reasons,
    slots,
    slotBytes,
  };
}
