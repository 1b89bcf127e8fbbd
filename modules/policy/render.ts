/**
 * Statements -> the JSON document AWS reads: Sids made readable and unique,
 * statements sorted, single values unwrapped (as AWS CDK renders them), and
 * pinned principal ARNs as `ArnEquals aws:PrincipalArn`.
 */
import { mergeStatements } from './merge';
import { Statement } from './statement';

export type JsonValue = string | string[];
export interface JsonStatement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | Record<string, JsonValue>;
  NotPrincipal?: Record<string, JsonValue>;
  Action?: JsonValue;
  NotAction?: JsonValue;
  Resource?: JsonValue;
  NotResource?: JsonValue;
  Condition?: Record<string, Record<string, JsonValue | boolean>>;
}
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: JsonStatement[];
}

/** Plain code-unit order: the same on every machine, unlike localeCompare. */
export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const one = (xs: string[]): JsonValue => (xs.length === 1 ? xs[0] : xs);

/** Canonical order of the words a Sid is made of. */
const PART_ORDER = ['Delegate', 'Assume', 'Read', 'Write', 'List', 'Location', 'Kms', 'ViaAccessPoint'];
const byPartOrder = (a: string, b: string) => {
  const [ia, ib] = [PART_ORDER.indexOf(a), PART_ORDER.indexOf(b)];
  return ia !== ib ? (ia === -1 ? 1 : ib === -1 ? -1 : ia - ib) : compare(a, b);
};

/** "ConsumerAnalyticsReadWrite", "ConsumersAnalyticsReportingRead", "Consumers12List", "DelegateReadListLocation". */
export function sidOf(s: Statement): string {
  if (s.fixedSid) return s.fixedSid;
  const what = [...s.parts].sort(byPartOrder).join('');
  // Granted to whole accounts (keyGrants "accounts"): "AccountsKms". Delegation reads as "DelegateRead...".
  if (s.owners.length === 0)
    return s.principals && s.principals !== '*' && s.principals.AWS?.length && !s.parts.includes('Delegate')
      ? `Accounts${what}`
      : what;
  if (s.owners.length === 1) return `Consumer${s.owners[0]}${what}`;
  if (s.owners.length <= 3) return `Consumers${s.owners.join('')}${what}`;
  return `Consumers${s.owners.length}${what}`;
}

export function renderStatement(s: Statement, sid: string): JsonStatement {
  const out: JsonStatement = { Sid: sid, Effect: s.effect };
  if (s.principals === '*') out.Principal = '*';
  else if (s.principals) {
    const p: Record<string, JsonValue> = {};
    if (s.principals.AWS?.length) p.AWS = one(s.principals.AWS);
    if (s.principals.Service?.length) p.Service = one(s.principals.Service);
    out.Principal = p;
  }
  out.Action = one(s.actions);
  if (s.resources.length > 0) out.Resource = one(s.resources); // trust policies have none
  const conditions: Record<string, Record<string, string[]>> = JSON.parse(JSON.stringify(s.conditions));
  if (s.pinnedArns?.length)
    conditions.ArnEquals = { ...(conditions.ArnEquals ?? {}), 'aws:PrincipalArn': s.pinnedArns };
  const ops = Object.keys(conditions).sort();
  if (ops.length > 0) {
    out.Condition = {};
    for (const op of ops) {
      out.Condition[op] = {};
      for (const key of Object.keys(conditions[op]).sort())
        out.Condition[op][key] = one([...conditions[op][key]].sort());
    }
  }
  return out;
}

/**
 * Merges, names and sorts statements into one document. `extra` statements
 * (from the config) are kept as written; generated Sids step aside for theirs.
 */
export function renderDocument(statements: Statement[], extra: JsonStatement[] = []): PolicyDocument {
  const merged = mergeStatements(statements);
  const rendered = merged
    .map((s) => ({ s, base: sidOf(s), json: renderStatement(s, '') }))
    .sort((a, b) =>
      a.s.effect !== b.s.effect
        ? a.s.effect === 'Deny'
          ? -1
          : 1
        : compare(a.base, b.base) || compare(JSON.stringify(a.json), JSON.stringify(b.json)),
    );
  const taken = new Set(extra.map((e) => e.Sid));
  const out: JsonStatement[] = rendered.map(({ s, base }) => {
    let sid = base;
    for (let n = 2; taken.has(sid); n++) sid = `${base}${n}`;
    taken.add(sid);
    return renderStatement(s, sid);
  });
  const extras = [...extra].sort((a, b) => compare(a.Sid, b.Sid));
  return { Version: '2012-10-17', Statement: [...out, ...extras] };
}

/** Minified JSON: what Terraform sends and what AWS counts against size limits. */
export function toJson(doc: PolicyDocument): string {
  return JSON.stringify(doc);
}
