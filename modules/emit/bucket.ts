/**
 * The shared bucket (modules/producer/bucket.ts, key.ts): created with the safe
 * defaults, its configuration resources applied one at a time (S3 answers
 * concurrent changes with HTTP 409), or only looked up when it exists.
 */
import type { Bucket } from '../config';
import { kmsAliasName } from '../naming';
import { pathOf, ref, StackJson } from './stack';

/** The value of blocked_encryption_types that refuses SSE-C (provider 6.25). */
const SSE_C = 'SSE-C';

export interface EmittedBucket {
  /** The bucket's name as a reference (orders dependents after the bucket). */
  bucketId: string;
  bucketArn: string;
  /** The bucket policy's address: what must exist before a service writes to the bucket. */
  policy: string;
}

export interface BucketProps {
  provider: string;
  bucket: Bucket;
  /** The bucket policy, minified JSON. */
  policy: string;
  kmsKeyArn?: string;
  logTargetBucket?: string;
  terraformName: string;
}

export function emitBucket(stack: StackJson, path: string, props: BucketProps): EmittedBucket {
  const { provider, bucket } = props;
  const name = props.terraformName;
  const at = (id: string) => pathOf(path, id);

  if (bucket.existing) {
    const found = stack.dataSource('aws_s3_bucket', name, at('existing'), { bucket: bucket.name }, { provider });
    const policy = stack.resource(
      'aws_s3_bucket_policy',
      name,
      at('policy'),
      { bucket: ref(found, 'id'), policy: props.policy },
      { provider },
    );
    return { bucketId: ref(found, 'id'), bucketArn: ref(found, 'arn'), policy };
  }

  const b = stack.resource('aws_s3_bucket', name, at('bucket'), { bucket: bucket.name }, { provider });
  const bucketId = ref(b, 'id');
  let previous = b;
  const chain = (type: string, id: string, attributes: Record<string, unknown>) => {
    previous = stack.resource(
      type,
      name,
      at(id),
      { bucket: bucketId, ...(attributes as object) },
      { provider, dependsOn: [previous] },
    );
    return previous;
  };

  chain('aws_s3_bucket_public_access_block', 'public-access-block', {
    block_public_acls: true,
    block_public_policy: true,
    ignore_public_acls: true,
    restrict_public_buckets: true,
  });
  chain('aws_s3_bucket_ownership_controls', 'ownership', { rule: { object_ownership: bucket.objectOwnership } });
  chain('aws_s3_bucket_server_side_encryption_configuration', 'encryption', {
    rule: [
      {
        ...(props.kmsKeyArn
          ? {
              apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: props.kmsKeyArn },
              bucket_key_enabled: bucket.encryption.type === 'kms' && bucket.encryption.bucketKey,
            }
          : { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }),
        blocked_encryption_types: [SSE_C],
      },
    ],
  });
  if (bucket.versioning)
    chain('aws_s3_bucket_versioning', 'versioning', { versioning_configuration: { status: 'Enabled' } });
  if (bucket.accessLogging)
    chain('aws_s3_bucket_logging', 'logging', {
      target_bucket: props.logTargetBucket ?? bucket.accessLogging.targetBucket,
      target_prefix: bucket.accessLogging.prefix,
    });
  const policy = chain('aws_s3_bucket_policy', 'policy', { policy: props.policy });
  return { bucketId, bucketArn: ref(b, 'arn'), policy };
}

/** A customer-managed key for the bucket and its alias; returns the key's ARN (a reference). */
export function emitKey(
  stack: StackJson,
  path: string,
  props: { provider: string; bucketName: string; policy: string; terraformName: string },
): string {
  const { provider, terraformName: name } = props;
  const key = stack.resource(
    'aws_kms_key',
    name,
    pathOf(path, 'key'),
    {
      description: `SSE-KMS for s3://${props.bucketName}, shared across accounts`,
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      policy: props.policy,
    },
    { provider },
  );
  stack.resource(
    'aws_kms_alias',
    name,
    pathOf(path, 'alias'),
    { name: kmsAliasName(props.bucketName), target_key_id: ref(key, 'key_id') },
    { provider },
  );
  return ref(key, 'arn');
}
