/** One request through the IAM policy simulator, with the stand-in workaround applied. */
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

export async function evaluate(req: Request): Promise<Decision> {
  if (req.resource.includes('*')) throw new EngineError(`request resource ${req.resource} has a wildcard`);
  const response = await runSimulation(
    {
      request: {
        principal: req.principal,
        action: req.action,
        resource: { resource: req.resource, accountId: req.resourceAccount },
        contextVariables: standInContext(req.context),
      },
      identityPolicies: req.identity.map((doc, i) => ({ name: `identity${i}`, policy: standInPolicy(doc) })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: req.resourcePolicy ? standInPolicy(req.resourcePolicy) : undefined,
    },
    {},
  );
  if (response.resultType === 'error')
    throw new EngineError(
      `${req.action} on ${req.resource}: the simulator refused the request: ${JSON.stringify(response.errors)}`,
    );
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
