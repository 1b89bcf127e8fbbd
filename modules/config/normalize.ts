/** A parsed, checked config -> the normalized Config: defaults applied, accounts gathered, consumers sorted. */
import { accessPointName, trailBucketName, trailName } from '../naming';
import { accountsNamed, defaultProducerRoleName, deployRoles, keyOwnerReview, reviewStatements } from './checks';
import { alertsNeedTrail, normalizeMonitoring } from './monitoring';
import { normalizeAccessGrants } from './access-grants';
import { partitionOf } from './regions';
import { writes } from './levels';
import { normalizePrefixes } from './rules';
import type { ParsedConfig } from './schema';
import type { Account, Backend, Config, Consumer } from './types';

function accounts(c: ParsedConfig): Account[] {
  const roles = deployRoles(c);
  return [...accountsNamed(c).keys()].sort().map((id) => {
    const a = c.accounts[id];
    return {
      id,
      name: a?.name ?? id,
      ...(a?.profile ? { profile: a.profile } : {}),
      ...(roles.has(id) ? { deployRoleArn: roles.get(id) } : {}),
      ...(a?.deployExternalId ? { deployExternalId: a.deployExternalId } : {}),
      managed: a?.managed ?? true,
      ...(a?.managedPoliciesPerRole ? { managedPoliciesPerRole: a.managedPoliciesPerRole } : {}),
      ...(a?.credentials ? { terraformCloud: { ...a.credentials.terraformCloud } } : {}),
    };
  });
}

function consumers(c: ParsedConfig): Consumer[] {
  const partition = partitionOf(c.region);
  // A role attached to (existing: true) that another consumer creates here has that consumer's path.
  const createdPath = new Map(
    c.consumers.filter((k) => !k.role.existing).map((k) => [`${k.accountId}/${k.role.name}`, k.role.path]),
  );
  return c.consumers
    .map((k, index): Consumer => ({
      name: k.name,
      index,
      accountId: k.accountId,
      role: {
        name: k.role.name,
        path:
          k.role.existing && k.role.path === '/'
            ? (createdPath.get(`${k.accountId}/${k.role.name}`) ?? '/')
            : k.role.path,
        existing: k.role.existing,
        assumedBy: k.role.existing
          ? []
          : [...new Set(k.role.assumedBy ?? [`arn:${partition}:iam::${k.accountId}:root`])].sort(),
      },
      access: k.access,
      ...(k.packs?.length ? { packs: [...new Set(k.packs)].sort() } : {}),
      prefixes: normalizePrefixes(k.prefixes ?? []),
      method: k.method,
      externalId: k.externalId,
      producerRoleName:
        k.method === 'assume-role' ? (k.producerRoleName ?? defaultProducerRoleName(k.name)) : undefined,
      accessPoint:
        k.method === 'access-point'
          ? {
              name: accessPointName(c.producer.bucket.name, k.name),
              accountId: k.accessPointAccountId ?? c.producer.accountId,
              vpcId: k.vpcId,
            }
          : undefined,
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function warnings(c: ParsedConfig): string[] {
  return [...legacyWarnings(c), ...reviewStatements(c).warnings, ...keyOwnerReview(c).warnings];
}

function legacyWarnings(c: ParsedConfig): string[] {
  const ownership = c.producer.bucket.objectOwnership ?? 'BucketOwnerEnforced';
  if (ownership === 'BucketOwnerEnforced') return [];
  const crossAccountWriters = c.consumers.some(
    (k) => writes(k.access) && k.method !== 'assume-role' && k.accountId !== c.producer.accountId,
  );
  return [
    `producer.bucket.objectOwnership is "${ownership}": ACLs stay enabled (a legacy mode). ` +
      'Writers get s3:PutObjectAcl and every upload from another account must carry the bucket-owner-full-control canned ACL. ' +
      'Prefer "BucketOwnerEnforced" once no workload depends on object ACLs.',
    ...(crossAccountWriters
      ? [
          'multipart uploads from other accounts fail in this mode: UploadPart cannot carry the canned ACL, so the bucket policy denies it. ' +
            'Writers must upload in one part (`aws configure set default.s3.multipart_threshold 5GB`, the largest single PUT) ' +
            'until the bucket moves to "BucketOwnerEnforced".',
        ]
      : []),
  ];
}

export function normalize(c: ParsedConfig): Config {
  // The change alerts read CloudTrail management events: monitoring brings the trail along if none is written.
  const needTrail = alertsNeedTrail(c);
  const trail = c.producer.audit?.cloudTrail ?? (needTrail ? {} : undefined);
  const monitoring = normalizeMonitoring(c);
  const accessGrants = normalizeAccessGrants(c);
  const backend: Backend =
    c.backend.type === 'cloud' ? { ...c.backend, workspacePrefix: c.backend.workspacePrefix ?? '' } : c.backend;
  return {
    region: c.region,
    partition: partitionOf(c.region),
    accounts: accounts(c),
    producer: {
      accountId: c.producer.accountId,
      organizationId: c.producer.organizationId,
      bucket: {
        ...c.producer.bucket,
        objectOwnership: c.producer.bucket.objectOwnership ?? 'BucketOwnerEnforced',
        acknowledged: reviewStatements(c).acknowledged,
      },
      ...(accessGrants ? { accessGrants } : {}),
      audit: trail
        ? {
            cloudTrail: {
              name: trail.name ?? trailName(c.producer.bucket.name),
              trailBucket: trail.trailBucket ?? trailBucketName(c.producer.bucket.name),
              createTrailBucket: !trail.trailBucket,
              ...(needTrail ? { managementEvents: true } : {}),
            },
          }
        : undefined,
    },
    consumers: consumers(c),
    stacks: c.stacks,
    backend,
    ...(monitoring ? { monitoring } : {}),
    warnings: warnings(c),
  };
}
