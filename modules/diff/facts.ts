/**
 * A verify result turned into access facts: what one synthesized output lets
 * whom do, as evaluated by the engine — never the text of a policy or a row
 * label. A fact is keyed by the principal (role ARN), the path it takes, the
 * client workflow and the prefix, so that reordering consumers, merging
 * statements or renaming Sids changes no fact.
 */
import type { Config } from '../config';
import type { Cell, CellTarget, Deployed, Finding, IntendedConsumer, Route, Stacks, VerifyResult } from '../verify';
import {
  PACK_WORKFLOWS,
  principalAtoms,
  readGrants,
  restriction,
  statementsOf,
  STRING_MATCH,
  WORKFLOWS,
} from '../verify';

/** Every workflow verify may ask: the levels', then the packs' (asked once a consumer has a pack). */
const ALL_WORKFLOWS = [...WORKFLOWS, ...PACK_WORKFLOWS];

/** One side of a diff: a config and what synth made of it. */
export interface Output {
  config: Config;
  stacks: Stacks;
  routes: Route[];
}

export interface AccessFact {
  /** The role whose requests the engine evaluated (an assume-role consumer: its own role). */
  principal: string;
  /**
   * "direct", "access point <name>", "assumes <producer role ARN>", "an access point not created here", "assume-role".
   */
  path: string;
  workflow: string;
  /** "(whole bucket)", a prefix ("curated/"), "bucket" (bucket-level requests), or "role <name>". */
  target: string;
  /** The prefix the target stands for ("" = the whole bucket); none for the bucket or a role. */
  prefix?: string;
  /** The actions the workflow's requests need, on this bucket. */
  actions: string[];
  /** Allowed although the config does not intend it (verify reports it as a difference). */
  beyondConfig: boolean;
}

export interface FindingFact {
  kind: string;
  /** The document or resource, without its stack ("aws_s3_bucket_policy.bucket"). */
  document: string;
  sid: string;
  message: string;
  /** Why it is accepted (a statement of producer.bucket.policyStatements). */
  accepted?: string;
}

export interface PostureSetting {
  setting: string;
  value: string;
}

export interface ConsumerFact {
  name: string;
  accountId: string;
  /** The consumer's own role. */
  role: string;
  access: string;
  prefixes: string[];
  /** As written in the config. */
  written: string;
  /** As routed by the plan. */
  method: string;
  reason: Route['reason'];
  accessPoint?: string;
  /** The access point's ARN: where its clients put the bucket name. */
  accessPointArn?: string;
  /** assume-role: the producer role it assumes. */
  assumes?: string;
}

export interface AccessFacts {
  bucket: string;
  facts: AccessFact[];
  findings: FindingFact[];
  accepted: FindingFact[];
  posture: PostureSetting[];
  consumers: ConsumerFact[];
  verify: { ok: boolean; findings: number; mismatches: number; lint: number; workflows: number };
}

export const WHOLE_BUCKET = '(whole bucket)';

/** The prefix a cell's target stands for: a granted prefix, "" for the whole bucket, or one outside the grants. */
const prefixOf = (t: CellTarget): string | undefined =>
  t.kind === 'prefix' || t.kind === 'outside' ? t.prefix : undefined;

/** A fact's target as the report shows it. */
function targetText(t: CellTarget): string {
  switch (t.kind) {
    case 'role':
      return `role ${t.arn.split('/').pop() ?? t.arn}`;
    case 'bucket':
      return 'bucket';
    default:
      return t.prefix === '' ? WHOLE_BUCKET : t.prefix;
  }
}

/** The actions a workflow's requests need on this bucket; `assumes`: reached by assuming a producer role. */
function actionsOf(config: Config, workflow: string, assumes: boolean): string[] {
  const kms = config.producer.bucket.encryption.type === 'kms';
  const legacyAcl = config.producer.bucket.objectOwnership !== 'BucketOwnerEnforced';
  const w = ALL_WORKFLOWS.find((x) => x.id === workflow);
  const out = new Set<string>();
  if (assumes || workflow === 'assume-role') out.add('sts:AssumeRole');
  for (const step of w?.steps ?? []) {
    if ('kms' in step) {
      if (kms) out.add(step.kms.action);
      continue;
    }
    out.add(step.s3.action);
    if (step.s3.action === 's3:PutObject' && legacyAcl && !step.s3.noAcl) out.add('s3:PutObjectAcl');
  }
  return [...out].sort();
}

