import { writeFileSync } from 'fs';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { BucketShare, ConsumerSide, ProducerSide, shareManifest } from 'cross-account-s3';

const region = 'eu-west-1';
const app = new App({ outdir: process.env['CDKTF_OUTDIR'] ?? 'cdktf.out' });

// The data platform's account: its own bucket beside two shared ones.
const platform = new TerraformStack(app, 'platform');
const platformAws = new AwsProvider(platform, 'aws', { region, allowedAccountIds: ['222222222222'] });
const ownBucket = new S3Bucket(platform, 'bucket', { provider: platformAws, bucket: 'platform-scratch-eu' });
new TerraformOutput(platform, 'bucket_name', { value: ownBucket.bucket });

// The analytics account: a role this app creates itself.
const analytics = new TerraformStack(app, 'analytics');
const analyticsAws = new AwsProvider(analytics, 'aws', { region, allowedAccountIds: ['111111111111'] });
const reporting = new IamRole(analytics, 'reporting', {
  provider: analyticsAws,
  name: 'Reporting',
  assumeRolePolicy: JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  }),
});

// Share 1: exports, with a KMS key created here. Grants in the idiom of AWS CDK.
export const exportsShare = new BucketShare({
  region,
  producer: { accountId: '222222222222', bucket: { name: 'platform-exports-eu', encryption: { type: 'kms' } } },
});
exportsShare.grantRead({ accountId: '111111111111', role: reporting }, { prefixes: ['daily/*'] });
exportsShare.grantReadWrite(
  { role: 'arn:aws:iam::333333333333:role/Ingest' },
  { prefixes: ['incoming/'], method: 'access-point' },
);

// Share 2: a second bucket in the same stacks, SSE-S3.
export const modelsShare = new BucketShare({
  region,
  producer: { accountId: '222222222222', bucket: { name: 'platform-models-eu' } },
});
modelsShare.grantRead(
  { role: 'arn:aws:iam::111111111111:role/Training' },
  { method: 'assume-role', externalId: 'models-7f3a9c2e41b8' },
);

new ProducerSide(platform, 'exports', { share: exportsShare, provider: platformAws });
new ProducerSide(platform, 'models', { share: modelsShare, provider: platformAws });
new ConsumerSide(analytics, 'exports', { share: exportsShare, accountId: '111111111111', provider: analyticsAws });
new ConsumerSide(analytics, 'models', { share: modelsShare, accountId: '111111111111', provider: analyticsAws });

// The ingest account: only its grant to the exports bucket.
const ingest = new TerraformStack(app, 'ingest');
const ingestAws = new AwsProvider(ingest, 'aws', { region, allowedAccountIds: ['333333333333'] });
new ConsumerSide(ingest, 'exports', { share: exportsShare, accountId: '333333333333', provider: ingestAws });

app.synth();
// What verify needs of each share (npm run verify -- --share <file> --outdir <outdir>).
writeFileSync(`${app.outdir}/exports.share.json`, shareManifest(exportsShare));
writeFileSync(`${app.outdir}/models.share.json`, shareManifest(modelsShare));
