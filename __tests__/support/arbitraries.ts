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
