/**
 * The same consumers written with AWS CDK (aws-cdk-lib), as a new `cdk init` project has it:
 * the feature flags `cdk init` writes into cdk.json (aws-cdk-lib's recommended-feature-flags.json,
 * which includes `@aws-cdk/aws-iam:minimizePolicies`, plus NEW_PROJECT_DEFAULT_CONTEXT), the
 * context `cdk synth` passes by default (path metadata, asset metadata, version reporting), and
 * aws-cdk-lib's built-in CloudFormation validation, which runs unless CDK_VALIDATION=false.
 *
 * The work, as close to ours as aws-cdk-lib expresses it:
 * - producer stack: the bucket (SSE-KMS with a bucket key, versioning, Block Public Access,
 *   BucketOwnerEnforced, TLS-only), its KMS key with an alias, its bucket and key policies;
 * - `direct`: `bucket.grantRead/Write/ReadWrite(role, prefix*)` to the consumer's role, imported
 *   (mutable) in a stack of the consumer's account: a bucket-policy and key-policy statement in the
 *   producer stack and an identity policy (AWS::IAM::Policy) in the consumer's stack;
 * - `assume-role`: a real `iam.Role` in the producer account (trust: the consumer's role, with
 *   `externalIds`, i.e. an `sts:ExternalId` condition) granted the bucket, and `grantAssumeRole` to
 *   the consumer's role (its identity policy);
 * - `access-point`: a real `s3.CfnAccessPoint` with a policy granting the consumer's role its level
 *   on its prefixes, the bucket policy's delegation to access points of the producer account, and
 *   the consumer's identity policy on the access point's ARNs plus the KMS grant.
 * What it leaves out is listed in bench/sides.ts.
 *
 * This file imports aws-cdk-lib, which lives in bench/node_modules only: it is excluded from the
 * root tsconfig, like every file that imports aws-cdk-lib.
 */
import * as fs from 'fs';
import * as path from 'path';
// Resolved from bench/node_modules (bench/run.sh installs them there).
import { App, CfnOutput, Stack } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';

import type { Config, Consumer } from './config-shape';

/** cdk.json `context` of a new project (`cdk init`) and what `cdk synth` adds by default. */
export function newProjectContext(): Record<string, unknown> {
  const recommended = JSON.parse(
    fs.readFileSync(require.resolve('aws-cdk-lib/recommended-feature-flags.json'), 'utf8'),
  ) as Record<string, unknown>;
  return {
    ...cxapi.NEW_PROJECT_DEFAULT_CONTEXT,
    ...recommended,
    [cxapi.PATH_METADATA_ENABLE_CONTEXT]: true,
    [cxapi.ASSET_RESOURCE_METADATA_ENABLED_CONTEXT]: true,
    [cxapi.ANALYTICS_REPORTING_ENABLED_CONTEXT]: true,
    // BENCH_CDK_MINIMIZE=false: the same new project with minimizePolicies turned off (one of the four settings).
    ...(process.env.BENCH_CDK_MINIMIZE === 'false' ? { '@aws-cdk/aws-iam:minimizePolicies': false } : {}),
  };
}

/**
 * aws-cdk-lib loads its modules lazily, on first use of a class: touching the classes this side
 * uses moves that loading out of the first synth, as `require` does for the cdktf sides.
 */
export function preloadCdk(): void {
  void [App, CfnOutput, Stack, iam.Role, iam.PolicyStatement, iam.PolicyDocument, iam.ArnPrincipal, iam.AnyPrincipal];
  void [kms.Key, s3.Bucket, s3.CfnAccessPoint, s3.BucketEncryption, s3.BlockPublicAccess, s3.ObjectOwnership];
}

const READ = ['s3:GetObject', 's3:GetObjectVersion'];
const WRITE = ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'];

