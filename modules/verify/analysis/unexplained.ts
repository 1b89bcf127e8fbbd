/** Anything in the output the config does not explain: resource types, buckets, accounts. */
import type { Check } from './context';
import type { Finding } from './findings';
import { MONITORING_TYPES } from '../shape/monitoring';
import { ACCESS_GRANTS_TYPES } from './access-grants';

/** Everything this project writes; any other resource type is not ours to explain. */
const KNOWN = new Set([
  'aws_s3_bucket',
  'data.aws_s3_bucket',
  'aws_s3_bucket_policy',
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_logging',
  'aws_s3_access_point',
  'aws_kms_key',
  'aws_kms_alias',
  'aws_iam_role',
  'aws_iam_role_policy',
  'aws_iam_instance_profile',
  'aws_cloudtrail',
  ...MONITORING_TYPES,
  ...ACCESS_GRANTS_TYPES,
]);

export function checkUnexplained(check: Check): Finding[] {
  const { intent, deployed } = check;
  const config = intent.config;
  const out: Finding[] = [];
  const fail = (where: string, message: string) => out.push({ where, sid: '-', kind: 'unexplained', message });
  const buckets = new Set([
    config.producer.bucket.name,
    ...(config.producer.bucket.accessLogging?.createTargetBucket
      ? [config.producer.bucket.accessLogging.targetBucket]
      : []),
    ...(config.producer.audit?.cloudTrail?.createTrailBucket ? [config.producer.audit.cloudTrail.trailBucket] : []),
  ]);
  const managed = new Set(config.accounts.filter((a) => a.managed).map((a) => a.id));
  for (const r of deployed.resources) {
    const where = `${r.stack}:${r.type}.${r.name}`;
    if (!KNOWN.has(r.type)) fail(where, `a ${r.type} resource: this config writes none`);
    if (r.type === 'aws_s3_bucket' && !buckets.has(String(r.body.bucket)))
      fail(where, `bucket ${String(r.body.bucket)} is not one of this config`);
    if (!managed.has(r.account)) fail(where, `a resource in account ${r.account}, which the config does not manage`);
  }
  return out;
}
