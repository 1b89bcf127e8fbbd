/** The access matrix: every actor x action x scope, evaluated and compared with the intent. */
import type { Config, Consumer } from '../config';
import { Actor, grantedActors, outsiders, producerRoleArnOf, roleArnOf } from './actors';
import type { Deployed } from './deployed';
import { Decision, evaluate, Request } from './engine';
import { intended, Scope } from './expect';
import { assumeRequest, BUCKET_ACTIONS, kmsRequest, KMS_ACTIONS, OBJECT_ACTIONS, Options, s3Request } from './requests';

export interface Cell {
  row: string;
  action: string;
  /** "reports/", "outside reports/ (verify-outside/)", "bucket", "key", or a role name */
  target: string;
  expected: boolean;
  actual: boolean;
  /** Allowed: the statements that allowed each step. Denied: explicit deny statements, if any. */
  decidedBy: string[];
}

export const scopeLabel = (s: Scope) => (s.kind === 'bucket' ? 'bucket' : s.kind === 'outside' ? `outside (${s.prefix})` : s.prefix === '' ? '(whole bucket)' : s.prefix);

/** Granted prefixes (or the whole bucket), and one prefix outside them all. Outsiders: every prefix anyone was granted. */
export function scopesOf(actor: Actor): Scope[] {
  if (actor.kind === 'outsider') return ['', ...(actor.probePrefixes ?? [])].map((prefix) => ({ kind: 'prefix' as const, prefix }));
  if (actor.grants.length === 0 || actor.grants.some((g) => g.prefixes.length === 0)) return [{ kind: 'prefix', prefix: '' }];
  const prefixes = [...new Set(actor.grants.flatMap((g) => g.prefixes))].sort();
  let outside = 'verify-outside/';
  while (prefixes.some((p) => outside.startsWith(p))) outside = `x${outside}`;
  return [...prefixes.map((prefix) => ({ kind: 'prefix' as const, prefix })), { kind: 'outside', prefix: outside }];
}

type Step = (r: Request) => Promise<Decision>;

export async function buildMatrix(config: Config, deployed: Deployed, evaluateOne: Step = evaluate): Promise<Cell[]> {
  const cells: Cell[] = [];
  // The same request asked twice (e.g. KMS with Bucket Keys, whose context ignores the prefix) is evaluated once.
  const seen = new Map<string, Promise<Decision>>();
  const run: Step = (r) => {
    const k = JSON.stringify([r.principal, r.action, r.resource, r.context, r.identity.length, r.resourcePolicy === undefined]);
    if (!seen.has(k)) seen.set(k, evaluateOne(r));
    return seen.get(k)!;
  };
  const hasKey = Boolean(deployed.keyArn);
  const assumeRoles = config.consumers.filter((c) => c.method === 'assume-role');

  const assumed = new Map<Actor, Promise<Decision>>();
  /** An actor's request; for an assumed role, first the AssumeRole that gets there (asked once per actor). */
  const ask = async (actor: Actor, req: Request): Promise<Decision> => {
    if (!actor.via) return run(req);
    const { via } = actor;
    if (!assumed.has(actor)) assumed.set(actor, run(assumeRequest(config, deployed, via.actor, actor.roleArn, via.externalId)));
    const assume = await assumed.get(actor)!;
    if (!assume.allowed) return assume;
    const d = await run(req);
    // The AssumeRole step: the caller's identity policy and the role's trust policy.
    const assumeSids = assume.allowSids.map((s) => s.replace(/^identity:/, 'caller-identity:').replace(/^resource:/, 'trust:'));
    return { ...d, allowSids: d.allowed ? [...assumeSids, ...d.allowSids] : d.allowSids };
  };
  const push = (row: string, action: string, target: string, expected: boolean, d: Decision) =>
    cells.push({ row, action, target, expected, actual: d.allowed, decidedBy: d.allowed ? d.allowSids : d.denySids });

  const dataPlane = async (actor: Actor, row: string, o: Options, kmsOnly = false) => {
    for (const scope of scopesOf(actor)) {
      const target = scopeLabel(scope);
      const https = o.https ?? true;
      const viaS3 = o.viaS3 ?? true;
      if (!kmsOnly) {
        for (const action of [...OBJECT_ACTIONS, 's3:ListBucket']) {
          push(row, action, target, https && intended(config, actor.grants, action, scope), await ask(actor, s3Request(config, deployed, actor, action, scope, o)));
        }
      }
      if (hasKey && https) {
        for (const action of KMS_ACTIONS) {
          push(row, action, target, viaS3 && intended(config, actor.grants, action, scope), await ask(actor, kmsRequest(config, deployed, actor, action, scope, o)));
        }
      }
    }
    if (!kmsOnly) {
      for (const action of BUCKET_ACTIONS) {
        push(row, action, 'bucket', (o.https ?? true) && intended(config, actor.grants, action, { kind: 'bucket' }), await ask(actor, s3Request(config, deployed, actor, action, { kind: 'bucket' }, o)));
      }
    }
  };

  const assumeColumn = async (actor: Actor, row: string, mayAssume: (c: Consumer) => boolean, externalId: (c: Consumer) => string | undefined) => {
    for (const c of assumeRoles) {
      const d = await run(assumeRequest(config, deployed, actor, producerRoleArnOf(config, c), externalId(c)));
      push(row, 'sts:AssumeRole', c.producerRoleName ?? '', mayAssume(c), d);
    }
  };

  for (const actor of grantedActors(config, deployed)) {
    await dataPlane(actor, actor.label, {});
    if (actor.kind === 'consumer-role') {
      // Its own producer roles with the right External ID; every other one is out of reach.
      await assumeColumn(actor, actor.label, (c) => roleArnOf(config, c.accountId, c.role.name, c.role.path) === actor.roleArn, (c) => c.externalId);
    }
    if (actor.grants.length > 0) {
      await dataPlane(actor, `${actor.label} over plain HTTP`, { https: false });
      if (hasKey) await dataPlane(actor, `${actor.label} calling KMS directly, not via S3`, { viaS3: false }, true);
    }
    if (actor.via) {
      const { via } = actor;
      for (const [variant, id] of [['a wrong External ID', 'not-the-external-id-0000'], ['no External ID', undefined]] as const) {
        const d = await run(assumeRequest(config, deployed, via.actor, actor.roleArn, id));
        push(`${actor.label} with ${variant}`, 'sts:AssumeRole', actor.roleArn.split('/').pop() ?? '', false, d);
      }
    }
  }
  for (const actor of outsiders(config)) {
    await dataPlane(actor, actor.label, {});
    // Even knowing the right External ID, an outsider cannot assume a producer role.
    await assumeColumn(actor, actor.label, () => false, (c) => c.externalId);
  }
  return cells;
}

export const mismatches = (cells: Cell[]) => cells.filter((c) => c.expected !== c.actual);
