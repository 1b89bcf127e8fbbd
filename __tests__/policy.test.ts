/** modules/policy on its own: plain data in, plain data out, no cdktf. */
import { parseConfig } from '../modules/config';
import { mergeStatements, renderDocument, Statement } from '../modules/policy';
import { allActions, allowing, bySid, Doc, list } from './support/policy';
import { documentsOf, readJson } from './support/synth';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function config(
  consumers: Raw[],
  bucket: Raw = { name: 'shared-bucket', encryption: { type: 'kms' } },
  extra: Raw = {},
) {
  return parseConfig({
    region: 'us-east-1',
    producer: { accountId: '222222222222', bucket, ...extra },
    consumers,
    stacks: 'per-account',
  });
}
const consumer = (name: string, fields: Raw = {}): Raw => ({
  name,
  accountId: '111111111111',
  role: { name: `${name}-role` },
  access: 'read',
  method: 'direct',
  ...fields,
});
const KEY = 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('access levels, from the client workflows', () => {
  const READ_OBJECT = ['s3:GetObject', 's3:GetObjectTagging', 's3:GetObjectVersion', 's3:GetObjectVersionTagging'];
  const WRITE_OBJECT = [
    's3:AbortMultipartUpload',
    's3:ListMultipartUploadParts',
    's3:PutObject',
    's3:PutObjectTagging',
  ];

  test('read: objects with their tags and versions; listing (and its versions) and the location of the bucket', () => {
    const doc = documentsOf(config([consumer('a')]), KEY).bucketPolicy as Doc;
    expect(allActions(doc)).toEqual(
      ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketVersions', ...READ_OBJECT].sort(),
    );
    // One statement: object actions apply to object ARNs only, bucket actions to the bucket ARN only.
    expect(list(allowing(doc, 's3:GetObject')[0].Resource)).toEqual([
      'arn:aws:s3:::shared-bucket',
      'arn:aws:s3:::shared-bucket/*',
    ]);
    expect(list(allowing(doc, 's3:ListBucket')[0].Resource)).toContain('arn:aws:s3:::shared-bucket');
  });

  test('ListBucketVersions only where versioning is on', () => {
    const doc = documentsOf(config([consumer('a')], { name: 'shared-bucket', versioning: false }), KEY)
      .bucketPolicy as Doc;
    expect(allActions(doc)).not.toContain('s3:ListBucketVersions');
  });

  test('write: uploads (single, multipart, tagged, copied in), no listing, no delete', () => {
    const doc = documentsOf(config([consumer('a', { access: 'write' })]), KEY).bucketPolicy as Doc;
    expect(allActions(doc)).toEqual(WRITE_OBJECT);
  });

  test('read-write: both sets, no other action, no wildcard', () => {
    const p = documentsOf(config([consumer('a', { access: 'read-write' })]), KEY);
    const identity = p.consumers[0].identity as Doc;
    expect(allActions(identity)).toEqual(
      [
        'kms:Decrypt',
        'kms:GenerateDataKey',
        's3:GetBucketLocation',
        's3:ListBucket',
        's3:ListBucketVersions',
        ...READ_OBJECT,
        ...WRITE_OBJECT,
      ].sort(),
    );
    for (const doc of [p.bucketPolicy, identity] as Doc[])
      for (const a of allActions(doc)) expect(a).not.toContain('*');
  });

  test('KMS: read gets Decrypt; write gets GenerateDataKey and Decrypt', () => {
    const r = documentsOf(config([consumer('a')]), KEY).consumers[0].identity as Doc;
    expect(allowing(r, 'kms:Decrypt')).toHaveLength(1);
    expect(allowing(r, 'kms:GenerateDataKey')).toHaveLength(0);
    const w = documentsOf(config([consumer('a', { access: 'write' })]), KEY).consumers[0].identity as Doc;
    expect(list(allowing(w, 'kms:GenerateDataKey')[0].Action).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(allowing(w, 'kms:GenerateDataKey')[0].Resource).toBe(KEY);
  });

  test('SSE-S3: no KMS statement anywhere', () => {
    const p = documentsOf(
      config([consumer('a', { access: 'read-write' })], { name: 'shared-bucket', encryption: { type: 's3' } }),
    );
    expect(p.keyPolicy).toBeUndefined();
    expect(allActions(p.consumers[0].identity as Doc).filter((a) => a.startsWith('kms:'))).toEqual([]);
  });

  test('legacy ACL modes add PutObjectAcl to writers only', () => {
    const legacy = { name: 'shared-bucket', objectOwnership: 'BucketOwnerPreferred' };
    expect(allActions(documentsOf(config([consumer('a', { access: 'write' })], legacy)).bucketPolicy as Doc)).toContain(
      's3:PutObjectAcl',
    );
    expect(allActions(documentsOf(config([consumer('a')], legacy)).bucketPolicy as Doc)).not.toContain(
      's3:PutObjectAcl',
    );
  });
});

describe('prefixes', () => {
  const p = documentsOf(config([consumer('a', { prefixes: ['reports/', 'exports'] })]), KEY);
  const doc = p.bucketPolicy as Doc;

  test('objects are scoped to <bucket>/<prefix>*', () => {
    expect(list(allowing(doc, 's3:GetObject')[0].Resource)).toEqual([
      'arn:aws:s3:::shared-bucket',
      'arn:aws:s3:::shared-bucket/exports/*',
      'arn:aws:s3:::shared-bucket/reports/*',
    ]);
  });

  test('ListBucket carries s3:prefix; GetBucketLocation never does', () => {
    const listStmt = allowing(doc, 's3:ListBucket')[0];
    expect(listStmt.Condition!.StringLike['s3:prefix']).toEqual(['exports/*', 'reports/*']);
    expect(list(listStmt.Action)).toEqual(['s3:ListBucket', 's3:ListBucketVersions']);
    const loc = allowing(doc, 's3:GetBucketLocation')[0];
    expect(loc.Condition!.StringLike).toBeUndefined();
  });

  test('KMS accepts both encryption contexts: the bucket ARN (Bucket Key) and the object ARN under each prefix', () => {
    for (const bucketKey of [true, false]) {
      const q = documentsOf(
        config([consumer('a', { prefixes: ['reports/'] })], {
          name: 'shared-bucket',
          encryption: { type: 'kms', bucketKey },
        }),
        KEY,
      );
      for (const doc of [q.keyPolicy, q.consumers[0].identity] as Doc[]) {
        const kms = allowing(doc, 'kms:Decrypt')[0];
        expect(kms.Condition!.StringLike['kms:EncryptionContext:aws:s3:arn']).toEqual([
          'arn:aws:s3:::shared-bucket',
          'arn:aws:s3:::shared-bucket/reports/*',
        ]);
        expect(kms.Condition!.StringEquals['kms:ViaService']).toBe('s3.us-east-1.amazonaws.com');
      }
    }
  });

  test('keyGrants "accounts": the key policy names the account for any object; the identity policy keeps the prefixes', () => {
    const q = documentsOf(
      config([consumer('a', { prefixes: ['reports/'] })], {
        name: 'shared-bucket',
        encryption: { type: 'kms', keyGrants: 'accounts' },
      }),
      KEY,
    );
    const key = allowing(q.keyPolicy as Doc, 'kms:Decrypt')[0];
    expect(key.Principal).toEqual({ AWS: 'arn:aws:iam::111111111111:root' });
    expect(key.Condition!.ArnEquals).toBeUndefined();
    expect(key.Condition!.StringLike['kms:EncryptionContext:aws:s3:arn']).toEqual([
      'arn:aws:s3:::shared-bucket',
      'arn:aws:s3:::shared-bucket/*',
    ]);
    const own = allowing(q.consumers[0].identity as Doc, 'kms:Decrypt')[0];
    expect(own.Condition!.StringLike['kms:EncryptionContext:aws:s3:arn']).toContain(
      'arn:aws:s3:::shared-bucket/reports/*',
    );
  });
});

describe('principals', () => {
  test('cross-account: the account root as principal, the role pinned with ArnEquals aws:PrincipalArn', () => {
    const doc = documentsOf(config([consumer('a')]), KEY).bucketPolicy as Doc;
    const s = allowing(doc, 's3:GetObject')[0];
    expect(s.Principal).toEqual({ AWS: 'arn:aws:iam::111111111111:root' });
    expect(s.Condition!.ArnEquals).toEqual({ 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/a-role' });
  });

  test('a role path is part of the pinned ARN', () => {
    const doc = documentsOf(config([consumer('a', { role: { name: 'R', path: '/team/' } })]), KEY).bucketPolicy as Doc;
    expect(allowing(doc, 's3:GetObject')[0].Condition!.ArnEquals['aws:PrincipalArn']).toBe(
      'arn:aws:iam::111111111111:role/team/R',
    );
  });

  test('assume-role: bucket and key name the producer role; the trust policy needs the External ID and pins the consumer role', () => {
    const p = documentsOf(
      config([consumer('a', { method: 'assume-role', externalId: 'Zx81-kq0P-77ab-Lm2n', producerRoleName: 'FromA' })]),
      KEY,
    );
    const s = allowing(p.bucketPolicy as Doc, 's3:GetObject')[0];
    expect(s.Principal).toEqual({ AWS: 'arn:aws:iam::222222222222:root' });
    expect(s.Condition!.ArnEquals['aws:PrincipalArn']).toBe('arn:aws:iam::222222222222:role/FromA');
    const trust = p.producerRoles[0].trust as Doc;
    expect(trust.Statement).toHaveLength(1);
    expect(trust.Statement[0]).toMatchObject({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111111111111:root' },
      Action: 'sts:AssumeRole',
      Condition: {
        StringEquals: { 'sts:ExternalId': 'Zx81-kq0P-77ab-Lm2n' },
        ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/a-role' },
      },
    });
    expect(trust.Statement[0].Resource).toBeUndefined();
    expect(p.consumers[0].identity).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Assume', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::222222222222:role/FromA' },
      ],
    });
    expect(allActions(p.producerRoles[0].permissions as Doc)).toContain('s3:GetObject');
  });

  test('organizationId adds aws:PrincipalOrgID to every grant, not to the TLS deny', () => {
    const p = documentsOf(
      config(
        [consumer('a')],
        { name: 'shared-bucket', encryption: { type: 'kms' } },
        { organizationId: 'o-abc123def4' },
      ),
      KEY,
    );
    for (const s of (p.bucketPolicy as Doc).Statement) {
      if (s.Effect === 'Allow') expect(s.Condition!.StringEquals['aws:PrincipalOrgID']).toBe('o-abc123def4');
      else expect(s.Condition!.StringEquals?.['aws:PrincipalOrgID']).toBeUndefined();
    }
    expect(allowing(p.keyPolicy as Doc, 'kms:Decrypt')[0].Condition!.StringEquals['aws:PrincipalOrgID']).toBe(
      'o-abc123def4',
    );
  });
});

