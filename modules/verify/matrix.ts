/**
 * The workflow matrix: every row (a consumer's path, or a probe) asks each
 * workflow on each prefix in scope; a workflow passes only if every request it
 * makes is allowed. Each cell is compared with what the config intends.
 */
import type { Deployed, Doc } from './deployed';
import type { Decision, Request } from './engine';
import { IntendedConsumer, Intent, kmsActionsOf, reads, s3ActionsOf, writes } from './intent';
import { assumeRequest, kmsRequest, s3Requests, Scope } from './requests';
import { ADMIN, Row } from './rows';
import { roleArn } from '../naming';
import { Level, levels, Workflow, WORKFLOWS } from './workflows';
import { PACK_WORKFLOWS } from './packs';
import { deletes } from '../config';

export interface Cell {
  row: string;
  consumer?: string;
  /** Set when the path is shared: every consumer it is for (direct consumers of one role), `consumer` first. */
  sharedBy?: readonly string[];
  path: Row['path'];
  probe: boolean;
  workflow: string;
  /** What the requests were about, typed: what diff and the report read. */
  target: CellTarget;
  /** As the report shows it: "reports/", "(whole bucket)", "outside (verify-outside/)", "bucket", a role name. */
  scope: string;
  expected: boolean;
  actual: boolean;
  /** Allowed: the statements that allowed each request. Denied: the request that failed and any explicit deny. */
  decidedBy: string[];
  failedAt?: string;
  role: string;
  accessPoint?: string;
  /** False for the requests sent over plain HTTP (which the TLS deny must refuse). */
  https: boolean;
}

/**
 * What a cell's requests were about: a granted prefix ("" = the whole bucket), a prefix outside the grants,
 * the bucket itself, or a producer role to assume.
 */
export type CellTarget =
  | { kind: 'prefix'; prefix: string }
  | { kind: 'outside'; prefix: string }
  | { kind: 'bucket' }
  | { kind: 'role'; arn: string };

const targetOf = (s: Scope | 'bucket'): CellTarget =>
  s === 'bucket' ? { kind: 'bucket' } : { kind: s.kind === 'outside' ? 'outside' : 'prefix', prefix: s.prefix };

/** The consumers a cell is for: every consumer of a shared path, else its one consumer (probes: none). */
export const cellConsumers = (c: Cell): readonly string[] => c.sharedBy ?? (c.consumer ? [c.consumer] : []);

export type Evaluate = (requests: Request[]) => Promise<Decision[]>;

const BUCKET_LEVEL = new Set(['bucket-location', 'head-bucket', 'put-bucket-policy']);
/** What probes ask (every other request is the complete analysis's): reading, listing, writing. */
const PROBE_WORKFLOWS = new Set(['download', 'list-prefix', 'upload', 'bucket-location']);
/** Outside the granted prefixes, and over plain HTTP: the same three. */
const NARROW = new Set(['download', 'list-prefix', 'upload']);

/** Whether a workflow is asked at all for this bucket (SSE type, versioning, ownership). */
function applies(intent: Intent, w: Workflow): boolean {
  switch (w.only) {
    case 'versioning':
      return intent.versioning;
    case 'kms':
      return Boolean(intent.kms);
    case 'kms-bucket-key':
      return Boolean(intent.kms?.bucketKey);
    case 'legacy-acl':
      return intent.legacyAcl;
    case 'enforced-ownership':
      return !intent.legacyAcl;
    case 'sse-s3':
      return !intent.kms;
    default:
      return true;
  }
}

const covers = (g: IntendedConsumer, prefix: string) =>
  g.prefixes.length === 0 || g.prefixes.some((p) => prefix.startsWith(p));

