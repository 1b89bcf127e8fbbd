/** Rules that span several fields of a parsed config. Each problem carries its field path. */
import { parseKeyArn, parseRoleArn } from './arn';
import { reviewStatements } from './extra-statements';
import { partitionOf } from './regions';
import { roleNameCaseProblems } from './role-names';
import type { ParsedConfig } from './schema';
import { keyOwnerReview, stateBackendProblems } from './trust-boundaries';

export interface Problem {
  path: (string | number)[];
  message: string;
}

export function defaultProducerRoleName(consumerName: string): string {
  return `${consumerName}-s3-access`;
}

export function crossChecks(c: ParsedConfig): Problem[] {
  const problems: Problem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });
  const partition = partitionOf(c.region);

  const checkDeployRole = (path: (string | number)[], arnText: string | undefined, accountId: string) => {
    if (!arnText) return;
    const arn = parseRoleArn(arnText);
    if (typeof arn === 'string') return; // reported by the schema
    if (arn.account !== accountId)
      add(path, `the deploy role must be in account ${accountId} (the provider is pinned to it), not ${arn.account}`);
    if (arn.partition !== partition)
      add(path, `the ARN partition "${arn.partition}" does not match region ${c.region} (partition "${partition}")`);
  };
  checkDeployRole(['producer', 'deployRoleArn'], c.producer.deployRoleArn, c.producer.accountId);

  const b = c.producer.bucket;
  if (b.encryption.type === 'kms') {
    if (b.encryption.keyArn) {
      const key = parseKeyArn(b.encryption.keyArn);
      if (typeof key !== 'string') {
        if (key.region !== c.region)
          add(
            ['producer', 'bucket', 'encryption', 'keyArn'],
            `an S3 bucket in ${c.region} can only use a KMS key of the same region, not ${key.region}`,
          );
        if (key.partition !== partition)
          add(
            ['producer', 'bucket', 'encryption', 'keyArn'],
            `the ARN partition "${key.partition}" does not match region ${c.region}`,
          );
      }
    } else if (b.existing) {
      add(
        ['producer', 'bucket', 'encryption', 'keyArn'],
        'an existing bucket encrypted with KMS needs the ARN of its key: a key created here could not become its default encryption (an existing bucket is never changed)',
      );
    }
  }
  if (b.accessLogging && b.accessLogging.targetBucket === b.name) {
    add(
      ['producer', 'bucket', 'accessLogging', 'targetBucket'],
      'a bucket must not log to itself: every log delivery would create another log record',
    );
  }
  if (b.accessLogging && b.existing) {
    add(
      ['producer', 'bucket', 'accessLogging'],
      'an existing bucket is never changed here: configure its server access logging where the bucket is managed (CloudTrail data events, producer.audit.cloudTrail, need no change to the bucket)',
    );
  }
  const trail = c.producer.audit?.cloudTrail;
  if (trail?.trailBucket && (trail.trailBucket === b.name || trail.trailBucket === b.accessLogging?.targetBucket)) {
    add(
      ['producer', 'audit', 'cloudTrail', 'trailBucket'],
      'the trail needs a bucket of its own: not the shared bucket (its data events would log themselves) nor the access-log bucket',
    );
  }
  if (b.objectOwnership === 'BucketOwnerEnforced') {
    b.policyStatements.forEach((s, i) => {
      const actions = [s.Action ?? []].flat();
      const acl = actions.filter((a) => /^s3:(Get|Put)(Bucket|Object)(Version)?Acl$/i.test(a));
      if (s.Effect === 'Allow' && acl.length > 0) {
        add(
          ['producer', 'bucket', 'policyStatements', i, 'Action'],
          `${acl.join(', ')}: with Object Ownership "BucketOwnerEnforced" ACLs are disabled and grant nothing; access is granted by policies only. ` +
            'To migrate, move what the ACLs granted into consumers (or policy statements), then drop the ACL actions; ' +
            'to keep ACLs for a while, set objectOwnership to "BucketOwnerPreferred" (a legacy mode).',
        );
      }
    });
  }
  const sids = new Set<string>();
  b.policyStatements.forEach((s, i) => {
    if (sids.has(s.Sid)) add(['producer', 'bucket', 'policyStatements', i, 'Sid'], `duplicate Sid "${s.Sid}"`);
    sids.add(s.Sid);
  });

  const names = new Map<string, number>();
  const createdRoles = new Map<string, number>(); // "<account>/<role>" -> index of the consumer creating it
  const producerRoles = new Map<string, number>();
  const deployRoles = new Map<string, { arn?: string; index: number }>(); // account -> first consumer's deploy role
  c.consumers.forEach((k, i) => {
    const at = (...rest: (string | number)[]) => ['consumers', i, ...rest];
    if (names.has(k.name))
      add(at('name'), `duplicate consumer name "${k.name}" (also consumers[${names.get(k.name)}])`);
    else names.set(k.name, i);
    checkDeployRole(at('deployRoleArn'), k.deployRoleArn, k.accountId);
    const firstDeploy = deployRoles.get(k.accountId);
    if (!firstDeploy) deployRoles.set(k.accountId, { arn: k.deployRoleArn, index: i });
    else if (firstDeploy.arn !== k.deployRoleArn) {
      add(
        at('deployRoleArn'),
        `consumers of account ${k.accountId} share one provider per account, so they need the same deployRoleArn as consumers[${firstDeploy.index}] (${firstDeploy.arn ?? 'none'})`,
      );
    }

    // One consumer creates a role; others may attach to it with "existing": true.
    const roleKey = `${k.accountId}/${k.role.name}`;
    if (k.role.existing) {
      if (k.role.assumedBy)
        add(
          at('role', 'assumedBy'),
          'an existing role keeps its own trust policy: remove "assumedBy" or set "existing": false',
        );
    } else if (createdRoles.has(roleKey)) {
      add(
        at('role', 'existing'),
        `role ${k.role.name} in account ${k.accountId} is already created by consumers[${createdRoles.get(roleKey)}]; a role created here belongs to one consumer only (set "existing": true to attach to it)`,
      );
    } else {
      createdRoles.set(roleKey, i);
    }
    for (const p of k.role.assumedBy ?? []) {
      if (p.startsWith('arn:') && !p.startsWith(`arn:${partition}:`))
        add(at('role', 'assumedBy'), `"${p}" is not in partition "${partition}" of region ${c.region}`);
    }

    if (k.method === 'assume-role') {
      if (!k.externalId)
        add(
          at('externalId'),
          'method "assume-role" requires an externalId (the confused-deputy guard checked by the trust policy)',
        );
      const roleName = k.producerRoleName ?? defaultProducerRoleName(k.name);
      if (producerRoles.has(roleName))
        add(
          at('producerRoleName'),
          `producer role "${roleName}" is also used by consumers[${producerRoles.get(roleName)}]; each assume-role consumer gets its own role`,
        );
      else producerRoles.set(roleName, i);
    } else {
      if (k.externalId !== undefined)
        add(at('externalId'), `externalId is only used with method "assume-role", not "${k.method}"`);
      if (k.producerRoleName !== undefined)
        add(at('producerRoleName'), `producerRoleName is only used with method "assume-role", not "${k.method}"`);
    }
    if (k.method !== 'access-point') {
      if (k.vpcId !== undefined) add(at('vpcId'), `vpcId is only used with method "access-point", not "${k.method}"`);
      if (k.accessPointAccountId !== undefined)
        add(
          at('accessPointAccountId'),
          `accessPointAccountId is only used with method "access-point", not "${k.method}"`,
        );
    } else if (
      k.accessPointAccountId !== undefined &&
      k.accessPointAccountId !== k.accountId &&
      k.accessPointAccountId !== c.producer.accountId
    ) {
      add(
        at('accessPointAccountId'),
        `an access point is owned by the producer account (${c.producer.accountId}) or the consumer's own (${k.accountId}), not ${k.accessPointAccountId}`,
      );
    }
  });
  // A producer role must not collide with a consumer role created in the producer account.
  for (const [roleName, i] of producerRoles) {
    const clash = createdRoles.get(`${c.producer.accountId}/${roleName}`);
    if (clash !== undefined)
      add(
        ['consumers', i, 'producerRoleName'],
        `role "${roleName}" in account ${c.producer.accountId} is also created for consumers[${clash}]`,
      );
  }
  problems.push(
    ...reviewStatements(c).problems,
    ...roleNameCaseProblems(c),
    ...stateBackendProblems(c),
    ...keyOwnerReview(c).problems,
  );
  return problems;
}
