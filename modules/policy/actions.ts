/**
 * Access levels -> actions (DESIGN.md, "Access levels"). No wildcards: every
 * action is named, so a new S3 action never becomes granted by accident.
 */
import type { AccessLevel } from '../config';

export const S3_READ_OBJECT = ['s3:GetObject', 's3:GetObjectVersion'];
export const S3_WRITE_OBJECT = ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'];
export const S3_LIST = ['s3:ListBucket'];
export const S3_LOCATION = ['s3:GetBucketLocation'];
/** Legacy ACL workflows only (Object Ownership other than BucketOwnerEnforced). */
export const S3_WRITE_ACL = ['s3:PutObjectAcl'];

/** Decrypt for reads; GenerateDataKey for writes, plus Decrypt: multipart uploads decrypt the data key to finish. */
export const KMS_READ = ['kms:Decrypt'];
export const KMS_WRITE = ['kms:GenerateDataKey', 'kms:Decrypt'];

export const reads = (level: AccessLevel) => level === 'read' || level === 'read-write';
export const writes = (level: AccessLevel) => level === 'write' || level === 'read-write';

export function kmsActions(level: AccessLevel): string[] {
  return [...new Set([...(reads(level) ? KMS_READ : []), ...(writes(level) ? KMS_WRITE : [])])].sort();
}
