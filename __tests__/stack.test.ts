/** The synthesized Terraform of every example: assertions on what matters (the record: output-record.test.ts). */
import * as fs from 'fs';
import * as path from 'path';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3AccessPoint } from '@cdktf/provider-aws/lib/s3-access-point';
import { Testing } from 'cdktf';
import { parseConfig } from '../modules/config';
import { isBootstrapStack } from '../modules/naming';
import { computePlan } from '../modules/plan';
import { buildStacks, synthesize } from '../modules/stacks';
import { allowing, bySid, Doc, list } from './support/policy';
import { EXAMPLES, load, onlyStack, policyOf, resources, ROOT, synth, TfJson } from './support/synth';

describe.each(EXAMPLES)('%s', (file) => {
  const config = load(file);
  const { plan, stacks } = synth(config);
  const routed = plan.share.consumers;
  // The share's stacks: the Terraform Cloud bootstrap's have tests of their own (terraform-cloud.test.ts).
  const all = Object.entries(stacks)
    .filter(([k]) => !isBootstrapStack(k))
    .map(([, s]) => s.json);
  /** Resources and outputs of every stack, as if one. */
  const outputs = Object.assign({}, ...all.map((j) => j.output ?? {})) as NonNullable<TfJson['output']>;
  const bucketPolicyStack = Object.values(stacks).find((s) => s.json.resource?.aws_s3_bucket_policy?.bucket)!;

  test('one aws provider per managed account, aliased after the account, pinned to it, with its credentials', () => {
    const providers = all.flatMap((j) => j.provider!.aws) as {
      alias: string;
      allowed_account_ids: string[];
      assume_role?: { role_arn: string; external_id?: string }[];
      profile?: string;
      region: string;
    }[];
    const managed = (id: string) => config.accounts.find((a) => a.id === id)!.managed;
    const consumerAccounts = [...new Set(config.consumers.map((c) => c.accountId))].filter(managed);
    expect(providers).toHaveLength(1 + consumerAccounts.length);
    if (config.stacks === 'per-account') for (const j of all) expect(j.provider!.aws).toHaveLength(1);
    for (const p of providers) {
      const account = config.accounts.find((a) => a.id === p.allowed_account_ids[0])!;
      expect(p.alias).toBe(p.alias === 'producer' ? 'producer' : `consumer_${account.name.replace(/-/g, '_')}`);
      expect(p.region).toBe(config.region);
      expect(p.profile).toBe(account.profile);
      expect(p.assume_role?.[0].role_arn).toBe(account.deployRoleArn);
      expect(p.assume_role?.[0].external_id).toBe(account.deployExternalId);
    }
    expect(providers.find((p) => p.alias === 'producer')!.allowed_account_ids).toEqual([config.producer.accountId]);
    // A stack with two or more accounts names credentials for each (else one provider would refuse to plan).
    for (const j of all) {
      const ps = j.provider!.aws as {
        allowed_account_ids: string[];
        profile?: string;
        assume_role?: unknown;
        shared_config_files?: unknown;
      }[];
      if (new Set(ps.map((p) => p.allowed_account_ids[0])).size > 1) {
        for (const p of ps) expect(Boolean(p.profile || p.assume_role || p.shared_config_files)).toBe(true);
      }
    }
  });

  test('every resource and data source names the provider of its account', () => {
    for (const json of all) {
      const aliasAccount = Object.fromEntries(
        (json.provider!.aws as { alias: string; allowed_account_ids: string[] }[]).map((p) => [
          `aws.${p.alias}`,
          p.allowed_account_ids[0],
        ]),
      );
      for (const block of [json.resource ?? {}, json.data ?? {}]) {
        for (const [type, byName] of Object.entries(block)) {
          if (type === 'terraform_remote_state') continue;
          for (const [name, r] of Object.entries(byName)) {
            const provider = r.provider as string;
            expect({ type, name, provider: aliasAccount[provider] ? provider : 'missing' }).toEqual({
              type,
              name,
              provider,
            });
            const owner = (prefix: string) =>
              config.consumers.find((c) => name === `${prefix}${c.name.replace(/-/g, '_')}`);
            const expected = name.startsWith('consumer_')
              ? owner('consumer_')!.accountId
              : name.startsWith('access_point_')
                ? routed.find((c) => c.name === owner('access_point_')!.name)!.accessPoint!.accountId
                : config.producer.accountId;
            expect(aliasAccount[provider]).toBe(expected);
          }
        }
      }
    }
  });

  test('bucket policy: TLS-only and encryption denies, each consumer by account root pinned to the acting role', () => {
    expect(bucketPolicyStack.text).toHaveResource(S3BucketPolicy);
    const doc = policyOf(bucketPolicyStack.json, 'aws_s3_bucket_policy', 'bucket') as Doc;
    expect(bySid(doc, 'DenyInsecureTransport')).toMatchObject({
      Effect: 'Deny',
      Principal: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    expect(bySid(doc, 'DenyOtherEncryption').Condition!.StringNotEquals['s3:x-amz-server-side-encryption']).toBe(
      config.producer.bucket.encryption.type === 'kms' ? 'aws:kms' : 'AES256',
    );
    expect(bySid(doc, 'DenyCustomerProvidedKeys').Effect).toBe('Deny');
    for (const c of routed) {
      if (c.accessPoint?.accountId === config.producer.accountId) {
        // Delegated to the producer's own access points, which pin the role: by exact ARN.
        const delegated = bySid(doc, 'DelegateToOwnAccessPoints');
        expect(delegated.Principal).toBe('*');
        expect(delegated.Condition!.StringEquals['s3:DataAccessPointAccount']).toBe(config.producer.accountId);
        expect(list(delegated.Condition!.StringEquals['s3:DataAccessPointArn'])).toContain(
          `arn:aws:s3:${config.region}:${config.producer.accountId}:accesspoint/${c.accessPoint.name}`,
        );
        continue;
      }
      if (c.method === 'assume-role' && config.producer.bucket.overflow === 'access-points') continue;
      // Through S3 Access Grants: out of the bucket policy (__tests__/access-grants-policy.test.ts).
      if (c.method === 'access-grant') {
        expect(JSON.stringify(doc)).not.toContain(`role${c.role.path}${c.role.name}"`);
        continue;
      }
      const actor =
        c.method === 'assume-role'
          ? `arn:aws:iam::${config.producer.accountId}:role/${c.producerRoleName}`
          : `arn:aws:iam::${c.accountId}:role${c.role.path}${c.role.name}`;
      const mine = doc.Statement.filter(
        (s) => s.Effect === 'Allow' && list(s.Condition?.ArnEquals?.['aws:PrincipalArn']).includes(actor),
      );
      expect(mine.length).toBeGreaterThan(0);
      const root = `arn:aws:iam::${actor.split(':')[4]}:root`;
      for (const s of mine) expect(list((s.Principal as { AWS: string | string[] }).AWS)).toContain(root);
      const actions = mine.flatMap((s) => list(s.Action));
      expect(actions.includes('s3:GetObject')).toBe(c.access !== 'write');
      expect(actions.includes('s3:PutObject')).toBe(c.access !== 'read');
      for (const s of mine.filter(
        (x) => list(x.Action).includes('s3:GetObject') || list(x.Action).includes('s3:PutObject'),
      )) {
        const expected = (c.prefixes.length ? c.prefixes : ['']).map(
          (p) => `arn:aws:s3:::${config.producer.bucket.name}/${p}*`,
        );
        for (const r of expected) expect(list(s.Resource)).toContain(r);
      }
      if (c.accessPoint) {
        // Through an access point of the consumer's own account: that one only, and from its VPC when it has one.
        for (const s of mine) {
          expect(s.Condition!.StringEquals['s3:DataAccessPointArn']).toBe(
            `arn:aws:s3:${config.region}:${c.accessPoint.accountId}:accesspoint/${c.accessPoint.name}`,
          );
          expect(s.Condition!.StringEquals['s3:AccessPointNetworkOrigin']).toBe(
            c.accessPoint.vpcId ? 'VPC' : undefined,
          );
        }
      }
    }
  });

  test('terraform block: required_version matches the backend; remote state only where it is read', () => {
    for (const [name, s] of Object.entries(stacks)) {
      const lockfile = config.backend.type === 's3' && !config.backend.dynamodbTable;
      expect(s.json.terraform!.required_version).toBe(lockfile ? '>= 1.10' : '>= 1.6');
      const remote = (s.json.data as Record<string, unknown> | undefined)?.terraform_remote_state;
      if (!remote) continue;
      // Read for one thing only: the ARN of a key the producer stack creates.
      expect(s.text).toContain('data.terraform_remote_state.producer.outputs.kms_key_arn');
      expect(name).not.toBe('producer');
    }
  });

  test('outputs: bucket, key, roles, a sensitive CLI profile per assume-role consumer, and what unmanaged accounts apply', () => {
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['bucket_name', 'bucket_arn']));
    expect(Boolean(outputs.kms_key_arn)).toBe(config.producer.bucket.encryption.type === 'kms');
    for (const c of config.consumers) {
      const n = c.name.replace(/-/g, '_');
      const managed = config.accounts.find((a) => a.id === c.accountId)!.managed;
      if (managed) expect(outputs[`consumer_${n}_role_arn`]).toBeDefined();
      else {
        // Nothing is deployed in an account not managed here: its owner gets the policy to attach.
        const doc = JSON.parse(outputs[`consumer_${n}_identity_policy`].value as string) as Doc;
        expect(doc.Statement.length).toBeGreaterThan(0);
        expect(outputs[`consumer_${n}_role_arn`]).toBeUndefined();
      }
      if (c.method === 'assume-role') {
        const profile = outputs[`consumer_${n}_cli_profile`];
        expect(profile.sensitive).toBe(true);
        expect(profile.value).toContain(
          `role_arn = arn:aws:iam::${config.producer.accountId}:role/${c.producerRoleName}`,
        );
        expect(profile.value).toContain(`external_id = ${c.externalId}`);
        expect(profile.value).toContain('source_profile = ');
        expect(outputs[`producer_role_${n}_arn`]).toBeDefined();
      }
    }
  });

  test('no resource in an account not managed here', () => {
    const unmanaged = config.accounts.filter((a) => !a.managed).map((a) => a.id);
    for (const j of all) {
      for (const p of j.provider!.aws as { allowed_account_ids: string[] }[]) {
        expect(unmanaged).not.toContain(p.allowed_account_ids[0]);
      }
    }
  });
});

