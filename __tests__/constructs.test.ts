/**
 * Each construct alone (cdktf's Testing.synthScope): what it creates, the names it
 * takes from its props, and the policy text it renders — the plan's document, unchanged.
 */
import { Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ConsumerSide } from '../modules/consumer';
import { outputNames } from '../modules/contract';
import { namer } from '../modules/naming';
import { computePlan } from '../modules/plan';
import { policyText, toJson } from '../modules/policy';
import { BucketKey, SharedAccessPoint, SharedBucket } from '../modules/producer';
import { BucketShare } from '../modules/share';
import { load } from './support/synth';

type Json = { resource: Record<string, Record<string, Record<string, unknown>>>; output?: Record<string, unknown> };
const scope = (fn: Parameters<typeof Testing.synthScope>[0]): Json => JSON.parse(Testing.synthScope(fn));
const config = load('examples/access-points.json');
const plan = computePlan(config);

describe('SharedBucket', () => {
  const bucket = { ...config.producer.bucket, name: 'unit-bucket' };
  const json = scope((s) => {
    const provider = new AwsProvider(s, 'aws', { region: 'us-east-1' });
    new SharedBucket(s, 'b', {
      provider,
      bucket,
      policy: '{"Version":"2012-10-17","Statement":[]}',
      terraformName: 'x_bucket',
    });
  });

  test('a new bucket: every setting a resource of its own, all named from terraformName, one after the other', () => {
    for (const type of [
      'aws_s3_bucket',
      'aws_s3_bucket_policy',
      'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_ownership_controls',
      'aws_s3_bucket_versioning',
      'aws_s3_bucket_server_side_encryption_configuration',
    ])
      expect(Object.keys(json.resource[type])).toEqual(['x_bucket']);
    expect(json.resource.aws_s3_bucket.x_bucket.bucket).toBe('unit-bucket');
    expect(json.resource.aws_s3_bucket_public_access_block.x_bucket).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    // One change at a time per bucket (S3 answers 409 to concurrent ones): each setting waits for another.
    const waits = Object.entries(json.resource)
      .filter(([type]) => type !== 'aws_s3_bucket')
      .map(([, r]) => r.x_bucket.depends_on);
    expect(waits.every((d) => Array.isArray(d) && d.length === 1)).toBe(true);
  });

  test('the policy is the text given, unchanged', () =>
    expect(json.resource.aws_s3_bucket_policy.x_bucket.policy).toBe('{"Version":"2012-10-17","Statement":[]}'));

  test('an existing bucket is only looked up: its policy is the one resource', () => {
    const existing = scope((s) => {
      const provider = new AwsProvider(s, 'aws', { region: 'us-east-1' });
      new SharedBucket(s, 'b', { provider, bucket: { ...bucket, existing: true }, policy: '{}', terraformName: 'y' });
    }) as Json & { data: Record<string, Record<string, unknown>> };
    expect(Object.keys(existing.resource)).toEqual(['aws_s3_bucket_policy']);
    expect(existing.data.aws_s3_bucket.y).toMatchObject({ bucket: 'unit-bucket' });
  });
});

describe('BucketKey', () => {
  const json = scope((s) => {
    const provider = new AwsProvider(s, 'aws', { region: 'us-east-1' });
    new BucketKey(s, 'k', { provider, bucketName: 'unit-bucket', policy: '{"k":1}', terraformName: 'x_bucket' });
  });
  test('a rotated key with the policy given, and an alias named after the bucket', () => {
    expect(json.resource.aws_kms_key.x_bucket).toMatchObject({
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      policy: '{"k":1}',
    });
    expect(json.resource.aws_kms_alias.x_bucket).toMatchObject({
      name: 'alias/unit-bucket-s3',
      target_key_id: '${aws_kms_key.x_bucket.key_id}',
    });
  });
});

describe('SharedAccessPoint', () => {
  const ap = plan.documents.accessPoints.find((a) => a.accountId === config.producer.accountId)!;
  const render = (outputs: boolean, vpcId?: string) =>
    scope((s) => {
      const provider = new AwsProvider(s, 'aws', { region: 'us-east-1' });
      new SharedAccessPoint(s, 'ap', {
        provider,
        bucket: 'unit-bucket',
        bucketAccountId: config.producer.accountId,
        ap: { ...ap, ...(vpcId ? { vpcId } : {}) },
        names: namer('unit'),
        outputNames: outputNames('unit'),
        outputs,
        ownerCalled: 'the producer account 222222222222',
      });
    });

  test("the plan's policy for that consumer, public access blocked, names from the namer", () => {
    const json = render(true);
    const point = json.resource.aws_s3_access_point[`unit_access_point_${ap.consumer.replace(/-/g, '_')}`];
    expect(point).toMatchObject({ name: ap.name, bucket: 'unit-bucket', policy: toJson(ap.policy) });
    expect(point.public_access_block_configuration).toEqual({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(point.vpc_configuration).toBeUndefined();
    expect(Object.keys(json.output!).sort()).toEqual(
      ['alias', 'arn'].map((k) => `unit_access_point_${ap.consumer.replace(/-/g, '_')}_${k}`),
    );
  });

  test('a VPC-only access point, and no outputs when none are asked for', () => {
    const json = render(false, 'vpc-0abc12345def67890');
    const [point] = Object.values(json.resource.aws_s3_access_point);
    expect(point.vpc_configuration).toEqual({ vpc_id: 'vpc-0abc12345def67890' });
    expect(json.output).toBeUndefined();
  });
});

describe('ConsumerSide', () => {
  const multi = load('examples/multi-account.json');
  const share = BucketShare.fromPlan(computePlan(multi));
  const account = multi.consumers[0].accountId;
  const json = scope((s) => {
    const provider = new AwsProvider(s, 'aws', { region: multi.region, allowedAccountIds: [account] });
    new ConsumerSide(s, 'c', {
      share,
      accountId: account,
      provider,
      keyArn: 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      prefix: 'unit',
    });
  });

  test("one inline policy per consumer of that account: the plan's identity policy, the key's ARN filled in", () => {
    const mine = multi.consumers.filter((c) => c.accountId === account);
    const policies = json.resource.aws_iam_role_policy;
    expect(Object.keys(policies).sort()).toEqual(mine.map((c) => `unit_consumer_${c.name.replace(/-/g, '_')}`).sort());
    for (const c of mine) {
      const planned = share.plan.documents.consumers.find((p) => p.consumer === c.name)!;
      expect(policies[`unit_consumer_${c.name.replace(/-/g, '_')}`].policy).toBe(
        policyText(
          toJson(planned.identity),
          'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        ),
      );
    }
  });
});
