/**
 * Everything in the bucket-owner account, rendered from a share's plan: key, bucket
 * and policy, access points, roles, outputs.
 */
import { Construct } from 'constructs';
import { TerraformOutput, TerraformProvider } from 'cdktf';
import { outputNames } from '../contract';
import { accountCalled, namer } from '../naming';
import type { Plan } from '../plan';
import { policyText, toJson } from '../policy';
import type { BucketShare } from '../share';
import {
  checkConsumerSides,
  checkProviderAccount,
  checkUniqueAwsNames,
  checkUniqueNames,
  gateProps,
  producerSideOf,
  registerProducerSide,
  ShareConstructError,
  SharedAccessPoint,
} from '../constructs';
import { AccessGrants } from './access-grants';
import { AuditTrail } from './audit';
import { SharedBucket } from './bucket';
import { BucketKey } from './key';
import { ProducerRole } from './role';
import { ShareMonitoring } from './monitoring';

export { SharedAccessPoint } from '../constructs';

export { SharedBucket } from './bucket';
export { BucketKey } from './key';

export interface ProducerSideProps {
  /** The bucket and its grants: planned (once) when this construct is created. */
  share: BucketShare;
  /** The provider of the producer account: its `allowedAccountIds` must be exactly that account. */
  provider: TerraformProvider;
  /**
   * Prefix of every Terraform name and output (`<prefix>_bucket`, `<prefix>_bucket_arn`); default: this
   * construct's id. The JSON app writes "" (unprefixed names).
   */
  prefix?: string;
  /** Write the outputs (default true). */
  outputs?: boolean;
}

export class ProducerSide extends Construct {
  readonly bucketArn: string;
  /** The bucket's name as a reference (orders access points after the bucket). */
  readonly bucketId: string;
  /** ARN of the bucket's KMS key (a reference when created here); absent with SSE-S3. */
  readonly keyArn?: string;
  /** consumer name -> ARN of the role it assumes */
  readonly roleArns: Record<string, string> = {};
  /** The prefix of its Terraform names and outputs (verify finds the outputs by it). */
  readonly prefix: string;

  /** The ProducerSide rendering `share`, if one was created. */
  static of(share: BucketShare): ProducerSide | undefined {
    return producerSideOf(share) as ProducerSide | undefined;
  }

  constructor(scope: Construct, id: string, props: ProducerSideProps) {
    super(scope, id);
    gateProps(this, { ...props }, { prefix: true });
    const { share, provider } = props;
    this.prefix = props.prefix ?? id;
    const other = producerSideOf(share);
    if (other) throw new ShareConstructError(this.node.path, `this share is rendered already, by ${other.node.path}`);
    const plan = share.plan;
    const names = namer(this.prefix);
    const { config, documents: docs } = plan;
    checkProviderAccount(this, provider, config.producer.accountId, 'bucket');
    registerProducerSide(share, this);
    checkConsumerSides(this, share);
    checkUniqueNames(this);
    checkUniqueAwsNames(this);
    const bucket = config.producer.bucket;
    const enc = bucket.encryption;

    let keyArn = enc.type === 'kms' ? enc.keyArn : undefined;
    if (docs.keyPolicy) {
      keyArn = new BucketKey(this, 'key', {
        provider,
        bucketName: bucket.name,
        policy: toJson(docs.keyPolicy),
        terraformName: names('bucket'),
      }).keyArn;
    }
    this.keyArn = keyArn;

    const audit = new AuditTrail(this, 'audit', {
      config,
      provider,
      accessLogBucketPolicy: docs.accessLogBucketPolicy,
      trailBucketPolicy: docs.trailBucketPolicy,
      names,
    });
    const shared = new SharedBucket(this, 'bucket', {
      provider,
      bucket,
      policy: policyText(toJson(docs.bucketPolicy), keyArn),
      kmsKeyArn: keyArn,
      logTargetBucket: audit.accessLogBucketId,
      terraformName: names('bucket'),
    });
    this.bucketArn = shared.bucketArn;
    this.bucketId = shared.bucketId;
    const outputs = props.outputs ?? true;
    if (docs.accessGrants && config.producer.accessGrants) {
      new AccessGrants(this, 'access-grants', {
        provider,
        instance: config.producer.accessGrants,
        docs: docs.accessGrants,
        bucketId: shared.bucketId,
        keyArn,
        names,
      });
    }
    for (const ap of docs.accessPoints.filter((a) => a.accountId === config.producer.accountId)) {
      new SharedAccessPoint(this, `access-point-${ap.consumer}`, {
        provider,
        ownerCalled: accountCalled(config, ap.accountId),
        bucket: shared.bucketId,
        bucketAccountId: config.producer.accountId,
        ap,
        names,
        outputNames: outputNames(this.prefix),
        outputs,
      });
    }
    for (const rp of docs.producerRoles) {
      this.roleArns[rp.consumer] = new ProducerRole(this, `role-${rp.consumer}`, {
        provider,
        policies: rp,
        keyArn,
        terraformName: names('producer', rp.consumer),
      }).roleArn;
    }
    if (plan.monitoring) {
      new ShareMonitoring(this, 'monitoring', {
        provider,
        plan: plan.monitoring,
        bucketId: shared.bucketId,
        after: shared.policy,
        bucketCreated: !bucket.existing,
        keyArn,
        names,
        outputNames: outputNames(this.prefix),
        outputs,
      });
    }
    if (outputs) this.addOutputs(plan, shared, keyArn);
  }

