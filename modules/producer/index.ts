/** Everything in the bucket-owner account: key, bucket and policy, assumable roles, outputs. */
import { Construct } from 'constructs';
import { TerraformOutput, TerraformProvider } from 'cdktf';
import type { Config } from '../config';
import { tfName } from '../naming';
import { AccessPointPolicy, buildPolicies, keyPolicyOf, toJson } from '../policy';
import { SharedBucket } from './bucket';
import { BucketKey } from './key';
import { ProducerRole } from './role';
import { SharedAccessPoint } from './access-point';
import { AuditTrail } from './audit';

export { SharedAccessPoint } from './access-point';
export { AuditTrail } from './audit';
export { SharedBucket } from './bucket';
export { BucketKey } from './key';
export { ProducerRole } from './role';

export class ProducerSide extends Construct {
  readonly bucketArn: string;
  /** ARN of the bucket's KMS key (a reference when created here); absent with SSE-S3. */
  readonly keyArn?: string;
  /** consumer name -> ARN of the role it assumes */
  readonly roleArns: Record<string, string> = {};
  /** The bucket's name as a reference (orders access points after the bucket). */
  readonly bucketId: string;
  /** Every access point's policy; those owned by a consumer account are created on that side. */
  readonly accessPoints: AccessPointPolicy[];

  constructor(scope: Construct, id: string, props: { config: Config; provider: TerraformProvider }) {
    super(scope, id);
    const { config, provider } = props;
    const bucket = config.producer.bucket;
    const enc = bucket.encryption;

    let keyArn = enc.type === 'kms' ? enc.keyArn : undefined;
    if (enc.type === 'kms' && !enc.keyArn) {
      keyArn = new BucketKey(this, 'key', { provider, bucketName: bucket.name, policy: toJson(keyPolicyOf(config)) })
        .keyArn;
    }
    this.keyArn = keyArn;
    const policies = buildPolicies(config, keyArn);
    this.accessPoints = policies.accessPoints;

    const audit = new AuditTrail(this, 'audit', { config, provider });
    const shared = new SharedBucket(this, 'bucket', {
      provider,
      bucket,
      policy: toJson(policies.bucketPolicy),
      kmsKeyArn: keyArn,
      logTargetBucket: audit.accessLogBucketId,
    });
    this.bucketArn = shared.bucketArn;
    this.bucketId = shared.bucketId;
    for (const ap of policies.accessPoints.filter((a) => a.accountId === config.producer.accountId)) {
      new SharedAccessPoint(this, `access-point-${ap.consumer}`, {
        provider,
        bucket: shared.bucketId,
        bucketAccountId: config.producer.accountId,
        ap,
      });
    }
    for (const rp of policies.producerRoles) {
      this.roleArns[rp.consumer] = new ProducerRole(this, `role-${rp.consumer}`, { provider, policies: rp }).roleArn;
    }

    const output = (name: string, value: string, description: string) =>
      new TerraformOutput(this, name, { value, description }).overrideLogicalId(name);
    output('bucket_name', shared.bucketId, 'Name of the shared bucket');
    output('bucket_arn', shared.bucketArn, 'ARN of the shared bucket');
    if (keyArn)
      output('kms_key_arn', keyArn, 'ARN of the KMS key that encrypts the bucket (policies name it by this full ARN)');
    if (policies.keyOwnerStatements) {
      output(
        'kms_key_policy_statements',
        toJson(policies.keyOwnerStatements),
        'Statements the owner of the existing KMS key must add to its key policy (this project does not manage that key)',
      );
    }
    for (const [consumer, arn] of Object.entries(this.roleArns))
      output(tfName('producer_role', consumer, 'arn'), arn, `Role that consumer ${consumer} assumes`);
  }
}
