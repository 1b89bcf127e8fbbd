/**
 * An Allow statement summarized as what it can let through: principal atoms,
 * actions, resource patterns, the door (directly or through which access
 * points), listable prefixes, and the KMS and STS conditions that bind it.
 * Each part is an over-approximation: a condition not understood here does not
 * narrow anything.
 */
import { Atom, principalAtoms } from './principals';
import { ARN_MATCH, restriction, Stmt, STRING_MATCH } from './statements';
import { Actions, actionsOf } from './vocabulary';

export type Door =
  | { kind: 'any' }
  /** Only through access points whose ARN matches one of `arns` (patterns), of `accounts` when given. */
  | {
      kind: 'access-points';
      arns: string[] | 'any';
      accounts: string[] | 'any';
      vpcOnly: boolean;
      /** aws:SourceVpc values the requests must come from, or any. */
      sourceVpcs: string[] | 'any';
    };

export interface Summary {
  stmt: Stmt;
  atoms: Atom[];
  actions: Actions;
  /** Resource patterns; ["*"] for NotResource. */
  resources: string[];
  door: Door;
  /** s3:prefix patterns a listing may ask for, or any. */
  listPrefixes: string[] | 'any';
  /** kms:ViaService values, or any (KMS callable directly). */
  viaService: string[] | 'any';
  /** kms:EncryptionContext:aws:s3:arn patterns, or any. */
  context: string[] | 'any';
  /** sts:ExternalId values required, or none. */
  externalId: string[] | 'none';
}

const first = (lists: string[][]) => (lists.length ? lists[0] : undefined);

function doorOf(s: Stmt): Door {
  const arns = first(restriction(s, 's3:dataaccesspointarn', ARN_MATCH));
  const accounts = first(restriction(s, 's3:dataaccesspointaccount', STRING_MATCH));
  const origin = first(restriction(s, 's3:accesspointnetworkorigin', STRING_MATCH));
  if (!arns && !accounts && !origin) return { kind: 'any' };
  return {
    kind: 'access-points',
    arns: arns ?? 'any',
    accounts: accounts ?? 'any',
    vpcOnly: Boolean(origin && origin.every((o) => o.toLowerCase() === 'vpc')),
    sourceVpcs: first(restriction(s, 'aws:sourcevpc', STRING_MATCH)) ?? 'any',
  };
}

export function summarize(s: Stmt, vocabulary: readonly string[]): Summary {
  return {
    stmt: s,
    atoms: principalAtoms(s),
    actions: actionsOf(vocabulary, s.actions, s.notActions),
    resources: s.notResources !== undefined || s.resources === undefined ? ['*'] : s.resources,
    door: doorOf(s),
    listPrefixes: first(restriction(s, 's3:prefix', STRING_MATCH)) ?? 'any',
    viaService: first(restriction(s, 'kms:viaservice', STRING_MATCH)) ?? 'any',
    context:
      first(restriction(s, 'kms:encryptioncontext:aws:s3:arn', [...STRING_MATCH, 'ArnEquals', 'ArnLike'])) ?? 'any',
    externalId: first(restriction(s, 'sts:externalid', ['StringEquals'])) ?? 'none',
  };
}