describe('a new bucket gets the safe defaults, applied one at a time', () => {
  const stack = onlyStack(synth(load('cross-account.json')));

  test('public access blocked, BucketOwnerEnforced, SSE-KMS with bucket key, versioning', () => {
    expect(stack.text).toHaveResourceWithProperties(S3Bucket, { bucket: 'my-shared-bucket', provider: 'aws.producer' });
    expect(stack.text).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(stack.text).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
    expect(stack.text).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [
        {
          apply_server_side_encryption_by_default: {
            sse_algorithm: 'aws:kms',
            kms_master_key_id: '${aws_kms_key.bucket.arn}',
          },
          bucket_key_enabled: true,
          blocked_encryption_types: ['SSE-C'],
        },
      ],
    });
    expect(stack.text).toHaveResourceWithProperties(S3BucketVersioningA, {
      versioning_configuration: { status: 'Enabled' },
    });
    expect(stack.text).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, provider: 'aws.producer' });
  });

  test('bucket, access block, ownership, encryption, versioning and policy form one dependency chain', () => {
    const r = stack.json.resource!;
    const dep = (type: string) => r[type].bucket.depends_on;
    expect(dep('aws_s3_bucket_public_access_block')).toEqual(['aws_s3_bucket.bucket']);
    expect(dep('aws_s3_bucket_ownership_controls')).toEqual(['aws_s3_bucket_public_access_block.bucket']);
    expect(dep('aws_s3_bucket_server_side_encryption_configuration')).toEqual([
      'aws_s3_bucket_ownership_controls.bucket',
    ]);
    expect(dep('aws_s3_bucket_versioning')).toEqual(['aws_s3_bucket_server_side_encryption_configuration.bucket']);
    expect(dep('aws_s3_bucket_policy')).toEqual(['aws_s3_bucket_versioning.bucket']);
  });

  test('the key policy lets the producer administer and each consumer use the key through S3 only', () => {
    const doc = policyOf(stack.json, 'aws_kms_key', 'bucket') as Doc;
    const use = allowing(doc, 'kms:GenerateDataKey')[0];
    expect(use.Condition!.StringEquals).toEqual({ 'kms:ViaService': 's3.us-east-1.amazonaws.com' });
    // Objects written with the Bucket Key carry the bucket ARN, the others their own ARN: both are accepted.
    expect(use.Condition!.StringLike).toEqual({
      'kms:EncryptionContext:aws:s3:arn': ['arn:aws:s3:::my-shared-bucket', 'arn:aws:s3:::my-shared-bucket/*'],
    });
    expect(list(use.Condition!.ArnEquals['aws:PrincipalArn'])).toEqual([
      'arn:aws:iam::111111111111:role/RoleInAccountA',
      'arn:aws:iam::222222222222:role/S3AccessFromA',
    ]);
  });

  test('the assumable role trusts the consumer role with the External ID; the consumer may assume only it', () => {
    expect(stack.text).toHaveResourceWithProperties(IamRole, { name: 'S3AccessFromA', provider: 'aws.producer' });
    const trust = policyOf(stack.json, 'aws_iam_role', 'producer_reporting', 'assume_role_policy') as Doc;
    expect(trust.Statement[0].Condition).toEqual({
      ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/RoleInAccountA' },
      StringEquals: { 'sts:ExternalId': 'seed-external-id-7f3a9c2e41b8' },
    });
    const identity = policyOf(stack.json, 'aws_iam_role_policy', 'consumer_reporting') as Doc;
    expect(identity.Statement).toEqual([
      {
        Sid: 'Assume',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: 'arn:aws:iam::222222222222:role/S3AccessFromA',
      },
    ]);
    // Attached to the role another consumer creates: a reference, so Terraform orders it after the role.
    expect(resources(stack.json, 'aws_iam_role_policy').consumer_reporting.role).toBe(
      '${aws_iam_role.consumer_analytics.id}',
    );
  });

  test('the direct consumer uses the key by its full ARN, never an alias', () => {
    const identity = policyOf(stack.json, 'aws_iam_role_policy', 'consumer_analytics') as Doc;
    expect(allowing(identity, 'kms:Decrypt')[0].Resource).toBe('${aws_kms_key.bucket.arn}');
  });
});

