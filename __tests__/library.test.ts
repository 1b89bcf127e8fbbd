/**
 * The construct library from the inside (the packed tarball is tried from outside in
 * library-pack.test.ts): grants, names derived from the construct id, two shares and
 * the app's own resources in one stack, provider pinning, the checks the CLI makes.
 */
import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import {
  BucketShare,
  ConfigError,
  ConsumerSide,
  Grant,
  PolicySizeError,
  ProducerSide,
  ShareConstructError,
} from '../modules/library';
import type { BucketShareProps } from '../modules/library';
import { LIMITS } from '../modules/policy';
import { parseConfig } from '../modules/config';
import type { TfJson } from './support/synth';

const PRODUCER = '222222222222';
const ANALYTICS = '111111111111';
const props = (name = 'shared-exports', extra: Partial<BucketShareProps['producer']['bucket']> = {}) => ({
  region: 'us-east-1',
  producer: { accountId: PRODUCER, bucket: { name, encryption: { type: 'kms' as const }, ...extra } },
});
const provider = (stack: TerraformStack, account: string, id = 'aws') =>
  new AwsProvider(stack, id, { region: 'us-east-1', allowedAccountIds: [account] });
const synthJson = (stack: TerraformStack): TfJson => JSON.parse(Testing.synth(stack, true));
const roleArn = (name: string, account = ANALYTICS) => `arn:aws:iam::${account}:role/${name}`;

