/**
 * Edits of the synthesized JSON that open access, each of which verify must
 * catch: as a finding of the complete analysis (naming document, statement and a
 * request that would be allowed), and where a probe reaches it, as a workflow
 * that differs. Plus edits that close access, caught by the workflows.
 */
import fc from 'fast-check';
import { parseConfig } from '../modules/config';
import { Stacks, verifyStacks } from '../modules/verify';
import { load, readJson } from './support/synth';
import { editPolicy, Output, outputOf, problemsOf } from './support/verify';

const seed = load('cross-account.json');
const prefixed = load('examples/read-only-prefixes.json');
const aps = load('examples/access-points.json');

type Edit = (o: Output) => void;
const bucketPolicy =
  (edit: Parameters<typeof editPolicy>[4]): Edit =>
  (o) =>
    editPolicy(o.stacks, 'aws_s3_bucket_policy', 'bucket', 'policy', edit);
const add = (statement: Record<string, unknown>) => bucketPolicy((d) => d.Statement.push(statement));
const resource = (o: Output, type: string, name: string) => {
  for (const j of Object.values(o.stacks)) if (j.resource?.[type]?.[name]) return j.resource[type][name];
  throw new Error(`no ${type}.${name}`);
};
const stackOf = (o: Output): Stacks[string] => Object.values(o.stacks)[0];

async function found(config: ReturnType<typeof load>, edit: Edit) {
  const o = outputOf(config);
  edit(o);
  return problemsOf(config, o);
}