describe('an existing bucket is only looked up; its policy is the one thing managed', () => {
  const json = onlyStack(synth(load('examples/sse-s3-existing-bucket.json'))).json;
  test('no bucket, access block, ownership, encryption or versioning resource', () => {
    expect(Object.keys(json.resource!).sort()).toEqual(
      ['aws_iam_role', 'aws_iam_role_policy', 'aws_s3_bucket_policy'].sort(),
    );
    expect(json.data!.aws_s3_bucket.bucket).toMatchObject({
      bucket: 'legacy-shared-artifacts',
      provider: 'aws.producer',
    });
    expect(resources(json, 'aws_s3_bucket_policy').bucket.bucket).toBe('${data.aws_s3_bucket.bucket.id}');
  });
  test('existing consumer roles are attached to, never created', () => {
    expect(Object.keys(resources(json, 'aws_iam_role'))).toEqual(['producer_deploy']);
    expect(resources(json, 'aws_iam_role_policy').consumer_ci).toMatchObject({
      role: 'BuildRunner',
      name: 'cross-account-s3-ci',
      provider: 'aws.consumer_ci',
    });
  });
});

describe('an existing KMS key', () => {
  const json = onlyStack(synth(load('examples/multi-account.json'))).json;
  test('is not created; the statements its owner must add are an output', () => {
    expect(resources(json, 'aws_kms_key')).toEqual({});
    const doc = JSON.parse(json.output!.kms_key_policy_statements.value as string) as Doc;
    expect(doc.Statement.length).toBeGreaterThan(0);
    for (const s of doc.Statement) expect(s.Resource).toBe('*');
  });
});

