/**
 * Issue #21, item 8: every string that enters through the library goes through the JSON app's gate: the share's
 * props and grants (as a config), ConsumerSide's and ProducerSide's own props, and a Config handed to fromConfig.
 */
import { TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { BucketShare, ConfigError, ConsumerSide, ProducerSide } from '../modules/library';
import { load } from './support/synth';

const PRODUCER = '222222222222';
const ANALYTICS = '111111111111';
const KEY = 'arn:aws:kms:us-east-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const provider = (stack: TerraformStack, account: string) =>
  new AwsProvider(stack, 'aws', { region: 'us-east-1', allowedAccountIds: [account] });

function share(bucket = 'shared-exports', prefixes = ['a/']) {
  const s = new BucketShare({ region: 'us-east-1', producer: { accountId: PRODUCER, bucket: { name: bucket } } });
  s.grantRead({ role: `arn:aws:iam::${ANALYTICS}:role/Analytics` }, { prefixes });
  return s;
}

function consumerSide(props: Record<string, unknown>) {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'analytics');
  const s = share();
  return () =>
    new ConsumerSide(stack, 'exports', {
      share: s,
      accountId: ANALYTICS,
      provider: provider(stack, ANALYTICS),
      ...props,
    });
}

describe("ConsumerSide's props: the gate and each prop's rule", () => {
  test.each([
    [
      'bucket',
      '${file("/etc/passwd")}',
      'bucket: the value "${file(\\"/etc/passwd\\")}" contains "${": Terraform would evaluate it',
    ],
    ['bucket', 'shared-exports%{ if true }x%{ endif }', 'contains "%{"'],
    ['bucket', 'Shared_Exports', 'bucket: "Shared_Exports": S3 bucket names use only lower-case letters'],
    [
      'bucket',
      'shared\u202eexports',
      'bucket: the value "shared\\u202Eexports" contains U+202E (a bidirectional control',
    ],
    ['keyArn', 'arn:aws:kms:us-east-1:222222222222:alias/${var.x}', 'keyArn: the value'],
    [
      'keyArn',
      'arn:aws:kms:us-east-1:222222222222:alias/data',
      'keyArn: "arn:aws:kms:us-east-1:222222222222:alias/data": is an alias ARN',
    ],
    ['prefix', 'x${path.cwd}', 'prefix: the value "x${path.cwd}" contains "${"'],
  ])('%s = %j is refused, naming the construct and the prop', (prop, value, message) => {
    expect(consumerSide({ [prop]: value })).toThrow('analytics/exports: invalid props');
    expect(consumerSide({ [prop]: value })).toThrow(message);
  });

  test('a cdktf reference passes: the bucket of an S3Bucket of the app, by reference', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'analytics');
    const p = provider(stack, ANALYTICS);
    const own = new S3Bucket(stack, 'own', { provider: p, bucket: 'shared-exports' });
    new ConsumerSide(stack, 'exports', {
      share: share(),
      accountId: ANALYTICS,
      provider: p,
      keyArn: KEY,
      bucket: own.bucket,
    });
    expect(() => Testing.synth(stack)).not.toThrow();
  });
});

test("ProducerSide's prefix goes through the gate", () => {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'platform');
  expect(
    () =>
      new ProducerSide(stack, 'exports', {
        share: share(),
        provider: provider(stack, PRODUCER),
        prefix: '${file("x")}',
      }),
  ).toThrow('platform/exports: invalid props');
});

test('grants and share props are gated as a config is, named by grant', () => {
  expect(() => share('shared-exports', ['caf\u0065\u0301/']).plan).toThrow(ConfigError);
  expect(() => share('shared-exports', ['caf\u0065\u0301/']).plan).toThrow(
    'grant "analytics".prefixes[0]: the value "cafe\\u0301/" is not in Unicode NFC',
  );
  expect(() => share('${file("/etc/passwd")}').plan).toThrow('producer.bucket.name: the value contains "${"');
});

test('a Config made by hand is gated by fromConfig', () => {
  const config = load('cross-account.json');
  const bad = {
    ...config,
    producer: { ...config.producer, bucket: { ...config.producer.bucket, name: 'x${file("y")}' } },
  };
  expect(() => BucketShare.fromConfig(bad)).toThrow('producer.bucket.name: the value contains "${"');
});
