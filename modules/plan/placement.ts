/**
 * Overflow: with producer.bucket.overflow "access-points", direct consumers that
 * do not fit in the bucket policy move to access points of the producer account.
 *
 * Stable by construction: consumers are placed one at a time in the order the
 * config lists them, each kept direct when it still fits beside those placed
 * before it; the delegation that moved consumers need is reserved up front at its
 * largest. So a consumer added at the end of the list never moves one already
 * there. Sizes come from a running model of the document (policy/size-model.ts),
 * not from rendering it again for every consumer.
 */
import type { Config, Consumer } from '../config';
import { accessPointName } from '../naming';
import {
  ALL_DELEGATED,
  bucketPolicyParts,
  Contribution,
  delegation,
  DocumentSizeModel,
  mergePerPrincipal,
  renderStatement,
  Share,
  sidOf,
  Statement,
} from '../policy';

export interface Placement {
  /** Consumers as routed: the moved ones on an access point of the producer account. */
  consumers: Consumer[];
  /** Names of the consumers moved, in config order. */
  moved: string[];
}

/** A direct consumer moved to an access point of the producer account. */
export const toAccessPoint = (config: Config, c: Consumer): Consumer => ({
  ...c,
  method: 'access-point',
  accessPoint: { name: accessPointName(config.producer.bucket.name, c.name), accountId: config.producer.accountId },
});

const pinOf = (s: Statement) => (s.principal?.kind === 'pinned' ? s.principal.arns[0] : '');

/** The consumers that stay direct, placed in config order within `limit` bytes of bucket policy. */
export function placeConsumers(share: Share, limit: number): Placement {
  const { config } = share;
  if (config.producer.bucket.overflow !== 'access-points') return { consumers: [...share.consumers], moved: [] };
  const parts = bucketPolicyParts({
    ...share,
    consumers: share.consumers.filter((c) => c.accessPoint?.accountId !== config.producer.accountId),
  });
  const reserve = delegation({ ...share, delegation: 'pattern' }, [], ALL_DELEGATED(config));
  const fixedTexts = [...parts.fixed, reserve].map((s) => JSON.stringify(renderStatement(s, sidOf(s))));
  const model = new DocumentSizeModel([...fixedTexts, ...parts.extra.map((e) => JSON.stringify(e))]);

  // Statements are merged per role first: a role's grants from several consumers become its contribution.
  const members = new Map<string, Statement[]>();
  const contributions = new Map<string, Contribution>();
  const place = (statements: readonly Statement[]): (() => void) | undefined => {
    const role = pinOf(statements[0]);
    const before = contributions.get(role) ?? [];
    const after = mergePerPrincipal([...(members.get(role) ?? []), ...statements]);
    model.apply(before, -1);
    model.apply(after, 1);
    const commit = () => {
      members.set(role, [...(members.get(role) ?? []), ...statements]);
      contributions.set(role, after);
    };
    if (model.bytes <= limit) return commit;
    model.apply(after, -1);
    model.apply(before, 1);
    return undefined;
  };
  // Grants that never move come first: they are there whatever is placed.
  const byRole = new Map<string, Statement[]>();
  for (const s of parts.pinned) byRole.set(pinOf(s), [...(byRole.get(pinOf(s)) ?? []), s]);
  for (const statements of byRole.values()) {
    const role = pinOf(statements[0]);
    const after = mergePerPrincipal(statements);
    model.apply(after, 1);
    members.set(role, statements);
    contributions.set(role, after);
  }

  const moved = new Set<string>();
  for (const c of [...share.consumers].sort((a, b) => a.index - b.index)) {
    const statements = parts.direct.get(c.name);
    if (!statements) continue;
    const commit = place(statements);
    if (commit) commit();
    else moved.add(c.name);
  }
  return {
    consumers: share.consumers.map((c) => (moved.has(c.name) ? toAccessPoint(config, c) : c)),
    moved: [...share.consumers]
      .filter((c) => moved.has(c.name))
      .sort((a, b) => a.index - b.index)
      .map((c) => c.name),
  };
}
