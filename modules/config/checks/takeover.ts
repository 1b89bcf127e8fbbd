/**
 * Bucket-policy actions that hand over control of the bucket rather than of
 * data: whoever holds one can rewrite who may read, delete everything on a
 * schedule, copy it elsewhere, or turn off what protects it. Granted by an
 * extra statement to anyone, producer and consumers included, they need the
 * acknowledgement a widening needs.
 */
const TAKEOVER: Record<string, string> = {
  's3:PutBucketPolicy': "rewrites the bucket policy: every grant, this project's included",
  's3:DeleteBucketPolicy': 'removes the bucket policy, its Deny statements with it',
  's3:PutBucketAcl': 'grants access by ACL, outside the bucket policy',
  's3:PutObjectAcl': 'grants access to objects by ACL, outside the bucket policy',
  's3:PutObjectVersionAcl': 'grants access to object versions by ACL, outside the bucket policy',
  's3:PutBucketOwnershipControls': 'turns ACLs back on (object ownership)',
  's3:PutBucketPublicAccessBlock': "turns off the bucket's Block Public Access",
  's3:PutEncryptionConfiguration': "changes the bucket's default encryption (its key)",
  's3:PutLifecycleConfiguration': 'expires (deletes) every object on a schedule',
  's3:PutReplicationConfiguration': 'copies every new object to a bucket of any account',
  's3:PutBucketVersioning': 'suspends versioning, so deleted objects cannot be recovered',
  's3:PutBucketObjectLockConfiguration': "changes the bucket's Object Lock retention",
  's3:BypassGovernanceRetention': 'deletes objects under Object Lock governance retention',
  's3:DeleteBucket': 'deletes the bucket (its name can then be taken by anyone)',
};

const pattern = (action: string) =>
  new RegExp(
    `^${action
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );

/** The takeover-class actions an Action entry covers (a wildcard covers several), each with what it allows. */
export function takeoverActions(action: string): [string, string][] {
  const re = action === '*' ? /^/ : pattern(action);
  return Object.entries(TAKEOVER).filter(([a]) => re.test(a));
}
