/**
 * S3 Access Grants, proven by our own model (the IAM engine does not model GetDataAccess; docs/access-grants.md).
 *
 * A consumer obtains credentials for a target and a permission when (1) its identity policy allows
 * s3:GetDataAccess on the instance, (2) the instance's resource policy admits its role (or it is in the
 * producer account), and (3) a grant names its role with that permission, or a wider one, on a scope that
 * covers the target. What it then holds is a session of the location role, cut to the grant's scope and
 * permission: so the location role may hold no more than the levels granted, on the bucket only.
 *
 * Every statement and resource of the Access Grants part is held to the one form synth writes; anything
 * else is a finding (fail closed). The grants, the instance policy's principals and the location role's
 * rights are derived here from the config alone.
 */
import type { Config } from '../../config';
import { accessGrantsInstanceArn, accessGrantsRoleName, bucketArn, roleArn } from '../../naming';
import type { Deployed, DeployedRole, Doc, NamedDoc } from '../deployed';
import { kmsActionsOf, reads, s3ActionsOf, writes, type IntendedConsumer } from '../intent';
import type { Located } from '../terraform';
import type { Check } from './context';
import type { Finding } from './findings';

export const ACCESS_GRANTS_TYPES = [
  'aws_s3control_access_grants_instance',
  'aws_s3control_access_grants_instance_resource_policy',
  'aws_s3control_access_grants_location',
  'aws_s3control_access_grant',
] as const;

const SERVICE = 'access-grants.s3.amazonaws.com';
const GRANTEE_ACTIONS = ['s3:GetDataAccess', 's3:ListCallerAccessGrants'];
type Permission = 'READ' | 'WRITE' | 'READWRITE';
const PERMISSIONS: Permission[] = ['READ', 'WRITE', 'READWRITE'];

/** A level's permission, from what it reads and writes (verify's own reading of the table). */
const permissionOf = (c: Pick<IntendedConsumer, 'level'>): Permission =>
  reads(c.level) && writes(c.level) ? 'READWRITE' : writes(c.level) ? 'WRITE' : 'READ';
const covers = (held: Permission, asked: Permission) => held === 'READWRITE' || held === asked;

export const grantees = (check: Pick<Check, 'intent'>) =>
  check.intent.consumers.filter((c) => c.route === 'access-grant');
const instanceArnOf = (config: Config) =>
  accessGrantsInstanceArn(config.partition, config.region, config.producer.accountId);
export const locationRoleOf = (config: Config) =>
  roleArn(config.partition, config.producer.accountId, accessGrantsRoleName(config.producer.bucket.name));

export interface DeployedGrant {
  where: string;
  grantee: string;
  granteeType: string;
  permission: string;
  subPrefix: string;
}

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
const first = (v: unknown) => (Array.isArray(v) ? (v[0] as Record<string, unknown> | undefined) : undefined) ?? {};

/** The grants of an output, as written (diff reads them as access facts; the checks below prove them). */
export function readGrants({ deployed }: { deployed: Deployed }): DeployedGrant[] {
  return deployed.resources
    .filter((r) => r.type === 'aws_s3control_access_grant')
    .map((r) => {
      const where = `${r.stack}:${r.type}.${r.name}`;
      const grantee = first(r.body.grantee);
      const config = first(r.body.access_grants_location_configuration);
      // One grantee and one sub-prefix, in the form synth writes: anything else is not modelled.
      const wellFormed =
        Array.isArray(r.body.grantee) &&
        r.body.grantee.length === 1 &&
        sameSet(Object.keys(grantee), ['grantee_identifier', 'grantee_type']) &&
        Array.isArray(r.body.access_grants_location_configuration) &&
        r.body.access_grants_location_configuration.length === 1 &&
        sameSet(Object.keys(config), ['s3_sub_prefix']);
      return {
        where,
        grantee: deployed.resolve(String(grantee.grantee_identifier ?? ''), where),
        granteeType: wellFormed ? String(grantee.grantee_type ?? '') : 'not-modelled',
        permission: String(r.body.permission ?? ''),
        subPrefix: String(config.s3_sub_prefix ?? ''),
      };
    });
}

/** Whether `role` can obtain credentials for `target` (an object key or prefix) with `permission`, by the model. */
function obtainable(
  grants: ReadonlyMap<string, readonly DeployedGrant[]>,
  admitted: (role: string) => boolean,
  identityAllows: (role: string) => boolean,
  role: string,
  key: string,
  permission: Permission,
): boolean {
  if (!identityAllows(role) || !admitted(role)) return false;
  return (grants.get(role) ?? []).some(
    (g) =>
      g.granteeType === 'IAM' &&
      g.grantee === role &&
      PERMISSIONS.includes(g.permission as Permission) &&
      covers(g.permission as Permission, permission) &&
      g.subPrefix.endsWith('*') &&
      !g.subPrefix.slice(0, -1).includes('*') &&
      key.startsWith(g.subPrefix.slice(0, -1)),
  );
}

