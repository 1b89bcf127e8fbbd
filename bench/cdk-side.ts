/**
 * The same grants written with AWS CDK: a Bucket (KMS key, bucket key, TLS
 * only) and grantRead / grantWrite / grantReadWrite to each consumer's role in
 * its own account, synthesized offline with app.synth().
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
// Resolved from bench/node_modules (npm run bench installs them there).
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';

type Consumer = { name: string; accountId: string; role: { name: string }; access: string; prefixes?: string[] };
type Config = { region: string; producer: { accountId: string; bucket: { name: string } }; consumers: Consumer[] };

export interface Measured {
  ms: number;
  bucketPolicyBytes: number;
  keyPolicyBytes: number;
  resources: number;
}

/** CloudFormation intrinsics -> the strings they become, for sizes as deployed. */
function resolve(v: unknown, config: Config, arns: Record<string, string>): unknown {
  if (Array.isArray(v)) return v.map((x) => resolve(x, config, arns));
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('Fn::GetAtt' in o)
      return (
        arns[(o['Fn::GetAtt'] as string[])[0]] ??
        'arn:aws:kms:us-east-1:222222222222:key/00000000-0000-4000-8000-000000000000'
      );
    if ('Ref' in o)
      return o.Ref === 'AWS::Partition'
        ? 'aws'
        : o.Ref === 'AWS::AccountId'
          ? config.producer.accountId
          : String(o.Ref);
    if ('Fn::Join' in o) {
      const [sep, parts] = o['Fn::Join'] as [string, unknown[]];
      return parts.map((p) => resolve(p, config, arns)).join(sep);
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, resolve(x, config, arns)]));
  }
  return v;
}

export function synthCdk(config: Config): Measured {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cdk-'));
  const start = process.hrtime.bigint();
  const app = new App({ outdir });
  const stack = new Stack(app, 'Bench', { env: { account: config.producer.accountId, region: config.region } });
  const key = new kms.Key(stack, 'Key');
  const bucket = new s3.Bucket(stack, 'Bucket', {
    bucketName: config.producer.bucket.name,
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    bucketKeyEnabled: true,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    versioned: true,
  });
  config.consumers.forEach((c, i) => {
    const role = iam.Role.fromRoleArn(stack, `Role${i}`, `arn:aws:iam::${c.accountId}:role/${c.role.name}`, {
      mutable: false,
    });
    for (const prefix of c.prefixes ?? ['']) {
      const pattern = `${prefix}*`;
      if (c.access === 'read') bucket.grantRead(role, pattern);
      else if (c.access === 'write') bucket.grantWrite(role, pattern);
      else bucket.grantReadWrite(role, pattern);
    }
  });
  const assembly = app.synth();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const template = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'Bench.template.json'), 'utf8'));
  const arns: Record<string, string> = {};
  for (const [id, r] of Object.entries<{ Type: string }>(template.Resources))
    if (r.Type === 'AWS::S3::Bucket') arns[id] = `arn:aws:s3:::${config.producer.bucket.name}`;
  const size = (type: string, prop: string) =>
    Object.values<{ Type: string; Properties: Record<string, unknown> }>(template.Resources)
      .filter((r) => r.Type === type)
      .reduce((n, r) => n + Buffer.byteLength(JSON.stringify(resolve(r.Properties[prop], config, arns))), 0);
  const measured = {
    ms,
    bucketPolicyBytes: size('AWS::S3::BucketPolicy', 'PolicyDocument'),
    keyPolicyBytes: size('AWS::KMS::Key', 'KeyPolicy'),
    resources: Object.keys(template.Resources).length,
  };
  fs.rmSync(outdir, { recursive: true, force: true });
  return measured;
}
