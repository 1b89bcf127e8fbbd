/**
 * The workflow packs as verify asks them: each engine's calls as request
 * sequences, written here from the S3 documentation and docs/packs.md on their
 * own, not from the generator (a test holds this table and modules/policy's
 * together). Names and the level each pack needs come from the config's table.
 * The "delete" pack's workflow is `aws s3 rm`, the "delete" row of WORKFLOWS that
 * every consumer is asked (who can delete).
 */
import type { Pack } from '../config';
import type { Step, Workflow } from './workflows';

export interface PackWorkflow extends Workflow {
  pack: Pack;
}

const s3 = (api: string, action: string, on: 'object' | 'bucket', extra: Record<string, unknown> = {}): Step => ({
  s3: { api, action, on, ...extra },
});
const decrypt: Step = { kms: { api: 'kms:Decrypt by S3', action: 'kms:Decrypt', context: 'stored' } };
const dataKey: Step = { kms: { api: 'kms:GenerateDataKey by S3', action: 'kms:GenerateDataKey', context: 'stored' } };
const put = s3('PutObject', 's3:PutObject', 'object');
const head = s3('HeadObject', 's3:GetObject', 'object');
const list = s3('ListObjectsV2 (prefix)', 's3:ListBucket', 'bucket', { prefix: 'scope' });
const del = s3('DeleteObjects (each key)', 's3:DeleteObject', 'object');
// IAM authorizes ListMultipartUploads against the bucket ARN only: no access-point form.
const listUploads = s3('ListMultipartUploads', 's3:ListBucketMultipartUploads', 'bucket', { bucketOnly: true });
const abort = s3('AbortMultipartUpload', 's3:AbortMultipartUpload', 'object');
const multipart: Step[] = [
  s3('CreateMultipartUpload', 's3:PutObject', 'object'),
  dataKey,
  s3('UploadPart', 's3:PutObject', 'object', { noAcl: true }),
  s3('ListParts', 's3:ListMultipartUploadParts', 'object'),
  s3('CompleteMultipartUpload', 's3:PutObject', 'object'),
  decrypt,
];

export const PACK_WORKFLOWS: readonly PackWorkflow[] = [
  {
    id: 'spark-commit',
    pack: 'spark-writer',
    title: 'Spark commit: write _temporary/, list it, copy into place, delete the temporary objects',
    needs: ['read', 'write'],
    steps: [
      put,
      dataKey,
      list,
      head,
      s3('CopyObject (source)', 's3:GetObject', 'object'),
      decrypt,
      s3('CopyObject (destination)', 's3:PutObject', 'object'),
      dataKey,
      del,
    ],
  },
  {
    id: 'spark-multipart',
    pack: 'spark-writer',
    title: 'S3A fast upload / magic committer: a file in parts',
    needs: ['read', 'write'],
    steps: multipart,
  },
  {
    id: 'spark-abort-uploads',
    pack: 'spark-writer',
    title: "a failed job's cleanup: list pending uploads, abort them",
    needs: ['read', 'write'],
    steps: [listUploads, abort],
  },
  {
    id: 'athena-write-results',
    pack: 'athena-results',
    title: 'Athena writes a query result (one part, then in parts)',
    needs: ['read', 'write'],
    steps: [s3('GetBucketLocation', 's3:GetBucketLocation', 'bucket'), put, dataKey, ...multipart],
  },
  {
    id: 'athena-clean-uploads',
    pack: 'athena-results',
    title: "Athena aborts a cancelled query's uploads",
    needs: ['read', 'write'],
    steps: [listUploads, abort],
  },
  {
    id: 'athena-read-results',
    pack: 'athena-results',
    title: 'GetQueryResults reads the result back',
    needs: ['read', 'write'],
    steps: [list, head, s3('GetObject', 's3:GetObject', 'object'), decrypt],
  },
  {
    id: 'restore',
    pack: 'restore',
    title: 'aws s3api restore-object, then read the restored copy',
    needs: ['read'],
    steps: [
      s3('RestoreObject', 's3:RestoreObject', 'object'),
      head,
      s3('GetObject', 's3:GetObject', 'object'),
      decrypt,
    ],
  },
  {
    id: 'object-attributes',
    pack: 'object-attributes',
    title: 'aws s3api get-object-attributes',
    needs: ['read'],
    // Without a version ID: s3:GetObject and s3:GetObjectAttributes, both (S3 API reference).
    steps: [
      s3('GetObjectAttributes', 's3:GetObject', 'object'),
      s3('GetObjectAttributes', 's3:GetObjectAttributes', 'object'),
    ],
  },
  {
    id: 'object-attributes-version',
    pack: 'object-attributes',
    title: 'aws s3api get-object-attributes --version-id',
    needs: ['read'],
    only: 'versioning',
    steps: [
      s3('GetObjectAttributes (versionId)', 's3:GetObjectVersion', 'object'),
      s3('GetObjectAttributes (versionId)', 's3:GetObjectVersionAttributes', 'object'),
    ],
  },
];

/**
 * The S3 actions packs add, by what they act on (written from docs/packs.md): what the complete analysis
 * accepts for a consumer holding them. Through an access point, none that IAM authorizes on the bucket only.
 */
export function packS3Actions(packs: readonly Pack[], o: { versioning: boolean }, viaAccessPoint = false) {
  const has = (p: Pack) => packs.includes(p);
  return {
    object: [
      ...(has('spark-writer') || has('delete') ? ['s3:DeleteObject'] : []),
      ...(has('spark-writer') || has('athena-results')
        ? ['s3:AbortMultipartUpload', 's3:ListMultipartUploadParts']
        : []),
      ...(has('restore') ? ['s3:RestoreObject'] : []),
      ...(has('object-attributes') ? ['s3:GetObjectAttributes'] : []),
      ...(has('object-attributes') && o.versioning ? ['s3:GetObjectVersionAttributes'] : []),
    ],
    bucket: (has('spark-writer') || has('athena-results')) && !viaAccessPoint ? ['s3:ListBucketMultipartUploads'] : [],
  };
}

/** Every S3 action any pack may grant on objects. */
export const PACK_OBJECT_ACTIONS = packS3Actions(
  ['spark-writer', 'athena-results', 'restore', 'object-attributes', 'delete'],
  { versioning: true },
).object;