  private addOutputs(plan: Plan, shared: SharedBucket, keyArn: string | undefined): void {
    const output = (name: string, value: string, description: string, sensitive = false) =>
      new TerraformOutput(this, name, { value, description, ...(sensitive ? { sensitive } : {}) }).overrideLogicalId(
        name,
      );
    const out = outputNames(this.prefix);
    const producer = accountCalled(plan.config, plan.config.producer.accountId);
    // An existing key may live in another account: its ARN says which.
    const enc = plan.config.producer.bucket.encryption;
    const keyOwner = enc.type === 'kms' && enc.keyArn ? accountCalled(plan.config, enc.keyArn.split(':')[4]) : producer;
    output(out.bucketName, shared.bucketId, `Name of the shared bucket, in ${producer}`);
    output(out.bucketArn, shared.bucketArn, `ARN of the shared bucket, in ${producer}`);
    if (keyArn)
      output(
        out.kmsKeyArn,
        keyArn,
        `ARN of the KMS key that encrypts the bucket (policies name it by this full ARN), in ${keyOwner}`,
      );
    if (plan.documents.keyOwnerStatements) {
      output(
        out.keyPolicyStatements,
        toJson(plan.documents.keyOwnerStatements),
        'Statements the owner of the existing KMS key must add to its key policy (this project does not manage that key)',
      );
    }
    const grants = plan.documents.accessGrants;
    if (grants) {
      output(
        out.accessGrantsInstanceArn,
        grants.instanceArn,
        `S3 Access Grants instance that access-grant consumers ask for credentials (s3:GetDataAccess), in ${producer}`,
      );
      if (grants.instancePolicy && plan.config.producer.accessGrants?.resourcePolicy === 'handoff')
        output(
          out.accessGrantsPolicyStatements,
          toJson(grants.instancePolicy),
          'Statements the owner of the existing Access Grants instance must merge into its resource policy (this project does not manage it)',
        );
    }
    for (const [consumer, arn] of Object.entries(this.roleArns)) {
      output(out.producerRoleArn(consumer), arn, `Role in ${producer} that consumer ${consumer} assumes`);
    }
    // Accounts not managed here: what their owners must apply.
    for (const u of plan.unmanaged) {
      output(
        out.identityPolicy(u.consumer),
        policyText(toJson(u.identity), keyArn),
        `Identity policy the owner of account ${u.accountId} attaches to ${u.roleArn} (that account is not managed here)`,
      );
      if (u.cliProfile) {
        output(
          out.cliProfile(u.consumer),
          u.cliProfile,
          `AWS CLI profile for consumer ${u.consumer}: hand it to the owner of account ${u.accountId} (carries the External ID)`,
          true,
        );
      }
    }
  }
}