describe('grants', () => {
  test('grantRead returns the consumer as given; once planned, its route and the policies its role gets', () => {
    const share = new BucketShare(props());
    const g = share.grantRead({ role: roleArn('Analytics') }, { prefixes: ['exports/daily/*'] });
    expect(g).toMatchObject({
      consumer: 'analytics',
      accountId: ANALYTICS,
      roleArn: roleArn('Analytics'),
      level: 'read',
      prefixes: ['exports/daily/'],
      method: 'direct',
    });
    expect(g.route).toEqual({ consumer: 'analytics', written: 'direct', method: 'direct', reason: 'written' });
    const identity = JSON.stringify(g.policies.identity);
    expect(identity).toContain('arn:aws:s3:::shared-exports/exports/daily/*');
    expect(identity).not.toContain('s3:PutObject');
    expect(share.plan.documents.consumers).toContain(g.policies);
  });

  test('method "access-grant" as an option: a grant per prefix, the role gets GetDataAccess on the instance only', () => {
    const share = new BucketShare(props());
    const g = share.grantRead({ role: roleArn('Analytics') }, { prefixes: ['a/'], method: 'access-grant' });
    expect(g.route).toEqual({
      consumer: 'analytics',
      written: 'access-grant',
      method: 'access-grant',
      reason: 'written',
    });
    expect(JSON.stringify(g.policies.identity)).not.toContain('arn:aws:s3:::shared-exports');
    expect(share.plan.documents.accessGrants!.grants.map((x) => [x.grantee, x.permission, x.subPrefix])).toEqual([
      [roleArn('Analytics'), 'READ', 'a/*'],
    ]);
  });

  test('the same compiler as the JSON app: account root principal pinned by aws:PrincipalArn, statements merged', () => {
    const share = new BucketShare(props());
    share.grantRead({ role: roleArn('Analytics') }, { prefixes: ['a/'] });
    share.grantRead({ role: roleArn('Reporting') }, { prefixes: ['a/'] });
    const bucket = share.plan.documents.bucketPolicy.Statement;
    const reads = bucket.filter((s) => s.Effect === 'Allow' && JSON.stringify(s.Action).includes('s3:GetObject'));
    expect(reads).toHaveLength(1);
    expect(reads[0].Principal).toEqual({ AWS: `arn:aws:iam::${ANALYTICS}:root` });
    expect(reads[0].Condition?.ArnEquals?.['aws:PrincipalArn']).toEqual([roleArn('Analytics'), roleArn('Reporting')]);
  });

  test('two grants to one role get distinct names; a role construct is read for its literal name', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 's');
    const role = new IamRole(stack, 'r', { name: 'Ingest', path: '/jobs/', assumeRolePolicy: '{}' });
    const share = new BucketShare(props());
    const a = share.grantRead({ accountId: ANALYTICS, role }, { prefixes: ['a/'] });
    const b = share.grantWrite({ accountId: ANALYTICS, role }, { prefixes: ['b/'] });
    expect([a.consumer, b.consumer]).toEqual(['ingest', 'ingest-2']);
    expect(a.roleArn).toBe('arn:aws:iam::111111111111:role/jobs/Ingest');
    const nameless = new IamRole(stack, 'n', { assumeRolePolicy: '{}' });
    expect(() => share.grantRead({ accountId: ANALYTICS, role: nameless })).toThrow(
      /has no literal name: give it `name`/,
    );
  });

  test('a grant after the plan was read is refused; a share with no grant is refused', () => {
    const share = new BucketShare(props());
    share.grantRead({ role: roleArn('Analytics') });
    void share.plan;
    expect(() => share.grantWrite({ role: roleArn('Late') })).toThrow(/grant after the share was planned/);
    expect(() => new BucketShare(props()).plan).toThrow(/needs at least one grant/);
  });

  test('bad input is refused by the config rules, each problem named by its grant', () => {
    const share = new BucketShare(props());
    share.grantRead({ role: roleArn('Analytics') }, { prefixes: ['/abs/'] });
    share.grantRead({ role: roleArn('Other') }, { prefixes: ['a/*/b/'] });
    let error: unknown;
    try {
      void share.plan;
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as Error).message;
    expect(text).toMatch(/grant "analytics"\.prefixes\[0\]: /);
    expect(text).toMatch(/grant "other"\.prefixes\[0\]: /);
    expect(() => new BucketShare(props()).grantRead({ role: 'arn:aws:iam::1:role/x' })).toThrow(
      /has an invalid account "1" \(12 digits\)/,
    );
    expect(() => new BucketShare(props()).grantRead({ role: { name: 'X' } })).toThrow(/accountId is required/);
    // "daily*" would match "daily-old/" too: only a folder prefix ("daily/*") is taken.
    const star = new BucketShare(props());
    star.grantRead({ role: roleArn('Analytics') }, { prefixes: ['daily*'] });
    expect(() => star.plan).toThrow(/grant "analytics"\.prefixes\[0\]: a prefix must not contain the wildcards/);
  });

  test('prefixes: one rule for the library and the JSON config ("daily/*" is the folder; any other "*" refused)', () => {
    const inputs = ['daily/*', 'daily/', 'daily', 'a/b/*', 'daily*', 'daily/*/x', '*', '/*', 'da?ly/', 'x/**'];
    for (const prefix of inputs) {
      const raw = {
        ...props(),
        stacks: 'per-account',
        consumers: [
          {
            name: 'analytics',
            accountId: ANALYTICS,
            role: { name: 'Analytics', existing: true },
            access: 'read',
            prefixes: [prefix],
          },
        ],
      };
      let json: string;
      try {
        json = JSON.stringify(parseConfig(raw).consumers[0].prefixes);
      } catch (e) {
        json = (e as ConfigError).problems.map((q) => q.message).join('; ');
      }
      const share = new BucketShare(props());
      share.grantRead({ role: roleArn('Analytics') }, { prefixes: [prefix] });
      let library: string;
      try {
        library = JSON.stringify(share.plan.config.consumers[0].prefixes);
      } catch (e) {
        library = (e as ConfigError).problems.map((q) => q.message).join('; ');
      }
      expect([prefix, library]).toEqual([prefix, json]);
    }
    expect(
      parseConfig({
        ...props(),
        stacks: 'per-account',
        consumers: [
          {
            name: 'a',
            accountId: ANALYTICS,
            role: { name: 'A', existing: true },
            access: 'read',
            prefixes: ['daily/*'],
          },
        ],
      }).consumers[0].prefixes,
    ).toEqual(['daily/']);
  });

  test('policy sizes are checked: past 20 KB the plan refuses, or moves grants to access points when asked', () => {
    const many = (share: BucketShare) => {
      for (let i = 0; i < 40; i++) share.grantRead({ role: roleArn(`Team${i}`) }, { prefixes: [`teams/team-${i}/`] });
      return share;
    };
    const small = { ...LIMITS, bucket: { ...LIMITS.bucket, limit: 4000 } };
    expect(() => many(new BucketShare(props(), small)).plan).toThrow(PolicySizeError);
    const moved = many(new BucketShare(props('shared-exports', { overflow: 'access-points' }), small));
    expect(moved.grants.filter((g) => g.route.reason === 'overflow').length).toBeGreaterThan(0);
  });
});

