/**
 * Statements -> the JSON document AWS reads: merged, validated for the kind of
 * document, Sids made readable and unique, statements sorted, single values
 * unwrapped (as AWS CDK renders them), and role pins as `ArnEquals aws:PrincipalArn`.
 */
import { mergeStatements } from './merge';
import { compare, sidOf } from './sid';
import { DocumentKind, PIN_KEY, PIN_OPERATOR, Principal, Statement, statement, validateFor } from './statement';

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
/** Read-only once rendered: its text is computed once (toJson) and must stay what it was. */
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly JsonStatement[];
}

const one = (xs: readonly string[]): JsonValue => (xs.length === 1 ? xs[0] : [...xs]);

function principalJson(p: Principal): JsonStatement['Principal'] {
  switch (p.kind) {
    case 'any':
      return '*';
    case 'services':
      return { Service: one(p.services) };
    default:
      return { AWS: one(p.accounts) };
  }
}

export function renderStatement(input: Statement, sid: string): JsonStatement {
  const s = statement(input);
  const out: JsonStatement = { Sid: sid, Effect: s.effect };
  if (s.principal) out.Principal = principalJson(s.principal);
  out.Action = one(s.actions);
  if (s.resources.length > 0) out.Resource = one(s.resources); // trust policies have none
  // A statement's conditions are sorted already (statement.ts); the pin joins them in its place.
  const pin = s.principal?.kind === 'pinned' ? s.principal.arns : undefined;
  const ops = Object.keys(s.conditions);
  if (pin && !ops.includes(PIN_OPERATOR)) ops.push(PIN_OPERATOR);
  if (ops.length > 0) {
    out.Condition = {};
    for (const op of pin ? ops.sort() : ops) {
      const keys: Record<string, JsonValue> = {};
      const held = s.conditions[op] ?? {};
      const names = Object.keys(held);
      if (pin && op === PIN_OPERATOR) names.push(PIN_KEY);
      for (const key of pin && op === PIN_OPERATOR ? names.sort() : names)
        keys[key] = one(key === PIN_KEY && op === PIN_OPERATOR && pin ? pin : held[key]);
      out.Condition[op] = keys;
    }
  }
  return out;
}

/** A statement on its way into a document: its Sid before numbering, its text only when a tie needs it. */
interface Ranked {
  s: Statement;
  base: string;
  text?: string;
}
const textOf = (r: Ranked) => (r.text ??= JSON.stringify(renderStatement(r.s, '')));

/** Denies first, then by Sid, then (same Sid) by text: the order a reviewer reads them in, the same on every run. */
const byRenderOrder = (a: Ranked, b: Ranked) =>
  a.s.effect !== b.s.effect
    ? a.s.effect === 'Deny'
      ? -1
      : 1
    : compare(a.base, b.base) || compare(textOf(a), textOf(b));

/**
 * Merges, validates, names and sorts statements into one document. `extra`
 * statements (from the config) are kept as written; generated Sids step aside for theirs.
 */
export function renderDocument(
  kind: DocumentKind,
  statements: Statement[],
  extra: readonly JsonStatement[] = [],
): PolicyDocument {
  return renderMerged(kind, mergeStatements(statements), extra);
}

/**
 * renderDocument of statements merged already (mergeStatements' result, or what provably equals it: see
 * documents/consumer.ts): validated, named, sorted and rendered, not merged again (merging is not idempotent in
 * every case, so statements merged once are never merged twice).
 */
export function renderMerged(
  kind: DocumentKind,
  merged: Statement[],
  extra: readonly JsonStatement[] = [],
): PolicyDocument {
  merged.forEach((s) => validateFor(kind, s));
  const rendered = merged.map((s): Ranked => ({ s, base: sidOf(s) })).sort(byRenderOrder);
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

/**
 * Each document's text, once: documents are read-only, and each is measured, then rendered, then written. Kept on
 * the document under a symbol, not enumerable: JSON, spreads and comparisons do not see it.
 */
const TEXT = Symbol('policy text');

/** Minified JSON: what Terraform sends and what AWS counts against size limits. */
export function toJson(doc: PolicyDocument): string {
  const held = (doc as { [TEXT]?: string })[TEXT];
  if (held !== undefined) return held;
  const text = JSON.stringify(doc);
  if (Object.isExtensible(doc)) Object.defineProperty(doc, TEXT, { value: text });
  return text;
}
