/** Policies of the audit trail's buckets: only the AWS log services may write, only for our bucket and trail. */
import type { Config } from '../../config';
import { bucketArn, trailArn } from '../../naming';
import { PolicyDocument, renderDocument } from '../render';
import { Conditions, fixed } from '../statement';
import { denyInsecureTransport } from './bucket';

const service = (sid: string, principal: string, actions: string[], resources: string[], conditions: Conditions) =>
  fixed(sid, 'Allow', { principal: { kind: 'services', services: [principal] }, actions, resources, conditions });

/** Server access logs: the logging service writes under the prefix, for the shared bucket only. */
export function accessLogBucketPolicy(config: Config): PolicyDocument | undefined {
  const log = config.producer.bucket.accessLogging;
  if (!log?.createTargetBucket) return undefined;
  return renderDocument('resource', [
    denyInsecureTransport(config, log.targetBucket),
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

const trailArnOf = (config: Config, name: string) =>
  trailArn(config.partition, config.region, config.producer.accountId, name);

/** CloudTrail's bucket: the trail reads the ACL and writes its log files with the owner's full control. */
export function trailBucketPolicy(config: Config): PolicyDocument | undefined {
  const trail = config.producer.audit?.cloudTrail;
  if (!trail?.createTrailBucket) return undefined;
  const source = { 'aws:SourceArn': [trailArnOf(config, trail.name)] };
  const bucket = bucketArn(config.partition, trail.trailBucket);
  return renderDocument('resource', [
    denyInsecureTransport(config, trail.trailBucket),
    service('CloudTrailAclCheck', 'cloudtrail.amazonaws.com', ['s3:GetBucketAcl'], [bucket], { StringEquals: source }),
    service(
      'CloudTrailWrite',
      'cloudtrail.amazonaws.com',
      ['s3:PutObject'],
      [`${bucket}/AWSLogs/${config.producer.accountId}/*`],
      { StringEquals: { ...source, 's3:x-amz-acl': ['bucket-owner-full-control'] } },
    ),
  ]);
}