const withoutStack = (where: string) => where.slice(where.indexOf(':') + 1);

const findingFact = (f: Finding): FindingFact => ({
  kind: f.kind,
  document: withoutStack(f.where),
  sid: f.sid,
  message: f.message,
  ...(f.accepted ? { accepted: f.accepted } : {}),
});

/**
 * The allowed cells as facts: every consumer path, and a probe only where it is
 * allowed beyond the config. A probe the config allows (a consumer's direct
 * grants through an access point not created here) restates its direct path,
 * and which role of an account stands for it depends on the names of the others.
 */
export function factsOf(out: Output, result: VerifyResult): AccessFacts {
  const { config } = out;
  const { intent } = result;
  const byName = new Map(intent.consumers.map((c) => [c.name, c]));
  const facts = new Map<string, AccessFact>();
  for (const cell of result.cells) {
    if (!cell.actual || (cell.probe && cell.expected)) continue;
    const fact = factOf(config, cell, cell.consumer ? byName.get(cell.consumer) : undefined);
    facts.set(factKey(fact), fact);
  }
  // S3 Access Grants (verify's own model): a grant is the right to obtain credentials for its scope.
  for (const g of readGrants(result)) {
    const prefix = g.subPrefix.replace(/\*$/, '');
    const fact: AccessFact = {
      principal: g.grantee,
      path: 'S3 Access Grants',
      workflow: `get-data-access ${g.permission}`,
      target: prefix || '(whole bucket)',
      prefix,
      actions: ['s3:GetDataAccess'],
      beyondConfig: false,
    };
    facts.set(factKey(fact), fact);
  }
  return {
    bucket: `s3://${config.producer.bucket.name} in account ${config.producer.accountId} (${config.region})`,
    facts: [...facts.values()].sort(byFact),
    findings: result.findings.map(findingFact).sort(byFinding),
    accepted: result.accepted.map(findingFact).sort(byFinding),
    posture: postureOf(config, result.deployed),
    consumers: intent.consumers.map((c) => {
      const route = out.routes.find((r) => r.consumer === c.name);
      return {
        name: c.name,
        accountId: c.accountId,
        role: c.roleArn,
        access: c.level,
        prefixes: c.prefixes,
        written: c.method,
        method: c.route,
        reason: route?.reason ?? 'written',
        ...(c.accessPoint ? { accessPoint: c.accessPoint.name, accessPointArn: c.accessPoint.arn } : {}),
        ...(c.route === 'assume-role' ? { assumes: c.actingArn } : {}),
      };
    }),
    verify: {
      ok: result.ok,
      findings: result.findings.length,
      mismatches: result.mismatches.length,
      lint: result.lint.length,
      workflows: result.cells.length,
    },
  };
}

function factOf(config: Config, cell: Cell, consumer?: IntendedConsumer): AccessFact {
  let principal = cell.role;
  let path: string;
  // The consumer's own role assuming its producer role (a probe that assumes is someone else's door).
  const assumes = cell.path === 'assumed' && !cell.probe && consumer !== undefined;
  if (assumes) {
    // The consumer's own role reaches the bucket by assuming the producer role: both are part of who.
    principal = consumer.roleArn;
    path = `assumes ${cell.role}`;
  } else if (cell.path === 'assumed') path = 'assume-role';
  else if (cell.path === 'access-point')
    path = cell.accessPoint ? `access point ${cell.accessPoint}` : 'an access point not created here';
  else path = 'direct';
  // Plain HTTP is its own door: a TLS deny removed opens it while the HTTPS facts stay the same.
  if (!cell.https) path = `${path} over plain HTTP`;
  const prefix = prefixOf(cell.target);
  return {
    principal,
    path,
    workflow: cell.workflow,
    target: targetText(cell.target),
    ...(prefix === undefined ? {} : { prefix }),
    actions: actionsOf(config, cell.workflow, assumes),
    beyondConfig: !cell.expected,
  };
}

