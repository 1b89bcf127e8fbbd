/** The access proof: it passes on generated output, and fails, naming the cell, on every break reviewers fear. */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { parseConfig } from '../modules/config';
import { evaluate, STAND_INS, verifyStacks } from '../modules/verify';
import { lintDocuments } from '../modules/verify/lint';
import { differences, editPolicy, matrixOf, stacksOf } from './support/verify';
import { EXAMPLES, load } from './support/synth';

describe.each(EXAMPLES)('%s verifies clean', (file) => {
  test('every cell as intended, no policy problem', async () => {
    const config = load(file);
    const result = await verifyStacks(config, stacksOf(config));
    expect(result.lint).toEqual([]);
    expect(result.mismatches).toEqual([]);
    expect(result.ok).toBe(true);
    // The proof asks real questions: some allowed, many denied.
    expect(result.cells.filter((c) => c.actual).length).toBeGreaterThan(5);
    expect(result.cells.filter((c) => !c.actual).length).toBeGreaterThan(result.cells.filter((c) => c.actual).length);
  });
});

describe('the seed scenario, cell by cell', () => {
  const { cell, all } = matrixOf('cross-account.json');

  test('the direct consumer reads and writes, through identity policy + bucket policy', () => {
    const c = cell('RoleInAccountA (111111111111)', 's3:PutObject', '(whole bucket)');
    expect(c.actual).toBe(true);
    expect(c.decidedBy).toEqual([
      'identity:ReadWriteListLocation',
      'bucket:ConsumersAnalyticsReportingReadWriteListLocation',
    ]);
  });

  test('the assume-role consumer reaches the bucket only through the trust policy with its External ID', () => {
    const c = cell('reporting: RoleInAccountA (111111111111) -> S3AccessFromA', 's3:GetObject', '(whole bucket)');
    expect(c.actual).toBe(true);
    expect(c.decidedBy).toEqual([
      'caller-identity:Assume',
      'trust:ConsumerReportingAssume',
      'identity:ReadWriteListLocation',
      'bucket:ConsumersAnalyticsReportingReadWriteListLocation',
    ]);
    expect(
      cell(
        'reporting: RoleInAccountA (111111111111) -> S3AccessFromA with a wrong External ID',
        'sts:AssumeRole',
        'S3AccessFromA',
      ).actual,
    ).toBe(false);
    expect(
      cell(
        'reporting: RoleInAccountA (111111111111) -> S3AccessFromA with no External ID',
        'sts:AssumeRole',
        'S3AccessFromA',
      ).actual,
    ).toBe(false);
  });

  test('KMS: allowed via S3 with the bucket as context; denied called directly', () => {
    expect(cell('RoleInAccountA (111111111111)', 'kms:GenerateDataKey', '(whole bucket)').actual).toBe(true);
    expect(
      cell('RoleInAccountA (111111111111) calling KMS directly, not via S3', 'kms:Decrypt', '(whole bucket)').actual,
    ).toBe(false);
    expect(cell('RoleInAccountA (111111111111)', 'kms:Encrypt', '(whole bucket)').actual).toBe(false);
  });

  test('plain HTTP is denied by the TLS statement', () => {
    const c = cell('RoleInAccountA (111111111111) over plain HTTP', 's3:GetObject', '(whole bucket)');
    expect(c.actual).toBe(false);
    expect(c.decidedBy).toEqual(['bucket:DenyInsecureTransport']);
  });

  test('outsiders with admin rights in their own account get nothing', () => {
    const cells = all();
    for (const c of cells.filter((x) => x.row.startsWith('outsider:')))
      expect([c.action, c.actual]).toEqual([c.action, false]);
    expect(cells.filter((x) => x.row.startsWith('outsider:')).length).toBeGreaterThan(20);
  });

  test('nobody may delete objects or change the bucket policy', () => {
    for (const c of all().filter((x) => x.action === 's3:DeleteObject' || x.action === 's3:PutBucketPolicy'))
      expect(c.actual).toBe(false);
  });
});

