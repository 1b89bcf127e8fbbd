/** The access proof: clean on generated output; on every break reviewers fear, a finding or a differing workflow. */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import * as fs from 'fs';
import * as path from 'path';
import { parseConfig } from '../modules/config';
import { computePlan } from '../modules/plan';
import { synthesize } from '../modules/stacks';
import { evaluate, readPlan, STAND_INS, verifyStacks } from '../modules/verify';
import { lintDocuments } from '../modules/verify/lint';
import { editPolicy, matrixOf, outputOf, stacksOf } from './support/verify';
import { EXAMPLES, load, readJson, ROOT } from './support/synth';

describe.each(EXAMPLES)('%s verifies clean', (file) => {
  test('no finding, every workflow as intended, no policy problem', async () => {
    const config = load(file);
    const out = outputOf(config);
    const result = await verifyStacks(config, out.stacks, out.routes);
    expect(result.findings).toEqual([]);
    expect(result.lint).toEqual([]);
    expect(result.mismatches).toEqual([]);
    expect(result.ok).toBe(true);
    // Real questions: consumers run workflows; more is refused than allowed.
    expect(result.cells.filter((c) => c.actual).length).toBeGreaterThan(5);
    expect(result.cells.filter((c) => !c.actual).length).toBeGreaterThan(result.cells.filter((c) => c.actual).length);
  });
});

describe('the seed scenario, workflow by workflow', () => {
  const { cell, all } = matrixOf('cross-account.json');
  const direct = 'analytics: RoleInAccountA (111111111111)';
  const assumed = 'reporting: RoleInAccountA (111111111111) -> S3AccessFromA';

  test('the direct consumer uploads in parts and copies out with tags, through identity, bucket and key policy', () => {
    const c = cell(direct, 'multipart-upload', '(whole bucket)');
    expect(c.actual).toBe(true);
    expect(c.decidedBy).toEqual([
      'identity:ReadWriteListLocation',
      'bucket:ConsumersAnalyticsReportingReadWriteListLocation',
      'identity:Kms',
      'key:ConsumersAnalyticsReportingKms',
    ]);
    expect(cell(direct, 'copy-out', '(whole bucket)').actual).toBe(true);
    expect(cell(direct, 'upload-tagged', '(whole bucket)').actual).toBe(true);
    expect(cell(direct, 'head-bucket', 'bucket').actual).toBe(true);
  });

  test('objects written without an S3 Bucket Key (object ARN as context) are readable too', () => {
    expect(cell(direct, 'download-unkeyed', '(whole bucket)').actual).toBe(true);
  });

  test('the assume-role consumer reaches the bucket only through the trust policy with its External ID', () => {
    const c = cell(assumed, 'download', '(whole bucket)');
    expect(c.actual).toBe(true);
    expect(c.decidedBy.slice(0, 2)).toEqual(['identity:Assume', 'trust:ConsumerReportingAssume']);
    for (const variant of ['with a wrong External ID', 'without an External ID']) {
      expect(cell(`reporting: RoleInAccountA ${variant}`, 'assume-role', 'S3AccessFromA').actual).toBe(false);
    }
  });

  test('writers cannot change the encryption; nobody deletes, changes the policy, or calls KMS directly', () => {
    for (const w of [
      'upload-sse-s3',
      'upload-other-key',
      'upload-unnamed-key',
      'upload-sse-c',
      'delete',
      'put-bucket-policy',
      'kms-direct',
      'kms-encrypt',
    ]) {
      const cells = all().filter((c) => c.workflow === w);
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells) expect([w, c.row, c.actual]).toEqual([w, c.row, false]);
    }
    expect(cell(direct, 'upload-sse-s3', '(whole bucket)').decidedBy).toEqual(['bucket:DenyOtherEncryption']);
    expect(cell(direct, 'upload-unnamed-key', '(whole bucket)').decidedBy).toEqual(['bucket:DenyUnnamedKmsKey']);
    expect(cell(direct, 'upload-sse-c', '(whole bucket)').decidedBy).toEqual(['bucket:DenyCustomerProvidedKeys']);
  });

  test('plain HTTP is denied by the TLS statement', () => {
    const c = cell(`${direct} over plain HTTP`, 'download', '(whole bucket)');
    expect(c.actual).toBe(false);
    expect(c.decidedBy).toEqual(['bucket:DenyInsecureTransport']);
  });

  test('outsiders and other roles of the consumer account get nothing, even with admin rights of their own', () => {
    const probes = all().filter((c) => c.probe && (c.row.startsWith('outsider') || c.row.startsWith('another role')));
    expect(probes.length).toBeGreaterThanOrEqual(20);
    for (const c of probes) expect([c.row, c.workflow, c.actual]).toEqual([c.row, c.workflow, false]);
  });
});

