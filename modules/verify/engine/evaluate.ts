/**
 * Requests through the IAM policy simulator (@cloud-copilot/iam-simulate), with
 * the stand-in workaround applied. Distinct requests are evaluated once; a
 * resource policy is handed over with only the statements that can name the
 * caller (exactly those the engine would consider), which keeps large bucket
 * policies cheap without changing a decision.
 */
import {
  createValidatedPolicy,
  validateIdentityPolicy,
  validateResourcePolicy,
  ValidatedPolicy,
} from '@cloud-copilot/iam-policy';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { Doc } from '../deployed';
import { speedUpEngine } from './speed';
import { standInContext, standInPolicy } from './standins';

speedUpEngine();

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

const values = (v: unknown): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String));

/**
 * Whether a statement can apply to a request by this role session at all. Exact:
 * a statement whose Principal cannot name the caller's account, or whose role
 * pin (ArnEquals/StringEquals aws:PrincipalArn, literal values) leaves the caller
 * out, has a condition or principal the engine would find false.
 */
function mayApply(s: Doc['Statement'][number], account: string, roleArn: string): boolean {
  if (s.Principal !== undefined && s.Principal !== '*' && s.NotPrincipal === undefined) {
    const aws = values((s.Principal as Record<string, unknown>).AWS);
    if (!aws.some((p) => p === '*' || p === account || /[*?]/.test(p) || p.split(':')[4] === account)) return false;
  }
  for (const [op, keys] of Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>)) {
    if (!['ArnEquals', 'StringEquals'].includes(op)) continue;
    for (const [key, v] of Object.entries(keys)) {
      const pins = values(v);
      if (key.toLowerCase() === 'aws:principalarn' && pins.every((p) => !/[*?]/.test(p)) && !pins.includes(roleArn))
        return false;
    }
  }
  return true;
}

const filtered = new WeakMap<Doc, Map<string, Doc>>();
function forCaller(doc: Doc, context: Request['context']): Doc {
  const roleArn = String(context['aws:PrincipalArn'] ?? '');
  const account = String(context['aws:PrincipalAccount'] ?? roleArn.split(':')[4] ?? '');
  let byCaller = filtered.get(doc);
  if (!byCaller) filtered.set(doc, (byCaller = new Map()));
  let out = byCaller.get(roleArn);
  if (!out)
    byCaller.set(roleArn, (out = { ...doc, Statement: doc.Statement.filter((s) => mayApply(s, account, roleArn)) }));
  return out;
}

/** Policies validated once, not on every request (the engine skips the validation of a ValidatedPolicy). */
const validated = new WeakMap<Doc, ValidatedPolicy<undefined>>();
function ready(doc: Doc, kind: 'identity' | 'resource'): ValidatedPolicy<undefined> {
  let out = validated.get(doc);
  if (!out) {
    out = createValidatedPolicy(
      standInPolicy(doc),
      kind === 'identity' ? validateIdentityPolicy : validateResourcePolicy,
    );
    validated.set(doc, out);
  }
  return out;
}

/** Whether the simulator accepts a whole document (the fast path answers only on documents it accepts). */
const accepted = new WeakMap<Doc, boolean>();
export function acceptedBySimulator(doc: Doc, kind: 'identity' | 'resource'): boolean {
  let ok = accepted.get(doc);
  if (ok === undefined) {
    try {
      ready(kind === 'identity' ? doc : { ...doc }, kind);
      ok = true;
    } catch {
      ok = false;
    }
    accepted.set(doc, ok);
  }
  return ok;
}

/** `unfiltered`: the whole resource policy, not only the statements that can name the caller (a test holds both). */
export async function evaluate(req: Request, o: { unfiltered?: boolean } = {}): Promise<Decision> {
  if (req.resource.includes('*')) throw new EngineError(`request resource ${req.resource} has a wildcard`);
  const policy = req.resourcePolicy && (o.unfiltered ? req.resourcePolicy : forCaller(req.resourcePolicy, req.context));
  const resourcePolicy = policy ? ready(policy, 'resource') : undefined;
  const response = await runSimulation(
    {
      request: {
        principal: req.principal,
        action: req.action,
        resource: { resource: req.resource, accountId: req.resourceAccount },
        contextVariables: standInContext(req.context),
      },
      identityPolicies: req.identity.map((doc, i) => ({
        name: `identity${i}`,
        policy: ready(doc, 'identity') as never,
      })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: resourcePolicy as never,
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
