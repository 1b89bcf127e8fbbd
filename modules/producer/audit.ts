/** The audit trail: a created access-log bucket, and a CloudTrail trail of this bucket's S3 data events. */
import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import type { Bucket, Config } from '../config';
import { tfName } from '../naming';
import { accessLogBucketPolicy, bucketArn, toJson, trailBucketPolicy } from '../policy';
import { SharedBucket } from './bucket';

/** A log bucket: safe defaults, SSE-S3 (log delivery cannot use SSE-KMS), the given policy. */
function logBucket(
  scope: Construct,
  id: string,
  provider: TerraformProvider,
  name: string,
  policy: string,
): SharedBucket {
  const bucket: Bucket = {
    name,
    existing: false,
    encryption: { type: 's3' },
    versioning: true,
    objectOwnership: 'BucketOwnerEnforced',
    policyStatements: [],
    overflow: 'fail',
  };
  return new SharedBucket(scope, id, { provider, bucket, policy, terraformName: tfName(id) });
}

export class AuditTrail extends Construct {
  /** The access-log bucket's name as a reference, when it is created here. */
  readonly accessLogBucketId?: string;

  constructor(scope: Construct, id: string, props: { config: Config; provider: TerraformProvider }) {
    super(scope, id);
    const { config, provider } = props;
    const logPolicy = accessLogBucketPolicy(config);
    if (logPolicy)
      this.accessLogBucketId = logBucket(
        this,
        'access_logs',
        provider,
        config.producer.bucket.accessLogging!.targetBucket,
        toJson(logPolicy),
      ).bucketId;

    const trail = config.producer.audit?.cloudTrail;
    if (!trail) return;
    const trailPolicy = trailBucketPolicy(config);
    const created = trailPolicy
      ? logBucket(this, 'trail_logs', provider, trail.trailBucket, toJson(trailPolicy))
      : undefined;
    new Cloudtrail(this, 'trail', {
      provider,
      name: trail.name,
      s3BucketName: created ? created.bucketId : trail.trailBucket,
      // CloudTrail checks the bucket policy when the trail is created.
      dependsOn: created ? [created.policy] : undefined,
      enableLogFileValidation: true,
      includeGlobalServiceEvents: false,
      isMultiRegionTrail: false,
      advancedEventSelector: [
        {
          name: `S3 data events of ${config.producer.bucket.name}`,
          fieldSelector: [
            { field: 'eventCategory', equalTo: ['Data'] },
            { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
            { field: 'resources.ARN', startsWith: [`${bucketArn(config.partition, config.producer.bucket.name)}/`] },
          ],
        },
      ],
    }).overrideLogicalId(tfName('bucket_data_events'));
  }
}
