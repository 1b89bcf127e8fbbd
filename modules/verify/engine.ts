/**
 * Requests through the IAM policy simulator (@cloud-copilot/iam-simulate), with
 * the stand-in workaround applied. Distinct requests are evaluated once; a
 * resource policy is handed over with only the statements that can name the
 * caller (exactly those the engine would consider), which keeps large bucket
 * policies cheap without changing a decision.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { Doc } from './deployed';
import { standInContext, standInPolicy } from './standins';

export interface Request {
  /** The session making the request, e.g. arn:aws:sts::111111111111:assumed-role/R/verify */
  principal: string;
  action: string;
  /** A concrete ARN: a wildcard would mean "some matching resource", not "this one". */
  resource: string;
  resourceAccount: string;
  context: Record<string, string | string[]>;
  identity: Doc[];
  resourcePolicy?: Doc;
}

export interface Decision {
  allowed: boolean;
  result: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
  /** Sids of the statements that allowed (identity and resource), or that denied. */
  allowSids: string[];
  denySids: string[];
}

type Analysis = { statement: { sid(): string | undefined; index(): number } }[];
const sids = (list: Analysis | undefined, prefix: string) =>
  (list ?? []).map((s) => `${prefix}${s.statement.sid() ?? `#${s.statement.index()}`}`);

/** Thrown when the engine refuses a request or drops a context key: a "denied" would then mean nothing. */
export class EngineError extends Error {}

const accountOfPrincipal = (p: string) => p.split(':')[4] ?? '';
const values = (v: unknown): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String));

/** Whether a statement's Principal can name a role session of `account` (exact: no other statement can match it). */
function mayName(s: Doc['Statement'][number], account: string): boolean {
  if (s.NotPrincipal !== undefined || s.Principal === undefined || s.Principal === '*') return true;
  const aws = values((s.Principal as Record<string, unknown>).AWS);
  return aws.some(
    (p) => p === '*' || p === account || p.includes('*') || p.includes('?') || p.split(':')[4] === account,
  );
}

const filtered = new WeakMap<Doc, Map<string, Doc>>();
function forCaller(doc: Doc, account: string): Doc {
  let byAccount = filtered.get(doc);
  if (!byAccount) filtered.set(doc, (byAccount = new Map()));
  let out = byAccount.get(account);
  if (!out) byAccount.set(account, (out = { ...doc, Statement: doc.Statement.filter((s) => mayName(s, account)) }));
  return out;
}

const standIns = new WeakMap<Doc, Doc>();
const standIn = (doc: Doc) => {
  let out = standIns.get(doc);
  if (!out) standIns.set(doc, (out = standInPolicy(doc)));
  return out;
};

export async function evaluate(req: Request): Promise<Decision> {
  if (req.resource.includes('*')) throw new EngineError(`request resource ${req.resource} has a wildcard`);
  const resourcePolicy = req.resourcePolicy
    ? standIn(forCaller(req.resourcePolicy, accountOfPrincipal(req.principal)))
    : undefined;
  const response = await runSimulation(
    {
      request: {
        principal: req.principal,
        action: req.action,
        resource: { resource: req.resource, accountId: req.resourceAccount },
        contextVariables: standInContext(req.context),
      },
      identityPolicies: req.identity.map((doc, i) => ({ name: `identity${i}`, policy: standIn(doc) })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy,
    },
    {},
  );
  if (response.resultType === 'error') {
    throw new EngineError(
      `${req.action} on ${req.resource}: the simulator refused the request: ${JSON.stringify(response.errors)}`,
    );
  }
  if (response.resultType !== 'single')
    throw new EngineError(`${req.action} on ${req.resource}: expected a single-resource simulation`);
  const { result } = response;
  if (result.ignoredContextKeys && result.ignoredContextKeys.length > 0) {
    throw new EngineError(
      `${req.action} on ${req.resource}: the simulator ignored the context keys ${result.ignoredContextKeys.join(', ')}`,
    );
  }
  const a = result.analysis;
  return {
    allowed: response.overallResult === 'Allowed',
    result: response.overallResult,
    allowSids: [
      ...sids(a.identityAnalysis?.allowStatements as never, 'identity:'),
      ...sids(a.resourceAnalysis?.allowStatements as never, 'resource:'),
    ],
    denySids: [
      ...sids(a.identityAnalysis?.denyStatements as never, 'identity:'),
      ...sids(a.resourceAnalysis?.denyStatements as never, 'resource:'),
    ],
  };
}

/** Ids for documents, so that a request's key does not serialize whole policies. */
const ids = new WeakMap<Doc, number>();
let nextId = 0;
const idOf = (d: Doc | undefined) => {
  if (!d) return -1;
  let id = ids.get(d);
  if (id === undefined) ids.set(d, (id = nextId++));
  return id;
};
const keyOf = (r: Request) =>
  JSON.stringify([
    r.principal,
    r.action,
    r.resource,
    r.resourceAccount,
    r.context,
    r.identity.map(idOf),
    idOf(r.resourcePolicy),
  ]);

export interface Progress {
  (done: number, total: number): void;
}

/** Every request's decision, each distinct request evaluated once. */
export async function evaluateAll(requests: Request[], progress?: Progress): Promise<Decision[]> {
  const unique = new Map<string, { request: Request; decision?: Decision }>();
  const keys = requests.map((r) => {
    const k = keyOf(r);
    if (!unique.has(k)) unique.set(k, { request: r });
    return k;
  });
  let done = 0;
  for (const u of unique.values()) {
    u.decision = await evaluate(u.request);
    if (progress && ++done % 500 === 0) progress(done, unique.size);
  }
  return keys.map((k) => unique.get(k)!.decision!);
}
