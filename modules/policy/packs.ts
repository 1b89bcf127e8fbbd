/**
 * The workflow packs (config/packs.ts names them) defined like the levels: by
 * the calls each engine makes, and the IAM action each call is authorized as.
 * What a pack grants is computed from this table: the actions of its calls that
 * the consumer's level does not already grant. docs/packs.md is this table in
 * words; verify keeps its own copy (modules/verify/packs.ts), a test holds the two.
 */
import type { Pack } from '../config';
import type { ApiCall } from './workflows';

export interface PackCall extends ApiCall {
  /** No access-point form in IAM: AWS authorizes it against the bucket ARN only. */
  bucketOnly?: boolean;
}

export interface PackWorkflow {
  id: string;
  pack: Pack;
  title: string;
  /** Only for buckets with versioning. */
  only?: 'versioning';
  calls: readonly PackCall[];
}

const call = (api: string, actions: string[], on: PackCall['on'], extra: Partial<PackCall> = {}): PackCall => ({
  api,
  actions,
  on,
  ...extra,
});
const list = call('ListObjectsV2 (prefix)', ['s3:ListBucket'], 'bucket');
const head = call('HeadObject', ['s3:GetObject'], 'object');
const get = call('GetObject', ['s3:GetObject'], 'object');
const put = call('PutObject', ['s3:PutObject'], 'object');
const decrypt = call('kms:Decrypt (by S3)', ['kms:Decrypt'], 'key');
const dataKey = call('kms:GenerateDataKey (by S3)', ['kms:GenerateDataKey'], 'key');
const del = call('DeleteObject / DeleteObjects (each key)', ['s3:DeleteObject'], 'object');
const listUploads = call('ListMultipartUploads (prefix)', ['s3:ListBucketMultipartUploads'], 'bucket', {
  bucketOnly: true,
});
const multipart = [
  call('CreateMultipartUpload', ['s3:PutObject'], 'object'),
  dataKey,
  call('UploadPart', ['s3:PutObject'], 'object'),
  call('ListParts', ['s3:ListMultipartUploadParts'], 'object'),
  call('CompleteMultipartUpload', ['s3:PutObject'], 'object'),
  decrypt,
];

export const PACK_WORKFLOWS: readonly PackWorkflow[] = [
  {
    id: 'spark-commit',
    pack: 'spark-writer',
    title: "a Spark / EMR / Glue job's commit: temporary objects written, listed, copied into place, deleted",
    calls: [
      put,
      dataKey,
      list,
      head,
      call('CopyObject (source)', ['s3:GetObject'], 'object'),
      decrypt,
      call('CopyObject (destination)', ['s3:PutObject'], 'object'),
      dataKey,
      del,
    ],
  },
  {
    id: 'spark-multipart',
    pack: 'spark-writer',
    title: "a large output file in parts (S3A's fast upload, the magic committer)",
    calls: multipart,
  },
  {
    id: 'spark-abort-uploads',
    pack: 'spark-writer',
    title: "a failed job's cleanup: list the pending uploads, abort them",
    calls: [listUploads, call('AbortMultipartUpload', ['s3:AbortMultipartUpload'], 'object')],
  },
  {
    id: 'athena-write-results',
    pack: 'athena-results',
    title: 'Athena writes a query result and its metadata to the output location',
    calls: [call('GetBucketLocation', ['s3:GetBucketLocation'], 'bucket'), put, dataKey, ...multipart],
  },
  {
    id: 'athena-clean-uploads',
    pack: 'athena-results',
    title: "Athena lists and aborts a cancelled query's unfinished uploads",
    calls: [listUploads, call('AbortMultipartUpload', ['s3:AbortMultipartUpload'], 'object')],
  },
  {
    id: 'athena-read-results',
    pack: 'athena-results',
    title: 'GetQueryResults and the console read the result back',
    calls: [list, head, get, decrypt],
  },
  {
    id: 'restore',
    pack: 'restore',
    title: 'restore an archived object (`aws s3api restore-object`), then read the copy',
    calls: [call('RestoreObject', ['s3:RestoreObject'], 'object'), head, get, decrypt],
  },
  {
    id: 'object-attributes',
    pack: 'object-attributes',
    title: "an object's checksum, parts and size (`aws s3api get-object-attributes`)",
    calls: [call('GetObjectAttributes', ['s3:GetObject', 's3:GetObjectAttributes'], 'object')],
  },
  {
    id: 'object-attributes-version',
    pack: 'object-attributes',
    title: "an older version's attributes (`aws s3api get-object-attributes --version-id`)",
    only: 'versioning',
    calls: [
      call('GetObjectAttributes (versionId)', ['s3:GetObjectVersion', 's3:GetObjectVersionAttributes'], 'object'),
    ],
  },
  {
    id: 'delete',
    pack: 'delete',
    title: 'delete an object (`aws s3 rm s3://bucket/key`): a delete marker when versioning is on',
    calls: [del],
  },
];

export type Where = 'bucket' | 'access-point';

/**
 * The actions `packs` need on `on`, through the bucket or an access point: every action their workflows call
 * (bucket-only calls: through the bucket only). The level's own actions are left to the caller to subtract.
 */
export function packActions(
  packs: readonly Pack[],
  on: ApiCall['on'],
  o: { versioning: boolean },
  where: Where = 'bucket',
): string[] {
  const out = new Set<string>();
  for (const w of PACK_WORKFLOWS) {
    if (!packs.includes(w.pack) || (w.only === 'versioning' && !o.versioning)) continue;
    for (const c of w.calls)
      if (c.on === on && !(c.bucketOnly && where === 'access-point')) c.actions.forEach((a) => out.add(a));
  }
  return [...out].sort();
}