describe('constructs in the app’s own stacks', () => {
  function twoShares() {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'platform');
    const aws = provider(stack, PRODUCER);
    const own = new S3Bucket(stack, 'bucket', { provider: aws, bucket: 'platform-scratch' });
    new TerraformOutput(stack, 'bucket_name', { value: own.bucket });
    const exportsShare = new BucketShare(props('platform-exports'));
    exportsShare.grantRead({ role: roleArn('Analytics') });
    const modelsShare = new BucketShare(props('platform-models'));
    // Its own name: the role's inline policy of each share must differ.
    modelsShare.grantRead({ role: roleArn('Analytics') }, { name: 'analytics-models' });
    new ProducerSide(stack, 'exports', { share: exportsShare, provider: aws });
    new ProducerSide(stack, 'models', { share: modelsShare, provider: aws, outputs: false });
    // Both sides of every grant (checked at synth).
    const analytics = new TerraformStack(app, 'analytics');
    const analyticsAws = provider(analytics, ANALYTICS);
    for (const [id, share] of [
      ['exports', exportsShare],
      ['models', modelsShare],
    ] as const)
      new ConsumerSide(analytics, id, { share, accountId: ANALYTICS, provider: analyticsAws });
    return { app, stack, exportsShare, modelsShare };
  }

  test("two shares and the app's own S3Bucket(stack, 'bucket') in one stack: every name apart", () => {
    const json = synthJson(twoShares().stack);
    expect(json.resource!.aws_s3_bucket).toEqual({
      bucket: expect.objectContaining({ bucket: 'platform-scratch' }),
      exports_bucket: expect.objectContaining({ bucket: 'platform-exports' }),
      models_bucket: expect.objectContaining({ bucket: 'platform-models' }),
    });
    expect(Object.keys(json.resource!.aws_s3_bucket_policy)).toEqual(['exports_bucket', 'models_bucket']);
    expect(Object.keys(json.resource!.aws_kms_key)).toEqual(['exports_bucket', 'models_bucket']);
    // The app's output stays its own; the second share writes none (outputs: false).
    expect(json.output!.bucket_name.value).toBe('${aws_s3_bucket.bucket.bucket}');
    expect(Object.keys(json.output!).sort()).toEqual([
      'bucket_name',
      'exports_bucket_arn',
      'exports_bucket_name',
      'exports_kms_key_arn',
    ]);
  });

  test('the bucket policy rendered is the plan’s document, the key referenced by the policies it appears in', () => {
    const { stack, exportsShare } = twoShares();
    const json = synthJson(stack);
    const policy = JSON.parse(json.resource!.aws_s3_bucket_policy.exports_bucket.policy as string);
    const planned = JSON.parse(
      JSON.stringify(exportsShare.plan.documents.bucketPolicy).split('"__KEY_ARN__"').join('"x"'),
    );
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(
      planned.Statement.map((s: { Sid: string }) => s.Sid),
    );
  });

  test('two constructs with one prefix in one stack are refused at synth, naming both', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'platform');
    const aws = provider(stack, PRODUCER);
    for (const bucket of ['one-bucket-x', 'two-bucket-x']) {
      const share = new BucketShare(props(bucket));
      share.grantRead({ role: roleArn('Analytics') });
      new ProducerSide(stack, bucket, { share, provider: aws, prefix: 'data' });
    }
    expect(() => Testing.synth(stack, true)).toThrow(
      /resource aws_s3_bucket\.data_bucket is both platform\/one-bucket-x\/bucket\/bucket and platform\/two-bucket-x/,
    );
  });

  test('a share is rendered by one ProducerSide only', () => {
    const { stack, exportsShare } = twoShares();
    expect(
      () => new ProducerSide(stack, 'again', { share: exportsShare, provider: provider(stack, PRODUCER, 'p2') }),
    ).toThrow(/this share is rendered already, by platform\/exports/);
  });

  test('a provider of another account, or one that pins none, is refused', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'platform');
    const share = new BucketShare(props());
    share.grantRead({ role: roleArn('Analytics') });
    expect(() => new ProducerSide(stack, 'a', { share, provider: provider(stack, ANALYTICS) })).toThrow(
      /is for account 111111111111, but the bucket is in account 222222222222: pass the provider of account 222222222222/,
    );
    const unpinned = new AwsProvider(stack, 'loose', { region: 'us-east-1' });
    expect(() => new ProducerSide(stack, 'b', { share, provider: unpinned })).toThrow(
      /does not pin its account: give it allowedAccountIds: \["222222222222"\]/,
    );
    const producer = new ProducerSide(stack, 'c', { share, provider: provider(stack, PRODUCER, 'ok') });
    expect(producer.node.path).toBe('platform/c');
    const consumerStack = new TerraformStack(app, 'analytics');
    expect(
      () =>
        new ConsumerSide(consumerStack, 'x', {
          share,
          accountId: ANALYTICS,
          provider: provider(consumerStack, PRODUCER),
        }),
    ).toThrow(/is for account 222222222222, but the consumer is in account 111111111111/);
    expect(
      () =>
        new ConsumerSide(consumerStack, 'y', {
          share,
          accountId: '999999999999',
          provider: provider(consumerStack, '999999999999', 'n'),
        }),
    ).toThrow(/grants nothing to account 999999999999/);
  });

  test("consumer-owned access points are created in the consumer's stack with the consumer's provider", () => {
    const app = Testing.app();
    const platform = new TerraformStack(app, 'platform');
    const analytics = new TerraformStack(app, 'analytics');
    const share = new BucketShare(props());
    share.grantRead(
      { role: roleArn('Analytics') },
      { method: 'access-point', accessPointAccountId: ANALYTICS, prefixes: ['a/'] },
    );
    new ProducerSide(platform, 'exports', { share, provider: provider(platform, PRODUCER) });
    new ConsumerSide(analytics, 'exports', { share, accountId: ANALYTICS, provider: provider(analytics, ANALYTICS) });
    app.synth();
    const consumerJson = synthJson(analytics);
    const ap = consumerJson.resource!.aws_s3_access_point.exports_access_point_analytics;
    expect(ap).toMatchObject({ account_id: ANALYTICS, bucket_account_id: PRODUCER, bucket: 'shared-exports' });
    expect(consumerJson.provider!.aws[0]).toMatchObject({ allowed_account_ids: [ANALYTICS] });
    expect(synthJson(platform).resource!.aws_s3_access_point).toBeUndefined();
  });

  test('two shares granting one role: the AWS names that would collide in its account are refused at synth', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const platform = new TerraformStack(app, 'platform');
    const analytics = new TerraformStack(app, 'analytics');
    const aws = provider(platform, PRODUCER);
    const consumerAws = provider(analytics, ANALYTICS);
    for (const bucket of ['one-bucket-x', 'two-bucket-x']) {
      const share = new BucketShare(props(bucket));
      share.grantRead({ role: roleArn('Analytics') });
      new ProducerSide(platform, bucket, { share, provider: aws });
      new ConsumerSide(analytics, bucket, { share, accountId: ANALYTICS, provider: consumerAws });
    }
    expect(() => app.synth()).toThrow(
      /inline policy cross-account-s3-analytics of role Analytics in account 111111111111 is made by both/,
    );
  });
});

