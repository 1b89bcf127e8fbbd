/**
 * Configs of N consumers for the benchmark and the scale tests: mixed methods and
 * levels, a few accounts, shared and distinct prefixes. Deterministic in N.
 */
const ACCOUNTS = ['111111111111', '333333333333', '444444444444', '555555555555', '666666666666'];
const LEVELS = ['read', 'read-write', 'write', 'read'] as const;

export interface GenerateOptions {
  /** Share of consumers with a prefix of their own (the rest share a few). Default 0.5. */
  distinctPrefixes?: number;
  /** Every consumer direct (the AWS CDK comparison grants the same way). Default: mixed methods. */
  allDirect?: boolean;
  overflow?: 'fail' | 'access-points' | 'access-grants';
  encryption?: { type: 'kms'; bucketKey?: boolean; keyGrants?: 'roles' | 'accounts' } | { type: 's3' };
}

export function generateConfig(n: number, o: GenerateOptions = {}): Record<string, unknown> {
  const distinct = o.distinctPrefixes ?? 0.5;
  const consumers = Array.from({ length: n }, (_, i) => {
    const name = `team-${String(i).padStart(4, '0')}`;
    const method = o.allDirect ? 'direct' : i % 10 === 9 ? 'assume-role' : i % 10 === 8 ? 'access-point' : 'direct';
    const own = (i % 100) / 100 < distinct;
    return {
      name,
      accountId: ACCOUNTS[i % ACCOUNTS.length],
      role: { name: `Workload${String(i).padStart(4, '0')}`, existing: true },
      access: LEVELS[i % LEVELS.length],
      prefixes: own ? [`teams/${name}/`] : [`shared/${['raw', 'curated', 'exports'][i % 3]}/`],
      method,
      ...(method === 'assume-role' ? { externalId: `ext-${name}-7f3a9c2e41b8d5e6` } : {}),
    };
  });
  return {
    region: 'us-east-1',
    // One stack holds every account's provider: each names its credentials (a profile per account).
    accounts: Object.fromEntries(
      ['222222222222', ...ACCOUNTS.slice(0, n)].map((id) => [id, { profile: `account-${id}` }]),
    ),
    producer: {
      accountId: '222222222222',
      bucket: {
        name: 'bench-shared-bucket',
        encryption: o.encryption ?? { type: 'kms' },
        ...(o.overflow ? { overflow: o.overflow } : {}),
      },
    },
    consumers,
  };
}
