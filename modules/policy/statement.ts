/**
 * The policy model: plain, read-only data, no cdktf. A Statement is the
 * internal form; render.ts turns a list of them into the JSON document AWS reads.
 * The constructors here are the only way statements are made, so each keeps
 * its invariants: sorted, de-duplicated lists; a principal that carries its pin.
 */

/** operator -> condition key -> values */
export type Conditions = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/**
 * Who a resource or trust policy names. A role is never named by its ARN: the
 * account root is the Principal and the role is pinned with `ArnEquals
 * aws:PrincipalArn`, so the policy is valid before the role exists and keeps
 * working when it is re-created.
 */
export type Principal =
  | { readonly kind: 'any' }
  | { readonly kind: 'accounts'; readonly accounts: readonly string[] }
  | { readonly kind: 'pinned'; readonly accounts: readonly string[]; readonly arns: readonly string[] }
  | { readonly kind: 'services'; readonly services: readonly string[] };

/** A fixed Sid, or the owners (PascalCase consumer names) and parts ("Read", "List") a readable Sid is made of. */
export type SidSpec =
  { readonly fixed: string } | { readonly owners: readonly string[]; readonly parts: readonly string[] };

export interface Statement {
  readonly sid: SidSpec;
  readonly effect: 'Allow' | 'Deny';
  /** Resource and trust policies only. */
  readonly principal?: Principal;
  readonly actions: readonly string[];
  /** Empty in trust policies only. */
  readonly resources: readonly string[];
  readonly conditions: Conditions;
}

/** The condition that carries role pins: never written by hand, so a pin is never overwritten. */
export const PIN_OPERATOR = 'ArnEquals';
export const PIN_KEY = 'aws:PrincipalArn';

/** Sorted and without duplicates; a list already so is returned as it is (most are: no garbage to collect). */
function sortedUnique(xs: readonly string[]): readonly string[] {
  for (let i = 1; i < xs.length; i++) if (!(xs[i - 1] < xs[i])) return [...new Set(xs)].sort();
  return xs;
}

/** Whether conditions are as normalizeConditions leaves them: operators and keys sorted, values sorted-unique. */
function isNormalized(c: Conditions): boolean {
  let previousOp = '';
  for (const op in c) {
    if (!(previousOp < op)) return false;
    previousOp = op;
    let previousKey = '';
    let keys = 0;
    for (const key in c[op]) {
      if (!(previousKey < key) || (op === PIN_OPERATOR && key === PIN_KEY)) return false;
      previousKey = key;
      keys++;
      if (sortedUnique(c[op][key]) !== c[op][key]) return false;
    }
    if (keys === 0) return false;
  }
  return true;
}

/** The conditions of a statement without any: one object, so that statements compare theirs by identity first. */
const NO_CONDITIONS: Conditions = Object.freeze({});

function normalizeConditions(c: Conditions): Conditions {
  // Most are already normalized (made from a statement that was): kept, not copied.
  if (isNormalized(c)) return isEmpty(c) ? NO_CONDITIONS : c;
  const out: Record<string, Record<string, readonly string[]>> = {};
  for (const op of Object.keys(c).sort()) {
    const keys: Record<string, readonly string[]> = {};
    for (const key of Object.keys(c[op]).sort()) {
      if (op === PIN_OPERATOR && key === PIN_KEY) {
        throw new Error(
          'aws:PrincipalArn pins are carried by the principal ({ kind: "pinned" }), not written as a condition',
        );
      }
      keys[key] = sortedUnique(c[op][key]);
    }
    if (Object.keys(keys).length > 0) out[op] = keys;
  }
  return isEmpty(out) ? NO_CONDITIONS : out;
}

function isEmpty(c: Conditions): boolean {
  for (const _ in c) return false;
  return true;
}

function normalizePrincipal(p: Principal): Principal {
  switch (p.kind) {
    case 'any':
      return p;
    case 'accounts': {
      const accounts = sortedUnique(p.accounts);
      return accounts === p.accounts ? p : { kind: 'accounts', accounts };
    }
    case 'pinned': {
      const accounts = sortedUnique(p.accounts);
      const arns = sortedUnique(p.arns);
      return accounts === p.accounts && arns === p.arns ? p : { kind: 'pinned', accounts, arns };
    }
    case 'services': {
      const services = sortedUnique(p.services);
      return services === p.services ? p : { kind: 'services', services };
    }
  }
}

function normalizeSid(s: SidSpec): SidSpec {
  if ('fixed' in s) return s;
  const owners = sortedUnique(s.owners);
  const parts = sortedUnique(s.parts);
  return owners === s.owners && parts === s.parts ? s : { owners, parts };
}

