/** The access matrix: every actor x action x scope, evaluated and compared with the intent. */
import type { Config, Consumer } from '../config';
import { ADMIN, Actor, grantedActors, outsiders, producerRoleArnOf, roleArnOf, strangerAccount } from './actors';
import type { Deployed } from './deployed';
import { Decision, evaluate, Request } from './engine';
import { intended, intendedKms, Scope } from './expect';
import {
  assumeRequest,
  BUCKET_ACTIONS,
  kmsRequest,
  KMS_ACTIONS,
  OBJECT_ACTIONS,
  Options,
  s3Requests,
  ThroughAccessPoint,
} from './requests';

export interface Cell {
  row: string;
  action: string;
  /** "reports/", "outside (verify-outside/)", "bucket", or a role name */
  target: string;
  expected: boolean;
  actual: boolean;
  /** Allowed: the statements that allowed each step. Denied: explicit deny statements, if any. */
  decidedBy: string[];
  /** For the diagram: the acting role, and the path a granted request takes (absent on negative rows). */
  principalArn: string;
  path?: 'direct' | 'assumed' | 'access-point';
  accessPoint?: string;
}

export const scopeLabel = (s: Scope) =>
  s.kind === 'bucket'
    ? 'bucket'
    : s.kind === 'outside'
      ? `outside (${s.prefix})`
      : s.prefix === ''
        ? '(whole bucket)'
        : s.prefix;

/**
 * Granted prefixes (or the whole bucket), and one prefix outside them all. Without
 * a grant on this path: the prefixes where a leak would show (probePrefixes).
 */
export function scopesOf(actor: Actor): Scope[] {
  if (actor.kind === 'outsider' || (actor.grants.length === 0 && actor.probePrefixes)) {
    return [...new Set(['', ...(actor.probePrefixes ?? [])])].map((prefix) => ({ kind: 'prefix' as const, prefix }));
  }
  if (actor.grants.length === 0 || actor.grants.some((g) => g.prefixes.length === 0))
    return [{ kind: 'prefix', prefix: '' }];
  const prefixes = [...new Set(actor.grants.flatMap((g) => g.prefixes))].sort();
  let outside = 'verify-outside/';
  while (prefixes.some((p) => outside.startsWith(p))) outside = `x${outside}`;
  return [...prefixes.map((prefix) => ({ kind: 'prefix' as const, prefix })), { kind: 'outside', prefix: outside }];
}

type Step = (r: Request) => Promise<Decision>;
/** How each step's statements are named in the report. */
type Labels = { identity: string; resource: string };
const S3_STEP: Labels = { identity: 'identity', resource: 'bucket' };

const relabel = (d: Decision, l: Labels): string[] =>
  (d.allowed ? d.allowSids : d.denySids)
    .filter((s) => !s.startsWith('identity:AuthorizedAtAccessPoint'))
    .map((s) => s.replace(/^identity:/, `${l.identity}:`).replace(/^resource:/, `${l.resource}:`));

