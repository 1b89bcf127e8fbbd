/** fast-check generators of valid configs (raw JSON, as a user would write them). */
import fc from 'fast-check';

const ACCOUNTS = ['111111111111', '123456789012', '210987654321', '300000000003', '222222222222'];
const PREFIXES = ['a/', 'a/b/', 'data', 'logs/2024/', 'x-y_z.(1)/', 'year=2025/month=01/'];
const KEY = 'arn:aws:kms:eu-central-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const METHODS = ['direct', 'assume-role', 'access-point'] as const;
const PRODUCER = '222222222222';
const VENDOR = '300000000003';

const consumerArb = fc.record({
  account: fc.constantFrom(...ACCOUNTS),
  access: fc.constantFrom('read', 'write', 'read-write'),
  method: fc.constantFrom(...METHODS),
  prefixes: fc.option(fc.uniqueArray(fc.constantFrom(...PREFIXES), { minLength: 1, maxLength: 3 }), { nil: undefined }),
  existing: fc.boolean(),
  path: fc.constantFrom('/', '/team/'),
  shareRole: fc.boolean(),
  ownAccessPoint: fc.boolean(),
  vpc: fc.boolean(),
});

export const validConfig = fc
  .record({
    consumers: fc.array(consumerArb, { minLength: 1, maxLength: 8 }),
    encryption: fc.constantFrom<object>(
      { type: 's3' },
      { type: 'kms' },
      { type: 'kms', bucketKey: false },
      { type: 'kms', keyGrants: 'accounts' },
      { type: 'kms', bucketKey: false, keyGrants: 'accounts' },
      { type: 'kms', keyArn: KEY },
      { type: 'kms', keyArn: KEY, bucketKey: false },
    ),
    existingBucket: fc.boolean(),
    org: fc.boolean(),
    ownership: fc.constantFrom('BucketOwnerEnforced', 'BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'),
    stacks: fc.constantFrom('single', 'per-account'),
    /** One account (300000000003) is a vendor's, not managed here. */
    vendor: fc.boolean(),
    overflow: fc.constantFrom('fail', 'fail', 'access-points'),
  })
  .map(({ consumers, encryption, existingBucket, org, ownership, stacks, vendor, overflow }) => {
    const existing =
      existingBucket && (encryption as { type: string; keyArn?: string }).type === 's3'
        ? true
        : existingBucket && Boolean((encryption as { keyArn?: string }).keyArn);
    const created = new Set<string>();
    const unmanaged = (account: string) => vendor && account === VENDOR;
    // ObjectWriter with writers and readers in different accounts is refused: use the legacy mode that is not.
    const acting = (c: (typeof consumers)[number]) => (c.method === 'assume-role' ? PRODUCER : c.account);
    const objectWriterRefused = consumers.some(
      (w) =>
        w.access !== 'read' &&
        acting(w) !== PRODUCER &&
        consumers.some((r) => r.access !== 'write' && ![PRODUCER, acting(w)].includes(acting(r))),
    );
    const used = [...new Set([PRODUCER, ...consumers.map((c) => c.account)])];
    return {
      region: 'eu-central-1',
      accounts: Object.fromEntries(used.map((a) => [a, unmanaged(a) ? { managed: false } : { profile: `p${a}` }])),
      stacks,
      producer: {
        accountId: '222222222222',
        ...(org ? { organizationId: 'o-abc123def4' } : {}),
        bucket: {
          name: 'prop-test-bucket',
          existing,
          encryption,
          objectOwnership: ownership === 'ObjectWriter' && objectWriterRefused ? 'BucketOwnerPreferred' : ownership,
          overflow,
        },
      },
      consumers: consumers.map((c, i) => {
        // Share the role of an earlier consumer of the same account now and then (attach with existing: true).
        const name = c.shareRole ? `Shared${c.account.slice(0, 3)}` : `Role${i}`;
        const key = `${c.account}/${name}`;
        const createHere = !c.existing && !created.has(key) && !c.shareRole && !unmanaged(c.account);
        if (createHere) created.add(key);
        return {
          name: `c${i}`,
          accountId: c.account,
          role: { name, existing: !createHere, ...(c.shareRole ? {} : { path: c.path }) },
          access: c.access,
          ...(c.prefixes ? { prefixes: c.prefixes } : {}),
          method: c.method,
          ...(c.method === 'assume-role' ? { externalId: `ext-${i}-7f3a9c2e41b8d5` } : {}),
          ...(c.method === 'access-point' && c.ownAccessPoint && !unmanaged(c.account)
            ? { accessPointAccountId: c.account }
            : {}),
          ...(c.method === 'access-point' && c.vpc ? { vpcId: 'vpc-0abc12345def67890' } : {}),
        };
      }),
    };
  });

