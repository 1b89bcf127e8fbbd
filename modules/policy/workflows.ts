/**
 * Access levels are defined by the client workflows they must support: the calls
 * the AWS CLI and SDKs make, and the IAM action each call is authorized as. The
 * actions a level grants are computed from this table (actions.ts), so a level
 * grants what its workflows need and nothing else. docs/config.md's "Access levels"
 * section is this table in words; verify keeps its own copy of the workflows
 * (modules/verify/workflows.ts) and a test holds the two together.
 */

export type Level = 'read' | 'write';
export type On = 'object' | 'bucket' | 'key';

export interface ApiCall {
  /** The S3 or KMS API operation. */
  api: string;
  /** What IAM authorizes it as (all of them). */
  actions: readonly string[];
  on: On;
}

export interface Workflow {
  id: string;
  /** What a user does, with the command they would type. */
  title: string;
  /** The levels it needs (both, for read-write workflows). */
  needs: readonly Level[];
  /** Only for buckets with versioning, or only for consumers granted the whole bucket. */
  only?: 'versioning' | 'whole-bucket';
  calls: readonly ApiCall[];
}

const get: ApiCall = { api: 'GetObject', actions: ['s3:GetObject'], on: 'object' };
const head: ApiCall = { api: 'HeadObject', actions: ['s3:GetObject'], on: 'object' };
const list: ApiCall = { api: 'ListObjectsV2', actions: ['s3:ListBucket'], on: 'bucket' };
const decrypt: ApiCall = { api: 'kms:Decrypt (by S3)', actions: ['kms:Decrypt'], on: 'key' };
const dataKey: ApiCall = { api: 'kms:GenerateDataKey (by S3)', actions: ['kms:GenerateDataKey'], on: 'key' };
const put: ApiCall = { api: 'PutObject', actions: ['s3:PutObject'], on: 'object' };

export const WORKFLOWS: readonly Workflow[] = [
  {
    id: 'download',
    title: 'download an object (`aws s3 cp s3://bucket/key .`)',
    needs: ['read'],
    calls: [head, get, decrypt],
  },
  {
    id: 'download-version',
    title: 'download an older version (`aws s3api get-object --version-id`)',
    needs: ['read'],
    calls: [{ api: 'GetObject (versionId)', actions: ['s3:GetObjectVersion'], on: 'object' }, decrypt],
  },
  {
    id: 'list-prefix',
    title: 'list a granted prefix (`aws s3 ls s3://bucket/prefix/`)',
    needs: ['read'],
    calls: [{ api: 'ListObjectsV2 (prefix, delimiter "/")', actions: ['s3:ListBucket'], on: 'bucket' }],
  },
  {
    id: 'sync-down',
    title: 'download a granted prefix recursively (`aws s3 sync s3://bucket/prefix/ .`)',
    needs: ['read'],
    calls: [list, get, decrypt],
  },
  {
    id: 'copy-out',
    title: 'copy an object to another bucket with its tags (`aws s3 cp s3://bucket/key s3://other/key`)',
    needs: ['read'],
    calls: [head, { api: 'GetObjectTagging', actions: ['s3:GetObjectTagging'], on: 'object' }, get, decrypt],
  },
  {
    id: 'copy-out-version',
    title: 'copy an older version out with its tags (`aws s3api copy-object --copy-source bucket/key?versionId=`)',
    needs: ['read'],
    calls: [
      { api: 'GetObjectTagging (versionId)', actions: ['s3:GetObjectVersionTagging'], on: 'object' },
      { api: 'CopyObject source (versionId)', actions: ['s3:GetObjectVersion'], on: 'object' },
      decrypt,
    ],
  },
  {
    id: 'list-versions',
    title: 'list the versions under a granted prefix (`aws s3api list-object-versions --prefix`)',
    needs: ['read'],
    only: 'versioning',
    calls: [{ api: 'ListObjectVersions (prefix)', actions: ['s3:ListBucketVersions'], on: 'bucket' }],
  },
  {
    id: 'bucket-location',
    title: "find the bucket's region (SDKs and `aws s3` do this first)",
    needs: ['read'],
    calls: [{ api: 'GetBucketLocation', actions: ['s3:GetBucketLocation'], on: 'bucket' }],
  },
  {
    id: 'head-bucket',
    title: 'check the bucket exists (`aws s3api head-bucket`)',
    needs: ['read'],
    only: 'whole-bucket',
    calls: [{ api: 'HeadBucket', actions: ['s3:ListBucket'], on: 'bucket' }],
  },
  {
    id: 'upload',
    title: 'upload a file in one part (`aws s3 cp file s3://bucket/key`)',
    needs: ['write'],
    calls: [put, dataKey],
  },
  {
    id: 'upload-tagged',
    title: 'upload with tags (`aws s3api put-object --tagging`)',
    needs: ['write'],
    calls: [
      { api: 'PutObject (x-amz-tagging)', actions: ['s3:PutObject', 's3:PutObjectTagging'], on: 'object' },
      dataKey,
    ],
  },
  {
    id: 'multipart-upload',
    title: 'upload a large file in parts (`aws s3 cp` above 8 MB)',
    needs: ['write'],
    calls: [
      { api: 'CreateMultipartUpload', actions: ['s3:PutObject'], on: 'object' },
      dataKey,
      { api: 'UploadPart', actions: ['s3:PutObject'], on: 'object' },
      decrypt,
      { api: 'ListParts', actions: ['s3:ListMultipartUploadParts'], on: 'object' },
      { api: 'CompleteMultipartUpload', actions: ['s3:PutObject'], on: 'object' },
      decrypt,
    ],
  },
  {
    id: 'abort-multipart',
    title: 'abort an unfinished upload (`aws s3api abort-multipart-upload`)',
    needs: ['write'],
    calls: [{ api: 'AbortMultipartUpload', actions: ['s3:AbortMultipartUpload'], on: 'object' }],
  },
  {
    id: 'copy-in',
    title: 'copy an object in from another bucket with its tags (`aws s3 cp s3://other/key s3://bucket/key`)',
    needs: ['write'],
    calls: [
      { api: 'CopyObject (destination)', actions: ['s3:PutObject', 's3:PutObjectTagging'], on: 'object' },
      dataKey,
    ],
  },
  {
    id: 'sync-up',
    title: 'upload a folder to a granted prefix (`aws s3 sync . s3://bucket/prefix/`)',
    needs: ['read', 'write'],
    calls: [list, put, dataKey],
  },
];