export async function buildMatrix(config: Config, deployed: Deployed, evaluateOne: Step = evaluate): Promise<Cell[]> {
  const cells: Cell[] = [];
  // The same request asked twice (e.g. KMS with Bucket Keys, whose context ignores the prefix) is evaluated once.
  const seen = new Map<string, Promise<Decision>>();
  const run: Step = (r) => {
    const k = JSON.stringify([
      r.principal,
      r.action,
      r.resource,
      r.context,
      r.identity,
      r.resourcePolicy === undefined,
    ]);
    if (!seen.has(k)) seen.set(k, evaluateOne(r));
    return seen.get(k)!;
  };
  const hasKey = Boolean(deployed.keyArn);
  const legacy = config.producer.bucket.objectOwnership !== 'BucketOwnerEnforced';
  const assumeRoles = config.consumers.filter((c) => c.method === 'assume-role');

  /** All steps of one request; the first denial decides. An assumed role first needs its AssumeRole. */
  const ask = async (actor: Actor, steps: [Request, Labels][]): Promise<{ allowed: boolean; sids: string[] }> => {
    const chain: [Request, Labels][] = actor.via
      ? [
          [
            assumeRequest(config, deployed, actor.via.actor, actor.roleArn, actor.via.externalId),
            { identity: 'caller-identity', resource: 'trust' },
          ],
          ...steps,
        ]
      : steps;
    const sids: string[] = [];
    for (const [req, labels] of chain) {
      const d = await run(req);
      if (!d.allowed) return { allowed: false, sids: relabel(d, labels) };
      sids.push(...relabel(d, labels));
    }
    return { allowed: true, sids };
  };
  /** `actor` is given on the rows that show a granted path (for the diagram). */
  const push = (
    row: string,
    action: string,
    target: string,
    expected: boolean,
    d: { allowed: boolean; sids: string[] },
    actor?: Actor,
  ) =>
    cells.push({
      row,
      action,
      target,
      expected,
      actual: d.allowed,
      decidedBy: d.sids,
      principalArn: actor?.roleArn ?? '',
      ...(actor && actor.kind !== 'outsider'
        ? {
            path: actor.kind === 'assumed-role' ? 'assumed' : actor.kind === 'access-point' ? 'access-point' : 'direct',
          }
        : {}),
      ...(actor?.accessPoint ? { accessPoint: actor.accessPoint.name } : {}),
    });

  const s3Steps = (
    actor: Actor,
    action: string,
    scope: Scope,
    o: Options,
    ap?: ThroughAccessPoint,
  ): [Request, Labels][] => {
    const reqs = s3Requests(config, deployed, actor, action, scope, o, ap ?? actor.accessPoint);
    return reqs.length === 1
      ? [[reqs[0], S3_STEP]]
      : [
          [reqs[0], { identity: 'identity', resource: 'access-point' }],
          [reqs[1], S3_STEP],
        ];
  };

  const dataPlane = async (
    actor: Actor,
    row: string,
    o: Options & {
      kmsOnly?: boolean;
      actions?: string[];
      expect?: (action: string, scope: Scope) => boolean;
      ap?: ThroughAccessPoint;
    },
  ) => {
    const main = row === actor.label && actor.kind !== 'outsider' ? actor : undefined;
    const https = o.https ?? true;
    const viaS3 = o.viaS3 ?? true;
    const expectS3 =
      o.expect ?? ((action: string, scope: Scope) => https && intended(config, actor.grants, action, scope));
    const s3Actions = o.actions ?? [...OBJECT_ACTIONS, 's3:ListBucket'];
    for (const scope of scopesOf(actor)) {
      const target = scopeLabel(scope);
      if (!o.kmsOnly)
        for (const action of s3Actions)
          push(
            row,
            action,
            target,
            expectS3(action, scope),
            await ask(actor, s3Steps(actor, action, scope, o, o.ap)),
            main,
          );
      // KMS belongs to the role, not the path: asked on role rows and assumed roles, over HTTPS.
      if (hasKey && https && !o.actions && actor.kind !== 'access-point' && !o.ap) {
        for (const action of KMS_ACTIONS) {
          push(
            row,
            action,
            target,
            viaS3 && intendedKms(config, actor.kmsGrants, action, scope),
            await ask(actor, [
              [kmsRequest(config, deployed, actor, action, scope, o), { identity: 'identity', resource: 'key' }],
            ]),
            main,
          );
        }
      }
    }
    if (!o.kmsOnly && !o.actions) {
      // PutBucketPolicy has no access-point form: through an access point, only GetBucketLocation is asked.
      const bucketActions =
        actor.accessPoint || o.ap ? BUCKET_ACTIONS.filter((a) => a !== 's3:PutBucketPolicy') : BUCKET_ACTIONS;
      for (const action of bucketActions)
        push(
          row,
          action,
          'bucket',
          expectS3(action, { kind: 'bucket' }),
          await ask(actor, s3Steps(actor, action, { kind: 'bucket' }, o, o.ap)),
          main,
        );
    }
  };

  const assumeColumn = async (
    actor: Actor,
    row: string,
    mayAssume: (c: Consumer) => boolean,
    externalId: (c: Consumer) => string | undefined,
  ) => {
    for (const c of assumeRoles) {
      const d = await run(assumeRequest(config, deployed, actor, producerRoleArnOf(config, c), externalId(c)));
      push(
        row,
        'sts:AssumeRole',
        c.producerRoleName ?? '',
        mayAssume(c),
        { allowed: d.allowed, sids: relabel(d, { identity: 'caller-identity', resource: 'trust' }) },
        actor.kind === 'outsider' ? undefined : actor,
      );
    }
  };

  const stranger = strangerAccount(config);
  const actors = grantedActors(config, deployed);
  for (const actor of actors) {
    await dataPlane(actor, actor.label, {});
    if (actor.kind === 'consumer-role') {
      // Its own producer roles with the right External ID; every other one is out of reach.
      await assumeColumn(
        actor,
        actor.label,
        (c) => roleArnOf(config, c.accountId, c.role.name, c.role.path) === actor.roleArn,
        (c) => c.externalId,
      );
    }
    if (actor.grants.length > 0) {
      await dataPlane(actor, `${actor.label} over plain HTTP`, { https: false });
      if (hasKey && actor.kind !== 'access-point')
        await dataPlane(actor, `${actor.label} calling KMS directly, not via S3`, { viaS3: false, kmsOnly: true });
      if (legacy && actor.grants.some((g) => g.level !== 'read')) {
        // Only the producer's own roles may upload without handing over the object: theirs stay the owner's.
        await dataPlane(actor, `${actor.label} uploading without the bucket-owner-full-control ACL`, {
          ownerAcl: false,
          actions: ['s3:PutObject'],
          expect: (action, scope) =>
            actor.account === config.producer.accountId && intended(config, actor.grants, action, scope),
        });
      }
    }
    if (actor.accessPoint) {
      // A consumer account's admin may allow anything on an access point of theirs; the bucket must still refuse it.
      const foreign: ThroughAccessPoint = {
        arn: `arn:${config.partition}:s3:${config.region}:${stranger}:accesspoint/verify-foreign`,
        account: stranger,
        policy: {
          Version: '2012-10-17',
          Statement: [{ Sid: 'ForeignAllowsAll', Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }],
        },
        networkOrigin: 'Internet',
      };
      // A direct grant of the same role is not tied to access points: it holds there too.
      const direct = actors.find((a) => a.kind === 'consumer-role' && a.roleArn === actor.roleArn)?.grants ?? [];
      // In the bucket's own account an admin is let in by IAM alone (trusted by S3's design): there the role keeps its own policies.
      const identity = actor.account === config.producer.accountId ? actor.identity : [ADMIN];
      await dataPlane(
        { ...actor, identity },
        `${actor.label.replace(/ via access point .*/, '')} via an access point of unrelated account ${stranger}`,
        {
          ap: foreign,
          // With its own identity policy (which names only its own access point) nothing passes a foreign one.
          expect: (action, scope) => identity !== actor.identity && intended(config, direct, action, scope),
        },
      );
    }
    if (actor.via) {
      const { via } = actor;
      for (const [variant, id] of [
        ['a wrong External ID', 'not-the-external-id-0000'],
        ['no External ID', undefined],
      ] as const) {
        const d = await run(assumeRequest(config, deployed, via.actor, actor.roleArn, id));
        push(`${actor.label} with ${variant}`, 'sts:AssumeRole', actor.roleArn.split('/').pop() ?? '', false, {
          allowed: d.allowed,
          sids: relabel(d, { identity: 'caller-identity', resource: 'trust' }),
        });
      }
    }
  }
  for (const actor of outsiders(config)) {
    await dataPlane(actor, actor.label, {});
    // Even knowing the right External ID, an outsider cannot assume a producer role.
    await assumeColumn(
      actor,
      actor.label,
      () => false,
      (c) => c.externalId,
    );
  }
  return cells;
}

export const mismatches = (cells: Cell[]) => cells.filter((c) => c.expected !== c.actual);