export function checkAccessGrants(check: Check): Finding[] {
  const { intent, deployed } = check;
  const config = intent.config;
  const out: Finding[] = [];
  const fail = (where: string, message: string, kind: Finding['kind'] = 'unexplained', sid = '-') =>
    out.push({ where, sid, kind, message });
  const consumers = grantees(check);
  const instanceArn = instanceArnOf(config);
  const locationRole = locationRoleOf(config);
  const of = (type: string) => deployed.resources.filter((r) => r.type === type);
  const whereOf = (r: Located) => `${r.stack}:${r.type}.${r.name}`;
  const mode = config.producer.accessGrants;

  if (consumers.length === 0) {
    for (const type of ACCESS_GRANTS_TYPES)
      for (const r of of(type)) fail(whereOf(r), `a ${type}: no consumer of the config has method "access-grant"`);
    return out;
  }
  // The instance: created here exactly once, or none (an existing one is shared).
  const instances = of('aws_s3control_access_grants_instance');
  const wantInstance = mode?.instance !== 'existing' ? 1 : 0;
  if (instances.length !== wantInstance)
    fail(
      'access grants instance',
      `${instances.length} aws_s3control_access_grants_instance, the config implies ${wantInstance}`,
      'posture',
    );

  // Its resource policy: the consumer roles of other accounts, the grantee calls, on the instance only.
  const others = consumers.filter((c) => c.accountId !== intent.producer);
  const policies = of('aws_s3control_access_grants_instance_resource_policy');
  const wantPolicy = others.length > 0 && mode?.resourcePolicy !== 'handoff' ? 1 : 0;
  if (policies.length !== wantPolicy)
    fail(
      'access grants instance',
      `${policies.length} instance resource policies, the config implies ${wantPolicy}`,
      'posture',
    );
  const admittedRoles = new Set<string>();
  const admittedAccounts = new Set<string>();
  const policyDocs: NamedDoc[] = [];
  for (const r of policies) {
    const where = whereOf(r);
    try {
      policyDocs.push({
        where,
        kind: 'resource',
        doc: JSON.parse(deployed.resolve(String(r.body.policy), where)) as Doc,
      });
    } catch {
      fail(where, 'the instance resource policy is not valid JSON');
    }
  }
  const handoff = deployed.accessGrantsPolicy;
  if (handoff) policyDocs.push(handoff);
  const roots = new Map(others.map((c) => [`arn:${intent.partition}:iam::${c.accountId}:root`, c.accountId]));
  const roles = new Set(others.map((c) => c.roleArn));
  for (const d of policyDocs) {
    for (const s of d.doc.Statement ?? []) {
      const sid = String(s.Sid ?? '-');
      const keys = Object.keys(s).filter(
        (k) => !['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'Condition'].includes(k),
      );
      const principal = (s.Principal ?? {}) as Record<string, unknown>;
      const accounts = list(principal.AWS);
      const condition = (s.Condition ?? {}) as Record<string, Record<string, unknown>>;
      const pins = list(condition.ArnEquals?.['aws:PrincipalArn']);
      const otherConditions = Object.entries(condition).some(
        ([op, kv]) => op !== 'ArnEquals' || Object.keys(kv).some((k) => k !== 'aws:PrincipalArn'),
      );
      const bad = [
        s.Effect !== 'Allow' && `Effect ${String(s.Effect)}`,
        keys.length > 0 && `${keys.join(', ')}`,
        (typeof s.Principal !== 'object' || Object.keys(principal).some((k) => k !== 'AWS')) &&
          'a principal other than AWS accounts',
        accounts.some((a) => !roots.has(a)) &&
          `principals ${accounts.filter((a) => !roots.has(a)).join(', ')} (not a consumer account of method "access-grant")`,
        list(s.Action).some((a) => !GRANTEE_ACTIONS.includes(a)) &&
          `actions ${list(s.Action)
            .filter((a) => !GRANTEE_ACTIONS.includes(a))
            .join(', ')}`,
        !sameSet(list(s.Resource), [instanceArn]) && `resources ${list(s.Resource).join(', ')} (only ${instanceArn})`,
        otherConditions && 'conditions other than the aws:PrincipalArn pin',
        pins.some((p) => !roles.has(p)) &&
          `pins ${pins.filter((p) => !roles.has(p)).join(', ')} (no access-grant consumer's role)`,
      ].filter(Boolean);
      if (bad.length) {
        fail(d.where, `instance resource policy statement: ${bad.join('; ')}`, 'principal', sid);
        continue;
      }
      for (const a of accounts) admittedAccounts.add(roots.get(a)!);
      for (const p of pins) admittedRoles.add(p);
      if (pins.length === 0)
        for (const c of others) if (admittedAccounts.has(c.accountId)) admittedRoles.add(c.roleArn);
    }
  }
  // Accounts admitted without pins admit any role of theirs: only the grants tell roles apart then.
  const admitted = (role: string) =>
    role.split(':')[4] === intent.producer ||
    (admittedRoles.has(role) && admittedAccounts.has(role.split(':')[4] ?? ''));

  // The location: the whole bucket, with the location role.
  const locations = of('aws_s3control_access_grants_location');
  if (locations.length !== 1)
    fail(
      'access grants location',
      `${locations.length} aws_s3control_access_grants_location, the config implies 1`,
      'posture',
    );
  for (const r of locations) {
    const where = whereOf(r);
    const scope = deployed.resolve(String(r.body.location_scope ?? ''), where);
    const role = deployed.resolve(String(r.body.iam_role_arn ?? ''), where);
    if (scope !== `s3://${config.producer.bucket.name}/`)
      fail(where, `location scope ${scope}, the config implies s3://${config.producer.bucket.name}/`, 'posture');
    if (role !== locationRole) fail(where, `location role ${role}, the config implies ${locationRole}`, 'posture');
  }

  // The grants: exactly one per consumer and prefix, of its level's permission, to its role.
  const grants = readGrants(check);
  const expected = new Map<string, IntendedConsumer>();
  for (const c of consumers)
    for (const p of c.prefixes.length ? c.prefixes : [''])
      expected.set(`${c.roleArn}\u0000${p}*\u0000${permissionOf(c)}`, c);
  const seen = new Set<string>();
  for (const g of grants) {
    const key = `${g.grantee}\u0000${g.subPrefix}\u0000${g.permission}`;
    if (g.granteeType !== 'IAM' || !expected.has(key) || seen.has(key))
      fail(
        g.where,
        `grant of ${g.permission} on s3://${config.producer.bucket.name}/${g.subPrefix} to ${g.granteeType} ${g.grantee}: ` +
          (seen.has(key) ? 'a second one' : 'no access-grant consumer of the config has it'),
        'principal',
      );
    seen.add(key);
  }
  for (const [key, c] of expected)
    if (!seen.has(key))
      fail(
        `consumer ${c.name}`,
        `no grant of ${key.split('\u0000')[2]} on ${key.split('\u0000')[1]} to ${c.roleArn}`,
        'posture',
      );

  // The location role: trusted by the service for this instance only; the granted levels on the bucket.
  const role = deployed.roles.get(locationRole);
  if (!role?.created) fail('access grants location', `no location role ${locationRole}`, 'posture');
  else out.push(...locationRoleProblems(check, role, consumers, instanceArn));

  // Consumers' identity policies: the grantee calls on the instance, nothing else.
  const identityAllows = new Map<string, boolean>();
  for (const c of consumers) {
    const r = deployed.roles.get(c.roleArn);
    const docs = [
      ...(r?.identity ?? []).filter((p) => p.name === `cross-account-s3-${c.name}`),
      ...(deployed.unmanagedIdentity.get(c.name) ? [deployed.unmanagedIdentity.get(c.name)!] : []),
    ];
    let allows = false;
    for (const d of docs)
      for (const s of d.doc.Statement ?? []) {
        const extra = Object.keys(s).filter((k) => !['Sid', 'Effect', 'Action', 'Resource'].includes(k));
        const actions = list(s.Action);
        if (
          s.Effect !== 'Allow' ||
          extra.length ||
          actions.some((a) => !GRANTEE_ACTIONS.includes(a)) ||
          !sameSet(list(s.Resource), [instanceArn])
        )
          fail(
            d.where,
            `identity policy of access-grant consumer ${c.name}: only ${GRANTEE_ACTIONS.join(', ')} on ${instanceArn} is written`,
            'action',
            String(s.Sid ?? '-'),
          );
        else if (actions.includes('s3:GetDataAccess')) allows = true;
      }
    identityAllows.set(c.roleArn, allows);
  }

  // The model, asked: each consumer obtains exactly its prefixes and permission; other roles, prefixes and
  // permissions are refused.
  const allows = (r: string) => identityAllows.get(r) ?? false;
  const byGrantee = new Map<string, DeployedGrant[]>();
  for (const g of grants) byGrantee.set(g.grantee, [...(byGrantee.get(g.grantee) ?? []), g]);
  const probeKey = 'verify-outside/object';
  for (const c of consumers) {
    const own = permissionOf(c);
    for (const p of c.prefixes.length ? c.prefixes : ['']) {
      for (const asked of PERMISSIONS) {
        const want = covers(own, asked);
        const got = obtainable(byGrantee, admitted, allows, c.roleArn, `${p}object`, asked);
        if (want !== got)
          fail(
            `consumer ${c.name}`,
            `GetDataAccess ${asked} on s3://${config.producer.bucket.name}/${p}*: ${got ? 'vended, beyond its level' : 'refused, though granted'}`,
            got ? 'principal' : 'posture',
          );
      }
    }
    if (c.prefixes.length && obtainable(byGrantee, admitted, allows, c.roleArn, probeKey, 'READ'))
      fail(
        `consumer ${c.name}`,
        `GetDataAccess READ on s3://${config.producer.bucket.name}/${probeKey}: vended outside its prefixes`,
        'object-key',
      );
  }
  const stranger = roleArn(intent.partition, intent.stranger, 'verify-stranger');
  const nonGrantees = [stranger, ...intent.consumers.filter((c) => c.route !== 'access-grant').map((c) => c.roleArn)];
  for (const r of nonGrantees)
    if (
      PERMISSIONS.some((p) =>
        obtainable(byGrantee, admitted, () => true, r, probeKey.replace('verify-outside/', ''), p),
      )
    )
      fail(
        'access grants instance',
        `${r} can obtain credentials through S3 Access Grants, and is no access-grant consumer`,
        'principal',
      );
  return out;
}

function locationRoleProblems(
  check: Check,
  role: DeployedRole,
  consumers: IntendedConsumer[],
  instanceArn: string,
): Finding[] {
  const { intent } = check;
  const out: Finding[] = [];
  const fail = (where: string, sid: string, message: string, kind: Finding['kind']) =>
    out.push({ where, sid, kind, message });
  for (const s of role.trust?.doc.Statement ?? []) {
    const principal = (s.Principal ?? {}) as Record<string, unknown>;
    const condition = (s.Condition ?? {}) as Record<string, Record<string, unknown>>;
    const extra = Object.keys(s).filter((k) => !['Sid', 'Effect', 'Principal', 'Action', 'Condition'].includes(k));
    const ok =
      s.Effect === 'Allow' &&
      extra.length === 0 &&
      sameSet(Object.keys(principal), ['Service']) &&
      sameSet(list(principal.Service), [SERVICE]) &&
      list(s.Action).every((a) => ['sts:AssumeRole', 'sts:SetSourceIdentity'].includes(a)) &&
      sameSet(Object.keys(condition), ['StringEquals']) &&
      sameSet(Object.keys(condition.StringEquals), ['aws:SourceAccount', 'aws:SourceArn']) &&
      sameSet(list(condition.StringEquals['aws:SourceAccount']), [intent.producer]) &&
      sameSet(list(condition.StringEquals['aws:SourceArn']), [instanceArn]);
    if (!ok)
      fail(
        role.trust!.where,
        String(s.Sid ?? '-'),
        `location role ${role.arn}: trusted beyond ${SERVICE} for ${instanceArn} (aws:SourceAccount and aws:SourceArn)`,
        'trust',
      );
  }
  const o = { versioning: intent.versioning, legacyAcl: intent.legacyAcl };
  const levels = consumers.map((c) => s3ActionsOf(c.level, o));
  const allowedS3 = new Set(levels.flatMap((l) => [...l.object, ...l.listing, ...l.bucket]));
  const allowedKms = new Set(consumers.flatMap((c) => kmsActionsOf(c.level)));
  const bucket = bucketArn(intent.partition, intent.config.producer.bucket.name);
  const key = check.deployed.keyArn;
  for (const d of role.identity) {
    for (const s of d.doc.Statement ?? []) {
      const sid = String(s.Sid ?? '-');
      const extra = Object.keys(s).filter((k) => !['Sid', 'Effect', 'Action', 'Resource', 'Condition'].includes(k));
      const actions = list(s.Action);
      const resources = list(s.Resource);
      const kms = actions.every((a) => a.startsWith('kms:'));
      const condition = (s.Condition ?? {}) as Record<string, Record<string, unknown>>;
      const bad = [
        (s.Effect !== 'Allow' || extra.length > 0) && 'a statement of another form',
        kms
          ? (actions.some((a) => !allowedKms.has(a)) ||
              !key ||
              !sameSet(resources, [key]) ||
              !sameSet(list(condition.StringEquals?.['kms:ViaService']), [intent.viaService])) &&
            `KMS beyond the levels granted, or outside S3 of ${intent.config.region}`
          : (actions.some((a) => !allowedS3.has(a)) ||
              resources.some((r) => r !== bucket && r !== `${bucket}/*`) ||
              Object.keys(condition).length > 0) &&
            `${actions.filter((a) => !allowedS3.has(a)).join(', ') || 'S3 actions'} on ${resources.join(', ')}: beyond the levels granted at the location, or off the bucket`,
      ].filter(Boolean);
      if (bad.length) fail(d.where, sid, `location role ${role.arn}: ${bad.join('; ')}`, 'action');
    }
  }
  return out;
}
