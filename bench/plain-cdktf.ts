/**
 * The plain-cdktf baseline: what a cdktf user writes by hand for the same consumers, with the
 * project's own cdktf and @cdktf/provider-aws (deep imports). The same resources as ours for the
 * consumers as configured (bucket and its settings, bucket policy, KMS key and alias, one role and
 * inline policy per assume-role consumer, one access point per access-point consumer, one inline
 * identity policy per consumer, one aliased provider per account, outputs), each policy one
 * `aws_iam_policy_document` data source (cdktf `DataAwsIamPolicyDocument`) with one statement per
 * grant: no merging, no size check, no consumers moved to access points.
 *
 * Run alone: `ts-node --swc bench/plain-cdktf.ts <config.json> <outdir>`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, LocalBackend, TerraformOutput, TerraformProvider, TerraformStack } from 'cdktf';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3AccessPoint } from '@cdktf/provider-aws/lib/s3-access-point';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { Construct } from 'constructs';

import type { Config, Consumer } from './config-shape';

interface Statement {
  sid?: string;
  effect?: 'Allow' | 'Deny';
  actions: string[];
  resources: string[];
  principals?: { type: string; identifiers: string[] }[];
  condition?: { test: string; variable: string; values: string[] }[];
}

const READ = ['s3:GetObject', 's3:GetObjectVersion'];
const WRITE = ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'];
const KMS_READ = ['kms:Decrypt'];
const KMS_WRITE = ['kms:GenerateDataKey', 'kms:Decrypt'];
const id = (s: string) => s.replace(/[^A-Za-z0-9]/g, '_');

/** The grants of one consumer on `arn` (bucket or access point) and objects under `objectArn`. */
function s3Statements(c: Consumer, arn: string, objectArn: string, principal?: string): Statement[] {
  const prefixes = c.prefixes ?? [''];
  const reads = c.access !== 'write';
  const writes = c.access !== 'read';
  const principals = principal ? [{ type: 'AWS', identifiers: [principal] }] : undefined;
  const out: Statement[] = [
    {
      sid: `${id(c.name)}Objects`,
      actions: [...(reads ? READ : []), ...(writes ? WRITE : [])],
      resources: prefixes.map((p) => `${objectArn}${p}*`),
      principals,
    },
  ];
  if (reads)
    out.push({
      sid: `${id(c.name)}List`,
      actions: ['s3:ListBucket'],
      resources: [arn],
      principals,
      condition: [{ test: 'StringLike', variable: 's3:prefix', values: prefixes.map((p) => `${p}*`) }],
    });
  return out;
}

class PlainStack extends TerraformStack {
  /** Every policy document as written, for the sizes (outside any timing). */
  readonly documents: { kind: string; statements: Statement[] }[] = [];