/** A statement made here: sorted and de-duplicated, never normalized twice (a class: the check is cheap). */
class Normalized implements Statement {
  readonly sid: SidSpec;
  readonly effect: 'Allow' | 'Deny';
  readonly principal?: Principal;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly conditions: Conditions;

  /** `from`: a statement made here that `s` was derived from: the parts `s` took from it as they were are kept. */
  constructor(s: Statement, from?: Normalized) {
    this.sid = from && s.sid === from.sid ? s.sid : normalizeSid(s.sid);
    this.effect = s.effect;
    if (s.principal)
      this.principal = from && s.principal === from.principal ? s.principal : normalizePrincipal(s.principal);
    this.actions = from && s.actions === from.actions ? s.actions : sortedUnique(s.actions);
    this.resources = from && s.resources === from.resources ? s.resources : sortedUnique(s.resources);
    this.conditions = from && s.conditions === from.conditions ? s.conditions : normalizeConditions(s.conditions);
  }
}

/** Sorted, de-duplicated copy: equal statements compare equal as JSON. Parts already so are shared, not copied. */
export function statement(s: Statement): Statement {
  return s instanceof Normalized ? s : new Normalized(s);
}

/** `s` with some parts changed: only those are normalized when `s` was made here (no spread: it is hot). */
function derived(s: Statement, changes: Partial<Pick<Statement, 'sid' | 'principal' | 'conditions'>>): Statement {
  const next: Statement = {
    sid: changes.sid ?? s.sid,
    effect: s.effect,
    principal: 'principal' in changes ? changes.principal : s.principal,
    actions: s.actions,
    resources: s.resources,
    conditions: changes.conditions ?? s.conditions,
  };
  return new Normalized(next, s instanceof Normalized ? s : undefined);
}

interface Body {
  actions: readonly string[];
  resources: readonly string[];
  conditions?: Conditions;
}

/** An Allow without principal (an identity statement, or a grant a principal is added to). */
export function allow(parts: readonly string[], body: Body): Statement {
  return statement({ sid: { owners: [], parts }, effect: 'Allow', conditions: {}, ...body });
}

/** A statement with a fixed Sid: system statements, never renamed (they may still merge with nothing). */
export function fixed(sid: string, effect: 'Allow' | 'Deny', body: Body & { principal?: Principal }): Statement {
  return statement({ sid: { fixed: sid }, effect, conditions: {}, ...body });
}

/** Adds condition values (same operator and key: IAM ORs the values, so only add where that is meant). */
export function withCondition(s: Statement, op: string, key: string, values: readonly string[]): Statement {
  const current = s.conditions[op]?.[key] ?? [];
  return derived(s, {
    conditions: { ...s.conditions, [op]: { ...(s.conditions[op] ?? {}), [key]: [...current, ...values] } },
  });
}

/** Names the principal and the owner the Sid is made from. */
export function withPrincipal(s: Statement, principal: Principal, owner?: string): Statement {
  const sid = 'fixed' in s.sid || owner === undefined ? s.sid : { owners: [owner], parts: s.sid.parts };
  return derived(s, { principal, sid });
}

export function withParts(s: Statement, ...parts: string[]): Statement {
  return 'fixed' in s.sid ? s : derived(s, { sid: { owners: s.sid.owners, parts: [...s.sid.parts, ...parts] } });
}

export type DocumentKind = 'resource' | 'identity' | 'trust';

/**
 * The grammar each kind of document requires, checked when a document is
 * rendered: a mistake here is a bug in the generator, caught before verify runs.
 */
export function validateFor(kind: DocumentKind, s: Statement): void {
  const fail = (rule: string) => {
    const where = `statement ${'fixed' in s.sid ? s.sid.fixed : s.sid.parts.join('')}`;
    throw new Error(`${where} is not valid in a ${kind} policy: ${rule}`);
  };
  if (s.actions.length === 0) fail('no actions');
  if (kind === 'identity' && s.principal) fail('an identity policy names no principal');
  if (kind !== 'identity' && !s.principal) fail('a principal is required');
  if (kind === 'trust') {
    if (s.resources.length > 0) fail('a trust policy has no resources');
    if (s.actions.some((a) => !a.startsWith('sts:'))) fail('a trust policy allows sts actions only');
  } else if (s.resources.length === 0) fail('resources are required');
  const p = s.principal;
  if (p && p.kind !== 'any' && (p.kind === 'services' ? p.services : p.accounts).length === 0)
    fail('an empty principal');
  if (p?.kind === 'pinned' && p.arns.length === 0) fail('a pinned principal without pins');
}