describe('bucket and key policy', () => {
  test('the TLS-only deny covers the bucket and its objects for every principal', () => {
    const doc = documentsOf(config([consumer('a')]), KEY).bucketPolicy as Doc;
    expect(bySid(doc, 'DenyInsecureTransport')).toEqual({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: ['arn:aws:s3:::shared-bucket', 'arn:aws:s3:::shared-bucket/*'],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  test('a created key is administered by the producer account root', () => {
    const doc = documentsOf(config([consumer('a')]), KEY).keyPolicy as Doc;
    expect(bySid(doc, 'ProducerAccountAdministersKey')).toMatchObject({
      Principal: { AWS: 'arn:aws:iam::222222222222:root' },
      Action: 'kms:*',
      Resource: '*',
    });
  });

  test('an existing key: no key policy, but the statements its owner must add', () => {
    const p = documentsOf(config([consumer('a')], { name: 'shared-bucket', encryption: { type: 'kms', keyArn: KEY } }));
    expect(p.keyPolicy).toBeUndefined();
    const s = (p.keyOwnerStatements as Doc).Statement;
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({
      Sid: 'ConsumerAKms',
      Action: 'kms:Decrypt',
      Resource: '*',
      Principal: { AWS: 'arn:aws:iam::111111111111:root' },
    });
    expect(allowing(p.consumers[0].identity as Doc, 'kms:Decrypt')[0].Resource).toBe(KEY);
  });

  test('extra statements from the config are kept; generated Sids step aside', () => {
    const extra = {
      Sid: 'ConsumerAReadListLocation',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:DeleteObject',
      Resource: 'arn:aws:s3:::shared-bucket/*',
    };
    const doc = documentsOf(config([consumer('a')], { name: 'shared-bucket', policyStatements: [extra] }), KEY)
      .bucketPolicy as Doc;
    expect(bySid(doc, 'ConsumerAReadListLocation')).toEqual(extra);
    expect(list(bySid(doc, 'ConsumerAReadListLocation2').Action)).toEqual([
      's3:GetBucketLocation',
      's3:GetObject',
      's3:GetObjectTagging',
      's3:GetObjectVersion',
      's3:GetObjectVersionTagging',
      's3:ListBucket',
      's3:ListBucketVersions',
    ]);
  });

  test('Sids are unique and letters and digits only', () => {
    const consumers = ['a', 'b', 'c', 'd', 'e'].map((n, i) =>
      consumer(n, { accountId: `${i + 1}`.repeat(12), access: i % 2 ? 'write' : 'read', prefixes: [`${n}/`] }),
    );
    const p = documentsOf(config(consumers), KEY);
    for (const doc of [p.bucketPolicy, p.keyPolicy] as Doc[]) {
      const sids = doc.Statement.map((s) => s.Sid);
      expect(new Set(sids).size).toBe(sids.length);
      for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
    }
  });

  test('the seed scenario: readable Sids', () => {
    const p = documentsOf(parseConfig(readJson('cross-account.json')), KEY);
    expect((p.bucketPolicy as Doc).Statement.map((s) => s.Sid)).toEqual([
      'DenyCustomerProvidedKeys',
      'DenyInsecureTransport',
      'DenyOtherEncryption',
      'DenyOtherKmsKeys',
      'DenyUnnamedKmsKey',
      'ConsumersAnalyticsReportingReadWriteListLocation',
    ]);
  });

  test('writers cannot change the encryption: another type, another key, an unnamed key or SSE-C is denied', () => {
    const doc = documentsOf(config([consumer('a', { access: 'write' })]), KEY).bucketPolicy as Doc;
    const objects = 'arn:aws:s3:::shared-bucket/*';
    expect(bySid(doc, 'DenyOtherEncryption')).toEqual({
      Sid: 'DenyOtherEncryption',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: objects,
      // Only a header that is present and differs: uploads relying on default encryption, and UploadPart, carry none.
      Condition: {
        Null: { 's3:x-amz-server-side-encryption': 'false' },
        StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
      },
    });
    expect(bySid(doc, 'DenyOtherKmsKeys').Condition).toEqual({
      Null: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'false' },
      StringNotEquals: { 's3:x-amz-server-side-encryption-aws-kms-key-id': KEY },
    });
    expect(bySid(doc, 'DenyUnnamedKmsKey').Condition).toEqual({
      Null: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'true' },
      StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' },
    });
    expect(bySid(doc, 'DenyCustomerProvidedKeys').Condition).toEqual({
      Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' },
    });
    const sse = documentsOf(config([consumer('a')], { name: 'shared-bucket', encryption: { type: 's3' } }))
      .bucketPolicy as Doc;
    expect(bySid(sse, 'DenyOtherEncryption').Condition!.StringNotEquals['s3:x-amz-server-side-encryption']).toBe(
      'AES256',
    );
    expect(sse.Statement.map((s) => s.Sid)).not.toContain('DenyOtherKmsKeys');
  });
});

describe('access points', () => {
  const ap = (fields: Raw = {}) => consumer('a', { method: 'access-point', prefixes: ['p/'], ...fields });

  test("the producer's own access points: delegated by exact ARN, to anyone their policy admits", () => {
    const doc = documentsOf(config([ap(), consumer('b', { method: 'access-point', access: 'write' })]), KEY)
      .bucketPolicy as Doc;
    const d = bySid(doc, 'DelegateToOwnAccessPoints');
    expect(d.Principal).toBe('*');
    expect(d.Resource).toEqual(['arn:aws:s3:::shared-bucket', 'arn:aws:s3:::shared-bucket/*']);
    expect(d.Condition).toEqual({
      StringEquals: {
        's3:DataAccessPointAccount': '222222222222',
        's3:DataAccessPointArn': [
          'arn:aws:s3:us-east-1:222222222222:accesspoint/shared-bucket-a',
          'arn:aws:s3:us-east-1:222222222222:accesspoint/shared-bucket-b',
        ],
      },
    });
    // The access point's policy pins the role and prefix.
    const own = documentsOf(config([ap()]), KEY).accessPoints[0].policy as Doc;
    for (const s of own.Statement) {
      expect(s.Condition!.ArnEquals['aws:PrincipalArn']).toBe('arn:aws:iam::111111111111:role/a-role');
    }
  });

  test("an access point of the consumer's account: that one by ARN, and from its VPC when it has one", () => {
    const doc = documentsOf(config([ap({ accessPointAccountId: '111111111111', vpcId: 'vpc-0abc12345def67890' })]), KEY)
      .bucketPolicy as Doc;
    const grants = doc.Statement.filter((s) => s.Effect === 'Allow');
    expect(grants.length).toBeGreaterThan(0);
    for (const s of grants) {
      expect(s.Condition!.StringEquals).toMatchObject({
        's3:DataAccessPointArn': 'arn:aws:s3:us-east-1:111111111111:accesspoint/shared-bucket-a',
        's3:AccessPointNetworkOrigin': 'VPC',
      });
      expect(s.Condition!.ArnEquals['aws:PrincipalArn']).toBe('arn:aws:iam::111111111111:role/a-role');
    }
  });
});

describe('trust of a role created here', () => {
  // (Another account's root is refused by the config rules; the consumer's own account root stays as it is.)
  test('roles named in assumedBy are pinned behind their account root; services for their account; accounts as they are', () => {
    const doc = documentsOf(
      config([
        consumer('a', {
          role: {
            name: 'A',
            assumedBy: [
              'ec2.amazonaws.com',
              'arn:aws:iam::333333333333:role/ci/Runner',
              'arn:aws:iam::111111111111:root',
            ],
          },
        }),
      ]),
      KEY,
    ).consumers[0].trust as Doc;
    expect(doc.Statement).toEqual([
      {
        Sid: 'TrustedAccounts',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:root' },
        Action: 'sts:AssumeRole',
      },
      {
        Sid: 'TrustedRoles',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::333333333333:root' },
        Action: 'sts:AssumeRole',
        Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::333333333333:role/ci/Runner' } },
      },
      {
        Sid: 'TrustedServices',
        Effect: 'Allow',
        Principal: { Service: 'ec2.amazonaws.com' },
        Action: 'sts:AssumeRole',
        // On behalf of the role's own account only (confused deputy); IfExists: EC2 sends no source.
        Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '111111111111' } },
      },
    ]);
  });
});