describe('every grant on both sides, checked at synth', () => {
  const twoAccounts = (accounts?: BucketShareProps['accounts']) => {
    const app = new App({ outdir: Testing.app().outdir });
    const platform = new TerraformStack(app, 'platform');
    const share = new BucketShare({ ...props(), ...(accounts ? { accounts } : {}) });
    share.grantRead({ role: roleArn('Analytics') });
    share.grantWrite({ role: roleArn('Ingest', '333333333333') }, { prefixes: ['in/'] });
    new ProducerSide(platform, 'exports', { share, provider: provider(platform, PRODUCER) });
    const analytics = new TerraformStack(app, 'analytics');
    new ConsumerSide(analytics, 'exports', { share, accountId: ANALYTICS, provider: provider(analytics, ANALYTICS) });
    return { app, share };
  };

  test('a forgotten ConsumerSide is refused, naming the grant, the account and both remedies', () => {
    const { app } = twoAccounts();
    expect(() => app.synth()).toThrow(
      'grant "ingest" of bucket shared-exports to account 333333333333 is rendered on the producer side only: ' +
        'the bucket policy grants its role, but no ConsumerSide gives it its identity policy. ' +
        "Add new ConsumerSide(<a stack of account 333333333333>, '<id>', { share, accountId: '333333333333', provider }), " +
        "or, if this app does not deploy to that account, declare it in the BucketShare: accounts: { '333333333333': " +
        '{ managed: false } } (its identity policies become outputs of platform/exports)',
    );
  });

  test('an account declared unmanaged needs none: its identity policy is an output', () => {
    const { app } = twoAccounts({ '333333333333': { managed: false } });
    expect(() => app.synth()).not.toThrow();
  });

  test('a ConsumerSide without the share’s ProducerSide is refused too', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const share = new BucketShare(props('plain-bucket', { encryption: { type: 's3' } }));
    share.grantRead({ role: roleArn('Analytics') });
    const analytics = new TerraformStack(app, 'analytics');
    new ConsumerSide(analytics, 'exports', { share, accountId: ANALYTICS, provider: provider(analytics, ANALYTICS) });
    expect(() => app.synth()).toThrow(
      /grant "analytics" of bucket plain-bucket to account 111111111111 is rendered on the consumer side only: no ProducerSide of this share writes the bucket policy/,
    );
  });
});

