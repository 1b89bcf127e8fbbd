/**
 * The shared bucket: created with the safe defaults of docs/config.md, or, when it
 * exists already, only looked up: its policy is then the one thing managed here.
 */
import { Construct } from 'constructs';
import { ITerraformDependable, TerraformProvider } from 'cdktf';
import { DataAwsS3Bucket } from '@cdktf/provider-aws/lib/data-aws-s3-bucket';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { Bucket } from '../config';

/** The value of blocked_encryption_types that refuses SSE-C (provider 6.25). */
const SSE_C = 'SSE-C';

export interface SharedBucketProps {
  provider: TerraformProvider;
  bucket: Bucket;
  /** The bucket policy, minified JSON. */
  policy: string;
  /** ARN (or reference) of the key for SSE-KMS; absent for SSE-S3. */
  kmsKeyArn?: string;
  /** The access-log bucket as a reference, when it is created in the same stack. */
  logTargetBucket?: string;
  /** Terraform name of its resources. */
  terraformName: string;
}

export class SharedBucket extends Construct {
  /** The bucket name as Terraform knows it (a reference: it orders dependents after the bucket). */
  readonly bucketId: string;
  readonly bucketArn: string;
  /** The bucket policy resource: what must exist before a service writes to the bucket. */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: SharedBucketProps) {
    super(scope, id);
    const { provider, bucket } = props;
    const name = props.terraformName;

    if (bucket.existing) {
      const found = new DataAwsS3Bucket(this, 'existing', { provider, bucket: bucket.name });
      found.overrideLogicalId(name);
      this.bucketId = found.id;
      this.bucketArn = found.arn;
      this.policy = new S3BucketPolicy(this, 'policy', { provider, bucket: found.id, policy: props.policy });
      this.policy.overrideLogicalId(name);
      return;
    }

    const b = new S3Bucket(this, 'bucket', { provider, bucket: bucket.name });
    b.overrideLogicalId(name);
    this.bucketId = b.id;
    this.bucketArn = b.arn;

    // One change at a time per bucket: concurrent updates fail with HTTP 409.
    let previous: ITerraformDependable = b;
    const chain = <T extends ITerraformDependable & { overrideLogicalId(id: string): void }>(
      make: (dependsOn: ITerraformDependable[]) => T,
    ): T => {
      const r = make([previous]);
      r.overrideLogicalId(name);
      previous = r;
      return r;
    };

    chain(
      (dependsOn) =>
        new S3BucketPublicAccessBlock(this, 'public-access-block', {
          provider,
          dependsOn,
          bucket: b.id,
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        }),
    );
    chain(
      (dependsOn) =>
        new S3BucketOwnershipControls(this, 'ownership', {
          provider,
          dependsOn,
          bucket: b.id,
          rule: { objectOwnership: bucket.objectOwnership },
        }),
    );
    chain(
      (dependsOn) =>
        new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
          provider,
          dependsOn,
          bucket: b.id,
          rule: [
            {
              ...(props.kmsKeyArn
                ? {
                    applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn },
                    bucketKeyEnabled: bucket.encryption.type === 'kms' && bucket.encryption.bucketKey,
                  }
                : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }),
              // S3 itself refuses uploads with customer-provided keys (SSE-C), besides the bucket policy's Deny.
              blockedEncryptionTypes: [SSE_C],
            },
          ],
        }),
    );
    if (bucket.versioning) {
      chain(
        (dependsOn) =>
          new S3BucketVersioningA(this, 'versioning', {
            provider,
            dependsOn,
            bucket: b.id,
            versioningConfiguration: { status: 'Enabled' },
          }),
      );
    }
    if (bucket.accessLogging) {
      const log = bucket.accessLogging;
      chain(
        (dependsOn) =>
          new S3BucketLoggingA(this, 'logging', {
            provider,
            dependsOn,
            bucket: b.id,
            targetBucket: props.logTargetBucket ?? log.targetBucket,
            targetPrefix: log.prefix,
          }),
      );
    }
    this.policy = chain(
      (dependsOn) => new S3BucketPolicy(this, 'policy', { provider, dependsOn, bucket: b.id, policy: props.policy }),
    );
  }
}