/** Is workflow `w` on `scope` meant to pass for this row? Written from the access tables, not from the generator. */
function intended(intent: Intent, row: Row, w: Workflow, scope: Scope | 'bucket'): boolean {
  if (!row.https) return false;
  const writers = (gs: IntendedConsumer[]) => gs.some((g) => writes(g.level));
  if (w.id === 'delete') {
    // Deletion is off unless a pack of a grant covering the key asks for it (docs/packs.md).
    return (
      scope !== 'bucket' &&
      scope.kind === 'prefix' &&
      row.grants.some((g) => covers(g, scope.prefix) && deletes(g.packs))
    );
  }
  if (w.needs === 'never') {
    // Only the bucket account's own principals may upload without handing over ownership: theirs stay the owner's.
    return (
      w.id === 'upload-without-owner-acl' &&
      row.account === intent.producer &&
      scope !== 'bucket' &&
      scope.kind === 'prefix' &&
      writers(row.grants.filter((g) => covers(g, scope.prefix)))
    );
  }
  if (scope === 'bucket') {
    if (w.only === 'whole-bucket') return row.grants.some((g) => reads(g.level) && g.prefixes.length === 0);
    return row.grants.some((g) => reads(g.level));
  }
  if (scope.kind === 'outside') return false;
  const covering = row.grants.filter((g) => covers(g, scope.prefix));
  const held = new Set<Level>(covering.flatMap((g) => levels(g.level)));
  // A pack's workflow: passes where every call is one the covering grants' levels and packs allow (a consumer
  // without the pack may still make the calls its level holds), through an access point none IAM keeps to the bucket.
  if ('pack' in w) {
    if (!heldByGrants(intent, covering, Boolean(row.door), w)) return false;
  } else if (!w.needs.every((l) => held.has(l))) return false;
  // Legacy ACL modes: UploadPart cannot carry the canned ACL they require of other accounts' uploads (documented).
  const uploadsParts = w.steps.some((st) => 's3' in st && st.s3.noAcl && st.s3.action === 's3:PutObject');
  if (uploadsParts && intent.legacyAcl && row.account !== intent.producer) return false;
  return true;
}

function heldByGrants(intent: Intent, covering: IntendedConsumer[], viaAccessPoint: boolean, w: Workflow): boolean {
  const o = { versioning: intent.versioning, legacyAcl: intent.legacyAcl };
  const s3 = new Set(
    covering.flatMap((g) => {
      const a = s3ActionsOf(g.level, o, g.packs, viaAccessPoint);
      return [...a.object, ...a.listing, ...a.bucket];
    }),
  );
  const kms = new Set(covering.flatMap((g) => kmsActionsOf(g.level)));
  return w.steps.every((st) => ('s3' in st ? s3.has(st.s3.action) : kms.has(st.kms.action)));
}

function scopesOf(row: Row): Scope[] {
  const prefixes = [...new Set(row.prefixes)].sort();
  if (row.probe)
    return [{ kind: 'prefix', prefix: '' }, ...prefixes.map((prefix) => ({ kind: 'prefix' as const, prefix }))];
  if (row.grants.some((g) => g.prefixes.length === 0)) return [{ kind: 'prefix', prefix: '' }];
  let outside = 'verify-outside/';
  while (prefixes.some((p) => outside.startsWith(p))) outside = `x${outside}`;
  return [...prefixes.map((prefix) => ({ kind: 'prefix' as const, prefix })), { kind: 'outside', prefix: outside }];
}

const scopeLabel = (s: Scope | 'bucket') =>
  s === 'bucket'
    ? 'bucket'
    : s.kind === 'outside'
      ? `outside (${s.prefix})`
      : s.prefix === ''
        ? '(whole bucket)'
        : s.prefix;

const sids = (d: Decision, resourceLabel: string) =>
  (d.allowed ? d.allowSids : d.denySids)
    .filter((s) => !s.startsWith('identity:AuthorizedAtAccessPoint'))
    .map((s) => s.replace(/^resource:/, `${resourceLabel}:`));