const PACKS_BY_LEVEL: Record<string, string[]> = {
  read: ['restore', 'object-attributes'],
  write: ['delete'],
  'read-write': ['spark-writer', 'athena-results', 'restore', 'object-attributes', 'delete'],
};

type Raw = Record<string, unknown> & {
  accounts: Record<string, Record<string, unknown>>;
  producer: Record<string, unknown> & { bucket: Record<string, unknown> };
  consumers: (Record<string, unknown> & { access: string; method: string; accountId: string })[];
};

/**
 * A valid config of validConfig's with what else a config can ask for laid on top: every backend (local, S3 with
 * or without a lock table, Terraform Cloud with keyless credentials), deploy roles, monitoring, the audit trail
 * and access logs, S3 Access Grants (as a method and as overflow), workflow packs, roles created for services.
 * Not every combination passes the config's rules: what is refused is left out by the caller (the rules are
 * tested elsewhere); most pass.
 */
export const anyFeatureConfig = fc
  .record({
    base: validConfig,
    backend: fc.constantFrom<object>(
      { type: 'local' },
      { type: 's3', bucket: 'state-bucket', region: 'eu-central-1' },
      { type: 's3', bucket: 'state-bucket', region: 'eu-central-1', keyPrefix: 'share/', dynamodbTable: 'locks' },
      { type: 'cloud', organization: 'acme', workspacePrefix: 's3-' },
      { type: 'cloud', organization: 'acme', workspacePrefix: 's3-', hostname: 'tfe.example.com', project: 'share' },
    ),
    keyless: fc.boolean(),
    deployRole: fc.boolean(),
    monitoring: fc.option(
      fc.constantFrom<object>(
        {},
        { accessAnalyzer: { existingAnalyzerName: 'org-analyzer' }, deniedRequests: { enabled: false } },
        {
          alerts: { email: ['a@example.com', 'b@example.com'], topicArns: ['arn:aws:sns:eu-central-1:222222222222:t'] },
          deniedRequests: { threshold: 3, periodMinutes: 15 },
          lifecycle: { abortIncompleteUploadsAfterDays: false, noncurrentVersionExpirationDays: 30 },
        },
        { accessAnalyzer: { enabled: false }, alerts: { enabled: false } },
      ),
      { nil: undefined },
    ),
    audit: fc.constantFrom('none', 'trail', 'trail+logs', 'logs', 'existing-logs'),
    grants: fc.constantFrom('none', 'method', 'overflow'),
    packs: fc.boolean(),
    services: fc.boolean(),
  })
  .map(({ base, backend, keyless, deployRole, monitoring, audit, grants, packs, services }) => {
    const c = JSON.parse(JSON.stringify(base)) as Raw;
    c.backend = backend;
    const cloud = (backend as { type: string }).type === 'cloud';
    for (const [id, a] of Object.entries(c.accounts)) {
      if (a.managed === false) continue;
      if (cloud && keyless) {
        delete a.profile;
        a.credentials = { terraformCloud: id === '123456789012' ? { runRoleName: 'RunnerTeam' } : {} };
      } else if (deployRole && id !== '222222222222') {
        delete a.profile;
        a.deployRoleArn = `arn:aws:iam::${id}:role/Deployer`;
        if (id === '123456789012') a.deployExternalId = 'deploy-ext-1234';
      }
    }
    const bucket = c.producer.bucket;
    // An existing bucket's logging and lifecycle are its owner's: refused by the rules, so not asked for.
    if (monitoring)
      c.monitoring =
        bucket.existing && 'lifecycle' in monitoring
          ? { ...monitoring, lifecycle: { abortIncompleteUploadsAfterDays: 2 } }
          : monitoring;
    if (audit.startsWith('trail')) c.producer.audit = { cloudTrail: {} };
    if (audit.endsWith('logs') && !bucket.existing)
      bucket.accessLogging = {
        targetBucket: 'prop-test-bucket-logs',
        prefix: 'logs/',
        createTargetBucket: audit !== 'existing-logs',
      };
    if (grants === 'overflow') bucket.overflow = 'access-grants';
    if (grants === 'method')
      for (const [i, k] of c.consumers.entries()) if (i % 2 === 1 && k.method === 'direct') k.method = 'access-grant';
    if (grants === 'overflow' || c.consumers.some((k) => k.method === 'access-grant')) {
      c.producer.accessGrants = { instance: 'created' };
      // S3 Access Grants vend writes only where the bucket owner owns every object.
      bucket.objectOwnership = 'BucketOwnerEnforced';
    }
    c.consumers.forEach((k, i) => {
      // Grants vend a level, no pack's calls: not on a consumer that is, or that overflow may make, an access grant.
      const granted = k.method === 'access-grant' || (grants === 'overflow' && k.method === 'direct');
      if (packs && i % 3 === 0 && !granted) k.packs = [PACKS_BY_LEVEL[k.access][i % 2]].filter(Boolean);
      const role = k.role as { existing: boolean; assumedBy?: string[] };
      if (services && !role.existing) role.assumedBy = i % 2 ? ['ec2.amazonaws.com'] : ['glue.amazonaws.com'];
    });
    return c;
  });

