/** A config with consumers of method "access-grant" in two accounts (and one direct), as raw JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit raw configs freely
export const accessGrantsConfig = (): Record<string, any> => ({
  region: 'eu-west-1',
  accounts: {
    '222222222222': { name: 'data-platform', profile: 'data-platform' },
    '111111111111': { name: 'analytics', profile: 'analytics' },
    '333333333333': { name: 'science', profile: 'science' },
  },
  producer: {
    accountId: '222222222222',
    bucket: { name: 'grants-shared-bucket', encryption: { type: 'kms' } },
    accessGrants: { instance: 'created' },
  },
  consumers: [
    {
      name: 'reports',
      accountId: '111111111111',
      role: { name: 'Reports' },
      access: 'read',
      prefixes: ['reports/'],
      method: 'access-grant',
    },
    {
      name: 'etl',
      accountId: '111111111111',
      role: { name: 'Etl', path: '/jobs/' },
      access: 'read-write',
      prefixes: ['raw/', 'curated/'],
      method: 'access-grant',
    },
    { name: 'science', accountId: '333333333333', role: { name: 'Science' }, access: 'write', method: 'access-grant' },
    {
      name: 'legacy',
      accountId: '333333333333',
      role: { name: 'Legacy' },
      access: 'read',
      prefixes: ['legacy/'],
      method: 'direct',
    },
  ],
});
