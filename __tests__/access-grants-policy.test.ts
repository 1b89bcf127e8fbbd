/**
 * S3 Access Grants as policy data (modules/policy, no cdktf): the instance's resource policy, the location
 * role's trust and rights, each grant, the consumers' identity policies and the key policy, exactly; and
 * access-grant consumers absent from the bucket policy.
 */
import { parseConfig } from '../modules/config';
import { accessGrantsDocuments, bucketPolicy, consumerPolicies, keyPolicy, type Share } from '../modules/policy';
import { computePlan } from '../modules/plan';
import { accessGrantsConfig } from './support/access-grants';

const config = parseConfig(accessGrantsConfig());
const share: Share = {
  config,
  consumers: config.consumers,
  producerRolesInResourcePolicies: true,
  delegation: 'exact',
};
const docs = accessGrantsDocuments(share)!;
const INSTANCE = 'arn:aws:s3:eu-west-1:222222222222:access-grants/default';
const ROLE = 'arn:aws:iam::222222222222:role/grants-shared-bucket-access-grants';

test('the instance resource policy admits exactly the consumer roles, pinned, with the grantee calls', () => {
  expect(docs.instanceArn).toBe(INSTANCE);
  expect(docs.instancePolicy).toEqual({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AccessGrantsConsumers',
        Effect: 'Allow',
        Principal: { AWS: ['arn:aws:iam::111111111111:root', 'arn:aws:iam::333333333333:root'] },
        Action: ['s3:GetDataAccess', 's3:ListCallerAccessGrants'],
        Resource: INSTANCE,
        Condition: {
          ArnEquals: {
            'aws:PrincipalArn': [
              'arn:aws:iam::111111111111:role/Reports',
              'arn:aws:iam::111111111111:role/jobs/Etl',
              'arn:aws:iam::333333333333:role/Science',
            ],
          },
        },
      },
    ],
  });
});

test('the location role: trusted by the Access Grants service for this instance only', () => {
  expect(docs.location.scope).toBe('s3://grants-shared-bucket/');
  expect(docs.location.roleArn).toBe(ROLE);
  expect(docs.location.trust).toEqual({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AccessGrantsService',
        Effect: 'Allow',
        Principal: { Service: 'access-grants.s3.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
        Condition: { StringEquals: { 'aws:SourceAccount': '222222222222', 'aws:SourceArn': INSTANCE } },
      },
    ],
  });
});

test('the location role: exactly the granted levels, on the location (the bucket), and their KMS actions', () => {
  expect(docs.location.permissions).toEqual({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Kms',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: '${kms_key_arn}',
        Condition: {
          StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
          StringLike: {
            'kms:EncryptionContext:aws:s3:arn': [
              'arn:aws:s3:::grants-shared-bucket',
              'arn:aws:s3:::grants-shared-bucket/*',
            ],
          },
        },
      },
      {
        // Merged: bucket actions match the bucket ARN only, object actions the objects only.
        Sid: 'ReadWriteListLocation',
        Effect: 'Allow',
        Action: [
          's3:AbortMultipartUpload',
          's3:GetBucketLocation',
          's3:GetObject',
          's3:GetObjectTagging',
          's3:GetObjectVersion',
          's3:GetObjectVersionTagging',
          's3:ListBucket',
          's3:ListBucketVersions',
          's3:ListMultipartUploadParts',
          's3:PutObject',
          's3:PutObjectTagging',
        ],
        Resource: ['arn:aws:s3:::grants-shared-bucket', 'arn:aws:s3:::grants-shared-bucket/*'],
      },
    ],
  });
});

test('the location role of a read-only share reads only', () => {
  const raw = accessGrantsConfig();
  raw.consumers = raw.consumers.map((k: { access: string }) => ({ ...k, access: 'read' }));
  const c = parseConfig(raw);
  const d = accessGrantsDocuments({ ...share, config: c, consumers: c.consumers })!;
  const actions = d.location.permissions.Statement.flatMap((s) => s.Action);
  expect(actions).not.toContain('s3:PutObject');
  expect(actions).not.toContain('kms:GenerateDataKey');
  expect(actions).toContain('s3:GetObject');
});