describe('access points', () => {
  const config = load('examples/access-points.json');
  const { cell, all } = matrixOf('examples/access-points.json');

  test('the consumer is allowed through its access point, by the access-point policy and the delegating bucket policy', () => {
    const c = cell(
      'analytics: AnalyticsReader (210987654321) via access point acme-shared-datasets-analytics',
      's3:GetObject',
      'curated/',
    );
    expect(c.actual).toBe(true);
    // The bucket delegates the account's granted actions to this account's access points; the access point pins role and prefix.
    expect(c.decidedBy).toEqual([
      'identity:ReadLocation',
      'access-point:ConsumerAnalyticsReadLocation',
      'bucket:DelegateReadWriteListLocation',
    ]);
  });

  test('the same role is denied on the bucket directly, on its own prefix too', () => {
    expect(cell('AnalyticsReader (210987654321)', 's3:GetObject', 'curated/').actual).toBe(false);
    expect(cell('AnalyticsReader (210987654321)', 's3:GetObject', '(whole bucket)').actual).toBe(false);
  });

  test('an access point of another account cannot be used, even one allowing everything', () => {
    const rows = all().filter((c) => c.row.includes('via an access point of unrelated account'));
    expect(rows.length).toBeGreaterThan(10);
    for (const c of rows) expect(c.actual).toBe(false);
  });

  test('a cross-account access point (owned by the consumer) works the same', () => {
    expect(
      cell(
        'partner-ml: MlTraining (345678901234) via access point acme-shared-datasets-partner-ml',
        's3:PutObject',
        'ml/',
      ).actual,
    ).toBe(true);
    expect(
      cell(
        'partner-ml: MlTraining (345678901234) via access point acme-shared-datasets-partner-ml',
        's3:PutObject',
        'outside (verify-outside/)',
      ).actual,
    ).toBe(false);
  });

  test('dropping s3:DataAccessPointAccount from the bucket policy opens the bucket to access points of any account', async () => {
    const stacks = stacksOf(config);
    editPolicy(stacks, 'aws_s3_bucket_policy', 'bucket', 'policy', (d) => {
      for (const s of d.Statement)
        if (s.Condition?.StringEquals) delete s.Condition.StringEquals['s3:DataAccessPointAccount'];
    });
    const diff = await differences(config, stacks);
    // The role's own identity policy names only its access point, so going direct stays denied ...
    expect(diff.filter((d) => d.startsWith('AnalyticsReader (210987654321) |'))).toEqual([]);
    // ... but its account's admin can point an access point of theirs at the bucket.
    expect(diff).toContain(
      'analytics: AnalyticsReader (210987654321) via an access point of unrelated account 999999999999 | curated/ | s3:GetObject | allowed',
    );
  });
});

describe('legacy ACL ownership', () => {
  const { cell } = matrixOf('examples/legacy-acl.json');

  test('writers may set the bucket-owner-full-control ACL', () => {
    expect(cell('VendorUploader (111111111111)', 's3:PutObject', 'inbound/').actual).toBe(true);
    expect(cell('VendorUploader (111111111111)', 's3:PutObjectAcl', 'inbound/').actual).toBe(true);
    expect(cell('VendorReader (111111111111)', 's3:PutObjectAcl', 'outbound/').actual).toBe(false);
  });

  test('writes without the ACL header are denied', () => {
    const c = cell(
      'VendorUploader (111111111111) uploading without the bucket-owner-full-control ACL',
      's3:PutObject',
      'inbound/',
    );
    expect(c.actual).toBe(false);
    expect(c.decidedBy).toEqual(['bucket:DenyUploadsWithoutOwnerControl']);
  });
});

describe('a consumer in the bucket account itself', () => {
  const raw = {
    region: 'us-east-1',
    producer: { accountId: '222222222222', bucket: { name: 'same-account-test', encryption: { type: 'kms' } } },
    consumers: [
      {
        name: 'local',
        accountId: '222222222222',
        role: { name: 'LocalJob' },
        access: 'read',
        prefixes: ['local/'],
        method: 'direct',
      },
    ],
  };
  test('is granted as configured; another role of that account without S3 rights of its own gets nothing', async () => {
    const config = parseConfig(raw);
    const r = await verifyStacks(config, stacksOf(config));
    expect(r.mismatches).toEqual([]);
    const other = r.cells.filter((c) => c.row.startsWith('outsider: another role of the bucket account'));
    expect(other.length).toBeGreaterThan(10);
    for (const c of other) expect(c.actual).toBe(false);
    expect(
      r.cells.find((c) => c.row === 'LocalJob (222222222222)' && c.action === 's3:GetObject' && c.target === 'local/')!
        .actual,
    ).toBe(true);
  });
});