describe('access points', () => {
  const { cell, all } = matrixOf('examples/access-points.json');
  const analytics = 'analytics: AnalyticsReader (210987654321) via access point acme-shared-datasets-analytics';

  test('the consumer works through its access point: identity, access-point policy, the delegation to our access points', () => {
    const c = cell(analytics, 'download', 'curated/');
    expect(c.actual).toBe(true);
    expect(c.decidedBy).toEqual([
      'identity:ReadLocation',
      'access-point:ConsumerAnalyticsReadLocation',
      'bucket:DelegateToOwnAccessPoints',
      'identity:Kms',
      'key:ConsumerAnalyticsKms',
    ]);
    expect(cell(analytics, 'download', 'outside (verify-outside/)').actual).toBe(false);
  });

  test('no other role and no other access point gets through: ours pin their role, the bucket names ours', () => {
    const probes = all().filter((c) => c.probe);
    expect(probes.filter((c) => c.row.includes('through access point acme-shared-datasets')).length).toBeGreaterThan(
      10,
    );
    expect(probes.filter((c) => c.row.includes('an access point of its own')).length).toBeGreaterThan(10);
    for (const c of probes) expect([c.row, c.workflow, c.actual]).toEqual([c.row, c.workflow, false]);
  });

  test('a consumer-owned access point works the same, and only from its own account', () => {
    const row = 'partner-ml: MlTraining (345678901234) via access point acme-shared-datasets-partner-ml';
    expect(cell(row, 'multipart-upload', 'ml/').actual).toBe(true);
    expect(cell(row, 'upload', 'outside (verify-outside/)').actual).toBe(false);
  });
});

describe('legacy ACL ownership', () => {
  const { cell } = matrixOf('examples/legacy-acl.json');
  const upload = 'vendor-upload: VendorUploader (111111111111)';

  test('single-part uploads carry bucket-owner-full-control and pass; multipart uploads fail, as documented', () => {
    expect(cell(upload, 'upload', 'inbound/').actual).toBe(true);
    const multipart = cell(upload, 'multipart-upload', 'inbound/');
    expect([multipart.expected, multipart.actual, multipart.failedAt]).toEqual([false, false, 'UploadPart']);
    expect(multipart.decidedBy).toEqual(['bucket:DenyUploadsWithoutOwnerControl']);
  });

  test('uploads without the ACL header are denied', () => {
    const c = cell(upload, 'upload-without-owner-acl', 'inbound/');
    expect(c.actual).toBe(false);
    expect(c.decidedBy).toEqual(['bucket:DenyUploadsWithoutOwnerControl']);
  });
});

describe('a consumer in the bucket account itself', () => {
  const raw = {
    region: 'us-east-1',
    producer: { accountId: '222222222222', bucket: { name: 'same-account-test', encryption: { type: 'kms' } } },
    consumers: [
      { name: 'local', accountId: '222222222222', role: { name: 'LocalJob' }, access: 'read', prefixes: ['local/'] },
    ],
  };
  test('is granted as configured; another role of that account without S3 rights of its own gets nothing', async () => {
    const config = parseConfig(raw);
    const out = outputOf(config);
    const r = await verifyStacks(config, out.stacks, out.routes);
    expect(r.findings).toEqual([]);
    expect(r.mismatches).toEqual([]);
    const other = r.cells.filter((c) => c.row.startsWith('another role of the bucket account'));
    expect(other.length).toBeGreaterThan(3);
    for (const c of other) expect(c.actual).toBe(false);
    expect(
      r.cells.find(
        (c) => c.row === 'local: LocalJob (222222222222)' && c.workflow === 'download' && c.scope === 'local/',
      )!.actual,
    ).toBe(true);
  });
});

describe('output of another config is refused, not verified', () => {
  test('a changed config, and another config, are named with the remedy', () => {
    const dir = path.join(ROOT, '.tmp', 'stale');
    fs.rmSync(dir, { recursive: true, force: true });
    const seed = load('cross-account.json');
    synthesize(computePlan(seed), dir, 'cross-account.json');
    expect(() => readPlan(dir, seed, 'cross-account.json')).not.toThrow();
    const changed = parseConfig({ ...readJson('cross-account.json'), stacks: 'per-account' });
    expect(() => readPlan(dir, changed, 'cross-account.json')).toThrow(
      /is not the output of this config: cross-account.json has changed since\. Run `npm run synth` first/,
    );
    expect(() => readPlan(dir, load('examples/access-points.json'), 'examples/access-points.json')).toThrow(
      /it was synthesized from cross-account.json, not examples\/access-points.json/,
    );
  });
});

