/**
 * The workflow packs, in one table: opt-in workflows of the engines data teams
 * run, on top of a consumer's level, on its prefixes. Here: their names (the
 * config's enum and the library's type derive from it), the level each needs,
 * and whether it deletes. The calls each pack makes, and so the actions it
 * grants, are the policy module's (workflows.ts); verify keeps its own.
 */
import { type AccessLevel, holds } from './levels';

export const PACKS = {
  /** Spark / EMR / Glue writers: the committer lists, reads back, copies and deletes its temporary objects. */
  'spark-writer': {
    needs: 'read-write',
    deletes: true,
    why: 'its committer lists, reads back and deletes what it wrote',
  },
  /** Athena's query results location: Athena writes results there and reads them back. */
  'athena-results': { needs: 'read-write', deletes: false, why: 'Athena writes query results and reads them back' },
  /** Glacier / Intelligent-Tiering archive tiers: restore a copy, then read it. */
  restore: { needs: 'read', deletes: false, why: 'a restored copy is there to be read' },
  /** GetObjectAttributes: an object's checksum, parts and size without its data. */
  'object-attributes': { needs: 'read', deletes: false, why: 'GetObjectAttributes is a read of the object' },
  /** Deleting objects under the prefixes (`aws s3 rm`), asked for on its own. */
  delete: { needs: 'write', deletes: true, why: 'deleting is a write' },
} as const satisfies Record<string, { needs: AccessLevel; deletes: boolean; why: string }>;

export type Pack = keyof typeof PACKS;

/** The names, in table order: the config schema's enum. */
export const PACK_NAMES = Object.keys(PACKS) as [Pack, ...Pack[]];

/** Whether a consumer of `level` may take `pack` (its level holds what the pack needs). */
export const packFits = (pack: Pack, level: AccessLevel): boolean => holds(level, PACKS[pack].needs);

/** Whether any of the packs deletes objects. */
export const deletes = (packs: readonly Pack[] = []): boolean => packs.some((p) => PACKS[p].deletes);

/** Why `pack` is refused on `level`, and what to write instead; null when it fits. */
export function packProblem(pack: Pack, level: AccessLevel): string | null {
  if (packFits(pack, level)) return null;
  const { needs, why } = PACKS[pack];
  const also = needs === 'read-write' ? '' : ' (or "read-write")';
  return `"${pack}" needs access "${needs}" (${why}), and this consumer has "${level}": write "access": "${needs}"${also}, or remove "${pack}" from "packs"`;
}
