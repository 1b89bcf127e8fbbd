/**
 * producer.bucket.policyStatements are checked like our own statements:
 * first the grammar AWS enforces for a bucket policy (else `terraform apply`
 * fails late), then anything that widens access beyond the consumers, which
 * must be acknowledged by Sid with a reason (producer.bucket.acknowledgedStatements).
 * An acknowledgement of a statement that widens nothing is an error, so none lingers.
 */
import { parseArn } from '../arn';
import { conditionOperatorProblem } from '../condition-operators';
import type { Problem } from './problems';
import { partitionOf } from '../regions';
import type { ParsedConfig } from '../schema';
import { takeoverActions } from './takeover';

type Statement = ParsedConfig['producer']['bucket']['policyStatements'][number];
type Path = (string | number)[];

export interface Acknowledged {
  sid: string;
  /** What the statement grants beyond the consumers, in words. */
  widening: string[];
  reason: string;
}

interface Widening {
  field: string;
  text: string;
}

export const MIN_REASON = 10;
const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];
/** Operators that limit a key to the values named (a negated or IfExists operator limits nothing). */
const LIMITING = /^(StringEquals|StringLike|ArnEquals|ArnLike)$/i;

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : [v].flat());
const at = (i: number, ...rest: Path): Path => ['producer', 'bucket', 'policyStatements', i, ...rest];

/** The account a principal of type AWS names, or undefined for "*". */
function accountOf(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  const arn = parseArn(principal);
  return typeof arn === 'string' ? undefined : arn.account;
}

function grammar(c: ParsedConfig, s: Statement, i: number): Problem[] {
  const problems: Problem[] = [];
  const add = (path: Path, message: string) => problems.push({ path, message });
  const partition = partitionOf(c.region);
  const bucketArn = `arn:${partition}:s3:::${c.producer.bucket.name}`;
  for (const [pos, neg, what] of [
    ['Principal', 'NotPrincipal', 'who it applies to'],
    ['Action', 'NotAction', 'which actions'],
    ['Resource', 'NotResource', 'which resources'],
  ] as const) {
    if (s[pos] === undefined && s[neg] === undefined)
      add(at(i), `needs "${pos}" (or "${neg}") to say ${what}: AWS rejects the bucket policy at apply`);
    if (s[pos] !== undefined && s[neg] !== undefined)
      add(at(i, neg), `a statement has "${pos}" or "${neg}", not both: AWS rejects the bucket policy at apply`);
  }
  for (const field of ['Action', 'NotAction'] as const) {
    for (const a of list(s[field])) {
      if (a !== '*' && !/^s3:[A-Za-z0-9*?]+$/i.test(a))
        add(at(i, field), `"${a}": a bucket policy names S3 actions only (s3:<Action>): AWS rejects others at apply`);
    }
  }
  for (const field of ['Resource', 'NotResource'] as const) {
    for (const r of list(s[field])) {
      if (r !== bucketArn && !r.startsWith(`${bucketArn}/`))
        add(
          at(i, field),
          `"${r}" is neither this bucket (${bucketArn}) nor under it (${bucketArn}/...): AWS rejects a bucket policy naming other resources`,
        );
    }
  }
  for (const op of Object.keys(s.Condition ?? {})) {
    const problem = conditionOperatorProblem(op);
    if (problem)
      add(
        at(i, 'Condition', op),
        problem.message + (problem.awsRejects ? ': AWS rejects the bucket policy at apply' : ''),
      );
  }
  for (const field of ['Principal', 'NotPrincipal'] as const) {
    const p = s[field];
    if (p === undefined || p === '*') continue;
    for (const [type, values] of Object.entries(p)) {
      if (!PRINCIPAL_TYPES.includes(type)) {
        add(at(i, field, type), `unknown principal type (one of ${PRINCIPAL_TYPES.join(', ')})`);
        continue;
      }
      if (type !== 'AWS') continue;
      for (const v of list(values)) {
        if (v === '*' || /^\d{12}$/.test(v)) continue;
        if (/[*?]/.test(v)) {
          add(
            at(i, field, type),
            `"${v}": AWS accepts no wildcard in a principal ARN, least of all for the account (use "*" with an aws:PrincipalArn or aws:PrincipalAccount condition)`,
          );
          continue;
        }
        const arn = parseArn(v);
        if (typeof arn === 'string') add(at(i, field, type), `"${v}" ${arn}`);
        else if ((arn.service !== 'iam' && arn.service !== 'sts') || arn.account === '')
          add(at(i, field, type), `"${v}" is no IAM principal (an account ID or an iam/sts ARN with its account)`);
      }
    }
  }
  return problems;
}