describe('access points', () => {
  const config = load('examples/access-points.json');
  const stack = onlyStack(synth(config));
  const aps = resources(stack.json, 'aws_s3_access_point');

  test('one per consumer, public access blocked, in the owning account, VPC origin when asked', () => {
    expect(Object.keys(aps).sort()).toEqual([
      'access_point_analytics',
      'access_point_ingest',
      'access_point_partner_ml',
    ]);
    expect(stack.text).toHaveResourceWithProperties(S3AccessPoint, {
      name: 'acme-shared-datasets-ingest',
      provider: 'aws.producer',
      vpc_configuration: { vpc_id: 'vpc-0abc12345def67890' },
      public_access_block_configuration: {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      },
    });
    expect(aps.access_point_analytics.vpc_configuration).toBeUndefined();
    expect(aps.access_point_partner_ml).toMatchObject({
      provider: 'aws.consumer_partner_ml',
      account_id: '345678901234',
      bucket_account_id: '123456789012',
    });
  });

  test('the access-point policy grants its consumer on access-point ARNs', () => {
    const doc = policyOf(stack.json, 'aws_s3_access_point', 'access_point_analytics') as Doc;
    const read = allowing(doc, 's3:GetObject')[0];
    expect(read.Resource).toEqual([
      'arn:aws:s3:eu-west-1:123456789012:accesspoint/acme-shared-datasets-analytics',
      'arn:aws:s3:eu-west-1:123456789012:accesspoint/acme-shared-datasets-analytics/object/curated/*',
    ]);
    expect(read.Condition!.ArnEquals['aws:PrincipalArn']).toBe('arn:aws:iam::210987654321:role/AnalyticsReader');
    expect(allowing(doc, 's3:ListBucket')[0].Resource).toBe(
      'arn:aws:s3:eu-west-1:123456789012:accesspoint/acme-shared-datasets-analytics',
    );
  });

  test('the bucket policy delegates the granted actions to exactly the access points this config creates', () => {
    const doc = policyOf(stack.json, 'aws_s3_bucket_policy', 'bucket') as Doc;
    const grants = doc.Statement.filter((s) => s.Effect === 'Allow');
    for (const s of grants) {
      expect(s.Condition!.StringEquals['s3:DataAccessPointArn']).toBeDefined();
      for (const a of list(s.Action)) expect(a).not.toContain('*');
    }
    // Producer-owned access points: one statement, by exact ARN, the union of their consumers' levels.
    const delegated = bySid(doc, 'DelegateToOwnAccessPoints');
    expect(delegated.Principal).toBe('*');
    expect(delegated.Condition!.StringEquals).toEqual({
      'aws:PrincipalOrgID': 'o-a1b2c3d4e5',
      's3:DataAccessPointAccount': '123456789012',
      's3:DataAccessPointArn': [
        'arn:aws:s3:eu-west-1:123456789012:accesspoint/acme-shared-datasets-analytics',
        'arn:aws:s3:eu-west-1:123456789012:accesspoint/acme-shared-datasets-ingest',
      ],
    });
    expect(list(delegated.Action).sort()).toEqual([
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
    ]);
    // A consumer-owned access point has a policy the producer does not control: that grant stays pinned to
    // role and prefix, through that access point only.
    const ml = grants.filter((s) =>
      list(s.Condition?.ArnEquals?.['aws:PrincipalArn']).includes('arn:aws:iam::345678901234:role/MlTraining'),
    );
    expect(ml.length).toBeGreaterThan(0);
    for (const s of ml) {
      expect(s.Condition!.StringEquals['s3:DataAccessPointArn']).toBe(
        'arn:aws:s3:eu-west-1:345678901234:accesspoint/acme-shared-datasets-partner-ml',
      );
    }
  });

  test('the consumer identity policy names the access point, and outputs give its ARN and alias', () => {
    const doc = policyOf(stack.json, 'aws_iam_role_policy', 'consumer_ingest') as Doc;
    expect(list(allowing(doc, 's3:PutObject')[0].Resource)).toEqual([
      'arn:aws:s3:eu-west-1:123456789012:accesspoint/acme-shared-datasets-ingest/object/raw/*',
    ]);
    expect(stack.json.output!.access_point_ingest_arn.value).toBe('${aws_s3_access_point.access_point_ingest.arn}');
    expect(stack.json.output!.access_point_ingest_alias.value).toBe('${aws_s3_access_point.access_point_ingest.alias}');
  });
});

