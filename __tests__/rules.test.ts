/**
 * Rules against hostile or careless configs: extra statements, role name case, state and key placement, prefix bytes.
 */
import { ConfigError, parseConfig } from '../modules/config';
import { runMain } from './support/run-main';
import { readJson } from './support/synth';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const base = (): Raw => readJson('cross-account.json');
const BUCKET = 'arn:aws:s3:::my-shared-bucket';

function problems(c: Raw): string[] {
  try {
    parseConfig(c);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.message
      .split('\n')
      .slice(1)
      .map((l) => l.replace(/^\s+- /, ''));
  }
  throw new Error('config was accepted');
}

const statement = (extra: Raw): Raw => ({
  Sid: 'Extra',
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111111111111:root' },
  Action: 's3:GetObject',
  Resource: `${BUCKET}/public/*`,
  ...extra,
});
const withStatement = (extra: Raw, ack?: Raw) => (c: Raw) => {
  c.producer.bucket.policyStatements = [statement(extra)];
  if (ack) c.producer.bucket.acknowledgedStatements = ack;
};
const REASON = 'the public website reads it';

// [name, mutation, field path, text the message must contain]
const cases: [string, (c: Raw) => void, string, string][] = [
  // The grammar AWS enforces (else apply fails late)
  [
    'no Principal',
    withStatement({ Principal: undefined }),
    'producer.bucket.policyStatements[0]',
    'needs "Principal" (or "NotPrincipal")',
  ],
  ['no Action', withStatement({ Action: undefined }), 'producer.bucket.policyStatements[0]', 'needs "Action"'],
  ['no Resource', withStatement({ Resource: undefined }), 'producer.bucket.policyStatements[0]', 'needs "Resource"'],
  [
    'Action and NotAction',
    withStatement({ NotAction: 's3:PutObject', Effect: 'Deny' }),
    'producer.bucket.policyStatements[0].NotAction',
    'not both',
  ],
  [
    'a resource of another bucket',
    withStatement({ Resource: 'arn:aws:s3:::other-bucket/*' }),
    'producer.bucket.policyStatements[0].Resource',
    'neither this bucket (arn:aws:s3:::my-shared-bucket) nor under it',
  ],
  [
    'a bucket-name prefix that is another bucket',
    withStatement({ Resource: `${BUCKET}-copy/*` }),
    'producer.bucket.policyStatements[0].Resource',
    'neither this bucket',
  ],
  [
    'a non-S3 action',
    withStatement({ Action: 'iam:PassRole' }),
    'producer.bucket.policyStatements[0].Action',
    'S3 actions only',
  ],
  [
    'a wildcard account in a principal ARN',
    withStatement({ Principal: { AWS: 'arn:aws:iam::*:root' }, Effect: 'Deny' }),
    'producer.bucket.policyStatements[0].Principal.AWS',
    'no wildcard in a principal ARN',
  ],
  [
    'an unknown principal type',
    withStatement({ Principal: { Users: 'x' } }),
    'producer.bucket.policyStatements[0].Principal.Users',
    'unknown principal type',
  ],
  [
    'Null with IfExists',
    withStatement({ Effect: 'Deny', Condition: { NullIfExists: { 's3:x-amz-server-side-encryption': 'true' } } }),
    'producer.bucket.policyStatements[0].Condition.NullIfExists',
    '"NullIfExists": Null takes no IfExists (Null itself tests whether the key exists): write "Null"',
  ],
  [
    'an operator IAM does not have',
    withStatement({ Effect: 'Deny', Condition: { StringEqualz: { 'aws:SourceVpc': 'vpc-1' } } }),
    'producer.bucket.policyStatements[0].Condition.StringEqualz',
    '"StringEqualz" is no IAM condition operator',
  ],
  [
    'an operator in another case',
    withStatement({ Effect: 'Deny', Condition: { numericlessthan: { 's3:TlsVersion': '1.2' } } }),
    'producer.bucket.policyStatements[0].Condition.numericlessthan',
    '"numericlessthan": write "NumericLessThan", as AWS documents it',
  ],
  // What widens access beyond the consumers
  [
    'Principal "*"',
    withStatement({ Principal: '*' }),
    'producer.bucket.policyStatements[0].Principal',
    'grants Principal "*" (anyone): this widens access beyond the consumers; remove it, or acknowledge it in producer.bucket.acknowledgedStatements as {"Extra": "<reason, at least 10 characters>"}',
  ],
  [
    'Principal {"AWS": "*"}',
    withStatement({ Principal: { AWS: ['*'] } }),
    'producer.bucket.policyStatements[0].Principal',
    'grants Principal {"AWS": "*"}',
  ],
  [
    'an account that is no consumer',
    withStatement({ Principal: { AWS: 'arn:aws:iam::333333333333:role/Other' } }),
    'producer.bucket.policyStatements[0].Principal',
    'grants account 333333333333, which is neither the producer nor a consumer',
  ],
  [
    'NotPrincipal in an Allow',
    withStatement({ Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' } }),
    'producer.bucket.policyStatements[0].NotPrincipal',
    'uses NotPrincipal',
  ],
  [
    'NotAction in an Allow',
    withStatement({ Action: undefined, NotAction: 's3:DeleteObject' }),
    'producer.bucket.policyStatements[0].NotAction',
    'uses NotAction',
  ],
  [
    'NotResource in an Allow',
    withStatement({ Resource: undefined, NotResource: `${BUCKET}/private/*` }),
    'producer.bucket.policyStatements[0].NotResource',
    'uses NotResource',
  ],
  [
    's3:* to a consumer account',
    withStatement({ Action: 's3:*' }),
    'producer.bucket.policyStatements[0].Action',
    'grants the wildcard action "s3:*"',
  ],
  [
    's3:Get*',
    withStatement({ Action: ['s3:Get*'] }),
    'producer.bucket.policyStatements[0].Action',
    'grants the wildcard action "s3:Get*"',
  ],
  [
    'a service principal without a source condition',
    withStatement({ Principal: { Service: 'cloudfront.amazonaws.com' } }),
    'producer.bucket.policyStatements[0].Principal',
    'without an aws:SourceAccount or aws:SourceArn condition',
  ],
  // Acknowledgements
  [
    'an acknowledgement of an unknown Sid',
    withStatement({}, { Nope: REASON }),
    'producer.bucket.acknowledgedStatements.Nope',
    'no statement of producer.bucket.policyStatements has Sid "Nope"',
  ],
  [
    'an acknowledgement of a statement that widens nothing',
    withStatement({}, { Extra: REASON }),
    'producer.bucket.acknowledgedStatements.Extra',
    'widens nothing: remove this acknowledgement',
  ],
  [
    'an acknowledgement without a real reason',
    withStatement({ Principal: '*' }, { Extra: 'ok' }),
    'producer.bucket.acknowledgedStatements.Extra',
    'at least 10 characters',
  ],
  // Role names are case-insensitive in IAM
  [
    'two created roles differing in case',
    (c) => c.consumers.push({ ...c.consumers[0], name: 'other', role: { name: 'roleinaccounta' } }),
    'consumers[2].role.name',
    'role "roleinaccounta" in account 111111111111 differs only in case from "RoleInAccountA" (consumers[0].role.name): IAM role names are case-insensitive',
  ],
  [
    'an attachment differing in case from a created role',
    (c) => (c.consumers[1].role.name = 'ROLEINACCOUNTA'),
    'consumers[1].role.name',
    'differs only in case',
  ],
  [
    'a consumer role in the producer account differing from a producer role',
    (c) =>
      c.consumers.push({ name: 'local', accountId: '222222222222', role: { name: 's3accessfroma' }, access: 'read' }),
    'consumers[2].role.name',
    'differs only in case from "S3AccessFromA" (consumers[1].producerRoleName)',
  ],
  [
    'two producer roles differing in case',
    (c) => c.consumers.push({ ...c.consumers[1], name: 'other', producerRoleName: 'S3ACCESSFROMA' }),
    'consumers[2].producerRoleName',
    'differs only in case',
  ],
  // Terraform state and the KMS key
  [
    'state in the shared bucket',
    (c) => (c.backend = { type: 's3', bucket: 'my-shared-bucket', region: 'us-east-1' }),
    'backend.bucket',
    'Terraform state must not be kept in the shared bucket: its consumers could read the state',
  ],
  [
    'state in the access-log bucket',
    (c) => {
      c.producer.bucket.accessLogging = { targetBucket: 'my-log-bucket' };
      c.backend = { type: 's3', bucket: 'my-log-bucket', region: 'us-east-1' };
    },
    'backend.bucket',
    'access-log bucket',
  ],
  [
    'state in the default trail bucket',
    (c) => {
      c.producer.audit = { cloudTrail: {} };
      c.backend = { type: 's3', bucket: 'my-shared-bucket-trail-logs', region: 'us-east-1' };
    },
    'backend.bucket',
    "the trail's bucket",
  ],
  [
    "a key owned by a consumer's account",
    (c) =>
      (c.producer.bucket.encryption = {
        type: 'kms',
        keyArn: 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      }),
    'producer.bucket.encryption.keyArn',
    'the key belongs to account 111111111111 (the account of consumer "analytics"), not the producer (222222222222)',
  ],
  [
    'a key owned by an unrelated account',
    (c) =>
      (c.producer.bucket.encryption = {
        type: 'kms',
        keyArn: 'arn:aws:kms:us-east-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      }),
    'producer.bucket.encryption.keyArn',
    'set producer.bucket.encryption.acknowledgedKeyOwner to the reason',
  ],
  [
    "an acknowledged owner of the producer's own key",
    (c) => (c.producer.bucket.encryption = { type: 'kms', acknowledgedKeyOwner: 'the security team owns it' }),
    'producer.bucket.encryption.acknowledgedKeyOwner',
    'not owned by another account: remove this acknowledgement',
  ],
  // Prefixes in bytes
  [
    'a prefix of 1,000 "é" (2,000 bytes)',
    (c) => (c.consumers[0].prefixes = ['é'.repeat(1000)]),
    'consumers[0].prefixes[0]',
    'at most 1024 bytes of UTF-8 with its trailing "/" (the S3 key limit), not 2001',
  ],
];

describe('rules, each with its path; through main: exit 1, nothing written', () => {
  test.each(cases)('%s', (name, mutate, field, text) => {
    const c = base();
    mutate(c);
    const found = problems(c);
    const line = found.find((l) => l.startsWith(`${field}: `) && l.includes(text));
    if (!line) throw new Error(`no problem at ${field} saying ${text}; got:\n${found.join('\n')}`);
    const r = runMain(`rules-${name}`, c);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`- ${line}`);
    expect(r.left).toEqual(['config.json']);
  });
});

describe('what passes', () => {
  test('a Deny never widens: NotPrincipal, Principal "*" and s3:* are fine there', () => {
    const c = base();
    withStatement({
      Effect: 'Deny',
      Principal: undefined,
      NotPrincipal: { AWS: 'arn:aws:iam::222222222222:root' },
      Action: 's3:*',
    })(c);
    expect(() => parseConfig(c)).not.toThrow();
  });

  test('a service principal pinned by aws:SourceArn (any case) is fine', () => {
    const c = base();
    withStatement({
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Condition: { StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::222222222222:distribution/E1' } },
    })(c);
    expect(parseConfig(c).producer.bucket.acknowledged).toEqual([]);
  });

  test('a prefix of exactly 1024 bytes with its "/"', () => {
    const c = base();
    c.consumers[0].prefixes = ['é'.repeat(511) + 'a/'];
    expect(() => parseConfig(c)).not.toThrow();
  });

  test('an acknowledged widening is accepted, exposed on the config and printed at every synth', () => {
    const c = base();
    withStatement({ Sid: 'PublicRead', Principal: '*', Action: 's3:Get*' }, { PublicRead: REASON })(c);
    const config = parseConfig(c);
    expect(config.producer.bucket.acknowledged).toEqual([
      {
        sid: 'PublicRead',
        widening: ['grants Principal "*" (anyone)', 'grants the wildcard action "s3:Get*"'],
        reason: REASON,
      },
    ]);
    const r = runMain('rules-acknowledged', c);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      `warning: acknowledged: producer.bucket.policyStatements[0] (Sid PublicRead) grants Principal "*" (anyone); grants the wildcard action "s3:Get*": ${REASON}\n`,
    );
  });

  test('an acknowledged foreign key owner is accepted and printed at every synth', () => {
    const c = base();
    c.producer.bucket.encryption = {
      type: 'kms',
      keyArn: 'arn:aws:kms:us-east-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      acknowledgedKeyOwner: 'the central security account owns every key',
    };
    expect(() => parseConfig(c)).not.toThrow();
    const r = runMain('rules-key-owner', c);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      'warning: acknowledged: producer.bucket.encryption.keyArn is owned by account 999999999999, not the producer: the central security account owns every key',
    );
  });
});
