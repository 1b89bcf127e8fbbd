/**
 * Method "access-grant" and producer.accessGrants in the config: what is accepted, what it normalizes to,
 * and each rule refused with its field path and what to write instead.
 */
import { ConfigError, GRANT_PERMISSION, parseConfig } from '../modules/config';
import { accessGrantsConfig } from './support/access-grants';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function problems(mutate: (c: Raw) => void): string[] {
  const c = accessGrantsConfig();
  mutate(c);
  try {
    parseConfig(c);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).message
      .split('\n')
      .slice(1)
      .map((l) => l.replace(/^\s+- /, ''));
  }
  throw new Error('config was accepted');
}

test('access-grant consumers are accepted; the instance defaults to one created here, its policy managed', () => {
  const config = parseConfig(accessGrantsConfig());
  expect(config.consumers.filter((k) => k.method === 'access-grant').map((k) => k.name)).toEqual([
    'etl',
    'reports',
    'science',
  ]);
  expect(config.producer.accessGrants).toEqual({ instance: 'created', resourcePolicy: 'managed' });
});

test('without access-grant consumers the normalized producer has no accessGrants field (old outputs unchanged)', () => {
  const c = accessGrantsConfig();
  c.consumers = c.consumers.map((k: Raw) => ({ ...k, method: 'direct' }));
  delete c.producer.accessGrants;
  expect('accessGrants' in parseConfig(c).producer).toBe(false);
});

test('an existing instance with its resource policy left to its owner', () => {
  const c = accessGrantsConfig();
  c.producer.accessGrants = { instance: 'existing', resourcePolicy: 'handoff' };
  expect(parseConfig(c).producer.accessGrants).toEqual({ instance: 'existing', resourcePolicy: 'handoff' });
});

test('levels map to one permission each', () => {
  expect(GRANT_PERMISSION).toEqual({ read: 'READ', write: 'WRITE', 'read-write': 'READWRITE' });
});

test.each<[string, (c: Raw) => void, string, string]>([
  [
    'an existing instance without saying who owns its resource policy',
    (c) => (c.producer.accessGrants = { instance: 'existing' }),
    'producer.accessGrants.resourcePolicy',
    'write "managed" to let this config own it',
  ],
  [
    'a created instance whose policy would be left to someone else',
    (c) => (c.producer.accessGrants = { resourcePolicy: 'handoff' }),
    'producer.accessGrants.resourcePolicy',
    'remove "resourcePolicy"',
  ],
  [
    'an instance no consumer uses',
    (c) => (c.consumers = c.consumers.map((k: Raw) => ({ ...k, method: 'direct' }))),
    'producer.accessGrants',
    'only used with consumers of method "access-grant"',
  ],
  [
    'a writer on a bucket with ACLs enabled',
    (c) => (c.producer.bucket.objectOwnership = 'BucketOwnerPreferred'),
    'consumers[1].method',
    'Write "BucketOwnerEnforced", or method "direct" for this consumer',
  ],
  [
    'an External ID (assume-role only)',
    (c) => (c.consumers[0].externalId = 'k3J9-qmZr-72Lx-Wp0v'),
    'consumers[0].externalId',
    'only used with method "assume-role", not "access-grant"',
  ],
  [
    'a VPC (access-point only)',
    (c) => (c.consumers[0].vpcId = 'vpc-0abc12345def67890'),
    'consumers[0].vpcId',
    'only used with method "access-point", not "access-grant"',
  ],
  [
    'a misspelled instance mode',
    (c) => (c.producer.accessGrants = { instance: 'exisiting' }),
    'producer.accessGrants.instance',
    'did you mean "existing"?',
  ],
])('refused: %s', (_name, mutate, path, text) => {
  const lines = problems(mutate);
  const line = lines.find((l) => l.startsWith(`${path}:`));
  expect(line).toBeDefined();
  expect(line).toContain(text);
});

test('more grants than an instance holds are refused, naming the quota', () => {
  const lines = problems((c) => {
    const one = c.consumers[0];
    c.consumers = Array.from({ length: 1001 }, (_, i) => ({
      ...one,
      name: `team-${i}`,
      role: { name: `Team${i}` },
      prefixes: Array.from({ length: 100 }, (_x, j) => `p${j}/`),
    }));
  });
  expect(lines.find((l) => l.startsWith('consumers:'))).toContain(
    '100100 access grants (one per consumer of method "access-grant" and prefix): an instance holds at most 100000',
  );
});
