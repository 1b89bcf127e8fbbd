/**
 * Config errors said the way a user fixes them: "did you mean" for a misspelled field or value, "required" for a
 * missing field, and a wrong type as what to write instead (an account ID given as a number: quote it).
 */
import { ConfigError, parseConfig } from '../modules/config';
import { closest } from '../modules/config/explain';
import { readJson } from './support/synth';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit raw configs freely
type Raw = any;
const seed: Raw = readJson('cross-account.json');

/** The problem lines of the ConfigError that `edit` causes. */
function problems(edit: (c: Raw) => void): string[] {
  const c = JSON.parse(JSON.stringify(seed));
  edit(c);
  try {
    parseConfig(c, 'x.json');
  } catch (e) {
    if (e instanceof ConfigError) return e.message.split('\n').slice(1);
    throw e;
  }
  throw new Error('the config was accepted');
}

test.each<[string, (c: Raw) => void, string]>([
  [
    'a field in the wrong case',
    (c) => {
      c.consumers[1].externalID = c.consumers[1].externalId;
      delete c.consumers[1].externalId;
    },
    'consumers[1].externalID: unknown field: did you mean "externalId"?',
  ],
  [
    'two letters swapped',
    (c) => (c.producer.bucket.nmae = 'x'),
    'producer.bucket.nmae: unknown field: did you mean "name"?',
  ],
  [
    'a plural missed',
    (c) => (c.consumers[0].prefix = ['a/']),
    'consumers[0].prefix: unknown field: did you mean "prefixes"?',
  ],
  [
    'a field of no likeness',
    (c) => (c.producer.bucket.colour = 'blue'),
    'producer.bucket.colour: unknown field (check the spelling against the config reference in docs/config.md)',
  ],
  [
    'an enum value with "_"',
    (c) => (c.consumers[1].method = 'assume_role'),
    'consumers[1].method: "assume_role" is not allowed: did you mean "assume-role"? one of "direct", "assume-role", "access-point", "access-grant"',
  ],
  [
    'an enum value without its "-"',
    (c) => (c.consumers[0].access = 'readwrite'),
    'consumers[0].access: "readwrite" is not allowed: did you mean "read-write"? one of "read", "write", "read-write"',
  ],
  [
    'an enum value of no likeness',
    (c) => (c.consumers[0].access = 'admin'),
    'consumers[0].access: "admin" is not allowed: one of "read", "write", "read-write"',
  ],
  [
    'a type in capitals',
    (c) => (c.producer.bucket.encryption.type = 'KMS'),
    'producer.bucket.encryption.type: "KMS" is not a type here: did you mean "kms"? one of "kms", "s3"',
  ],
  [
    'a missing enum field',
    (c) => delete c.consumers[0].access,
    'consumers[0].access: required field is missing: one of "read", "write", "read-write"',
  ],
  ['a missing field', (c) => delete c.region, 'region: required field is missing (expected string)'],
  [
    'an account ID as a number',
    (c) => (c.consumers[0].accountId = 111111111111),
    'consumers[0].accountId: must be text, not a number: quote it: "111111111111"',
  ],
  [
    'an account ID as a number, its leading zero lost',
    (c) => (c.producer.accountId = 22222222222),
    'producer.accountId: must be text, not a number: quote it: "022222222222" (an account ID is 12 digits: as a number, its leading zeros were lost; check them)',
  ],
  [
    'a boolean in quotes',
    (c) => (c.consumers[0].role.existing = 'true'),
    'consumers[0].role.existing: must be true or false, without quotes: write true',
  ],
  [
    'one prefix, not a list',
    (c) => (c.consumers[0].prefixes = 'a/'),
    'consumers[0].prefixes: must be a list, not a single text: write ["a/"]',
  ],
  ['an object for text', (c) => (c.region = { name: 'us-east-1' }), 'region: must be a string, not an object'],
])('%s', (_name, edit, line) => {
  expect(problems(edit)).toEqual([`  - ${line}`]);
});

test('closest: case, "_" for "-", one slip per three letters; nothing far', () => {
  expect(closest('Stacks', ['stacks', 'backend'])).toBe('stacks');
  expect(closest('per_account', ['single', 'per-account'])).toBe('per-account');
  expect(closest('bakcend', ['stacks', 'backend'])).toBe('backend');
  expect(closest('xyz', ['stacks', 'backend'])).toBeUndefined();
});