describe('lint: names a statement could never match', () => {
  const lint = (statement: Record<string, unknown>) =>
    lintDocuments([
      {
        where: 's:aws_iam_role_policy.x',
        kind: 'identity',
        doc: { Version: '2012-10-17', Statement: [{ Sid: 'X', Effect: 'Allow', Resource: '*', ...statement }] },
      },
    ]);

  test('a misspelled action', async () => {
    expect((await lint({ Action: 's3:GetObjekt' })).map((p) => p.message)).toEqual(['unknown action "s3:GetObjekt"']);
  });
  test('an unknown condition key', async () => {
    expect(
      (await lint({ Action: 's3:ListBucket', Condition: { StringLike: { 's3:prefixes': 'a/*' } } })).map(
        (p) => p.message,
      ),
    ).toEqual(['unknown condition key "s3:prefixes"']);
  });
  test('an unknown operator', async () => {
    const msgs = (await lint({ Action: 's3:ListBucket', Condition: { StringEqualz: { 's3:prefix': 'a/*' } } })).map(
      (p) => p.message,
    );
    expect(msgs).toContain('"StringEqualz" is no IAM condition operator');
  });
  test('a condition key of another action', async () => {
    expect(
      (await lint({ Action: 's3:GetBucketLocation', Condition: { StringLike: { 's3:prefix': 'a/*' } } })).map(
        (p) => p.message,
      ),
    ).toEqual(['condition key "s3:prefix" does not apply to s3:GetBucketLocation: the statement could never match it']);
  });
  test('a generated policy with a misspelled action fails verify', async () => {
    const config = load('cross-account.json');
    const stacks = stacksOf(config);
    editPolicy(
      stacks,
      'aws_iam_role_policy',
      'consumer_analytics',
      'policy',
      (d) => (d.Statement[0].Action = 'kms:Decrypts'),
    );
    const r = await verifyStacks(config, stacks);
    expect(r.ok).toBe(false);
    expect(r.lint.map((p) => `${p.where} ${p.message}`)).toContain(
      'cross-account:aws_iam_role_policy.consumer_analytics unknown action "kms:Decrypts"',
    );
  });
});

describe('the simulator workaround (iam-simulate 0.1.173)', () => {
  const key = 'arn:aws:kms:us-east-1:222222222222:key/00000000-0000-4000-8000-000000000000';
  const keyPolicy = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Use',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:root' },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::b' } },
      },
    ],
  };
  const identity = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'I', Effect: 'Allow', Action: 'kms:Decrypt', Resource: key }],
  };
  const request = (context: string) => ({
    principal: 'arn:aws:sts::111111111111:assumed-role/R/verify',
    action: 'kms:Decrypt',
    resource: key,
    resourceAccount: '222222222222',
    context: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/R', 'kms:EncryptionContext:aws:s3:arn': context },
    identity: [identity],
    resourcePolicy: keyPolicy,
  });

  test('the gap still exists: the engine drops kms:EncryptionContext:aws:s3:arn (remove the stand-in when this fails)', async () => {
    const r = await runSimulation(
      {
        request: {
          principal: request('').principal,
          action: 'kms:Decrypt',
          resource: { resource: key, accountId: '222222222222' },
          contextVariables: request('arn:aws:s3:::b').context,
        },
        identityPolicies: [{ name: 'i', policy: identity }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: keyPolicy,
      },
      {},
    );
    expect(r.resultType).toBe('single');
    if (r.resultType === 'single') expect(r.result.ignoredContextKeys).toEqual(['kms:EncryptionContext:aws:s3:arn']);
  });

  test('with the stand-in the same string semantics hold: right bucket allowed, another denied', async () => {
    expect((await evaluate(request('arn:aws:s3:::b'))).allowed).toBe(true);
    expect((await evaluate(request('arn:aws:s3:::c'))).allowed).toBe(false);
  });

  test('every key the engine mishandles has a stand-in', () => {
    expect(Object.keys(STAND_INS).sort()).toEqual([
      'kms:encryptioncontext:aws:s3:arn',
      's3:accesspointnetworkorigin',
      's3:dataaccesspointaccount',
      's3:dataaccesspointarn',
    ]);
  });

  test('a context key the engine ignores fails the evaluation instead of passing unnoticed', async () => {
    const req = { ...request('arn:aws:s3:::b'), context: { ...request('arn:aws:s3:::b').context, 's3:prefix': 'a/' } };
    await expect(evaluate(req)).rejects.toThrow('ignored the context keys s3:prefix');
  });

  test('a policy using the reserved stand-in key is refused', async () => {
    const bad = {
      ...keyPolicy,
      Statement: [
        { ...keyPolicy.Statement[0], Condition: { StringEquals: { [STAND_INS['s3:dataaccesspointaccount']]: 'x' } } },
      ],
    };
    await expect(evaluate({ ...request('arn:aws:s3:::b'), resourcePolicy: bad })).rejects.toThrow(
      'reserved stand-in key',
    );
  });
});

describe('statements the config holds', () => {
  test('an acknowledged widening is an accepted exception with its reason, not a finding', async () => {
    const raw = readJson('cross-account.json');
    raw.producer.bucket.policyStatements = [
      {
        Sid: 'PublicAssets',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::my-shared-bucket/public/*',
      },
    ];
    raw.producer.bucket.acknowledgedStatements = { PublicAssets: 'the public logo files, approved in SEC-1234' };
    const config = parseConfig(raw);
    expect(config.warnings.join('\n')).toContain(
      'acknowledged: producer.bucket.policyStatements[0] (Sid PublicAssets)',
    );
    const out = outputOf(config);
    const r = await verifyStacks(config, out.stacks, out.routes);
    expect(r.findings).toEqual([]);
    expect(r.accepted.map((f) => [f.sid, f.kind, f.accepted])).toEqual([
      ['PublicAssets', 'principal', 'acknowledged in the config: the public logo files, approved in SEC-1234'],
    ]);
  });
});
