/**
 * A policy statement read as AWS reads it: lists normalized, condition
 * operators split into their parts, condition keys lower-cased (they are
 * case-insensitive), values as strings.
 */
import type { Doc } from '../deployed';

export interface Condition {
  /** As written, e.g. "ForAnyValue:StringLikeIfExists". */
  op: string;
  /** The operator without set prefix or IfExists, e.g. "StringLike". */
  base: string;
  negated: boolean;
  set?: 'ForAnyValue' | 'ForAllValues';
  ifExists: boolean;
  key: string;
  values: string[];
}

export interface Stmt {
  /** The Sid, or "#<index>" when it has none. */
  sid: string;
  effect: string;
  principal?: unknown;
  notPrincipal?: unknown;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  conditions: Condition[];
  /** The statement as written. */
  raw: Record<string, unknown>;
}

const list = (v: unknown): string[] | undefined =>
  v === undefined ? undefined : (Array.isArray(v) ? v : [v]).map((x) => String(x));

const NEGATED = /^(StringNot|ArnNot|NotIpAddress|NumericNotEquals|DateNotEquals)/;

function conditionsOf(raw: unknown): Condition[] {
  const out: Condition[] = [];
  for (const [op, keys] of Object.entries((raw ?? {}) as Record<string, Record<string, unknown>>)) {
    const set = op.startsWith('ForAnyValue:')
      ? 'ForAnyValue'
      : op.startsWith('ForAllValues:')
        ? 'ForAllValues'
        : undefined;
    const bare = op.replace(/^(ForAnyValue|ForAllValues):/, '');
    const ifExists = bare.endsWith('IfExists');
    const base = bare.replace(/IfExists$/, '');
    for (const [key, values] of Object.entries(keys ?? {})) {
      out.push({
        op,
        base,
        negated: NEGATED.test(base),
        set,
        ifExists,
        key: key.toLowerCase(),
        values: list(values) ?? [],
      });
    }
  }
  return out;
}

/**
 * A Statement that is one object is valid IAM (a list of one). Any Effect but "Deny" is read as "Allow": IAM refuses
 * other values, and reading them as an Allow can only report too much.
 */
export function statementsOf(doc: Doc): Stmt[] {
  const each = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement as Doc['Statement'][number]];
  return each.map((s, i) => ({
    sid: s.Sid ?? `#${i}`,
    effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
    principal: s.Principal,
    notPrincipal: s.NotPrincipal,
    actions: list(s.Action),
    notActions: list(s.NotAction),
    resources: list(s.Resource),
    notResources: list(s.NotResource),
    conditions: conditionsOf(s.Condition),
    raw: s as Record<string, unknown>,
  }));
}

/**
 * The value lists that bind `key` in an Allow: plain positive matches only. "...IfExists" binds nothing for a request
 * that leaves the key out (anonymous requests carry no aws:PrincipalArn, a listing may omit s3:prefix, a direct request
 * has no s3:DataAccessPointArn), nor does ForAllValues (true on an absent key); an operator written in another case is
 * not one this reads, so it binds nothing either. ForAnyValue on an absent key is false: it binds.
 */
export function restriction(s: Stmt, key: string, bases: readonly string[]): string[][] {
  return s.conditions
    .filter((c) => c.key === key && !c.negated && !c.ifExists && c.set !== 'ForAllValues' && bases.includes(c.base))
    .map((c) => c.values);
}

export const STRING_MATCH = ['StringEquals', 'StringLike', 'StringEqualsIgnoreCase'];
export const ARN_MATCH = ['ArnEquals', 'ArnLike', 'StringEquals', 'StringLike'];