  constructor(scope: Construct, name: string, config: Config) {
    super(scope, name);
    new LocalBackend(this, { path: `terraform.${name}.tfstate` });
    const region = config.region;
    const producerAccount = config.producer.accountId;
    const bucketName = config.producer.bucket.name;
    const bucketArn = `arn:aws:s3:::${bucketName}`;
    const provider = (alias: string, account: string) =>
      new AwsProvider(this, `aws-${alias}`, { alias, region, allowedAccountIds: [account] });
    const producer = provider('producer', producerAccount);
    const document = (kind: string, name: string, statements: Statement[]) => {
      this.documents.push({ kind, statements });
      return new DataAwsIamPolicyDocument(this, name, {
        provider: producer,
        statement: statements.map((s) => ({ effect: 'Allow', ...s })),
      }).json;
    };

    const key = new KmsKey(this, 'key', { provider: producer, description: `SSE-KMS for s3://${bucketName}` });
    new KmsAlias(this, 'key-alias', { provider: producer, name: `alias/${bucketName}`, targetKeyId: key.keyId });
    const bucket = new S3Bucket(this, 'bucket', { provider: producer, bucket: bucketName });
    const pab = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      provider: producer,
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      provider: producer,
      bucket: bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider: producer,
      bucket: bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.arn },
          bucketKeyEnabled: true,
        },
      ],
    });
    new S3BucketVersioningA(this, 'versioning', {
      provider: producer,
      bucket: bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });

    const bucketStatements: Statement[] = [
      {
        sid: 'DenyInsecureTransport',
        effect: 'Deny',
        actions: ['s3:*'],
        resources: [bucketArn, `${bucketArn}/*`],
        principals: [{ type: '*', identifiers: ['*'] }],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      },
    ];
    const keyStatements: Statement[] = [
      {
        sid: 'ProducerAccount',
        actions: ['kms:*'],
        resources: ['*'],
        principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${producerAccount}:root`] }],
      },
    ];
    const providers = new Map<string, TerraformProvider>();
    const out = (name: string, value: string) => new TerraformOutput(this, name, { value });

    for (const c of config.consumers) {
      let consumerProvider = providers.get(c.accountId);
      if (!consumerProvider) {
        consumerProvider = provider(`consumer_${id(c.name)}`, c.accountId);
        providers.set(c.accountId, consumerProvider);
      }
      const roleArn = `arn:aws:iam::${c.accountId}:role/${c.role.name}`;
      const kmsActions = c.access === 'read' ? KMS_READ : KMS_WRITE;
      const kms = (principal?: string): Statement => ({
        sid: `${id(c.name)}Kms`,
        actions: kmsActions,
        resources: principal ? ['*'] : [key.arn],
        principals: principal ? [{ type: 'AWS', identifiers: [principal] }] : undefined,
      });
      const method = c.method ?? 'direct';
      let identity: Statement[];
      if (method === 'direct') {
        bucketStatements.push(...s3Statements(c, bucketArn, `${bucketArn}/`, roleArn));
        keyStatements.push(kms(roleArn));
        identity = [...s3Statements(c, bucketArn, `${bucketArn}/`), kms()];
      } else if (method === 'assume-role') {
        const roleName = `${c.name}-s3-access`;
        const role = new IamRole(this, `producer-role-${c.name}`, {
          provider: producer,
          name: roleName,
          assumeRolePolicy: document('trust', `trust-${c.name}`, [
            {
              actions: ['sts:AssumeRole'],
              resources: [],
              principals: [{ type: 'AWS', identifiers: [roleArn] }],
              condition: [{ test: 'StringEquals', variable: 'sts:ExternalId', values: [c.externalId ?? ''] }],
            },
          ]),
        });
        new IamRolePolicy(this, `producer-role-policy-${c.name}`, {
          provider: producer,
          role: role.id,
          name: 'bucket-access',
          policy: document('role-inline', `producer-permissions-${c.name}`, [
            ...s3Statements(c, bucketArn, `${bucketArn}/`),
            kms(),
          ]),
        });
        out(`producer_role_${id(c.name)}_arn`, role.arn);
        identity = [
          {
            sid: 'Assume',
            actions: ['sts:AssumeRole'],
            resources: [`arn:aws:iam::${producerAccount}:role/${roleName}`],
          },
        ];
      } else {
        const apName = `${bucketName}-${c.name}`.slice(0, 50);
        const apArn = `arn:aws:s3:${region}:${producerAccount}:accesspoint/${apName}`;
        const ap = new S3AccessPoint(this, `access-point-${c.name}`, {
          provider: producer,
          bucket: bucket.id,
          name: apName,
          policy: document(
            'access-point',
            `access-point-policy-${c.name}`,
            s3Statements(c, apArn, `${apArn}/object/`, roleArn),
          ),
          publicAccessBlockConfiguration: {
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
          },
        });
        out(`access_point_${id(c.name)}_arn`, ap.arn);
        out(`access_point_${id(c.name)}_alias`, ap.alias);
        keyStatements.push(kms(roleArn));
        identity = [...s3Statements(c, apArn, `${apArn}/object/`), kms()];
        if (!bucketStatements.some((s) => s.sid === 'DelegateToAccessPoints'))
          bucketStatements.push({
            sid: 'DelegateToAccessPoints',
            actions: ['*'],
            resources: [bucketArn, `${bucketArn}/*`],
            principals: [{ type: '*', identifiers: ['*'] }],
            condition: [{ test: 'StringEquals', variable: 's3:DataAccessPointAccount', values: [producerAccount] }],
          });
      }
      new IamRolePolicy(this, `consumer-policy-${c.name}`, {
        provider: consumerProvider,
        role: c.role.name,
        name: 'shared-bucket-access',
        policy: document('role-inline', `consumer-identity-${c.name}`, identity),
      });
      out(`consumer_${id(c.name)}_role_arn`, roleArn);
    }

    key.policy = document('key', 'key-policy', keyStatements);
    new S3BucketPolicy(this, 'bucket-policy', {
      provider: producer,
      bucket: bucket.id,
      dependsOn: [pab],
      policy: document('bucket', 'bucket-policy-document', bucketStatements),
    });
    out('bucket_arn', bucket.arn);
    out('kms_key_arn', key.arn);
  }
}

/** Builds and synthesizes into `outdir`; returns the stack (its documents, for the sizes). */
export function synthPlain(raw: unknown, outdir: string): PlainStack {
  const app = new App({ outdir });
  const stack = new PlainStack(app, 'plain', raw as Config);
  app.synth();
  return stack;
}

/** The policy JSON the data source renders (minified), with the key ARN as it will be, for sizes. */
function render(statements: Statement[], keyArn: string): string {
  const one = (xs: string[]) => (xs.length === 1 ? xs[0] : xs);
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: statements.map((s) => {
      const condition: Record<string, Record<string, string | string[]>> = {};
      for (const c of s.condition ?? []) (condition[c.test] ??= {})[c.variable] = one(c.values);
      const principal = s.principals?.[0];
      return {
        ...(s.sid ? { Sid: s.sid } : {}),
        Effect: s.effect ?? 'Allow',
        Action: one(s.actions),
        ...(s.resources.length ? { Resource: one(s.resources.map((r) => (r.startsWith('${') ? keyArn : r))) } : {}),
        ...(principal
          ? { Principal: principal.type === '*' ? '*' : { [principal.type]: one(principal.identifiers) } }
          : {}),
        ...(s.condition ? { Condition: condition } : {}),
      };
    }),
  });
}