/** The requests of one workflow for one row, each with a label for the report, in order. */
function requestsOf(
  intent: Intent,
  deployed: Deployed,
  row: Row,
  w: Workflow,
  scope: Scope,
): { label: string; resource: string; request: Request }[] {
  const out: { label: string; resource: string; request: Request }[] = [];
  if (row.assume)
    out.push({
      label: 'AssumeRole',
      resource: 'trust',
      request: assumeRequest(intent, deployed, row.assume, row.role, row.assume.externalId),
    });
  for (const step of w.steps) {
    if ('kms' in step) {
      if (!deployed.keyArn) continue;
      out.push({ label: step.kms.api, resource: 'key', request: kmsRequest(intent, deployed, row, step.kms, scope) });
      continue;
    }
    const s = step.s3;
    const actions = [s.action];
    // An upload with a canned ACL is also authorized as PutObjectAcl.
    if (s.action === 's3:PutObject' && intent.legacyAcl && !s.noAcl) actions.push('s3:PutObjectAcl');
    for (const action of actions) {
      // The ACL half of an upload is authorized on the ACL alone: encryption headers are no part of it.
      const reqs = s3Requests(intent, deployed, row, action === s.action ? s : { ...s, headers: {} }, scope, action);
      reqs.forEach((request, i) =>
        out.push({
          label: `${s.api}${action !== s.action ? ` (${action})` : ''}`,
          resource: reqs.length === 2 && i === 0 ? 'access-point' : 'bucket',
          request,
        }),
      );
    }
  }
  return out;
}

interface Ask {
  row: Row;
  workflow: string;
  target: CellTarget;
  scope: string;
  expected: boolean;
  steps: { label: string; resource: string; request: Request }[];
}

/** Rows per batch: their requests are built, decided and dropped before the next batch's (memory bounded at 10,000). */
const ROWS_PER_BATCH = Number(process.env.VERIFY_ROWS_PER_BATCH ?? 500);

/** Every workflow asked of one row. */
function asksOf(intent: Intent, deployed: Deployed, row: Row): Ask[] {
  const asks: Ask[] = [];
  const scopes = scopesOf(row);
  // Pack workflows are asked of every consumer once any consumer has a pack: those without it must be refused.
  const packs = intent.consumers.some((c) => c.packs.length) ? PACK_WORKFLOWS : [];
  for (const w of [...WORKFLOWS, ...packs]) {
    if (!applies(intent, w)) continue;
    if (!row.https && w.id !== (row.grants.some((g) => g.level !== 'write') ? 'download' : 'upload')) continue;
    if (row.probe && row.https && !PROBE_WORKFLOWS.has(w.id)) continue;
    const bucketLevel = BUCKET_LEVEL.has(w.id);
    if (bucketLevel && w.steps.every((s) => 's3' in s && s.s3.bucketOnly) && row.door) continue; // no access-point form
    // A request no level may make, and plain HTTP, on the first prefix; outside the grants, the narrow set.
    const asked = bucketLevel
      ? [{ kind: 'prefix' as const, prefix: '' }]
      : w.needs === 'never' || !row.https
        ? scopes.slice(0, 1)
        : scopes.filter((sc) => sc.kind === 'prefix' || NARROW.has(w.id));
    for (const scope of asked) {
      asks.push({
        row,
        workflow: w.id,
        target: targetOf(bucketLevel ? 'bucket' : scope),
        scope: bucketLevel ? 'bucket' : scopeLabel(scope),
        expected: intended(intent, row, w, bucketLevel ? 'bucket' : scope),
        steps: requestsOf(intent, deployed, row, w, scope),
      });
    }
  }
  return asks;
}

/**
 * Rows in batches, each batch's requests built, decided and turned into cells before the next batch's are built:
 * the cells are kept, the requests not. The cells come out in row order, then the assume-role probes.
 */
export async function buildMatrix(
  intent: Intent,
  deployed: Deployed,
  rows: Row[],
  evaluate: Evaluate,
): Promise<Cell[]> {
  const cells: Cell[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_BATCH)
    cells.push(
      ...(await settle(
        rows.slice(i, i + ROWS_PER_BATCH).flatMap((r) => asksOf(intent, deployed, r)),
        evaluate,
      )),
    );
  cells.push(...(await settle(assumeProbes(intent, deployed), evaluate)));
  return cells;
}

