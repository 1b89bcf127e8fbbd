/**
 * An IAM evaluator of our own for the statement shapes this project writes:
 * literal or `*`-suffixed ARNs, action globs, Principal "*" / account / role /
 * session, and the string, ARN, Bool and Null condition operators. It answers
 * only when its model covers every statement the request reaches; otherwise it
 * returns undefined and the request goes to the IAM simulator (the oracle).
 * It never guesses: same-account requests that identity alone does not allow,
 * KMS and STS in the same account, NotPrincipal, policy variables, set
 * operators, wildcard principals, role paths and absent global keys are all
 * the oracle's. A property test holds both to the same decisions.
 */
import type { Doc } from '../deployed';
import type { Decision, Request } from './evaluate';

type Statement = Doc['Statement'][number];
/** Outside the model: the caller asks the oracle. */
const OUT = Symbol('outside the model');
type Out = typeof OUT;

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const strings = (v: unknown): string[] | Out => {
  const l = list(v);
  return l.every((x) => typeof x === 'string') ? (l as string[]) : OUT;
};

/** `*` any run of characters, `?` one; compiled once per pattern. */
const globs = new Map<string, RegExp>();
function glob(pattern: string, flags = ''): RegExp {
  const k = `${flags}\u0000${pattern}`;
  let re = globs.get(k);
  if (!re) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, `s${flags}`);
    if (globs.size > 100_000) globs.clear();
    globs.set(k, re);
  }
  return re;
}
const hasWild = (s: string) => s.includes('*') || s.includes('?');

function actionMatches(patterns: string[], action: string): boolean | Out {
  for (const p of patterns) {
    if (p === '*') return true;
    const colon = p.indexOf(':');
    if (colon < 0 || hasWild(p.slice(0, colon))) return OUT;
    if (hasWild(p) ? glob(p, 'i').test(action) : p.toLowerCase() === action.toLowerCase()) return true;
  }
  return false;
}

/** ARN patterns: wildcards only after the fifth colon (the resource part), which `*` then matches as a whole. */
function arnMatches(patterns: string[], arn: string): boolean | Out {
  for (const p of patterns) {
    if (p === '*') return true;
    if (p.includes('${')) return OUT;
    if (!hasWild(p)) {
      if (p === arn) return true;
      continue;
    }
    const parts = p.split(':');
    if (parts.length < 6 || parts.slice(0, 5).some(hasWild)) return OUT;
    if (glob(p).test(arn)) return true;
  }
  return false;
}

const ACCOUNT = /^\d{12}$/;
/** arn:<p>:sts::<account>:assumed-role/<name>/<session> */
function sessionParts(principal: string) {
  const m = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(principal);
  return m ? { partition: m[1], account: m[2], role: m[3] } : undefined;
}

/**
 * Whether a resource policy's Principal names this session: "*", its role (no path) or itself ("direct"), its
 * account ("account": the key's trust of the account's IAM policies, for KMS), or not (false).
 */
