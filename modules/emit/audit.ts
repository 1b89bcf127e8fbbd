/** The audit trail (modules/producer/audit.ts): a created access-log bucket, a trail of the bucket's data events. */
import type { Bucket, Config } from '../config';
import { bucketArn, Namer } from '../naming';
import { PolicyDocument, toJson } from '../policy';
import { emitBucket } from './bucket';
import { pathOf, StackJson } from './stack';

export interface AuditProps {
  config: Config;
  provider: string;
  accessLogBucketPolicy?: PolicyDocument;
  trailBucketPolicy?: PolicyDocument;
  names: Namer;
}

/** Returns the access-log bucket's name as a reference, when it is created here. */
export function emitAudit(stack: StackJson, path: string, props: AuditProps): string | undefined {
  const { config, provider, names } = props;
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
    return emitBucket(stack, pathOf(path, logicalId), {
      provider,
      bucket,
      policy: toJson(policy),
      terraformName: names(logicalId),
    });
  };
  const log = config.producer.bucket.accessLogging;
  const accessLogBucketId =
    log && props.accessLogBucketPolicy
      ? logBucket('access_logs', log.targetBucket, props.accessLogBucketPolicy).bucketId
      : undefined;

  const trail = config.producer.audit?.cloudTrail;
  if (!trail) return accessLogBucketId;
  const created = props.trailBucketPolicy
    ? logBucket('trail_logs', trail.trailBucket, props.trailBucketPolicy)
    : undefined;
  stack.resource(
    'aws_cloudtrail',
    names('bucket_data_events'),
    pathOf(path, 'trail'),
    {
      name: trail.name,
      s3_bucket_name: created ? created.bucketId : trail.trailBucket,
      enable_log_file_validation: true,
      include_global_service_events: Boolean(trail.managementEvents),
      is_multi_region_trail: Boolean(trail.managementEvents),
      advanced_event_selector: [
        ...(trail.managementEvents
          ? [{ name: 'Management events', field_selector: [{ field: 'eventCategory', equals: ['Management'] }] }]
          : []),
        {
          name: `S3 data events of ${config.producer.bucket.name}`,
          field_selector: [
            { field: 'eventCategory', equals: ['Data'] },
            { field: 'resources.type', equals: ['AWS::S3::Object'] },
            {
              field: 'resources.ARN',
              starts_with: [`${bucketArn(config.partition, config.producer.bucket.name)}/`],
            },
          ],
        },
      ],
    },
    { provider, ...(created ? { dependsOn: [created.policy] } : {}) },
  );
  return accessLogBucketId;
}
