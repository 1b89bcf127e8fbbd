/**
 * What the config implies for each bucket and stack, written from the config
 * alone (not from modules/producer): the settings of every bucket this output
 * creates, the audit trail, the key, and each stack's state backend.
 */
import type { Config } from '../../config';
import { bucketArn, kmsAliasName, localStatePath, localStatePathFrom, s3StateKey, workspaceName } from '../../naming';

export type BucketRole = 'shared' | 'access-logs' | 'trail-logs';

export interface BucketSpec {
  name: string;
  role: BucketRole;
  /** Created by this output (else only looked up, or not touched at all). */
  created: boolean;
  /** The expected bodies of the bucket's settings resources (attribute -> value), by resource type. */
  settings: Record<string, Record<string, unknown>>;
}

const BLOCK_ALL = {
  block_public_acls: true,
  block_public_policy: true,
  ignore_public_acls: true,
  restrict_public_buckets: true,
};

function settingsOf(
  name: string,
  o: {
    kmsKey?: string;
    bucketKey?: boolean;
    versioning: boolean;
    ownership: string;
    logging?: { target: string; prefix: string };
  },
): BucketSpec['settings'] {
  const out: BucketSpec['settings'] = {
    aws_s3_bucket_public_access_block: { bucket: name, ...BLOCK_ALL },
    aws_s3_bucket_ownership_controls: { bucket: name, rule: { object_ownership: o.ownership } },
    aws_s3_bucket_server_side_encryption_configuration: {
      bucket: name,
      rule: [
        {
          ...(o.kmsKey
            ? {
                apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: o.kmsKey },
                bucket_key_enabled: Boolean(o.bucketKey),
              }
            : { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }),
          // SSE-C refused by S3 itself on every bucket this output creates.
          blocked_encryption_types: ['SSE-C'],
        },
      ],
    },
  };
  if (o.versioning) out.aws_s3_bucket_versioning = { bucket: name, versioning_configuration: { status: 'Enabled' } };
  if (o.logging)
    out.aws_s3_bucket_logging = { bucket: name, target_bucket: o.logging.target, target_prefix: o.logging.prefix };
  return out;
}

/** Every bucket the config names, with what this output must set on those it creates. */
export function bucketSpecs(config: Config, keyArn: string | undefined): BucketSpec[] {
  const b = config.producer.bucket;
  const enc = b.encryption;
  const log = b.accessLogging;
  const specs: BucketSpec[] = [
    {
      name: b.name,
      role: 'shared',
      created: !b.existing,
      settings: settingsOf(b.name, {
        kmsKey: enc.type === 'kms' ? keyArn : undefined,
        bucketKey: enc.type === 'kms' && enc.bucketKey,
        versioning: b.versioning,
        ownership: b.objectOwnership,
        logging: log ? { target: log.targetBucket, prefix: log.prefix } : undefined,
      }),
    },
  ];
  // Log buckets: SSE-S3 (log delivery cannot use SSE-KMS), versioned, ownership enforced.
  const logBucket = (name: string, role: BucketRole, created: boolean): BucketSpec => ({
    name,
    role,
    created,
    settings: settingsOf(name, { versioning: true, ownership: 'BucketOwnerEnforced' }),
  });
  if (log) specs.push(logBucket(log.targetBucket, 'access-logs', log.createTargetBucket));
  const trail = config.producer.audit?.cloudTrail;
  if (trail) specs.push(logBucket(trail.trailBucket, 'trail-logs', trail.createTrailBucket));
  return specs;
}

/** The trail, as the config asks for it. */
export function trailBody(config: Config): Record<string, unknown> | undefined {
  const trail = config.producer.audit?.cloudTrail;
  if (!trail) return undefined;
  const bucket = config.producer.bucket.name;
  return {
    name: trail.name,
    s3_bucket_name: trail.trailBucket,
    enable_log_file_validation: true,
    include_global_service_events: Boolean(trail.managementEvents),
    is_multi_region_trail: Boolean(trail.managementEvents),
    advanced_event_selector: [
      ...(trail.managementEvents
        ? [{ name: 'Management events', field_selector: [{ equals: ['Management'], field: 'eventCategory' }] }]
        : []),
      {
        name: `S3 data events of ${bucket}`,
        field_selector: [
          { equals: ['Data'], field: 'eventCategory' },
          { equals: ['AWS::S3::Object'], field: 'resources.type' },
          { field: 'resources.ARN', starts_with: [`${bucketArn(config.partition, bucket)}/`] },
        ],
      },
    ],
  };
}

export const aliasOf = (config: Config) => kmsAliasName(config.producer.bucket.name);

/** The terraform block's backend (or cloud) entry of a stack, as the config's backend names it. */
export function backendOf(config: Config, stack: string): { key: 'backend' | 'cloud'; value: unknown } {
  const b = config.backend;
  switch (b.type) {
    case 'local':
      return { key: 'backend', value: { local: { path: localStatePath(stack) } } };
    case 's3':
      return {
        key: 'backend',
        value: {
          s3: {
            bucket: b.bucket,
            key: s3StateKey(b.keyPrefix, stack),
            region: b.region,
            encrypt: true,
            ...(b.dynamodbTable ? { dynamodb_table: b.dynamodbTable } : { use_lockfile: true }),
          },
        },
      };
    case 'cloud':
      return {
        key: 'cloud',
        value: {
          organization: b.organization,
          ...(b.hostname ? { hostname: b.hostname } : {}),
          workspaces: { name: workspaceName(b.workspacePrefix, stack), ...(b.project ? { project: b.project } : {}) },
        },
      };
  }
}

/** How a consumer stack reads the producer stack's state. */
export function remoteStateOf(config: Config, producerStack: string): Record<string, unknown> {
  const b = config.backend;
  switch (b.type) {
    case 'local':
      return { backend: 'local', config: { path: localStatePathFrom(producerStack) } };
    case 's3':
      return {
        backend: 's3',
        config: { bucket: b.bucket, key: s3StateKey(b.keyPrefix, producerStack), region: b.region },
      };
    case 'cloud':
      return {
        backend: 'remote',
        config: {
          organization: b.organization,
          ...(b.hostname ? { hostname: b.hostname } : {}),
          workspaces: { name: workspaceName(b.workspacePrefix, producerStack) },
        },
      };
  }
}