describe('mutations: verify fails and names the cell', () => {
  const seed = load('cross-account.json');
  const prefixed = load('examples/read-only-prefixes.json');

  test('dropping the External ID condition lets a wrong or missing External ID through', async () => {
    const stacks = stacksOf(seed);
    editPolicy(
      stacks,
      'aws_iam_role',
      'producer_reporting',
      'assume_role_policy',
      (d) => delete d.Statement[0].Condition.StringEquals,
    );
    const diff = await differences(seed, stacks);
    expect(diff).toContain(
      'reporting: RoleInAccountA (111111111111) -> S3AccessFromA with a wrong External ID | S3AccessFromA | sts:AssumeRole | allowed',
    );
    expect(diff).toContain(
      'reporting: RoleInAccountA (111111111111) -> S3AccessFromA with no External ID | S3AccessFromA | sts:AssumeRole | allowed',
    );
  });

  test('widening an object Resource to bucket/* opens the prefix outside the grant', async () => {
    const stacks = stacksOf(prefixed);
    const widen = (d: { Statement: Record<string, unknown>[] }) => {
      for (const s of d.Statement)
        if (
          String(s.Resource).includes('/reports/') ||
          (Array.isArray(s.Resource) && s.Resource.some((r: string) => r.includes('/reports/')))
        )
          s.Resource = 'arn:aws:s3:::acme-data-lake-eu/*';
    };
    editPolicy(stacks, 'aws_s3_bucket_policy', 'bucket', 'policy', widen);
    editPolicy(stacks, 'aws_iam_role_policy', 'consumer_bi_dashboards', 'policy', widen);
    const diff = await differences(prefixed, stacks);
    expect(diff).toContain('BiReader (444444444444) | outside (verify-outside/) | s3:GetObject | allowed');
  });

  test('adding s3:DeleteObject is caught', async () => {
    const stacks = stacksOf(seed);
    const add = (d: { Statement: Record<string, unknown>[] }) => {
      for (const s of d.Statement)
        if ([s.Action].flat().includes('s3:PutObject')) s.Action = [...[s.Action].flat(), 's3:DeleteObject'];
    };
    editPolicy(stacks, 'aws_s3_bucket_policy', 'bucket', 'policy', add);
    editPolicy(stacks, 'aws_iam_role_policy', 'consumer_analytics', 'policy', add);
    expect(await differences(seed, stacks)).toContain(
      'RoleInAccountA (111111111111) | (whole bucket) | s3:DeleteObject | allowed',
    );
  });

  test('removing the TLS deny lets plain HTTP through', async () => {
    const stacks = stacksOf(seed);
    editPolicy(
      stacks,
      'aws_s3_bucket_policy',
      'bucket',
      'policy',
      (d) => (d.Statement = d.Statement.filter((s) => s.Sid !== 'DenyInsecureTransport')),
    );
    const diff = await differences(seed, stacks);
    expect(diff).toContain('RoleInAccountA (111111111111) over plain HTTP | (whole bucket) | s3:GetObject | allowed');
    expect(diff).toContain(
      'reporting: RoleInAccountA (111111111111) -> S3AccessFromA over plain HTTP | (whole bucket) | s3:PutObject | allowed',
    );
  });

  test('dropping the KMS key-policy statement denies the consumers their key', async () => {
    const stacks = stacksOf(seed);
    editPolicy(
      stacks,
      'aws_kms_key',
      'bucket',
      'policy',
      (d) => (d.Statement = d.Statement.filter((s) => s.Sid === 'ProducerAccountAdministersKey')),
    );
    const diff = await differences(seed, stacks);
    expect(diff).toContain('RoleInAccountA (111111111111) | (whole bucket) | kms:Decrypt | denied');
    // The producer role is in the key's own account: the administration statement lets its identity policy suffice.
    expect(diff).not.toContain(
      'reporting: RoleInAccountA (111111111111) -> S3AccessFromA | (whole bucket) | kms:Decrypt | denied',
    );
  });

  test("changing a principal's account denies the consumer", async () => {
    const stacks = stacksOf(prefixed);
    editPolicy(stacks, 'aws_s3_bucket_policy', 'bucket', 'policy', (d) => {
      for (const s of d.Statement) if (s.Effect === 'Allow') s.Principal = { AWS: 'arn:aws:iam::999999999999:root' };
    });
    expect(await differences(prefixed, stacks)).toContain(
      'BiReader (444444444444) | reports/daily/ | s3:GetObject | denied',
    );
  });

  test('dropping the aws:PrincipalArn pin opens the bucket to every role of the consumer account', async () => {
    const stacks = stacksOf(prefixed);
    editPolicy(stacks, 'aws_s3_bucket_policy', 'bucket', 'policy', (d) => {
      for (const s of d.Statement) if (s.Condition?.ArnEquals) delete s.Condition.ArnEquals;
    });
    expect(await differences(prefixed, stacks)).toContain(
      'outsider: another admin role in consumer account 444444444444 | reports/daily/ | s3:GetObject | allowed',
    );
  });

  test('a prefix condition removed from ListBucket lets the consumer list outside its prefixes', async () => {
    const stacks = stacksOf(prefixed);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a hand edit of parsed JSON
    const drop = (d: { Statement: Record<string, any>[] }) => {
      for (const s of d.Statement) if (s.Condition?.StringLike?.['s3:prefix']) delete s.Condition.StringLike;
    };
    editPolicy(stacks, 'aws_s3_bucket_policy', 'bucket', 'policy', drop);
    editPolicy(stacks, 'aws_iam_role_policy', 'consumer_bi_dashboards', 'policy', drop);
    expect(await differences(prefixed, stacks)).toContain(
      'BiReader (444444444444) | outside (verify-outside/) | s3:ListBucket | allowed',
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
    expect(msgs).toContain('unknown condition operator "StringEqualz"');
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