/**
 * A many-buckets config (docs/many-buckets.md) made of validConfig's: each bucket one config's producer (a bucket
 * name of its own) and consumers; accounts, stacks and a local or S3 backend shared. Roles of one name in one
 * account across buckets are one role: some grants of one bucket are given the role of another's.
 */
export const manyBucketsConfig = fc
  .record({
    buckets: fc.array(validConfig, { minLength: 2, maxLength: 3 }),
    s3: fc.boolean(),
    shareRoles: fc.boolean(),
  })
  .map(({ buckets, s3, shareRoles }) => {
    const configs = buckets.map((b) => JSON.parse(JSON.stringify(b)) as Raw);
    const accounts = Object.assign({}, ...configs.map((c) => c.accounts));
    // A vendor's account is unmanaged in every bucket, or in none.
    for (const c of configs)
      for (const id of Object.keys(c.accounts)) if (accounts[id].managed === false) accounts[id] = { managed: false };
    return {
      region: 'eu-central-1',
      accounts,
      stacks: configs[0].stacks,
      ...(s3 ? { backend: { type: 's3', bucket: 'state-bucket', region: 'eu-central-1' } } : {}),
      buckets: Object.fromEntries(
        configs.map((c, i) => [
          ['raw', 'curated', 'exports'][i],
          {
            producer: { ...c.producer, bucket: { ...c.producer.bucket, name: `prop-test-bucket-${i}` } },
            // Names of their own per bucket: a consumer's policies and roles are named after it.
            consumers: c.consumers.map((k) => {
              const role = k.role as { name: string; existing: boolean; path?: string };
              const unmanaged = accounts[k.accountId].managed === false;
              const { accessPointAccountId, ...rest } = k;
              return {
                ...rest,
                name: `b${i}-${k.name}`,
                ...(accessPointAccountId && !unmanaged ? { accessPointAccountId } : {}),
                role:
                  shareRoles && i > 0 && role.existing
                    ? { name: `Shared${k.accountId.slice(0, 3)}`, existing: true }
                    : role.existing || unmanaged
                      ? { ...role, existing: true }
                      : { ...role, name: `${role.name}B${i}` },
              };
            }),
          },
        ]),
      ),
    };
  });
