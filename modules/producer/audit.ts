/** The audit trail: a created access-log bucket, and a CloudTrail trail of this bucket's S3 data events. */
import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import type { Bucket, Config } from '../config';
import { bucketArn, Namer } from '../naming';
import { PolicyDocument, toJson } from '../policy';
import { SharedBucket } from './bucket';

export interface AuditTrailProps {
  config: Config;
  provider: TerraformProvider;
  /** Policies of the log buckets created here (from the plan). */
  accessLogBucketPolicy?: PolicyDocument;
  trailBucketPolicy?: PolicyDocument;
  names: Namer;
}

export class AuditTrail extends Construct {
  /** The access-log bucket's name as a reference, when it is created here. */
  readonly accessLogBucketId?: string;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const { config, provider, names } = props;
    /** A log bucket: safe defaults, SSE-S3 (log delivery cannot use SSE-KMS), the given policy. */
    const logBucket = (logicalId: string, name: string, policy: PolicyDocument) => {
      const bucket: Bucket = {
        name,
        existing: false,
        encryption: { type: 's3' },
        versioning: true,
        objectOwnership: 'BucketOwnerEnforced',
        policyStatements: [],
        overflow: 'fail',
      };
      return new SharedBucket(this, logicalId, {
        provider,
        bucket,
        policy: toJson(policy),
        terraformName: names(logicalId),
      });
    };
    const log = config.producer.bucket.accessLogging;
    if (log && props.accessLogBucketPolicy) {
      this.accessLogBucketId = logBucket('access_logs', log.targetBucket, props.accessLogBucketPolicy).bucketId;
    }

    const trail = config.producer.audit?.cloudTrail;
    if (!trail) return;
    const created = props.trailBucketPolicy
      ? logBucket('trail_logs', trail.trailBucket, props.trailBucketPolicy)
      : undefined;
    new Cloudtrail(this, 'trail', {
      provider,
      name: trail.name,
      s3BucketName: created ? created.bucketId : trail.trailBucket,
      // CloudTrail checks the bucket policy when the trail is created.
      dependsOn: created ? [created.policy] : undefined,
      enableLogFileValidation: true,
      // With monitoring: management events of every region too (its change alerts read them; IAM's are global).
      includeGlobalServiceEvents: Boolean(trail.managementEvents),
      isMultiRegionTrail: Boolean(trail.managementEvents),
      advancedEventSelector: [
        ...(trail.managementEvents
          ? [{ name: 'Management events', fieldSelector: [{ field: 'eventCategory', equalTo: ['Management'] }] }]
          : []),
        {
          name: `S3 data events of ${config.producer.bucket.name}`,
          fieldSelector: [
            { field: 'eventCategory', equalTo: ['Data'] },
            { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
            { field: 'resources.ARN', startsWith: [`${bucketArn(config.partition, config.producer.bucket.name)}/`] },
          ],
        },
      ],
    }).overrideLogicalId(names('bucket_data_events'));
  }
}
