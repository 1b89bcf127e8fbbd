/**
 * A concrete request for a finding, and the policy engine's answer to it: the
 * finding names a request that would be allowed, not only a statement that
 * looks too wide. The request's context satisfies the statement's conditions
 * (a requester controls those values, or picks them by the path it takes).
 */
import { sessionArn } from '../arns';
import type { Doc } from '../deployed';
import { evaluate } from '../engine';
import type { WitnessRequest } from './findings';
import { exampleOf } from './patterns';
import type { Atom } from './principals';
import type { Stmt } from './statements';

/** A principal the atom admits, outside every account the config names when it may be anyone. */
export function principalOf(a: Atom, partition: string, stranger: string): string {
  if (a.kind !== 'aws') return `arn:${partition}:iam::${stranger}:role/verify-witness`;
  const account = a.account === '*' ? stranger : a.account;
  if (a.arn === '*') return `arn:${partition}:iam::${account}:role/verify-witness`;
  return exampleOf(a.arn).replace(/:iam::[^:]*:/, `:iam::${account}:`);
}

/** Context values that satisfy the statement's conditions, on top of those the request must carry. */
export function contextFor(s: Stmt, base: Record<string, string>): Record<string, string> {
  const out = { ...base };
  for (const c of s.conditions) {
    if (Object.keys(out).some((k) => k.toLowerCase() === c.key)) continue;
    const v = c.values[0] ?? '';
    if (c.base === 'Null') {
      if (v !== 'true') out[c.key] = 'verify';
    } else if (c.negated) out[c.key] = 'verify-other-value';
    else if (c.base === 'IpAddress') out[c.key] = v.split('/')[0];
    else out[c.key] = exampleOf(v, 'x');
  }
  return out;
}

const ADMIN: Doc = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'WitnessAdmin', Effect: 'Allow', Action: '*', Resource: '*' }],
};

/**
 * Asks the engine: the witness's own account may grant it anything (the worst
 * case), the resource policy is the document found too wide.
 */
export async function confirm(
  w: WitnessRequest,
  resourcePolicy: Doc,
  resourceAccount: string,
): Promise<boolean | undefined> {
  const principalAccount = w.principal.split(':')[4];
  try {
    const d = await evaluate({
      principal: sessionArn(w.principal),
      action: w.action,
      resource: w.resource,
      resourceAccount,
      context: {
        'aws:PrincipalArn': w.principal,
        'aws:PrincipalAccount': principalAccount,
        'aws:SecureTransport': 'true',
        ...w.context,
      },
      identity: [ADMIN],
      resourcePolicy,
    });
    return d.allowed;
  } catch {
    return undefined; // the engine refused the request (an unusual key): the finding stands, unconfirmed
  }
}