describe('what the analysis must catch in the bucket policy', () => {
  const objects = 'arn:aws:s3:::my-shared-bucket/*';
  test.each([
    [
      'Principal "*" behind a requester-controlled condition',
      {
        Sid: 'Open',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: objects,
        Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } },
      },
      'principal',
    ],
    [
      's3:* to an account that is no consumer',
      {
        Sid: 'Stranger',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::123412341234:root' },
        Action: 's3:*',
        Resource: [objects, 'arn:aws:s3:::my-shared-bucket'],
      },
      'principal',
    ],
    [
      'Principal "*" except exactly the accounts verify probes',
      {
        Sid: 'AllBut',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: objects,
        Condition: { StringNotEquals: { 'aws:PrincipalAccount': ['999999999999', '111111111111'] } },
      },
      'principal',
    ],
    [
      'Allow with NotPrincipal',
      {
        Sid: 'NotMe',
        Effect: 'Allow',
        NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' },
        Action: 's3:GetObject',
        Resource: objects,
      },
      'principal',
    ],
    [
      's3:DeleteObject to a consumer',
      {
        Sid: 'Del',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:root' },
        Action: 's3:DeleteObject',
        Resource: objects,
        Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/RoleInAccountA' } },
      },
      'action',
    ],
  ])('%s', async (_, statement, kind) => {
    const r = await found(seed, add(statement));
    expect(r.ok).toBe(false);
    expect(r.findings).toContain(`${kind} cross-account:aws_s3_bucket_policy.bucket ${statement.Sid}`);
  });

  test('a finding names a request the engine confirms', async () => {
    const o = outputOf(seed);
    add({
      Sid: 'Open',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::my-shared-bucket/*',
      Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } },
    })(o);
    const r = await verifyStacks(seed, o.stacks, o.routes);
    const f = r.findings.find((x) => x.sid === 'Open')!;
    expect(f.witness).toMatchObject({ action: 's3:GetObject', context: { 'aws:sourceip': '0.0.0.0' } });
    expect(f.witness!.principal).not.toMatch(/::(111111111111|222222222222):/);
    expect(f.confirmed).toBe(true);
  });

  test('dropping the aws:PrincipalArn pin opens the bucket to every role of the consumer account', async () => {
    const r = await found(
      prefixed,
      bucketPolicy((d) => d.Statement.forEach((s) => delete s.Condition?.ArnEquals)),
    );
    expect(r.findings.some((f) => f.startsWith('principal '))).toBe(true);
    expect(r.differ).toContain('another role of consumer account 444444444444 | list-prefix | reports/daily/ | passes');
  });

  test('widening an object Resource to bucket/* opens keys outside the prefixes', async () => {
    const r = await found(
      prefixed,
      bucketPolicy((d) =>
        d.Statement.forEach((s) =>
          String(s.Resource).includes('/reports/') || [s.Resource].flat().some((x: string) => x.includes('/reports/'))
            ? (s.Resource = 'arn:aws:s3:::acme-data-lake-eu/*')
            : 0,
        ),
      ),
    );
    expect(r.findings.some((f) => f.startsWith('object-key cross-account:aws_s3_bucket_policy.bucket'))).toBe(true);
  });

  test('a prefix condition removed from ListBucket lets the consumer list outside its prefixes', async () => {
    const r = await found(
      prefixed,
      bucketPolicy((d) => d.Statement.forEach((s) => delete s.Condition?.StringLike)),
    );
    expect(r.findings.some((f) => f.startsWith('listing cross-account:aws_s3_bucket_policy.bucket'))).toBe(true);
  });

  test('a second, public bucket policy on the same bucket', async () => {
    const r = await found(seed, (o) => {
      const res = stackOf(o).resource!;
      res.aws_s3_bucket_policy.aaa_public = {
        ...res.aws_s3_bucket_policy.bucket,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'Public',
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::my-shared-bucket/*',
            },
          ],
        }),
      };
    });
    expect(r.findings).toContain('posture bucket -');
    expect(r.findings).toContain('principal cross-account:aws_s3_bucket_policy.aaa_public Public');
  });

  test('removing the TLS deny: a posture finding, and plain HTTP passes', async () => {
    const r = await found(
      seed,
      bucketPolicy((d) => (d.Statement = d.Statement.filter((s) => s.Sid !== 'DenyInsecureTransport'))),
    );
    expect(r.findings).toContain('posture cross-account:aws_s3_bucket_policy.bucket -');
    expect(r.differ).toContain(
      'analytics: RoleInAccountA (111111111111) over plain HTTP | download | (whole bucket) | passes',
    );
  });

  test('removing the encryption denies lets a writer upload under another key', async () => {
    const r = await found(
      seed,
      bucketPolicy(
        (d) =>
          (d.Statement = d.Statement.filter(
            (s) => !String(s.Sid).startsWith('DenyOther') && s.Sid !== 'DenyUnnamedKmsKey',
          )),
      ),
    );
    expect(r.findings).toContain('posture cross-account:aws_s3_bucket_policy.bucket -');
    expect(r.differ).toContain('analytics: RoleInAccountA (111111111111) | upload-other-key | (whole bucket) | passes');
  });
});

describe('what the analysis must catch elsewhere', () => {
  test('Block Public Access off and a public-read-write ACL', async () => {
    const r = await found(seed, (o) => {
      const block = resource(o, 'aws_s3_bucket_public_access_block', 'bucket');
      for (const k of ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'])
        block[k] = false;
      stackOf(o).resource!.aws_s3_bucket_acl = {
        bucket: { provider: 'aws.producer', bucket: '${aws_s3_bucket.bucket.id}', acl: 'public-read-write' },
      };
    });
    expect(r.findings).toContain('posture bucket -');
    expect(r.findings).toContain('posture cross-account:aws_s3_bucket_acl.bucket -');
  });

  test('default encryption removed, versioning suspended', async () => {
    const r = await found(seed, (o) => {
      delete stackOf(o).resource!.aws_s3_bucket_server_side_encryption_configuration;
      resource(o, 'aws_s3_bucket_versioning', 'bucket').versioning_configuration = { status: 'Suspended' };
    });
    expect(r.findings.filter((f) => f === 'posture bucket -').length).toBe(2);
  });

  test("a producer role's trust extended to another account", async () => {
    const r = await found(seed, (o) =>
      editPolicy(o.stacks, 'aws_iam_role', 'producer_reporting', 'assume_role_policy', (d) =>
        d.Statement.push({
          Sid: 'More',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123412341234:root' },
          Action: 'sts:AssumeRole',
        }),
      ),
    );
    expect(r.findings).toContain('trust cross-account:aws_iam_role.producer_reporting More');
  });

  test("dropping the External ID condition from a producer role's trust", async () => {
    const r = await found(seed, (o) =>
      editPolicy(
        o.stacks,
        'aws_iam_role',
        'producer_reporting',
        'assume_role_policy',
        (d) => delete d.Statement[0].Condition.StringEquals,
      ),
    );
    expect(r.findings).toContain('trust cross-account:aws_iam_role.producer_reporting ConsumerReportingAssume');
    expect(r.differ).toContain(
      'reporting: RoleInAccountA with a wrong External ID | assume-role | S3AccessFromA | passes',
    );
  });

  test("a consumer role's trust extended to another account", async () => {
    const r = await found(seed, (o) =>
      editPolicy(o.stacks, 'aws_iam_role', 'consumer_analytics', 'assume_role_policy', (d) =>
        d.Statement.push({
          Sid: 'More',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123412341234:root' },
          Action: 'sts:AssumeRole',
        }),
      ),
    );
    expect(r.findings).toContain('trust cross-account:aws_iam_role.consumer_analytics More');
  });

  test('the key policy granting kms:* to another account', async () => {
    const r = await found(seed, (o) =>
      editPolicy(o.stacks, 'aws_kms_key', 'bucket', 'policy', (d) =>
        d.Statement.push({
          Sid: 'Stranger',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::123412341234:root' },
          Action: 'kms:*',
          Resource: '*',
        }),
      ),
    );
    expect(r.findings).toContain('principal cross-account:aws_kms_key.bucket Stranger');
  });

  test('the key usable outside S3, and dropping the consumers from the key policy', async () => {
    const open = await found(seed, (o) =>
      editPolicy(o.stacks, 'aws_kms_key', 'bucket', 'policy', (d) =>
        d.Statement.forEach((s) => delete s.Condition?.StringEquals),
      ),
    );
    expect(open.findings.some((f) => f.startsWith('kms cross-account:aws_kms_key.bucket'))).toBe(true);
    const shut = await found(seed, (o) =>
      editPolicy(
        o.stacks,
        'aws_kms_key',
        'bucket',
        'policy',
        (d) => (d.Statement = d.Statement.filter((s) => s.Sid === 'ProducerAccountAdministersKey')),
      ),
    );
    expect(shut.findings).toEqual([]);
    expect(shut.differ).toContain('analytics: RoleInAccountA (111111111111) | download | (whole bucket) | fails');
  });

  test('an access point policy without its aws:PrincipalArn pin', async () => {
    const r = await found(aps, (o) =>
      editPolicy(o.stacks, 'aws_s3_access_point', 'access_point_analytics', 'policy', (d) =>
        d.Statement.forEach((s) => delete s.Condition.ArnEquals),
      ),
    );
    expect(
      r.findings.some((f) => f.startsWith('principal cross-account:aws_s3_access_point.access_point_analytics')),
    ).toBe(true);
    expect(r.differ).toContain(
      'another role of 210987654321 through access point acme-shared-datasets-analytics | list-prefix | curated/ | passes',
    );
  });

  test('the delegation without its access-point ARN pin', async () => {
    const r = await found(
      aps,
      bucketPolicy((d) => d.Statement.forEach((s) => delete s.Condition?.StringEquals?.['s3:DataAccessPointArn'])),
    );
    expect(
      r.findings.some((f) =>
        f.startsWith('principal cross-account:aws_s3_bucket_policy.bucket DelegateToOwnAccessPoints'),
      ),
    ).toBe(true);
  });

  test('a consumer-owned access point grant without its VPC origin', async () => {
    const raw = readJson('examples/access-points.json');
    raw.consumers[2].vpcId = 'vpc-0abc12345def67890';
    const config = parseConfig(raw);
    const r = await found(
      config,
      bucketPolicy((d) =>
        d.Statement.forEach((s) => delete s.Condition?.StringEquals?.['s3:AccessPointNetworkOrigin']),
      ),
    );
    expect(r.findings.some((f) => f.startsWith('door cross-account:aws_s3_bucket_policy.bucket'))).toBe(true);
  });

  test('grants left in the output for a consumer removed from the config', async () => {
    const o = outputOf(seed);
    const fewer = parseConfig({
      ...readJson('cross-account.json'),
      consumers: [readJson('cross-account.json').consumers[0]],
    });
    const r = await problemsOf(fewer, o);
    expect(r.findings).toContain('unexplained cross-account:aws_iam_role_policy.consumer_reporting -');
    expect(r.findings.some((f) => f.startsWith('principal cross-account:aws_s3_bucket_policy.bucket'))).toBe(true);
  });

  // A role of another account (its root is refused by the config rules: it would reach the data one hop away).
  test('assumedBy naming a role of another account: that account is intended, never counted an outsider', async () => {
    const raw = readJson('cross-account.json');
    raw.consumers[0].role.assumedBy = ['arn:aws:iam::999999999999:role/Deployer'];
    const config = parseConfig(raw);
    const o = outputOf(config);
    const r = await verifyStacks(config, o.stacks, o.routes);
    expect(r.findings).toEqual([]);
    expect(r.cells.some((c) => c.row.includes('999999999999'))).toBe(false);
  });
});

describe('random widening edits of the output (fast-check)', () => {
  // Each edit gives some principal more than the config grants; verify must fail on every one.
  const objects = 'arn:aws:s3:::acme-data-lake-eu/*';
  const widen: [string, (o: Output) => void][] = [
    [
      'an action added to a grant',
      bucketPolicy((d) =>
        d.Statement.filter((s) => s.Effect === 'Allow').forEach(
          (s) => (s.Action = [...[s.Action].flat(), 's3:DeleteObjectVersion']),
        ),
      ),
    ],
    ['a grant to all of its account', bucketPolicy((d) => d.Statement.forEach((s) => delete s.Condition?.ArnEquals))],
    [
      'a wildcard pin',
      bucketPolicy((d) =>
        d.Statement.forEach(
          (s) =>
            s.Condition?.ArnEquals && (s.Condition.ArnEquals['aws:PrincipalArn'] = 'arn:aws:iam::444444444444:role/*'),
        ),
      ),
    ],
    [
      'a resource widened to the bucket',
      bucketPolicy((d) =>
        d.Statement.filter((s) => s.Effect === 'Allow').forEach(
          (s) => (s.Resource = [...[s.Resource].flat(), objects]),
        ),
      ),
    ],
    [
      'another account and its role added',
      bucketPolicy((d) =>
        d.Statement.filter((s) => s.Effect === 'Allow').forEach((s) => {
          // (The account root alone would widen nothing: the role pin still holds.)
          s.Principal = { AWS: [s.Principal.AWS, 'arn:aws:iam::123412341234:root'].flat() };
          s.Condition.ArnEquals ??= {};
          s.Condition.ArnEquals['aws:PrincipalArn'] = [
            s.Condition.ArnEquals['aws:PrincipalArn'] ?? [],
            'arn:aws:iam::123412341234:role/X',
          ].flat();
        }),
      ),
    ],
    ['the listing condition dropped', bucketPolicy((d) => d.Statement.forEach((s) => delete s.Condition?.StringLike))],
    [
      'Principal "*" without the pin',
      bucketPolicy((d) =>
        d.Statement.filter((s) => s.Effect === 'Allow').forEach((s) => {
          // (With the pin kept, "*" would admit that one role only: no wider.)
          s.Principal = '*';
          delete s.Condition?.ArnEquals;
        }),
      ),
    ],
    [
      'an action wildcard',
      bucketPolicy((d) => d.Statement.filter((s) => s.Effect === 'Allow').forEach((s) => (s.Action = 's3:Get*'))),
    ],
    [
      'the key without its context',
      (o) =>
        editPolicy(o.stacks, 'aws_kms_key', 'bucket', 'policy', (d) =>
          d.Statement.forEach((s) => delete s.Condition?.StringLike),
        ),
    ],
    [
      'the identity policy on every bucket',
      (o) =>
        editPolicy(o.stacks, 'aws_iam_role_policy', 'consumer_bi_dashboards', 'policy', (d) =>
          d.Statement.forEach((s) => (s.Resource = '*')),
        ),
    ],
  ];
  test('every edit, alone or with others, fails verify', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.constantFrom(...widen), { minLength: 1, maxLength: 3 }), async (edits) => {
        const o = outputOf(prefixed);
        for (const [, edit] of edits) edit(o);
        const r = await problemsOf(prefixed, o);
        if (r.ok) throw new Error(`verify passed after: ${edits.map(([n]) => n).join(', ')}`);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 12), seed: Number(process.env.PROPERTY_SEED ?? 20261123) },
    );
  });
  test('and the unedited output passes', async () => {
    expect((await problemsOf(prefixed, outputOf(prefixed))).ok).toBe(true);
  });
});