test('one grant per consumer and prefix, with the permission of its level', () => {
  expect(docs.grants).toEqual([
    {
      consumer: 'etl',
      grantee: 'arn:aws:iam::111111111111:role/jobs/Etl',
      permission: 'READWRITE',
      prefix: 'curated/',
      subPrefix: 'curated/*',
      target: 's3://grants-shared-bucket/curated/*',
    },
    {
      consumer: 'etl',
      grantee: 'arn:aws:iam::111111111111:role/jobs/Etl',
      permission: 'READWRITE',
      prefix: 'raw/',
      subPrefix: 'raw/*',
      target: 's3://grants-shared-bucket/raw/*',
    },
    {
      consumer: 'reports',
      grantee: 'arn:aws:iam::111111111111:role/Reports',
      permission: 'READ',
      prefix: 'reports/',
      subPrefix: 'reports/*',
      target: 's3://grants-shared-bucket/reports/*',
    },
    {
      consumer: 'science',
      grantee: 'arn:aws:iam::333333333333:role/Science',
      permission: 'WRITE',
      prefix: '',
      subPrefix: '*',
      target: 's3://grants-shared-bucket/*',
    },
  ]);
});

test('a consumer identity policy: the grantee calls on the instance, nothing on the bucket or the key', () => {
  const etl = config.consumers.find((c) => c.name === 'etl')!;
  expect(consumerPolicies(share, etl).identity).toEqual({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AccessGrants',
        Effect: 'Allow',
        Action: ['s3:GetDataAccess', 's3:ListCallerAccessGrants'],
        Resource: INSTANCE,
      },
    ],
  });
});

test('the key policy admits the location role, never the access-grant consumers', () => {
  const text = JSON.stringify(keyPolicy(share));
  expect(text).toContain(ROLE);
  for (const r of ['role/Reports', 'role/jobs/Etl', 'role/Science']) expect(text).not.toContain(r);
  expect(text).toContain('role/Legacy');
  const location = keyPolicy(share).Statement.find((s) => s.Sid === 'AccessGrantsLocationRole')!;
  expect(location.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
  expect(location.Condition?.ArnEquals).toEqual({ 'aws:PrincipalArn': ROLE });
});

test('the bucket policy names no access-grant consumer (the direct one stays)', () => {
  const text = JSON.stringify(bucketPolicy(share));
  for (const r of ['role/Reports', 'role/jobs/Etl', 'role/Science', ROLE]) expect(text).not.toContain(r);
  expect(text).toContain('role/Legacy');
});

test('consumers in the producer account need no resource policy; "accounts" drops the pins', () => {
  const same = parseConfig({
    ...accessGrantsConfig(),
    accounts: { '222222222222': { name: 'data-platform' } },
    consumers: [{ ...accessGrantsConfig().consumers[0], accountId: '222222222222' }],
  });
  const s = { ...share, config: same, consumers: same.consumers };
  expect(accessGrantsDocuments(s)!.instancePolicy).toBeUndefined();
  const byAccount = accessGrantsDocuments(share, 'accounts')!.instancePolicy!.Statement[0];
  expect(byAccount.Condition).toBeUndefined();
  expect(byAccount.Principal).toEqual({ AWS: ['arn:aws:iam::111111111111:root', 'arn:aws:iam::333333333333:root'] });
});

test('the plan carries the documents, pinned while the instance policy fits', () => {
  const plan = computePlan(config);
  expect(plan.documents.accessGrants).toEqual(docs);
  expect(plan.routes.filter((r) => r.method === 'access-grant').map((r) => r.consumer)).toEqual([
    'etl',
    'reports',
    'science',
  ]);
});