function principalMatches(s: Statement, principal: string): 'direct' | 'account' | false | Out {
  if (s.NotPrincipal !== undefined) return OUT;
  const p = s.Principal;
  if (p === '*') return 'direct';
  if (p === undefined || typeof p !== 'object' || p === null) return OUT;
  const keys = Object.keys(p);
  if (keys.some((k) => !['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(k))) return OUT;
  // A service, a federated user or a canonical user is never a role session.
  if (!keys.includes('AWS')) return false;
  const aws = strings((p as Record<string, unknown>).AWS);
  if (aws === OUT) return OUT;
  const session = sessionParts(principal);
  if (!session) return OUT;
  let inAccount = false;
  for (const v of aws) {
    if (v === '*') return 'direct';
    if (hasWild(v)) return OUT;
    if (ACCOUNT.test(v)) {
      if (v === session.account) inAccount = true;
      continue;
    }
    if (v === principal) return 'direct';
    const parts = v.split(':');
    if (parts.length !== 6 || parts[0] !== 'arn') return OUT;
    const [, partition, service, , account, resource] = parts;
    if (service === 'iam' && resource === 'root') {
      if (account === session.account && partition === session.partition) inAccount = true;
      continue;
    }
    if (service === 'iam' && resource.startsWith('role/')) {
      const path = resource.slice(5).split('/');
      if (path.length !== 1) return OUT;
      if (account === session.account && partition === session.partition && path[0] === session.role) return 'direct';
      continue;
    }
    if (service === 'sts' && resource.startsWith('assumed-role/')) continue; // another session: compared above
    return OUT;
  }
  return inAccount ? 'account' : false;
}

type Context = Map<string, string>;

const STRING_OPS: Record<string, (pattern: string, value: string) => boolean> = {
  stringequals: (p, v) => p === v,
  stringequalsignorecase: (p, v) => p.toLowerCase() === v.toLowerCase(),
  stringlike: (p, v) => (hasWild(p) ? glob(p).test(v) : p === v),
  arnequals: (p, v) => p === v,
  arnlike: (p, v) => (hasWild(p) ? glob(p).test(v) : p === v),
};
const NEGATED: Record<string, string> = {
  stringnotequals: 'stringequals',
  stringnotequalsignorecase: 'stringequalsignorecase',
  stringnotlike: 'stringlike',
  arnnotequals: 'arnequals',
  arnnotlike: 'arnlike',
};

/** One operator on one key. Absent global keys are the oracle's (it may fill some in itself). */
function conditionHolds(op: string, key: string, raw: unknown, ctx: Context): boolean | Out {
  const values = strings(raw);
  if (values === OUT || values.length === 0) return OUT;
  if (values.some((v) => v.includes('${'))) return OUT;
  const k = key.toLowerCase();
  const present = ctx.get(k);
  let name = op.toLowerCase();
  if (name.includes(':')) return OUT; // ForAnyValue: / ForAllValues:
  if (name === 'null') {
    if (present === undefined && k.startsWith('aws:')) return OUT;
    if (values.length !== 1 || !['true', 'false'].includes(values[0].toLowerCase())) return OUT;
    return (present === undefined) === (values[0].toLowerCase() === 'true');
  }
  const ifExists = name.endsWith('ifexists');
  if (ifExists) name = name.slice(0, -'ifexists'.length);
  // NullIfExists is no operator AWS accepts ("IfExists ... except the Null condition"): the oracle's, and lint's.
  if (ifExists && name === 'null') return OUT;
  if (present === undefined) {
    if (k.startsWith('aws:')) return OUT;
    if (ifExists) return true;
    if (name in NEGATED) return true;
    if (name in STRING_OPS || name === 'bool') return false;
    return OUT;
  }
  if (name === 'bool') {
    if (values.some((v) => !['true', 'false'].includes(v.toLowerCase()))) return OUT;
    return values.some((v) => v.toLowerCase() === present.toLowerCase());
  }
  if (name.startsWith('arn') && values.some((v) => hasWild(v) && v.split(':').slice(0, 5).some(hasWild))) return OUT;
  const positive = STRING_OPS[name];
  if (positive) return values.some((v) => positive(v, present));
  const negated = NEGATED[name];
  if (negated) return !values.some((v) => STRING_OPS[negated](v, present));
  return OUT;
}

function conditionsHold(s: Statement, ctx: Context): boolean | Out {
  const cond = s.Condition;
  if (cond === undefined) return true;
  if (typeof cond !== 'object' || cond === null) return OUT;
  let holds = true;
  for (const [op, keys] of Object.entries(cond as Record<string, unknown>)) {
    if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) return OUT;
    for (const [key, raw] of Object.entries(keys as Record<string, unknown>)) {
      const h = conditionHolds(op, key, raw, ctx);
      if (h === OUT) return OUT;
      if (!h) holds = false;
    }
  }
  return holds;
}

interface Verdict {
  allow: string[];
  deny: string[];
  /** Allows that name the caller itself (or "*"), not only its account. */
  direct: number;
}

/** Which statements of one document apply: Sids of the allows and denies, or OUT. */
function analyse(doc: Doc, req: Request, ctx: Context, resource: boolean, prefix: string, out: Verdict): true | Out {
  for (const s of doc.Statement) {
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return OUT;
    if (resource ? s.Principal === undefined && s.NotPrincipal === undefined : s.Principal !== undefined) return OUT;
    let a: boolean | Out;
    if (s.Action !== undefined) {
      if (s.NotAction !== undefined) return OUT;
      const acts = strings(s.Action);
      if (acts === OUT) return OUT;
      a = actionMatches(acts, req.action);
    } else {
      const acts = strings(s.NotAction);
      if (acts === OUT || s.NotAction === undefined) return OUT;
      const m = actionMatches(acts, req.action);
      a = m === OUT ? OUT : !m;
    }
    if (a === OUT) return OUT;
    if (!a) continue;
    let r: boolean | Out;
    // A trust policy names no resource: it is the role's own.
    if (resource && s.Resource === undefined && s.NotResource === undefined) r = true;
    else if (s.Resource !== undefined) {
      if (s.NotResource !== undefined) return OUT;
      const rs = strings(s.Resource);
      if (rs === OUT) return OUT;
      r = arnMatches(rs, req.resource);
    } else {
      const rs = strings(s.NotResource);
      if (rs === OUT || s.NotResource === undefined) return OUT;
      const m = arnMatches(rs, req.resource);
      r = m === OUT ? OUT : !m;
    }
    if (r === OUT) return OUT;
    if (!r) continue;
    let direct = false;
    if (resource) {
      const p = principalMatches(s, req.principal);
      if (p === OUT) return OUT;
      if (!p) continue;
      direct = p === 'direct';
    }
    const c = conditionsHold(s, ctx);
    if (c === OUT) return OUT;
    if (!c) continue;
    // Without a Sid the oracle names a statement by its index among those it was handed: its business.
    if (typeof s.Sid !== 'string' || s.Sid === '') return OUT;
    (s.Effect === 'Allow' ? out.allow : out.deny).push(`${prefix}${s.Sid}`);
    if (s.Effect === 'Allow' && direct) out.direct++;
  }
  return true;
}

/** Counts of requests decided here and handed to the oracle (for the bench and the property test). */
export const fastStats = { fast: 0, oracle: 0 };

/**
 * The decision, or undefined when the request is outside the model. Cross-account:
 * allowed when identity and resource policy both allow and nothing denies.
 * Same account (S3 only): allowed when identity allows and nothing denies. Anywhere: denied when nothing allows.
 */
export function fastEvaluate(req: Request): Decision | undefined {
  const session = sessionParts(req.principal);
  if (!session || !ACCOUNT.test(req.resourceAccount)) return undefined;
  const ctx: Context = new Map();
  for (const [k, v] of Object.entries(req.context)) {
    if (typeof v !== 'string') return undefined;
    const lk = k.toLowerCase();
    if (ctx.has(lk)) return undefined;
    ctx.set(lk, v);
  }
  const identity: Verdict = { allow: [], deny: [], direct: 0 };
  for (const doc of req.identity) if (analyse(doc, req, ctx, false, 'identity:', identity) === OUT) return undefined;
  const resource: Verdict = { allow: [], deny: [], direct: 0 };
  if (req.resourcePolicy && analyse(req.resourcePolicy, req, ctx, true, 'resource:', resource) === OUT)
    return undefined;
  const sameAccount = session.account === req.resourceAccount;
  const denySids = [...identity.deny, ...resource.deny];
  const allowSids = [...identity.allow, ...resource.allow];
  if (denySids.length > 0) return { allowed: false, result: 'ExplicitlyDenied', allowSids, denySids };
  // Nothing allows: denied in any account, whatever the service's trust rules.
  if (allowSids.length === 0) return { allowed: false, result: 'ImplicitlyDenied', allowSids, denySids };
  const identityAllows = identity.allow.length > 0;
  if (sameAccount) {
    if (!req.resourcePolicy) return undefined;
    const action = req.action.toLowerCase();
    if (action.startsWith('kms:') && /^arn:[^:]+:kms:[^:]+:\d{12}:key\//.test(req.resource)) {
      // A key trusts its account's IAM policies only where its policy allows the account.
      const allowed = resource.direct > 0 || (identityAllows && resource.allow.length > resource.direct);
      return { allowed, result: allowed ? 'Allowed' : 'ImplicitlyDenied', allowSids, denySids };
    }
    if (!identityAllows || !action.startsWith('s3:')) return undefined;
    return { allowed: true, result: 'Allowed', allowSids, denySids };
  }
  if (!req.resourcePolicy) return undefined;
  const allowed = identityAllows && resource.allow.length > 0;
  return { allowed, result: allowed ? 'Allowed' : 'ImplicitlyDenied', allowSids, denySids };
}
