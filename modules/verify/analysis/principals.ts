/**
 * Who a statement can admit, over-approximated: atoms, each an AWS account (or
 * any) with an ARN pattern of its principals, a service, or something else.
 * Conditions that fix the principal (aws:PrincipalArn, aws:PrincipalAccount)
 * narrow the atoms; every other condition is taken as satisfiable, since a
 * requester may control it.
 */
import { ARN_MATCH, restriction, Stmt, STRING_MATCH } from './statements';
import { hasWildcard, matches } from './patterns';

export type Atom =
  { kind: 'aws'; account: string; arn: string } | { kind: 'service'; name: string } | { kind: 'other'; value: string };

const ANY: Atom = { kind: 'aws', account: '*', arn: '*' };
const accountOf = (arn: string) => arn.split(':')[4] ?? '*';

function awsAtom(value: string): Atom {
  if (value === '*') return ANY;
  if (/^\d{12}$/.test(value)) return { kind: 'aws', account: value, arn: '*' };
  if (/^arn:[^:]+:iam::[^:]*:root$/.test(value)) return { kind: 'aws', account: accountOf(value), arn: '*' };
  const account = accountOf(value);
  return { kind: 'aws', account: account === '' || hasWildcard(account) ? '*' : account, arn: value };
}

const values = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).map(String);

/** Atoms of the Principal element (NotPrincipal: anyone, conservatively). */
function elementAtoms(s: Stmt): Atom[] {
  if (s.notPrincipal !== undefined || s.principal === undefined) return [ANY];
  if (s.principal === '*') return [ANY];
  const out: Atom[] = [];
  for (const [kind, v] of Object.entries(s.principal as Record<string, unknown>)) {
    for (const x of values(v)) {
      if (kind === 'AWS') out.push(awsAtom(x));
      else if (kind === 'Service') out.push({ kind: 'service', name: x });
      else out.push({ kind: 'other', value: `${kind}:${x}` });
    }
  }
  return out;
}

/** The atom narrowed to principals whose ARN matches `pattern` (undefined: none). */
function withArn(a: Atom, pattern: string): Atom | undefined {
  if (a.kind !== 'aws') return a; // a service request carries no aws:PrincipalArn: kept, conservatively
  const acct = accountOf(pattern);
  const account = a.account !== '*' ? a.account : acct !== '' && !hasWildcard(acct) ? acct : '*';
  if (a.account !== '*' && acct !== '' && !hasWildcard(acct) && acct !== a.account) return undefined;
  if (a.arn === '*') return { ...a, account, arn: pattern };
  if (!hasWildcard(a.arn)) return matches(pattern, a.arn) ? a : undefined;
  // Two patterns: their intersection is within the condition's pattern.
  return hasWildcard(pattern) || matches(a.arn, pattern) ? { ...a, account, arn: pattern } : undefined;
}

export function principalAtoms(s: Stmt): Atom[] {
  let atoms = elementAtoms(s);
  for (const patterns of restriction(s, 'aws:principalarn', ARN_MATCH)) {
    atoms = atoms.flatMap((a) => patterns.map((p) => withArn(a, p)).filter((x): x is Atom => x !== undefined));
  }
  for (const accounts of restriction(s, 'aws:principalaccount', STRING_MATCH)) {
    atoms = atoms.flatMap((a): Atom[] => {
      if (a.kind !== 'aws') return [a];
      if (a.account === '*') return accounts.map((account) => ({ ...a, account }));
      return accounts.includes(a.account) ? [a] : [];
    });
  }
  const seen = new Set<string>();
  return atoms.filter((a) => {
    const k = JSON.stringify(a);
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

/**
 * "any principal", "any principal of 111111111111", "arn:aws:iam::111111111111:role/X", "service ec2.amazonaws.com".
 */
export function describeAtom(a: Atom): string {
  if (a.kind === 'service') return `service ${a.name}`;
  if (a.kind === 'other') return a.value;
  if (a.account === '*' && a.arn === '*') return 'any principal of any account';
  if (a.arn === '*') return `any principal of account ${a.account}`;
  return a.arn;
}