export interface PlainMeasure {
  resources: number;
  dataSources: number;
  bucketPolicyBytes: number;
  keyPolicyBytes: number;
  largestAccessPointPolicyBytes: number;
  largestRolePolicyChars: number;
}

/** Counts from the written cdk.tf.json, sizes from the documents (outside any timing). */
export function measurePlain(stack: PlainStack | undefined, raw: unknown, outdir: string): PlainMeasure {
  const config = raw as Config;
  const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'plain', 'cdk.tf.json'), 'utf8'));
  const count = (o: Record<string, Record<string, unknown>> = {}) =>
    Object.values(o).reduce((n, byName) => n + Object.keys(byName).length, 0);
  const m: PlainMeasure = {
    resources: count(json.resource),
    dataSources: count(json.data),
    bucketPolicyBytes: 0,
    keyPolicyBytes: 0,
    largestAccessPointPolicyBytes: 0,
    largestRolePolicyChars: 0,
  };
  if (!stack) return m;
  const keyArn = `arn:aws:kms:${config.region}:${config.producer.accountId}:key/00000000-0000-4000-8000-000000000000`;
  for (const d of stack.documents) {
    const size = Buffer.byteLength(render(d.statements, keyArn));
    if (d.kind === 'bucket') m.bucketPolicyBytes += size;
    else if (d.kind === 'key') m.keyPolicyBytes += size;
    else if (d.kind === 'access-point')
      m.largestAccessPointPolicyBytes = Math.max(m.largestAccessPointPolicyBytes, size);
    else if (d.kind === 'role-inline') m.largestRolePolicyChars = Math.max(m.largestRolePolicyChars, size);
  }
  return m;
}

if (require.main === module) {
  const [file, outdir] = process.argv.slice(2);
  synthPlain(JSON.parse(fs.readFileSync(file, 'utf8')), outdir);
}