describe('legacy ACL ownership', () => {
  const stack = onlyStack(synth(load('examples/legacy-acl.json')));
  test('writers get s3:PutObjectAcl; uploads without bucket-owner-full-control are denied', () => {
    const doc = policyOf(stack.json, 'aws_s3_bucket_policy', 'bucket') as Doc;
    expect(list(allowing(doc, 's3:PutObject')[0].Action)).toContain('s3:PutObjectAcl');
    expect(doc.Statement.find((s) => s.Sid === 'DenyUploadsWithoutOwnerControl')).toEqual({
      Sid: 'DenyUploadsWithoutOwnerControl',
      Effect: 'Deny',
      Principal: '*',
      Action: ['s3:PutObject', 's3:PutObjectAcl'],
      Resource: 'arn:aws:s3:::legacy-partner-drop/*',
      Condition: {
        StringNotEquals: { 'aws:PrincipalAccount': '222222222222', 's3:x-amz-acl': 'bucket-owner-full-control' },
      },
    });
    expect(stack.text).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      rule: { object_ownership: 'BucketOwnerPreferred' },
    });
  });
  test('with BucketOwnerEnforced no ACL action is granted anywhere', () => {
    const seed = onlyStack(synth(load('cross-account.json')));
    expect(seed.text).not.toContain('Acl"');
  });
});