const factKey = (f: Pick<AccessFact, 'principal' | 'path' | 'workflow' | 'target'>) =>
  `${f.principal}|${f.path}|${f.workflow}|${f.target}`;

export const findingKey = (f: FindingFact) => `${f.kind}|${f.document}|${f.message}`;

const order = new Map(ALL_WORKFLOWS.map((w, i) => [w.id, i]));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export const byFact = (a: AccessFact, b: AccessFact) =>
  cmp(a.principal, b.principal) ||
  cmp(a.path, b.path) ||
  cmp(a.target, b.target) ||
  (order.get(a.workflow) ?? 99) - (order.get(b.workflow) ?? 99) ||
  cmp(a.workflow, b.workflow);
const byFinding = (a: FindingFact, b: FindingFact) => cmp(findingKey(a), findingKey(b));

/**
 * The bucket's posture as settings a reviewer reads: Block Public Access, ownership, encryption, versioning, logging.
 */
function postureOf(config: Config, deployed: Deployed): PostureSetting[] {
  const bucket = config.producer.bucket;
  const p = deployed.posture;
  const notManaged = (stated: string) => `${stated} (existing bucket: as the config states it, not managed here)`;
  const out: PostureSetting[] = [];
  const set = (setting: string, value: string) => out.push({ setting, value });
  set('bucket', p.bucket === 'created' ? 'created here' : p.bucket === 'existing' ? 'existing, looked up' : 'missing');
  if (bucket.existing) {
    set('Block Public Access', notManaged('unknown'));
    set('Object Ownership', notManaged(bucket.objectOwnership));
    set(
      'default encryption',
      notManaged(bucket.encryption.type === 'kms' ? `aws:kms with ${bucket.encryption.keyArn}` : 'AES256'),
    );
    set('versioning', notManaged(bucket.versioning ? 'Enabled' : 'off'));
  } else {
    const block = p.publicAccessBlock ?? {};
    const keys = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
    const off = keys.filter((k) => block[k] !== true);
    set('Block Public Access', off.length === 0 ? 'all four on' : `off: ${off.join(', ')}`);
    set('Object Ownership', p.ownership ?? 'not set');
    const e = p.encryption;
    set(
      'default encryption',
      e
        ? `${e.algorithm}${e.keyId ? ` with ${e.keyId}` : ''}${e.algorithm === 'aws:kms' ? `, S3 Bucket Key ${e.bucketKey ? 'on' : 'off'}` : ''}`
        : 'none',
    );
    set('versioning', p.versioning ?? 'off');
  }
  set('server access logging', p.logging ? `to ${p.logging.target}/${p.logging.prefix}` : 'off');
  set('ACL resources', p.acls.length ? p.acls.map(withoutStack).join(', ') : 'none');
  set('organization guard (aws:PrincipalOrgID)', orgGuardOf(deployed));
  return out;
}

/**
 * The organization guard as the output holds it, not as the config says: the organizations every Allow to an AWS
 * principal in the bucket policy binds aws:PrincipalOrgID to, and the statements that lack it.
 */
function orgGuardOf(deployed: Deployed): string {
  const orgs = new Set<string>();
  const without: string[] = [];
  for (const doc of deployed.bucketPolicies)
    for (const s of statementsOf(doc.doc)) {
      if (s.effect !== 'Allow' || !principalAtoms(s).some((a) => a.kind === 'aws')) continue;
      const bound = restriction(s, 'aws:principalorgid', STRING_MATCH);
      if (bound.length === 0) without.push(s.sid);
      else bound.forEach((v) => v.forEach((o) => orgs.add(o)));
    }
  if (orgs.size === 0) return 'none';
  const guard = [...orgs].sort().join(', ');
  return without.length ? `${guard}, missing on ${without.sort().join(', ')}` : guard;
}
