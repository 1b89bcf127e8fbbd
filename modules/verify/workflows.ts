/**
 * The client workflows verify asks about, each a sequence of the requests the
 * AWS CLI and SDKs send — written here on their own, from the S3 and KMS
 * documentation, not from the generator (a test holds the two tables together).
 * A workflow passes only if every step is allowed.
 */
import { type AccessLevel, reads, writes } from '../config';

export type Level = 'read' | 'write';

export interface S3Step {
  api: string;
  action: string;
  on: 'object' | 'bucket';
  /** ListObjects: asks with s3:prefix = the prefix in scope (and a "/" delimiter for a listing). */
  prefix?: 'scope' | 'none';
  delimiter?: boolean;
  /** Request headers that become condition keys (e.g. an SSE header). */
  headers?: Record<string, string>;
  /** UploadPart: cannot carry x-amz-acl, unlike every other upload call. */
  noAcl?: boolean;
  /** Not through an access point: an API with no access-point form. */
  bucketOnly?: boolean;
}

export interface KmsStep {
  api: string;
  action: 'kms:Decrypt' | 'kms:GenerateDataKey' | 'kms:Encrypt';
  /**
   * The encryption context S3 sends: the bucket ARN (Bucket Key) or the object's ARN; "stored": as this bucket writes.
   */
  context: 'stored' | 'object';
  /** Called by the principal itself, not by S3 on its behalf (no kms:ViaService). */
  direct?: boolean;
}

export type Step = { s3: S3Step } | { kms: KmsStep };

export interface Workflow {
  id: string;
  title: string;
  /** The levels it needs; "never": a request no level may make. */
  needs: Level[] | 'never';
  only?: 'versioning' | 'whole-bucket' | 'kms' | 'kms-bucket-key' | 'legacy-acl' | 'enforced-ownership' | 'sse-s3';
  steps: Step[];
}

const s3 = (api: string, action: string, on: S3Step['on'], extra: Partial<S3Step> = {}): Step => ({
  s3: { api, action, on, ...extra },
});
const decrypt: Step = { kms: { api: 'kms:Decrypt by S3', action: 'kms:Decrypt', context: 'stored' } };
const dataKey: Step = { kms: { api: 'kms:GenerateDataKey by S3', action: 'kms:GenerateDataKey', context: 'stored' } };
const get = s3('GetObject', 's3:GetObject', 'object');
const head = s3('HeadObject', 's3:GetObject', 'object');
const put = s3('PutObject', 's3:PutObject', 'object');