/** What an Allow statement grants beyond the producer and the consumers. Deny statements never widen. */
function widenings(c: ParsedConfig, s: Statement): Widening[] {
  if (s.Effect !== 'Allow') return [];
  const out: Widening[] = [];
  const known = new Set([c.producer.accountId, ...c.consumers.map((k) => k.accountId)]);
  const sources = sourceAccounts(s);
  const sourcePinned = sources !== undefined;
  const p = s.Principal;
  if (p === '*') out.push({ field: 'Principal', text: 'grants Principal "*" (anyone)' });
  else if (p) {
    for (const v of list(p.AWS)) {
      const account = accountOf(v);
      if (v === '*') out.push({ field: 'Principal', text: 'grants Principal {"AWS": "*"} (anyone)' });
      else if (account && !known.has(account))
        out.push({
          field: 'Principal',
          text: `grants account ${account}, which is neither the producer nor a consumer`,
        });
    }
    for (const v of list(p.Service)) {
      if (!sourcePinned)
        out.push({
          field: 'Principal',
          text: `grants the service principal "${v}" without an aws:SourceAccount or aws:SourceArn condition (any account's use of that service)`,
        });
      for (const account of sources ?? []) {
        if (account === undefined)
          out.push({
            field: 'Condition',
            text: `grants the service principal "${v}" on behalf of a source that names no account (a wildcard, or an ARN without one)`,
          });
        else if (!known.has(account))
          out.push({
            field: 'Condition',
            text: `grants the service principal "${v}" on behalf of account ${account}, which is neither the producer nor a consumer`,
          });
      }
    }
    for (const type of ['Federated', 'CanonicalUser'] as const) {
      for (const v of list(p[type])) out.push({ field: 'Principal', text: `grants the ${type} principal "${v}"` });
    }
  }
  if (s.NotPrincipal)
    out.push({ field: 'NotPrincipal', text: 'uses NotPrincipal (everyone but the principals named)' });
  if (s.NotAction) out.push({ field: 'NotAction', text: 'uses NotAction (every action but those named)' });
  if (s.NotResource) out.push({ field: 'NotResource', text: 'uses NotResource (every resource but those named)' });
  for (const a of list(s.Action)) {
    if (/[*?]/.test(a)) out.push({ field: 'Action', text: `grants the wildcard action "${a}"` });
  }
  const takeover = [...new Map(list(s.Action).flatMap(takeoverActions)).entries()];
  if (takeover.length > 0)
    out.push({
      field: 'Action',
      text: `grants control of the bucket, not only of data: ${takeover.map(([a, what]) => `${a} (${what})`).join(', ')}`,
    });
  return out;
}

/**
 * The accounts a statement's source conditions limit it to (undefined: no source condition that limits;
 * an undefined entry: a source that names no account). aws:SourceAccount values, else the accounts of
 * aws:SourceArn values.
 */
function sourceAccounts(s: Statement): (string | undefined)[] | undefined {
  const values = (key: string): string[] | undefined => {
    const found = Object.entries(s.Condition ?? {}).flatMap(([op, byKey]) =>
      LIMITING.test(op)
        ? Object.entries(byKey).flatMap(([k, v]) => (k.toLowerCase() === key && typeof v !== 'boolean' ? list(v) : []))
        : [],
    );
    return found.length > 0 ? found : undefined;
  };
  const accounts = values('aws:sourceaccount');
  if (accounts) return [...new Set(accounts.map((a) => (/^\d{12}$/.test(a) ? a : undefined)))];
  const arns = values('aws:sourcearn');
  if (!arns) return undefined;
  return [
    ...new Set(
      arns.map((v) => {
        const arn = parseArn(v);
        return typeof arn !== 'string' && /^\d{12}$/.test(arn.account) ? arn.account : undefined;
      }),
    ),
  ];
}

export interface StatementReview {
  problems: Problem[];
  acknowledged: Acknowledged[];
  /** One line per acknowledged statement, printed at every synth. */
  warnings: string[];
}

export function reviewStatements(c: ParsedConfig): StatementReview {
  const b = c.producer.bucket;
  const acks = b.acknowledgedStatements ?? {};
  const problems: Problem[] = [];
  const acknowledged: Acknowledged[] = [];
  const warnings: string[] = [];
  b.policyStatements.forEach((s, i) => {
    problems.push(...grammar(c, s, i));
    const wide = widenings(c, s);
    const reason = Object.prototype.hasOwnProperty.call(acks, s.Sid) ? acks[s.Sid] : undefined;
    if (wide.length === 0) return;
    if (reason === undefined) {
      for (const w of wide)
        problems.push({
          path: at(i, w.field),
          message: `${w.text}: this widens access beyond the consumers; remove it, or acknowledge it in producer.bucket.acknowledgedStatements as {"${s.Sid}": "<reason, at least ${MIN_REASON} characters>"}`,
        });
      return;
    }
    const texts = wide.map((w) => w.text);
    acknowledged.push({ sid: s.Sid, widening: texts, reason });
    warnings.push(`acknowledged: producer.bucket.policyStatements[${i}] (Sid ${s.Sid}) ${texts.join('; ')}: ${reason}`);
  });
  for (const [sid, reason] of Object.entries(acks)) {
    const path = ['producer', 'bucket', 'acknowledgedStatements', sid];
    const index = b.policyStatements.findIndex((s) => s.Sid === sid);
    if (index === -1)
      problems.push({ path, message: `no statement of producer.bucket.policyStatements has Sid "${sid}"` });
    else if (!acknowledged.some((a) => a.sid === sid))
      problems.push({
        path,
        message: `statement "${sid}" (producer.bucket.policyStatements[${index}]) widens nothing: remove this acknowledgement so that it does not linger`,
      });
    if (reason.trim().length < MIN_REASON)
      problems.push({ path, message: `give the reason in at least ${MIN_REASON} characters` });
  }
  return { problems, acknowledged, warnings };
}
