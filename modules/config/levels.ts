/**
 * The access levels, in one table: their names (the config's enum, the config
 * type and the library's type derive from it), and whether each reads and writes.
 * What a level allows, action by action, is the policy module's (workflows.ts);
 * verify keeps its own action lists on purpose, and reads only this table.
 */
export const ACCESS_LEVELS = {
  read: { reads: true, writes: false },
  write: { reads: false, writes: true },
  'read-write': { reads: true, writes: true },
} as const;

export type AccessLevel = keyof typeof ACCESS_LEVELS;

/** The names, in table order: the config schema's enum. */
export const ACCESS_LEVEL_NAMES = Object.keys(ACCESS_LEVELS) as [AccessLevel, ...AccessLevel[]];

export const reads = (level: AccessLevel): boolean => ACCESS_LEVELS[level].reads;
export const writes = (level: AccessLevel): boolean => ACCESS_LEVELS[level].writes;

/** Whether `level` allows all that `other` allows (by what each reads and writes). */
export const holds = (level: AccessLevel, other: AccessLevel): boolean =>
  (reads(level) || !reads(other)) && (writes(level) || !writes(other));

/** The level that holds every other: "all levels" as a value (what any grant could be). */
export const EVERY_LEVEL: AccessLevel = (() => {
  const all = ACCESS_LEVEL_NAMES.find((l) => ACCESS_LEVEL_NAMES.every((o) => holds(l, o)));
  if (!all) throw new Error('the access-level table has no level holding every other');
  return all;
})();
