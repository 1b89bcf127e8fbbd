/** Validation: one case per rule, each checking the field path and the rule in the message. */
import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, loadConfig, parseConfig } from '../modules/config';
import { readJson } from './support/synth';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const base = (): Raw => readJson('cross-account.json');

function problems(mutate: (c: Raw) => void): string[] {
  const c = base();
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

const externalId = 'k3J9-qmZr-72Lx-Wp0v';

// [name, mutation, field path, text the message must contain]
const cases: [string, (c: Raw) => void, string, string][] = [
  ['account ID of 11 digits', (c) => (c.producer.accountId = '22222222222'), 'producer.accountId', 'exactly 12 digits'],
  [
    'account ID with letters',
    (c) => (c.consumers[0].accountId = '11111111111a'),
    'consumers[0].accountId',
    'exactly 12 digits',
  ],
  ['bucket name with capitals', (c) => (c.producer.bucket.name = 'My-Bucket'), 'producer.bucket.name', 'lower-case'],
  ['bucket name too short', (c) => (c.producer.bucket.name = 'ab'), 'producer.bucket.name', '3-63'],
  ['bucket name as IP address', (c) => (c.producer.bucket.name = '192.168.5.4'), 'producer.bucket.name', 'IP address'],
  [
    'bucket name with adjacent dots',
    (c) => (c.producer.bucket.name = 'my..bucket'),
    'producer.bucket.name',
    'adjacent dots',
  ],
  [
    'bucket name ending in a hyphen',
    (c) => (c.producer.bucket.name = 'bucket-'),
    'producer.bucket.name',
    'begin and end',
  ],
  [
    'bucket name with reserved prefix',
    (c) => (c.producer.bucket.name = 'xn--bucket'),
    'producer.bucket.name',
    'reserved prefix',
  ],
  [
    'bucket name with reserved suffix',
    (c) => (c.producer.bucket.name = 'bucket-s3alias'),
    'producer.bucket.name',
    'reserved suffix',
  ],
  ['unknown region', (c) => (c.region = 'us-east-9'), 'region', 'AWS region code'],
  ['role name too long', (c) => (c.consumers[0].role.name = 'R'.repeat(65)), 'consumers[0].role.name', 'IAM role name'],
  ['role name with a space', (c) => (c.consumers[0].role.name = 'My Role'), 'consumers[0].role.name', 'IAM role name'],
  [
    'producer role name invalid',
    (c) => (c.consumers[1].producerRoleName = 'bad/name'),
    'consumers[1].producerRoleName',
    'IAM role name',
  ],
  [
    'external ID too short to be safe',
    (c) => (c.consumers[1].externalId = 'abc123'),
    'consumers[1].externalId',
    'too easy to guess',
  ],
  [
    'external ID with a bad character',
    (c) => (c.consumers[1].externalId = 'abcdefghijklmnop#q'),
    'consumers[1].externalId',
    '+=,.@:/-_',
  ],
  [
    'external ID over 1224 characters',
    (c) => (c.consumers[1].externalId = 'a1b2c3d4'.repeat(154)),
    'consumers[1].externalId',
    '2-1224',
  ],
  [
    'external ID of repeated characters',
    (c) => (c.consumers[1].externalId = 'aaaaaaaaaaaaaaaaaaaa'),
    'consumers[1].externalId',
    'distinct characters',
  ],
  [
    'assume-role without external ID',
    (c) => delete c.consumers[1].externalId,
    'consumers[1].externalId',
    'requires an externalId',
  ],
  [
    'external ID on a direct consumer',
    (c) => (c.consumers[0].externalId = externalId),
    'consumers[0].externalId',
    'only used with method "assume-role"',
  ],
  [
    'producer role name on a direct consumer',
    (c) => (c.consumers[0].producerRoleName = 'X'),
    'consumers[0].producerRoleName',
    'only used with method "assume-role"',
  ],
  [
    'duplicate consumer names',
    (c) => (c.consumers[1].name = 'analytics'),
    'consumers[1].name',
    'duplicate consumer name',
  ],
  ['consumer name with capitals', (c) => (c.consumers[0].name = 'Analytics'), 'consumers[0].name', 'lower-case'],
  [
    'role created by two consumers',
    (c) => (c.consumers[1].role = { name: 'RoleInAccountA', existing: false }),
    'consumers[1].role.existing',
    'belongs to one consumer only',
  ],
  [
    'two consumers sharing a producer role',
    (c) => c.consumers.push({ ...c.consumers[1], name: 'other' }),
    'consumers[2].producerRoleName',
    'each assume-role consumer gets its own role',
  ],
  ['prefix with *', (c) => (c.consumers[0].prefixes = ['logs*']), 'consumers[0].prefixes[0]', 'wildcards'],
  ['prefix with ?', (c) => (c.consumers[0].prefixes = ['a?/']), 'consumers[0].prefixes[0]', 'wildcards'],
  [
    'prefix starting with /',
    (c) => (c.consumers[0].prefixes = ['/logs/']),
    'consumers[0].prefixes[0]',
    'must not start with "/"',
  ],
  [
    'prefix with a policy variable',
    (c) => (c.consumers[0].prefixes = ['home/${aws:username}/']),
    'consumers[0].prefixes[0]',
    '$',
  ],
  ['empty prefix', (c) => (c.consumers[0].prefixes = ['']), 'consumers[0].prefixes[0]', 'whole bucket'],
  ['empty prefix list', (c) => (c.consumers[0].prefixes = []), 'consumers[0].prefixes', 'whole bucket'],
  ['unknown field at the top', (c) => (c.stack = 'single'), 'stack', 'unknown field'],
  [
    'unknown field in the bucket (typo)',
    (c) => (c.producer.bucket.encyption = { type: 's3' }),
    'producer.bucket.encyption',
    'unknown field',
  ],
  ['unknown field in a consumer', (c) => (c.consumers[0].prefix = ['a/']), 'consumers[0].prefix', 'unknown field'],
  [
    'deploy role ARN that is a user',
    (c) => (c.producer.deployRoleArn = 'arn:aws:iam::222222222222:user/deployer'),
    'producer.deployRoleArn',
    'role/<name>',
  ],
  [
    'deploy role ARN in another account',
    (c) => (c.producer.deployRoleArn = 'arn:aws:iam::999999999999:role/Deploy'),
    'producer.deployRoleArn',
    'must be in account 222222222222',
  ],
  [
    'malformed ARN',
    (c) => (c.consumers[0].deployRoleArn = 'arn:aws:iam:111111111111:role/X'),
    'consumers[0].deployRoleArn',
    'ARN',
  ],
  [
    'ARN of an unknown partition',
    (c) => (c.producer.deployRoleArn = 'arn:aws-xx:iam::222222222222:role/X'),
    'producer.deployRoleArn',
    'unknown partition',
  ],
  [
    'KMS alias instead of key ARN',
    (c) => (c.producer.bucket.encryption = { type: 'kms', keyArn: 'arn:aws:kms:us-east-1:222222222222:alias/shared' }),
    'producer.bucket.encryption.keyArn',
    'full key ARN',
  ],
  [
    'the AWS-managed aws/s3 key',
    (c) => (c.producer.bucket.encryption = { type: 'kms', keyArn: 'arn:aws:kms:us-east-1:222222222222:alias/aws/s3' }),
    'producer.bucket.encryption.keyArn',
    'cannot grant another account',
  ],
  [
    'key in another region',
    (c) =>
      (c.producer.bucket.encryption = {
        type: 'kms',
        keyArn: 'arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      }),
    'producer.bucket.encryption.keyArn',
    'same region',
  ],
  [
    'existing KMS bucket without a key ARN',
    (c) => (c.producer.bucket.existing = true),
    'producer.bucket.encryption.keyArn',
    'existing bucket encrypted with KMS',
  ],
  [
    'unknown encryption type',
    (c) => (c.producer.bucket.encryption = { type: 'aes' }),
    'producer.bucket.encryption.type',
    'type',
  ],
  [
    'unknown access level',
    (c) => (c.consumers[0].access = 'admin'),
    'consumers[0].access',
    '"read", "write", "read-write"',
  ],
  [
    'unknown method',
    (c) => (c.consumers[0].method = 'grant'),
    'consumers[0].method',
    '"direct", "assume-role", "access-point"',
  ],
  ['missing consumers', (c) => (c.consumers = []), 'consumers', 'at least one consumer'],
  ['missing bucket name', (c) => delete c.producer.bucket.name, 'producer.bucket.name', 'required field is missing'],
  [
    'organization ID malformed',
    (c) => (c.producer.organizationId = 'org-1'),
    'producer.organizationId',
    'o-abc123def4',
  ],
  [
    'assumedBy on an existing role',
    (c) => (c.consumers[1].role.assumedBy = ['ec2.amazonaws.com']),
    'consumers[1].role.assumedBy',
    'existing role keeps its own trust policy',
  ],
  [
    'assumedBy not a principal',
    (c) => (c.consumers[0].role.assumedBy = ['ec2']),
    'consumers[0].role.assumedBy[0]',
    'service principal',
  ],
  [
    "another account's root in assumedBy (it would reach the data one hop away)",
    (c) => (c.consumers[0].role.assumedBy = ['arn:aws:iam::999999999999:root']),
    'consumers[0].role.assumedBy',
    'Name the role instead ("arn:aws:iam::999999999999:role/NAME")',
  ],
  [
    'bucket logging to itself',
    (c) => (c.producer.bucket.accessLogging = { targetBucket: 'my-shared-bucket' }),
    'producer.bucket.accessLogging.targetBucket',
    'log to itself',
  ],
  [
    'cloud backend without organization',
    (c) => (c.backend = { type: 'cloud' }),
    'backend.organization',
    'required field is missing',
  ],
  ['unknown stacks mode', (c) => (c.stacks = 'many'), 'stacks', '"single", "per-account"'],
  [
    'consumers of one account with different deploy roles',
    (c) => {
      c.consumers[0].deployRoleArn = 'arn:aws:iam::111111111111:role/DeployA';
      c.consumers[1].deployRoleArn = 'arn:aws:iam::111111111111:role/DeployB';
    },
    'consumers[1].deployRoleArn',
    'one provider per account',
  ],
  [
    'vpcId on a direct consumer',
    (c) => (c.consumers[0].vpcId = 'vpc-0abc12345def67890'),
    'consumers[0].vpcId',
    'only used with method "access-point"',
  ],
  [
    'malformed vpcId',
    (c) => ((c.consumers[0].method = 'access-point'), (c.consumers[0].vpcId = 'vpc-xyz')),
    'consumers[0].vpcId',
    'vpc-0abc12345def67890',
  ],
  [
    'access point owned by a third account',
    (c) => ((c.consumers[0].method = 'access-point'), (c.consumers[0].accessPointAccountId = '333333333333')),
    'consumers[0].accessPointAccountId',
    'owned by the producer account',
  ],
  [
    'ACL actions with BucketOwnerEnforced',
    (c) =>
      (c.producer.bucket.policyStatements = [
        {
          Sid: 'Acl',
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:PutObjectAcl',
          Resource: 'arn:aws:s3:::my-shared-bucket/*',
        },
      ]),
    'producer.bucket.policyStatements[0].Action',
    'ACLs are disabled',
  ],
  [
    'access logging on an existing bucket',
    (c) => {
      c.producer.bucket.existing = true;
      c.producer.bucket.encryption = { type: 's3' };
      c.producer.bucket.accessLogging = { targetBucket: 'logs-bucket' };
    },
    'producer.bucket.accessLogging',
    'never changed',
  ],
  [
    'trail writing to the shared bucket',
    (c) => (c.producer.audit = { cloudTrail: { trailBucket: 'my-shared-bucket' } }),
    'producer.audit.cloudTrail.trailBucket',
    'a bucket of its own',
  ],
  [
    'an IAM policy variable in an extra statement',
    (c) =>
      (c.producer.bucket.policyStatements = [
        {
          Sid: 'Home',
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::my-shared-bucket/home/${aws:username}/*',
        },
      ]),
    'producer.bucket.policyStatements[0].Resource',
    'Terraform would evaluate it as its own template',
  ],
  [
    'a bucket policy naming no credentials for a second account in one stack',
    (c) => delete c.accounts['111111111111'].profile,
    'accounts.111111111111',
    'neither a profile nor a deployRoleArn',
  ],
  [
    'an accounts entry for an account the config does not use',
    (c) => (c.accounts['999999999999'] = { profile: 'x' }),
    'accounts.999999999999',
    'no producer, consumer or access point',
  ],
  ['an accounts key that is no account ID', (c) => (c.accounts['12345'] = {}), 'accounts.12345', '12 digits'],
  [
    'two accounts with one name',
    (c) => (c.accounts['111111111111'].name = 'data-platform'),
    'accounts.111111111111.name',
    'also the name of account 222222222222',
  ],
  [
    'an account name like an account ID',
    (c) => (c.accounts['111111111111'].name = '111111111111'),
    'accounts.111111111111.name',
    'starting with a letter',
  ],
  [
    'a deploy role in accounts and in the consumer (two sources)',
    (c) => {
      c.accounts['111111111111'].deployRoleArn = 'arn:aws:iam::111111111111:role/Deploy';
      c.consumers[0].deployRoleArn = 'arn:aws:iam::111111111111:role/Deploy';
    },
    'consumers[0].deployRoleArn',
    'one source per account',
  ],
  [
    'a deploy role of another account',
    (c) => (c.accounts['111111111111'].deployRoleArn = 'arn:aws:iam::222222222222:role/Deploy'),
    'accounts.111111111111.deployRoleArn',
    'must be in account 111111111111',
  ],
  [
    'a deploy External ID without a deploy role',
    (c) => (c.accounts['111111111111'].deployExternalId = 'ext-1234567'),
    'accounts.111111111111.deployExternalId',
    'set deployRoleArn too',
  ],
  [
    'the producer account not managed',
    (c) => (c.accounts['222222222222'].managed = false),
    'accounts.222222222222.managed',
    'always managed',
  ],
  [
    'a role to create in an account not managed here',
    (c) => (c.accounts['111111111111'] = { name: 'vendor', managed: false }),
    'consumers[0].role.existing',
    'cannot be created here',
  ],
  [
    'a profile for an account not managed here',
    (c) => (c.accounts['111111111111'] = { managed: false, profile: 'x' }),
    'accounts.111111111111.profile',
    'gets no provider',
  ],
  [
    'Terraform Cloud without a workspace prefix',
    (c) => (c.backend = { type: 'cloud', organization: 'acme' }),
    'backend.workspacePrefix',
    'write "workspacePrefix": "my-shared-bucket-"',
  ],
  [
    'Terraform Cloud with an empty workspace prefix',
    (c) => (c.backend = { type: 'cloud', organization: 'acme', workspacePrefix: '' }),
    'backend.workspacePrefix',
    'an empty one would let two configs share workspaces',
  ],
  [
    'an existing bucket without its Object Ownership',
    (c) => {
      c.producer.bucket = { name: 'my-shared-bucket', existing: true };
    },
    'producer.bucket.objectOwnership',
    'must state its Object Ownership',
  ],
  [
    'ObjectWriter with a writer and a reader in different accounts',
    (c) => {
      c.producer.bucket.objectOwnership = 'ObjectWriter';
      c.consumers[1] = {
        name: 'reader',
        accountId: '333333333333',
        role: { name: 'Reader', existing: true },
        access: 'read',
      };
      c.accounts['333333333333'] = { profile: 'reader' };
    },
    'producer.bucket.objectOwnership',
    'Use "BucketOwnerPreferred"',
  ],
  [
    'a trail name with adjacent separators',
    (c) => (c.producer.audit = { cloudTrail: { name: 'my--trail' } }),
    'producer.audit.cloudTrail.name',
    'CloudTrail naming rules',
  ],
  [
    'unknown field in audit',
    (c) => (c.producer.audit = { cloudtrail: {} }),
    'producer.audit.cloudtrail',
    'unknown field',
  ],
];

describe('config validation', () => {
  test('the embedded default is valid', () => {
    expect(() => parseConfig(base())).not.toThrow();
  });

  test.each(cases)('%s', (name, mutate, field, text) => {
    const found = problems(mutate);
    const line = found.find((l) => l.startsWith(`${field}: `));
    if (!line) throw new Error(`no problem reported at ${field}; got:\n${found.join('\n')}`);
    expect(line).toContain(text);
    // Through main: exit 1, the same line on stderr, nothing written.
    const dir = path.join(__dirname, '..', '.tmp', 'rules', name.replace(/[^a-z0-9]+/gi, '-'));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const c = base();
    mutate(c);
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(c));
    let err = '';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main } = require('../main');
    const code = main({
      env: { CROSS_ACCOUNT_CONFIG: path.join(dir, 'config.json'), CDKTF_OUTDIR: path.join(dir, 'cdktf.out') },
      out: () => undefined,
      err: (t: string) => (err += t),
    });
    expect(code).toBe(1);
    expect(err).toContain(`- ${line}`);
    expect(fs.readdirSync(dir)).toEqual(['config.json']);
  });

  test('every problem is reported at once', () => {
    const found = problems((c) => {
      c.region = 'mars-1';
      c.producer.accountId = '1';
      c.consumers[0].access = 'all';
    });
    expect(found.map((l) => l.split(':')[0]).sort()).toEqual(['consumers[0].access', 'producer.accountId', 'region']);
  });
});

describe('defaults and normalization', () => {
  test('prefixes end with "/", are sorted, and nested ones are dropped', () => {
    const c = base();
    c.consumers[0].prefixes = ['reports/daily', 'exports/', 'reports/', 'exports/'];
    expect(parseConfig(c).consumers.find((k) => k.name === 'analytics')!.prefixes).toEqual(['exports/', 'reports/']);
  });

  test('defaults: SSE-S3, versioning on, BucketOwnerEnforced, direct, single stack, local backend', () => {
    const c = base();
    delete c.producer.bucket.encryption;
    delete c.producer.bucket.versioning;
    delete c.producer.bucket.objectOwnership;
    delete c.consumers[0].method;
    delete c.stacks;
    delete c.backend;
    const n = parseConfig(c);
    expect(n.producer.bucket).toMatchObject({
      encryption: { type: 's3' },
      versioning: true,
      objectOwnership: 'BucketOwnerEnforced',
      existing: false,
    });
    expect(n.consumers.find((k) => k.name === 'analytics')!.method).toBe('direct');
    expect(n.stacks).toBe('single');
    expect(n.backend).toEqual({ type: 'local' });
  });

  test('producer role name defaults to <name>-s3-access; a created role without assumedBy trusts its own account', () => {
    const c = base();
    delete c.consumers[1].producerRoleName;
    delete c.consumers[0].role.assumedBy;
    const n = parseConfig(c);
    expect(n.consumers.find((k) => k.name === 'reporting')!.producerRoleName).toBe('reporting-s3-access');
    expect(n.consumers.find((k) => k.name === 'analytics')!.role.assumedBy).toEqual(['arn:aws:iam::111111111111:root']);
  });

  test('a role attached to (existing) takes the path of the consumer that creates it', () => {
    const c = base();
    c.consumers[0].role.path = '/team/';
    expect(parseConfig(c).consumers.find((k) => k.name === 'reporting')!.role.path).toBe('/team/');
  });

  test('KMS with bucket keys by default', () => {
    expect(parseConfig(base()).producer.bucket.encryption).toEqual({
      type: 'kms',
      bucketKey: true,
      keyGrants: 'roles',
    });
  });

  test('access points: deterministic names of at most 50 characters, producer-owned by default', () => {
    const c = base();
    c.producer.bucket.name = 'a-very-long-bucket-name-that-goes-on-and-on-for-a-while';
    c.consumers[0].method = 'access-point';
    const ap = parseConfig(c).consumers.find((k) => k.name === 'analytics')!.accessPoint!;
    expect(ap.name.length).toBeLessThanOrEqual(50);
    expect(ap.name).toMatch(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/);
    expect(parseConfig(c).consumers.find((k) => k.name === 'analytics')!.accessPoint!.name).toBe(ap.name);
    expect(ap.accountId).toBe('222222222222');
    c.producer.bucket.name = 'my-shared-bucket';
    expect(parseConfig(c).consumers.find((k) => k.name === 'analytics')!.accessPoint!.name).toBe(
      'my-shared-bucket-analytics',
    );
  });

  test('legacy ownership is accepted with a warning', () => {
    const c = base();
    c.producer.bucket.objectOwnership = 'ObjectWriter';
    expect(parseConfig(c).warnings).toEqual([
      expect.stringContaining('ACLs stay enabled'),
      // A writer in another account: its multipart uploads cannot carry the canned ACL.
      expect.stringContaining('multipart_threshold 5GB'),
    ]);
    expect(parseConfig(base()).warnings).toEqual([]);
  });

  test('GovCloud and China regions use their partitions', () => {
    const c = base();
    c.region = 'cn-north-1';
    expect(parseConfig(c).partition).toBe('aws-cn');
  });
});

describe('JSON with comments', () => {
  test('a config with // and /* */ comments (docs/config.md) is accepted', () => {
    const tmp = path.join(__dirname, '..', '.tmp', 'jsonc');
    fs.mkdirSync(tmp, { recursive: true });
    const file = path.join(tmp, 'c.jsonc');
    fs.writeFileSync(
      file,
      [
        '{',
        '  "region": "us-east-1", // where the bucket lives',
        '  /* the owner */ "producer": { "accountId": "222222222222", "bucket": { "name": "a-b-c" } },',
        '  "consumers": [{ "name": "x", "accountId": "111111111111", "role": { "name": "R" }, "access": "read",',
        '    "prefixes": ["a//b/"] }], // "//" inside a string stays',
        '  "stacks": "per-account"',
        '}',
      ].join('\n'),
    );
    const c = loadConfig(file);
    expect(c.region).toBe('us-east-1');
    expect(c.consumers[0].prefixes).toEqual(['a//b/']);
  });
});

describe('main: a bad config writes nothing', () => {
  const tmp = path.join(__dirname, '..', '.tmp', 'main-bad');
  beforeEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('exit 1, the message names the field and the rule, no output folder', () => {
    fs.mkdirSync(tmp, { recursive: true });
    const file = path.join(tmp, 'bad.json');
    const c = base();
    c.consumers[0].prefixes = ['data*'];
    fs.writeFileSync(file, JSON.stringify(c));
    const outdir = path.join(tmp, 'cdktf.out');
    let err = '';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main } = require('../main');
    const code = main({
      env: { CROSS_ACCOUNT_CONFIG: file, CDKTF_OUTDIR: outdir },
      out: () => undefined,
      err: (t: string) => (err += t),
    });
    expect(code).toBe(1);
    expect(err).toContain('consumers[0].prefixes[0]: a prefix must not contain the wildcards');
    expect(fs.existsSync(outdir)).toBe(false);
    expect(fs.readdirSync(tmp)).toEqual(['bad.json']);
  });

  test('a missing file and invalid JSON are reported the same way', () => {
    fs.mkdirSync(tmp, { recursive: true });
    const outdir = path.join(tmp, 'cdktf.out');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main } = require('../main');
    let err = '';
    const io = (file: string) => ({
      env: { CROSS_ACCOUNT_CONFIG: file, CDKTF_OUTDIR: outdir },
      out: () => undefined,
      err: (t: string) => (err += t),
    });
    expect(main(io(path.join(tmp, 'nope.json')))).toBe(1);
    expect(err).toContain('cannot read the file (ENOENT: no such file or folder)');
    fs.writeFileSync(path.join(tmp, 'broken.json'), '{"region": ');
    expect(main(io(path.join(tmp, 'broken.json')))).toBe(1);
    expect(err).toContain('not valid JSON');
    expect(fs.existsSync(outdir)).toBe(false);
  });
});
