/** Policies of the audit trail's buckets: only the AWS log services may write, only for our bucket and trail. */
import type { Config } from '../config';
import { bucketArn } from './arns';
import { denyInsecureTransport } from './documents';
import { PolicyDocument, renderDocument } from './render';
import { normalizeStatement, Statement } from './statement';

const service = (
  fixedSid: string,
  principal: string,
  actions: string[],
  resources: string[],
  conditions: Statement['conditions'],
) =>
  normalizeStatement({
    fixedSid,
    owners: [],
    parts: [],
    effect: 'Allow',
    principals: { Service: [principal] },
    actions,
    resources,
    conditions,
  });

const tlsOnly = (config: Config, bucket: string) => {
  const deny = denyInsecureTransport(config);
  return { ...deny, resources: [bucketArn(config.partition, bucket), `${bucketArn(config.partition, bucket)}/*`] };
};

/** Server access logs: the logging service writes under the prefix, for the shared bucket only. */
export function accessLogBucketPolicy(config: Config): PolicyDocument | undefined {
  const log = config.producer.bucket.accessLogging;
  if (!log?.createTargetBucket) return undefined;
  return renderDocument([
    tlsOnly(config, log.targetBucket),
    service(
      'S3ServerAccessLogsPolicy',
      'logging.s3.amazonaws.com',
      ['s3:PutObject'],
      [`${bucketArn(config.partition, log.targetBucket)}/${log.prefix}*`],
      {
        ArnLike: { 'aws:SourceArn': [bucketArn(config.partition, config.producer.bucket.name)] },
        StringEquals: { 'aws:SourceAccount': [config.producer.accountId] },
      },
    ),
  ]);
}

export const trailArn = (config: Config, name: string) =>
  `arn:${config.partition}:cloudtrail:${config.region}:${config.producer.accountId}:trail/${name}`;

/** CloudTrail's bucket: the trail reads the ACL and writes its log files with the owner's full control. */
export function trailBucketPolicy(config: Config): PolicyDocument | undefined {
  const trail = config.producer.audit?.cloudTrail;
  if (!trail?.createTrailBucket) return undefined;
  const source = { StringEquals: { 'aws:SourceArn': [trailArn(config, trail.name)] } };
  const bucket = bucketArn(config.partition, trail.trailBucket);
  return renderDocument([
    tlsOnly(config, trail.trailBucket),
    service('CloudTrailAclCheck', 'cloudtrail.amazonaws.com', ['s3:GetBucketAcl'], [bucket], source),
    service(
      'CloudTrailWrite',
      'cloudtrail.amazonaws.com',
      ['s3:PutObject'],
      [`${bucket}/AWSLogs/${config.producer.accountId}/*`],
      {
        StringEquals: { ...source.StringEquals, 's3:x-amz-acl': ['bucket-owner-full-control'] },
      },
    ),
  ]);
}