describe('audit trail', () => {
  const stack = onlyStack(synth(load('examples/audit-trail.json')));
  test('server access logs go to a created bucket that only the logging service may write, for this bucket only', () => {
    expect(resources(stack.json, 'aws_s3_bucket_logging').bucket).toMatchObject({
      target_bucket: '${aws_s3_bucket.access_logs.id}',
      target_prefix: 's3/',
    });
    const doc = policyOf(stack.json, 'aws_s3_bucket_policy', 'access_logs') as Doc;
    const put = allowing(doc, 's3:PutObject')[0];
    expect(put).toMatchObject({
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Resource: 'arn:aws:s3:::acme-audited-exchange-access-logs/s3/*',
      Condition: {
        ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::acme-audited-exchange' },
        StringEquals: { 'aws:SourceAccount': '444444444444' },
      },
    });
    expect(resources(stack.json, 'aws_s3_bucket_server_side_encryption_configuration').access_logs.rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' }, blocked_encryption_types: ['SSE-C'] },
    ]);
  });
  test('a trail records S3 data events of this bucket only, after its bucket policy exists', () => {
    const trail = resources(stack.json, 'aws_cloudtrail').bucket_data_events;
    expect(trail).toMatchObject({
      name: 'acme-audited-exchange-s3-data-events',
      s3_bucket_name: '${aws_s3_bucket.trail_logs.id}',
      depends_on: ['aws_s3_bucket_policy.trail_logs'],
    });
    // Its monitoring section adds management events (the change alerts read them): data events stay this bucket's.
    expect(trail.advanced_event_selector).toEqual([
      { name: 'Management events', field_selector: [{ field: 'eventCategory', equals: ['Management'] }] },
      expect.objectContaining({
        field_selector: [
          { field: 'eventCategory', equals: ['Data'] },
          { field: 'resources.type', equals: ['AWS::S3::Object'] },
          { field: 'resources.ARN', starts_with: ['arn:aws:s3:::acme-audited-exchange/'] },
        ],
      }),
    ]);
    const doc = policyOf(stack.json, 'aws_s3_bucket_policy', 'trail_logs') as Doc;
    expect(allowing(doc, 's3:PutObject')[0].Condition!.StringEquals).toEqual({
      'aws:SourceArn': 'arn:aws:cloudtrail:us-east-2:444444444444:trail/acme-audited-exchange-s3-data-events',
      's3:x-amz-acl': 'bucket-owner-full-control',
    });
  });
});