describe('determinism', () => {
  test('the order of consumers in the config does not change any document', () => {
    const cs = ['x', 'y', 'z'].map((n, i) =>
      consumer(n, { accountId: `${i + 3}`.repeat(12), prefixes: [`${n}/`, 'shared/'] }),
    );
    const a = documentsOf(config(cs), KEY);
    const b = documentsOf(config([...cs].reverse()), KEY);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

/**
 * Object actions are authorized against object ARNs, bucket actions against the bucket ARN: other pairs never match a
 * request.
 */
const BUCKET_ACTIONS = ['s3:ListBucket', 's3:GetBucketLocation'];
const applicable = (action: string, resource: string) =>
  BUCKET_ACTIONS.includes(action) ? !resource.includes('/') : resource.includes('/');

/**
 * Every applicable (principal, action, resource, other conditions) a set of statements allows: what merging must keep.
 */
function expand(statements: Statement[]): string[] {
  const out = new Set<string>();
  for (const s of statements) {
    const principals = s.principal?.kind === 'pinned' ? s.principal.arns : ['-'];
    for (const p of principals)
      for (const a of s.actions)
        for (const r of s.resources) if (applicable(a, r)) out.add(JSON.stringify([s.effect, p, a, r, s.conditions]));
  }
  return [...out].sort();
}

describe('statement merging', () => {
  const stmt = (
    owner: string,
    account: string,
    actions: string[],
    resources: string[],
    conditions = {},
  ): Statement => ({
    sid: { owners: [owner], parts: ['Read'] },
    effect: 'Allow',
    principal: {
      kind: 'pinned',
      accounts: [`arn:aws:iam::${account}:root`],
      arns: [`arn:aws:iam::${account}:role/${owner}`],
    },
    actions,
    resources,
    conditions,
  });

  test('same grant for many consumers costs one statement, and grants exactly the same', () => {
    const input = Array.from({ length: 50 }, (_, i) =>
      stmt(`R${i}`, String(100000000000 + i), ['s3:GetObject'], ['arn:aws:s3:::b/*']),
    );
    const merged = mergeStatements(input);
    expect(merged).toHaveLength(1);
    expect(merged[0].principal).toMatchObject({
      accounts: input.map((s) => (s.principal as { accounts: readonly string[] }).accounts[0]).sort(),
    });
    expect(expand(merged)).toEqual(expand(input));
  });

  test('statements differing in two dimensions stay apart', () => {
    const input = [
      stmt('A', '111111111111', ['s3:GetObject'], ['arn:aws:s3:::b/a/*']),
      stmt('B', '333333333333', ['s3:PutObject'], ['arn:aws:s3:::b/b/*']),
    ];
    expect(mergeStatements(input)).toHaveLength(2);
  });

  test('different conditions never merge', () => {
    const input = [
      stmt('A', '111111111111', ['s3:ListBucket'], ['arn:aws:s3:::b'], { StringLike: { 's3:prefix': ['a/*'] } }),
      stmt('B', '333333333333', ['s3:ListBucket'], ['arn:aws:s3:::b'], { StringLike: { 's3:prefix': ['b/*'] } }),
    ];
    expect(mergeStatements(input)).toHaveLength(2);
  });

  test('random grants: merged output allows exactly what the input allowed', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const actions = ['s3:GetObject', 's3:PutObject', 's3:GetObjectVersion'];
    const input = Array.from({ length: 60 }, () =>
      stmt(
        `R${rand(6)}`,
        String(100000000000 + rand(3)),
        [actions[rand(3)]],
        [`arn:aws:s3:::b/p${rand(4)}/*`],
        rand(2) ? {} : { StringEquals: { 'aws:PrincipalOrgID': ['o-1234567890'] } },
      ),
    );
    const merged = mergeStatements(input);
    expect(merged.length).toBeLessThan(input.length);
    expect(expand(merged)).toEqual(expand(input));
  });

  test('object and bucket statements of one principal combine; one with a prefix condition stays apart', () => {
    const o = stmt('A', '111111111111', ['s3:GetObject'], ['arn:aws:s3:::b/p/*']);
    const loc = stmt('A', '111111111111', ['s3:GetBucketLocation'], ['arn:aws:s3:::b']);
    const lst = stmt('A', '111111111111', ['s3:ListBucket'], ['arn:aws:s3:::b'], {
      StringLike: { 's3:prefix': ['p/*'] },
    });
    const merged = mergeStatements([o, loc, lst]);
    expect(merged).toHaveLength(2);
    expect(merged.find((s) => s.actions.includes('s3:GetObject'))!.resources).toEqual([
      'arn:aws:s3:::b',
      'arn:aws:s3:::b/p/*',
    ]);
    expect(expand(merged)).toEqual(expand([o, loc, lst]));
  });

  test('random grants with bucket and object statements: merged output allows exactly the applicable pairs of the input', () => {
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const input = Array.from({ length: 80 }, () => {
      const bucketLevel = rand(2) === 0;
      return stmt(
        `R${rand(5)}`,
        String(100000000000 + rand(3)),
        bucketLevel
          ? [['s3:ListBucket', 's3:GetBucketLocation'][rand(2)]]
          : [['s3:GetObject', 's3:PutObject'][rand(2)]],
        bucketLevel ? ['arn:aws:s3:::b'] : [`arn:aws:s3:::b/p${rand(3)}/*`],
      );
    });
    const merged = mergeStatements(input);
    expect(merged.length).toBeLessThan(input.length / 4);
    expect(expand(merged)).toEqual(expand(input));
  });

  test('rendering is stable and renders single values unwrapped', () => {
    const doc = renderDocument('resource', [stmt('A', '111111111111', ['s3:GetObject'], ['arn:aws:s3:::b/*'])]);
    expect(doc).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ConsumerARead',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111111111111:root' },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::b/*',
          Condition: { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/A' } },
        },
      ],
    });
  });
});

describe('the statement model keeps its invariants', () => {
  test('a pin is carried by the principal: written as a condition, it is refused, never overwritten', () => {
    expect(() =>
      renderDocument('resource', [
        {
          sid: { owners: [], parts: ['Read'] },
          effect: 'Allow',
          principal: { kind: 'accounts', accounts: ['arn:aws:iam::111111111111:root'] },
          actions: ['s3:GetObject'],
          resources: ['arn:aws:s3:::b/*'],
          conditions: { ArnEquals: { 'aws:PrincipalArn': ['arn:aws:iam::111111111111:role/X'] } },
        },
      ]),
    ).toThrow(/carried by the principal/);
  });

  test('each kind of document gets the grammar AWS requires, checked when it is rendered', () => {
    const read = {
      sid: { owners: [], parts: ['Read'] },
      effect: 'Allow' as const,
      actions: ['s3:GetObject'],
      conditions: {},
    };
    const principal = { kind: 'accounts' as const, accounts: ['arn:aws:iam::111111111111:root'] };
    expect(() => renderDocument('resource', [{ ...read, resources: ['arn:aws:s3:::b/*'] }])).toThrow(
      /principal is required/,
    );
    expect(() => renderDocument('identity', [{ ...read, principal, resources: ['arn:aws:s3:::b/*'] }])).toThrow(
      /names no principal/,
    );
    expect(() => renderDocument('trust', [{ ...read, principal, resources: [] }])).toThrow(/sts actions only/);
    expect(() => renderDocument('identity', [{ ...read, resources: [] }])).toThrow(/resources are required/);
  });
});
