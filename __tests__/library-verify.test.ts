/**
 * Verify of a library app: the share's manifest (shareManifest) hands verify the grants, the routes, the
 * ProducerSide's prefix and the share's constructs; `npm run verify -- --share <file> --outdir <dir>` proves that
 * share on its part of the app's output. With the default prefix (the construct id), an account not managed here
 * and an existing key, verify used to read the unprefixed output names and report 8 false mismatches.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { BucketShare, ConsumerSide, ProducerSide, shareManifest } from '../modules/library';
import { verifyStacks } from '../modules/verify';
import { verifyMain } from '../modules/verify/cli';
import { readStacksChecked } from '../modules/verify/read-stacks';
import { scopeStacks } from '../modules/verify/scope';
import { tmpDir } from './support/run-main';

const PRODUCER = '222222222222';
const ANALYTICS = '111111111111';
const VENDOR = '444444444444';
const KEY = `arn:aws:kms:us-east-1:${PRODUCER}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

function libraryApp(dir: string) {
  const outdir = path.join(dir, 'cdktf.out');
  const app = new App({ outdir });
  const aws = (stack: TerraformStack, account: string) =>
    new AwsProvider(stack, 'aws', { region: 'us-east-1', allowedAccountIds: [account] });
  const platform = new TerraformStack(app, 'platform');
  const platformAws = aws(platform, PRODUCER);
  // The app's own bucket, beside the share: not verify's business.
  new S3Bucket(platform, 'bucket', { provider: platformAws, bucket: 'platform-scratch' });
  const share = new BucketShare({
    region: 'us-east-1',
    accounts: { [VENDOR]: { name: 'vendor', managed: false } },
    producer: { accountId: PRODUCER, bucket: { name: 'platform-exports', encryption: { type: 'kms', keyArn: KEY } } },
  });
  share.grantRead({ role: `arn:aws:iam::${ANALYTICS}:role/Analytics` }, { prefixes: ['daily/'] });
  share.grantReadWrite({ role: `arn:aws:iam::${VENDOR}:role/VendorSync` }, { prefixes: ['vendor/'] });
  share.grantRead(
    { role: `arn:aws:iam::${VENDOR}:role/VendorAudit` },
    { method: 'assume-role', externalId: 'vendor-audit-7f3a9c2e41b8' },
  );
  new ProducerSide(platform, 'exports', { share, provider: platformAws });
  const analytics = new TerraformStack(app, 'analytics');
  new ConsumerSide(analytics, 'exports', { share, accountId: ANALYTICS, provider: aws(analytics, ANALYTICS) });
  app.synth();
  const manifest = path.join(outdir, 'exports.share.json');
  fs.writeFileSync(manifest, shareManifest(share));
  return { outdir, manifest, share };
}

describe('verify of a library app', () => {
  const dir = tmpDir('library-verify');
  const { outdir, manifest, share } = libraryApp(dir);

  test('the manifest: the prefix, the constructs, the grants as a config, the routes', () => {
    const m = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    expect(m).toMatchObject({ tool: 'cross-account-s3', kind: 'share', prefix: 'exports' });
    expect(m.constructs).toEqual(['platform/exports', 'analytics/exports']);
    expect(m.routes).toEqual(share.plan.routes);
    expect(m.config.consumers.map((c: { name: string }) => c.name)).toEqual(['analytics', 'vendorsync', 'vendoraudit']);
  });

  test('npm run verify -- --share <file> --outdir <dir>: ok, with an unmanaged account and an existing key', async () => {
    let out = '';
    let err = '';
    const code = await verifyMain({ env: {}, out: (t) => (out += t), err: (t) => (err += t) }, [
      '--share',
      manifest,
      '--outdir',
      outdir,
    ]);
    expect(err).toBe('');
    expect(out).toMatch(/^verify: as intended: no finding, \d+ workflows as the config says/m);
    expect(out).toContain('note: Account 444444444444 is not managed here');
    expect(out).toContain('the output exports_consumer_vendorsync_identity_policy');
    expect(out).toContain('the output exports_kms_key_policy_statements');
    expect(code).toBe(0);
    expect(fs.existsSync(path.join(outdir, 'access-report.exports.md'))).toBe(true);
  });

  test('the prefix is what made the difference: read without it, the outputs are not found', async () => {
    const stacks = scopeStacks(readStacksChecked(outdir), ['platform/exports', 'analytics/exports'], 'exports');
    const withPrefix = await verifyStacks(share.config, stacks, share.plan.routes, {
      prefix: 'exports',
      outputOf: 'library',
    });
    expect([withPrefix.ok, withPrefix.mismatches.length]).toEqual([true, 0]);
    const without = await verifyStacks(share.config, stacks, share.plan.routes, { outputOf: 'library' });
    expect(without.ok).toBe(false);
  });

  test('a file that is not a manifest, and unknown arguments, are one message and exit 1', async () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, '{"tool": "other"}');
    for (const [args, message] of [
      [['--share', bad], /is not a share manifest \(no "tool": "cross-account-s3", "kind": "share"\)/],
      [['--shares', manifest], /--shares: unknown or without its value/],
      [['--outdir', outdir], /--outdir goes with --share/],
    ] as const) {
      let err = '';
      const code = await verifyMain({ env: {}, out: () => {}, err: (t) => (err += t) }, [...args]);
      expect([code, err]).toEqual([1, expect.stringMatching(message)]);
    }
  });
});