describe('one stack per account', () => {
  const config = load('examples/per-account-cloud.json');
  const { stacks } = synth(config);

  test('a producer stack and one stack per consumer account, each with only its own provider', () => {
    // The cloud backend adds the Terraform Cloud bootstrap (its workspaces, state sharing, run triggers).
    expect(Object.keys(stacks).sort()).toEqual([
      'consumer-analytics',
      'consumer-exports',
      'producer',
      'terraform-cloud',
    ]);
    expect(stacks.producer.json.provider!.aws).toEqual([
      expect.objectContaining({ alias: 'producer', allowed_account_ids: ['222222222222'] }),
    ]);
    expect(stacks['consumer-exports'].json.provider!.aws).toEqual([
      expect.objectContaining({ alias: 'consumer_exports', allowed_account_ids: ['333333333333'] }),
    ]);
  });

  test("a new key's ARN comes from the producer's remote state; deterministic ARNs are computed", () => {
    const json = stacks['consumer-analytics'].json as TfJson & {
      data: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(json.data.terraform_remote_state.producer).toEqual({
      backend: 'remote',
      config: { organization: 'acme', workspaces: { name: 's3-share-producer' } },
    });
    // exports is assume-role (needs no key ARN) and partner reads through an access point of its own account:
    // the key ARN is still needed there (partner's identity policy), so that stack reads it too.
    expect(stacks['consumer-exports'].text).toContain('terraform_remote_state');
    const identity = policyOf(json, 'aws_iam_role_policy', 'consumer_analytics') as Doc;
    expect(allowing(identity, 'kms:Decrypt')[0].Resource).toBe(
      '${data.terraform_remote_state.producer.outputs.kms_key_arn}',
    );
    expect(list(allowing(identity, 's3:GetObject')[0].Resource)).toEqual([
      'arn:aws:s3:::acme-platform-shared',
      'arn:aws:s3:::acme-platform-shared/curated/*',
    ]);
    expect(stacks.producer.json.output!.kms_key_arn.value).toBe('${aws_kms_key.bucket.arn}');
    const exports = policyOf(stacks['consumer-exports'].json, 'aws_iam_role_policy', 'consumer_exports') as Doc;
    expect(exports.Statement[0].Resource).toBe('arn:aws:iam::222222222222:role/exports-s3-access');
  });

  test('the consumer-owned access point is created in the consumer stack, on the bucket by name', () => {
    expect(resources(stacks['consumer-exports'].json, 'aws_s3_access_point').access_point_partner).toMatchObject({
      bucket: 'acme-platform-shared',
      account_id: '333333333333',
      bucket_account_id: '222222222222',
      provider: 'aws.consumer_exports',
    });
  });

  test('Terraform Cloud: one named workspace per stack, in the project; no token anywhere', () => {
    const app = Testing.app();
    buildStacks(app, computePlan(config));
    const full = Testing.fullSynth(app.node.findChild('consumer-exports') as never);
    const json = JSON.parse(fs.readFileSync(path.join(full, 'stacks', 'consumer-exports', 'cdk.tf.json'), 'utf8'));
    expect(json.terraform.cloud).toEqual({
      organization: 'acme',
      workspaces: { name: 's3-share-consumer-exports', project: 'platform' },
    });
    expect(JSON.stringify(json)).not.toMatch(/token/i);
    const manifest = JSON.parse(fs.readFileSync(path.join(full, 'manifest.json'), 'utf8'));
    expect(manifest.stacks['consumer-exports'].dependencies).toEqual(['producer']);
  });
});

describe('backends', () => {
  const raw = (backend: object, stacks = 'per-account') => ({
    ...JSON.parse(fs.readFileSync(path.join(ROOT, 'cross-account.json'), 'utf8')),
    stacks,
    backend,
  });
  const terraformBlock = (config: object, stack: string) => {
    const app = Testing.app();
    buildStacks(app, computePlan(parseConfig(config)));
    const dir = Testing.fullSynth(app.node.findChild(stack) as never);
    return JSON.parse(fs.readFileSync(path.join(dir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
  };

  test('S3: a key per stack, encrypted, S3-native locking; remote state reads the producer key', () => {
    const json = terraformBlock(
      raw({ type: 's3', bucket: 'acme-tf-state', region: 'us-east-1', keyPrefix: 'share/' }),
      'consumer-analytics',
    );
    expect(json.terraform.backend).toEqual({
      s3: {
        bucket: 'acme-tf-state',
        key: 'share/consumer-analytics.tfstate',
        region: 'us-east-1',
        encrypt: true,
        use_lockfile: true,
      },
    });
    expect(json.data.terraform_remote_state.producer).toEqual({
      backend: 's3',
      config: { bucket: 'acme-tf-state', key: 'share/producer.tfstate', region: 'us-east-1' },
    });
  });

  test('S3 with a DynamoDB lock table', () => {
    const json = terraformBlock(
      raw({ type: 's3', bucket: 'acme-tf-state', region: 'us-east-1', dynamodbTable: 'tf-locks' }),
      'producer',
    );
    expect(json.terraform.backend.s3).toEqual({
      bucket: 'acme-tf-state',
      key: 'producer.tfstate',
      region: 'us-east-1',
      encrypt: true,
      dynamodb_table: 'tf-locks',
    });
  });

  test('local per-account: relative paths, the consumer reads the producer state beside it', () => {
    const json = terraformBlock(raw({ type: 'local' }), 'consumer-analytics');
    expect(json.terraform.backend).toEqual({ local: { path: '../../../terraform.consumer-analytics.tfstate' } });
    expect(json.data.terraform_remote_state.producer).toEqual({
      backend: 'local',
      config: { path: '../../../terraform.producer.tfstate' },
    });
  });

  test('Terraform Cloud in one stack: one workspace', () => {
    const json = terraformBlock(
      raw({ type: 'cloud', organization: 'acme', workspacePrefix: 'x-', hostname: 'tfe.example.com' }, 'single'),
      'cross-account',
    );
    expect(json.terraform.cloud).toEqual({
      hostname: 'tfe.example.com',
      organization: 'acme',
      workspaces: { name: 'x-cross-account' },
    });
  });
});

describe('written output', () => {
  const out = path.join(ROOT, '.tmp', 'written');
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  test('cdktf.out/stacks/<stack>/cdk.tf.json, with a relative local state path and no absolute path anywhere', () => {
    synthesize(computePlan(load('cross-account.json')), out, 'cross-account.json');
    const file = path.join(out, 'stacks', 'cross-account', 'cdk.tf.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as TfJson;
    expect(json.terraform!.backend).toEqual({ local: { path: '../../../terraform.cross-account.tfstate' } });
    const all = [file, path.join(out, 'manifest.json')].map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    expect(all).not.toContain(ROOT);
    expect(all).not.toMatch(/"\/(work|tmp|home|root|Users)\//);
    expect(fs.readdirSync(path.dirname(out)).filter((f) => f.includes('staging'))).toEqual([]);
  });
});