/** Builds the app and synthesizes it into `outdir`; returns the assembly directory. */
export function synthCdkApp(config: Config, outdir: string): string {
  const app = new App({ outdir, context: newProjectContext() });
  const region = config.region;
  const producerAccount = config.producer.accountId;
  const producer = new Stack(app, 'Producer', { env: { account: producerAccount, region } });
  const key = new kms.Key(producer, 'Key', {
    alias: `alias/${config.producer.bucket.name}`,
    enableKeyRotation: true,
    description: `SSE-KMS for s3://${config.producer.bucket.name}`,
  });
  const bucket = new s3.Bucket(producer, 'Bucket', {
    bucketName: config.producer.bucket.name,
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    bucketKeyEnabled: true,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
  });

  const stacks = new Map<string, Stack>();
  const consumerStack = (account: string) => {
    let s = stacks.get(account);
    if (!s) {
      s = new Stack(app, `Consumers${account}`, { env: { account, region } });
      stacks.set(account, s);
    }
    return s;
  };
  const grant = (grantee: iam.IGrantable, c: Consumer) => {
    for (const prefix of c.prefixes ?? ['']) {
      if (c.access === 'read') bucket.grantRead(grantee, `${prefix}*`);
      else if (c.access === 'write') bucket.grantWrite(grantee, `${prefix}*`);
      else bucket.grantReadWrite(grantee, `${prefix}*`);
    }
  };
  let delegated = false;

  for (const c of config.consumers) {
    const roleArn = `arn:aws:iam::${c.accountId}:role/${c.role.name}`;
    const role = iam.Role.fromRoleArn(consumerStack(c.accountId), `Role-${c.name}`, roleArn, { mutable: true });
    const method = c.method ?? 'direct';
    if (method === 'direct') {
      grant(role, c);
    } else if (method === 'assume-role') {
      const producerRole = new iam.Role(producer, `ProducerRole-${c.name}`, {
        roleName: `${c.name}-s3-access`,
        assumedBy: new iam.ArnPrincipal(roleArn),
        externalIds: c.externalId ? [c.externalId] : [],
        description: `Assumed by consumer ${c.name} for access to the shared bucket`,
      });
      grant(producerRole, c);
      producerRole.grantAssumeRole(role);
    } else {
      const apName = `${config.producer.bucket.name}-${c.name}`.slice(0, 50);
      const apArn = `arn:aws:s3:${region}:${producerAccount}:accesspoint/${apName}`;
      const reads = c.access !== 'write';
      const writes = c.access !== 'read';
      const objects = (c.prefixes ?? ['']).map((p) => `${apArn}/object/${p}*`);
      const actions = [...(reads ? READ : []), ...(writes ? WRITE : [])];
      const statements = [
        new iam.PolicyStatement({ actions, resources: objects }),
        ...(reads
          ? [
              new iam.PolicyStatement({
                actions: ['s3:ListBucket'],
                resources: [apArn],
                conditions: { StringLike: { 's3:prefix': (c.prefixes ?? ['']).map((p) => `${p}*`) } },
              }),
            ]
          : []),
      ];
      const apPolicy = new iam.PolicyDocument();
      for (const s of statements) {
        const withPrincipal = s.copy({ principals: [new iam.ArnPrincipal(roleArn)] });
        apPolicy.addStatements(withPrincipal);
      }
      new s3.CfnAccessPoint(producer, `AccessPoint-${c.name}`, {
        bucket: bucket.bucketName,
        name: apName,
        policy: apPolicy,
        publicAccessBlockConfiguration: {
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        },
      });
      for (const s of statements) role.addToPrincipalPolicy(s);
      if (reads && writes) key.grantEncryptDecrypt(role);
      else if (writes) key.grantEncrypt(role);
      else key.grantDecrypt(role);
      if (!delegated) {
        bucket.addToResourcePolicy(
          new iam.PolicyStatement({
            principals: [new iam.AnyPrincipal()],
            actions: ['*'],
            resources: [bucket.bucketArn, bucket.arnForObjects('*')],
            conditions: { StringEquals: { 's3:DataAccessPointAccount': producerAccount } },
          }),
        );
        delegated = true;
      }
    }
  }
  // One output, so the stack is usable from a pipeline (ours writes thousands; see LEFT_OUT).
  new CfnOutput(producer, 'BucketArn', { value: bucket.bucketArn });
  return app.synth().directory;
}

export interface CdkMeasure {
  resources: number;
  stacks: number;
  bucketPolicyBytes: number;
  keyPolicyBytes: number;
  /** Largest template (bytes) and largest resource count of one stack: CloudFormation allows 1 MB and 500. */
  largestTemplateBytes: number;
  largestStackResources: number;
  /** Resources aws-cdk-lib adds for references across stacks/accounts (PublishGetStackOutput role and policy). */
  crossStackResources: number;
}

/** CloudFormation intrinsics -> the strings they become, for sizes as deployed. */
function resolve(v: unknown, config: Config, arns: Record<string, string>): unknown {
  if (Array.isArray(v)) return v.map((x) => resolve(x, config, arns));
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('Fn::GetAtt' in o)
      return (
        arns[(o['Fn::GetAtt'] as string[])[0]] ??
        `arn:aws:kms:${config.region}:${config.producer.accountId}:key/00000000-0000-4000-8000-000000000000`
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

type Template = { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };

/** Counts and sizes from the synthesized assembly (outside any timing). */
export function measureCdkAssembly(dir: string, raw: unknown): CdkMeasure {
  const config = raw as Config;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.template.json'));
  const m: CdkMeasure = {
    resources: 0,
    stacks: files.length,
    bucketPolicyBytes: 0,
    keyPolicyBytes: 0,
    largestTemplateBytes: 0,
    largestStackResources: 0,
    crossStackResources: 0,
  };
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const template = JSON.parse(text) as Template;
    const resources = Object.values(template.Resources).filter((r) => r.Type !== 'AWS::CDK::Metadata');
    m.resources += resources.length;
    m.crossStackResources += Object.keys(template.Resources).filter((id) =>
      id.startsWith('PublishGetStackOutput'),
    ).length;
    m.largestStackResources = Math.max(m.largestStackResources, resources.length);
    // As deployed: minified (the CLI uploads the template as written, indented; CloudFormation counts bytes).
    m.largestTemplateBytes = Math.max(m.largestTemplateBytes, Buffer.byteLength(JSON.stringify(template)));
    const arns: Record<string, string> = {};
    for (const [id, r] of Object.entries(template.Resources))
      if (r.Type === 'AWS::S3::Bucket') arns[id] = `arn:aws:s3:::${config.producer.bucket.name}`;
    const size = (type: string, prop: string) =>
      resources
        .filter((r) => r.Type === type)
        .reduce((n, r) => n + Buffer.byteLength(JSON.stringify(resolve(r.Properties[prop], config, arns))), 0);
    m.bucketPolicyBytes += size('AWS::S3::BucketPolicy', 'PolicyDocument');
    m.keyPolicyBytes += size('AWS::KMS::Key', 'KeyPolicy');
  }
  return m;
}