async function settle(asks: Ask[], evaluate: Evaluate): Promise<Cell[]> {
  // Every distinct request once, whatever the number of workflows asking it.
  // Step by step, every workflow at once: a workflow stops at its first denial, as a client would.
  // A workflow of no request would pass unasked: the Terraform JSON lacks what it needs, so refuse, never pass.
  const empty = asks.find((a) => a.steps.length === 0);
  if (empty)
    throw new Error(
      `no request can be built for ${empty.workflow} of ${empty.row.label}: the Terraform JSON lacks what it needs; run \`npm run synth\` again`,
    );
  const results: Decision[][] = asks.map(() => []);
  let open = asks.map((_, i) => i);
  while (open.length) {
    const decisions = await evaluate(open.map((i) => asks[i].steps[results[i].length].request));
    open.forEach((i, j) => results[i].push(decisions[j]));
    open = open.filter((i) => results[i][results[i].length - 1].allowed && results[i].length < asks[i].steps.length);
  }
  return asks.map((a, i): Cell => {
    const steps = results[i].map((decision, j) => ({ ...a.steps[j], decision }));
    const failed = steps.find((r) => !r.decision.allowed);
    return {
      row: a.row.label,
      ...(a.row.consumer ? { consumer: a.row.consumer } : {}),
      ...(a.row.consumers && a.row.consumers.length > 1 ? { sharedBy: a.row.consumers } : {}),
      path: a.row.path,
      probe: a.row.probe,
      workflow: a.workflow,
      target: a.target,
      scope: a.scope,
      expected: a.expected,
      actual: !failed,
      decidedBy: failed
        ? sids(failed.decision, failed.resource)
        : [...new Set(steps.flatMap((r) => sids(r.decision, r.resource)))],
      ...(failed ? { failedAt: failed.label } : {}),
      role: a.row.role,
      https: a.row.https,
      ...(a.row.door?.ours ? { accessPoint: a.row.door.arn.split('/').pop() } : {}),
    };
  });
}

/** Producer roles: not with a wrong or no External ID, not by anyone but their consumer's role, even knowing the ID. */
function assumeProbes(intent: Intent, deployed: Deployed): Ask[] {
  const { stranger } = intent;
  const out: Ask[] = [];
  const ask = (
    label: string,
    from: { role: string; account: string; identity: Doc[] },
    target: IntendedConsumer,
    externalId?: string,
  ): Ask => ({
    row: {
      label,
      path: 'assumed',
      role: from.role,
      account: from.account,
      identity: from.identity,
      grants: [],
      https: true,
      probe: true,
      prefixes: [],
    },
    workflow: 'assume-role',
    target: { kind: 'role', arn: target.actingArn },
    scope: target.actingArn.split('/').pop() ?? '',
    expected: false,
    steps: [
      {
        label: 'AssumeRole',
        resource: 'trust',
        request: assumeRequest(intent, deployed, from, target.actingArn, externalId),
      },
    ],
  });
  for (const c of intent.consumers.filter((x) => x.route === 'assume-role')) {
    const own = { role: c.roleArn, account: c.accountId, identity: [ADMIN] };
    out.push(
      ask(`${c.name}: ${c.roleArn.split('/').pop()} with a wrong External ID`, own, c, 'not-the-external-id-0000'),
    );
    out.push(ask(`${c.name}: ${c.roleArn.split('/').pop()} without an External ID`, own, c));
    const others = [
      { role: roleArn(intent.partition, stranger, 'Outsider'), account: stranger },
      { role: roleArn(intent.partition, c.accountId, 'verify-other-role'), account: c.accountId },
      ...intent.consumers
        .filter((o) => o.roleArn !== c.roleArn)
        .slice(0, 3)
        .map((o) => ({ role: o.roleArn, account: o.accountId })),
    ];
    for (const o of others)
      out.push(ask(`${o.role} knowing ${c.name}'s External ID`, { ...o, identity: [ADMIN] }, c, c.externalId));
  }
  return out;
}

export const mismatches = (cells: Cell[]) => cells.filter((c) => c.expected !== c.actual);
