/**
 * The policy model: plain data, no cdktf. A Statement is the internal form;
 * render.ts turns a list of them into the JSON document AWS reads.
 */

/** operator -> condition key -> values */
export type Conditions = Record<string, Record<string, string[]>>;

export interface Principals {
  AWS?: string[];
  Service?: string[];
}

export interface Statement {
  /** A fixed Sid (system statements: never merged, never renamed). */
  fixedSid?: string;
  /** Whose grant this is (consumer names, PascalCase), and what it does ("Read", "List"): the Sid is made from both. */
  owners: string[];
  parts: string[];
  effect: 'Allow' | 'Deny';
  /** Resource and trust policies only; "*" for everyone. */
  principals?: Principals | '*';
  /**
   * Exact principal ARNs, rendered as `ArnEquals aws:PrincipalArn`: the principal
   * itself is then the account root, so the policy is valid before the role exists
   * and keeps working when the role is re-created (DESIGN.md, "Principals that may not exist yet").
   */
  pinnedArns?: string[];
  actions: string[];
  resources: string[];
  conditions: Conditions;
}

const sortedUnique = (xs: readonly string[]) => [...new Set(xs)].sort();

/** Sorted, de-duplicated copy: equal statements compare equal as JSON. */
export function normalizeStatement(s: Statement): Statement {
  const conditions: Conditions = {};
  for (const op of Object.keys(s.conditions).sort()) {
    const keys: Record<string, string[]> = {};
    for (const key of Object.keys(s.conditions[op]).sort()) keys[key] = sortedUnique(s.conditions[op][key]);
    if (Object.keys(keys).length > 0) conditions[op] = keys;
  }
  let principals: Statement['principals'];
  if (s.principals === '*') principals = '*';
  else if (s.principals) {
    principals = {};
    if (s.principals.AWS?.length) principals.AWS = sortedUnique(s.principals.AWS);
    if (s.principals.Service?.length) principals.Service = sortedUnique(s.principals.Service);
  }
  return {
    ...(s.fixedSid ? { fixedSid: s.fixedSid } : {}),
    owners: sortedUnique(s.owners),
    parts: sortedUnique(s.parts),
    effect: s.effect,
    ...(principals ? { principals } : {}),
    ...(s.pinnedArns?.length ? { pinnedArns: sortedUnique(s.pinnedArns) } : {}),
    actions: sortedUnique(s.actions),
    resources: sortedUnique(s.resources),
    conditions,
  };
}

export function allow(
  fields: Omit<Statement, 'effect' | 'conditions' | 'owners'> & Partial<Pick<Statement, 'conditions' | 'owners'>>,
): Statement {
  return normalizeStatement({ effect: 'Allow', conditions: {}, owners: [], ...fields });
}

/** Adds condition values (same operator and key: values are OR-ed by IAM, so only add where that is meant). */
export function withCondition(s: Statement, op: string, key: string, values: string[]): Statement {
  const conditions: Conditions = {
    ...s.conditions,
    [op]: { ...(s.conditions[op] ?? {}), [key]: [...(s.conditions[op]?.[key] ?? []), ...values] },
  };
  return normalizeStatement({ ...s, conditions });
}

export function withOwner(s: Statement, owner: string): Statement {
  return normalizeStatement({ ...s, owners: [owner] });
}