/** What no level supports, on purpose: why, and what to do instead. */
export interface Unsupported {
  id: string;
  title: string;
  reason: string;
  instead: string;
}

export const UNSUPPORTED: readonly Unsupported[] = [
  {
    id: 'list-above-prefix',
    title: 'listing above a granted prefix (`aws s3 ls s3://bucket/`) for a consumer granted prefixes',
    reason: 'ListBucket is granted only for s3:prefix values under the granted prefixes',
    instead: 'list the granted prefix itself: `aws s3 ls s3://bucket/<prefix>`',
  },
  {
    id: 'head-bucket-prefixed',
    title: '`aws s3api head-bucket` for a consumer granted prefixes',
    reason: 'HeadBucket is authorized as ListBucket without a prefix, which a prefix-limited grant cannot match',
    instead: 'GetBucketLocation, or list the granted prefix',
  },
  {
    id: 'sync-to-write-only',
    title: '`aws s3 sync` into a write-only prefix',
    reason: 'sync lists the destination first, and a write level grants no listing',
    instead: '`aws s3 cp --recursive`, or the read-write level',
  },
  {
    id: 'delete',
    title: 'deleting objects',
    reason: 'no level grants s3:DeleteObject: with versioning on, a share keeps every version',
    instead:
      'the "delete" or "spark-writer" pack (docs/packs.md), overwrite (a new version), or a lifecycle rule of the bucket owner',
  },
  {
    id: 'other-encryption',
    title: 'uploads with another encryption (`--sse AES256` on a KMS bucket, another `--sse-kms-key-id`, SSE-C)',
    reason: 'objects nobody else could read, or no longer under the bucket key: the bucket policy denies them',
    instead: "leave the encryption headers out: the bucket's default encryption applies",
  },
  {
    id: 'legacy-multipart',
    title: 'multipart uploads from another account with Object Ownership "BucketOwnerPreferred" or "ObjectWriter"',
    reason: 'UploadPart cannot carry the bucket-owner-full-control ACL that those modes require of every upload',
    instead:
      '"BucketOwnerEnforced", or single-part uploads up to 5 GB (`aws configure set default.s3.multipart_threshold 5GB`)',
  },
];