describe("the library's API in AWS CDK's shape", () => {
  test('a BucketShare needs its props: undefined or null is refused with what to write', () => {
    for (const bad of [undefined, null])
      expect(() => new BucketShare(bad as unknown as BucketShareProps)).toThrow(
        'new BucketShare(props): props are required: { region, producer: { accountId, bucket: { name } } }',
      );
  });

  test('a Grant is made by a share only, and finds its route and policies by name', () => {
    const share = new BucketShare(props());
    const a = share.grantRead({ role: roleArn('A') }, { name: 'a' });
    const b = share.grantWrite({ role: roleArn('B') }, { name: 'b' });
    // Held by tsc --noEmit: Grant's constructor is private (grants come from grantRead/grantWrite/grantReadWrite).
    // @ts-expect-error the constructor of Grant is private
    const forbidden = () => new Grant();
    expect(forbidden).toBeInstanceOf(Function);
    expect([a.route.consumer, b.route.consumer]).toEqual(['a', 'b']);
    expect(b.policies.consumer).toBe('b');
  });

  test('what the constructs refuse is a ShareConstructError carrying the construct path', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'platform');
    const share = new BucketShare(props());
    share.grantRead({ role: roleArn('Analytics') });
    let caught: unknown;
    try {
      new ProducerSide(stack, 'wrong', { share, provider: provider(stack, ANALYTICS) });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ShareConstructError);
    expect((caught as ShareConstructError).constructPath).toBe('platform/wrong');
    expect((caught as Error).message.startsWith('platform/wrong: the provider ')).toBe(true);
  });
});