export const WORKFLOWS: readonly Workflow[] = [
  { id: 'download', title: 'aws s3 cp s3://bucket/key .', needs: ['read'], steps: [head, get, decrypt] },
  {
    id: 'download-version',
    title: 'aws s3api get-object --version-id',
    needs: ['read'],
    steps: [s3('GetObject (versionId)', 's3:GetObjectVersion', 'object'), decrypt],
  },
  {
    id: 'download-unkeyed',
    title: 'download an object written without an S3 Bucket Key',
    needs: ['read'],
    only: 'kms-bucket-key',
    steps: [
      get,
      { kms: { api: 'kms:Decrypt by S3 (object ARN as context)', action: 'kms:Decrypt', context: 'object' } },
    ],
  },
  {
    id: 'list-prefix',
    title: 'aws s3 ls s3://bucket/prefix/',
    needs: ['read'],
    steps: [s3('ListObjectsV2 (prefix, delimiter /)', 's3:ListBucket', 'bucket', { prefix: 'scope', delimiter: true })],
  },
  {
    id: 'sync-down',
    title: 'aws s3 sync s3://bucket/prefix/ .',
    needs: ['read'],
    steps: [s3('ListObjectsV2 (prefix)', 's3:ListBucket', 'bucket', { prefix: 'scope' }), get, decrypt],
  },
  {
    id: 'copy-out',
    title: 'aws s3 cp s3://bucket/key s3://other/key (tags copied)',
    needs: ['read'],
    steps: [
      head,
      s3('GetObjectTagging', 's3:GetObjectTagging', 'object'),
      s3('CopyObject (source)', 's3:GetObject', 'object'),
      decrypt,
    ],
  },
  {
    id: 'copy-out-version',
    title: 'aws s3api copy-object --copy-source bucket/key?versionId=',
    needs: ['read'],
    steps: [
      s3('GetObjectTagging (versionId)', 's3:GetObjectVersionTagging', 'object'),
      s3('CopyObject (source version)', 's3:GetObjectVersion', 'object'),
      decrypt,
    ],
  },
  {
    id: 'list-versions',
    title: 'aws s3api list-object-versions --prefix',
    needs: ['read'],
    only: 'versioning',
    steps: [s3('ListObjectVersions (prefix)', 's3:ListBucketVersions', 'bucket', { prefix: 'scope' })],
  },
  {
    id: 'bucket-location',
    title: "the bucket's region (SDKs ask first)",
    needs: ['read'],
    steps: [s3('GetBucketLocation', 's3:GetBucketLocation', 'bucket')],
  },
  {
    id: 'head-bucket',
    title: 'aws s3api head-bucket',
    needs: ['read'],
    only: 'whole-bucket',
    steps: [s3('HeadBucket', 's3:ListBucket', 'bucket', { prefix: 'none', bucketOnly: true })],
  },
  { id: 'upload', title: 'aws s3 cp file s3://bucket/key (one part)', needs: ['write'], steps: [put, dataKey] },
  {
    id: 'upload-tagged',
    title: 'aws s3api put-object --tagging',
    needs: ['write'],
    steps: [put, s3('PutObject (x-amz-tagging)', 's3:PutObjectTagging', 'object'), dataKey],
  },
  {
    id: 'multipart-upload',
    title: 'aws s3 cp of a file above 8 MB (multipart)',
    needs: ['write'],
    steps: [
      s3('CreateMultipartUpload', 's3:PutObject', 'object'),
      dataKey,
      s3('UploadPart', 's3:PutObject', 'object', { noAcl: true }),
      decrypt,
      s3('ListParts', 's3:ListMultipartUploadParts', 'object'),
      s3('CompleteMultipartUpload', 's3:PutObject', 'object'),
    ],
  },
  {
    id: 'abort-multipart',
    title: 'aws s3api abort-multipart-upload',
    needs: ['write'],
    steps: [s3('AbortMultipartUpload', 's3:AbortMultipartUpload', 'object')],
  },
  {
    id: 'copy-in',
    title: 'aws s3 cp s3://other/key s3://bucket/key (tags copied)',
    needs: ['write'],
    steps: [
      s3('CopyObject (destination)', 's3:PutObject', 'object'),
      s3('CopyObject (tags)', 's3:PutObjectTagging', 'object'),
      dataKey,
    ],
  },
  {
    id: 'sync-up',
    title: 'aws s3 sync . s3://bucket/prefix/',
    needs: ['read', 'write'],
    steps: [s3('ListObjectsV2 (prefix)', 's3:ListBucket', 'bucket', { prefix: 'scope' }), put, dataKey],
  },
  // What nobody may do, whatever their level.
  {
    id: 'delete',
    title: 'aws s3 rm s3://bucket/key',
    needs: 'never',
    steps: [s3('DeleteObject', 's3:DeleteObject', 'object')],
  },
  {
    id: 'put-bucket-policy',
    title: 'aws s3api put-bucket-policy',
    needs: 'never',
    steps: [s3('PutBucketPolicy', 's3:PutBucketPolicy', 'bucket', { bucketOnly: true })],
  },
  {
    id: 'upload-sse-s3',
    title: 'aws s3 cp --sse AES256 (a KMS bucket)',
    needs: 'never',
    only: 'kms',
    steps: [
      s3('PutObject (SSE-S3)', 's3:PutObject', 'object', { headers: { 's3:x-amz-server-side-encryption': 'AES256' } }),
    ],
  },
  {
    id: 'upload-sse-kms',
    title: 'aws s3 cp --sse aws:kms (an SSE-S3 bucket)',
    needs: 'never',
    only: 'sse-s3',
    steps: [
      s3('PutObject (SSE-KMS)', 's3:PutObject', 'object', {
        headers: { 's3:x-amz-server-side-encryption': 'aws:kms' },
      }),
    ],
  },
  {
    id: 'upload-other-key',
    title: 'aws s3 cp --sse aws:kms --sse-kms-key-id <another key>',
    needs: 'never',
    only: 'kms',
    steps: [
      s3('PutObject (another KMS key)', 's3:PutObject', 'object', {
        headers: {
          's3:x-amz-server-side-encryption': 'aws:kms',
          's3:x-amz-server-side-encryption-aws-kms-key-id':
            'arn:aws:kms:us-east-1:999999999999:key/11111111-2222-4333-8444-555555555555',
        },
      }),
    ],
  },
  {
    id: 'upload-unnamed-key',
    title: 'aws s3 cp --sse aws:kms (no key named: S3 would use aws/s3)',
    needs: 'never',
    only: 'kms',
    steps: [
      s3('PutObject (aws:kms, no key)', 's3:PutObject', 'object', {
        headers: { 's3:x-amz-server-side-encryption': 'aws:kms' },
      }),
    ],
  },
  {
    id: 'upload-sse-c',
    title: 'aws s3 cp --sse-c (a key of the client)',
    needs: 'never',
    steps: [
      s3('PutObject (SSE-C)', 's3:PutObject', 'object', {
        headers: { 's3:x-amz-server-side-encryption-customer-algorithm': 'AES256' },
      }),
    ],
  },
  {
    id: 'kms-direct',
    title: 'kms decrypt called directly, not through S3',
    needs: 'never',
    only: 'kms',
    steps: [{ kms: { api: 'kms:Decrypt (direct)', action: 'kms:Decrypt', context: 'stored', direct: true } }],
  },
  {
    id: 'kms-encrypt',
    title: 'kms:Encrypt with the bucket key',
    needs: 'never',
    only: 'kms',
    steps: [{ kms: { api: 'kms:Encrypt', action: 'kms:Encrypt', context: 'stored' } }],
  },
  {
    id: 'put-object-acl',
    title: 'aws s3api put-object-acl (ACLs are off)',
    needs: 'never',
    only: 'enforced-ownership',
    steps: [s3('PutObjectAcl', 's3:PutObjectAcl', 'object')],
  },
  {
    id: 'upload-without-owner-acl',
    title: 'an upload without bucket-owner-full-control (legacy ACL modes)',
    needs: 'never',
    only: 'legacy-acl',
    steps: [s3('PutObject (no x-amz-acl)', 's3:PutObject', 'object', { noAcl: true })],
  },
];

/** The atomic levels a config level holds, from the config's table. */
export const levels = (l: AccessLevel): Level[] => [
  ...(reads(l) ? ['read' as const] : []),
  ...(writes(l) ? ['write' as const] : []),
];
