/** Rules of the bucket, its encryption, its audit trail and its extra policy statements. */
import { parseKeyArn } from '../arn';
import { partitionOf } from '../regions';
import type { ParsedConfig } from '../schema';
import type { Problems } from './problems';

const ENC = ['producer', 'bucket', 'encryption'];

export function checkEncryption(c: ParsedConfig, p: Problems): void {
  const b = c.producer.bucket;
  if (b.encryption.type !== 'kms') return;
  if (!b.encryption.keyArn) {
    if (b.existing) {
      p.add(
        [...ENC, 'keyArn'],
        'an existing bucket encrypted with KMS needs the ARN of its key: a key created here could not become its default encryption (an existing bucket is never changed)',
      );
    }
    return;
  }
  const key = parseKeyArn(b.encryption.keyArn);
  if (typeof key === 'string') return; // reported by the schema
  if (key.region !== c.region) {
    p.add(
      [...ENC, 'keyArn'],
      `an S3 bucket in ${c.region} can only use a KMS key of the same region, not ${key.region}`,
    );
  }
  if (key.partition !== partitionOf(c.region)) {
    p.add([...ENC, 'keyArn'], `the ARN partition "${key.partition}" does not match region ${c.region}`);
  }
}

export function checkLoggingAndAudit(c: ParsedConfig, p: Problems): void {
  const b = c.producer.bucket;
  if (b.accessLogging && b.accessLogging.targetBucket === b.name) {
    p.add(
      ['producer', 'bucket', 'accessLogging', 'targetBucket'],
      'a bucket must not log to itself: every log delivery would create another log record',
    );
  }
  if (b.accessLogging && b.existing) {
    p.add(
      ['producer', 'bucket', 'accessLogging'],
      'an existing bucket is never changed here: configure its server access logging where the bucket is managed (CloudTrail data events, producer.audit.cloudTrail, need no change to the bucket)',
    );
  }
  const trail = c.producer.audit?.cloudTrail;
  if (trail?.trailBucket && (trail.trailBucket === b.name || trail.trailBucket === b.accessLogging?.targetBucket)) {
    p.add(
      ['producer', 'audit', 'cloudTrail', 'trailBucket'],
      'the trail needs a bucket of its own: not the shared bucket (its data events would log themselves) nor the access-log bucket',
    );
  }
}

/** The slot size only means something when overflow may move consumers. */
export function checkOverflowSlot(c: ParsedConfig, p: Problems): void {
  const b = c.producer.bucket;
  if (b.overflowSlotBytes !== undefined && b.overflow === 'fail') {
    p.add(
      ['producer', 'bucket', 'overflowSlotBytes'],
      'only applies with "overflow": "access-points" or "access-grants" (it sizes the room each consumer keeps in the bucket policy): set one, or remove overflowSlotBytes',
    );
  }
}

/** An existing bucket cannot be read at synth: what the policies depend on must be stated. */
export function checkExistingBucket(c: ParsedConfig, p: Problems): void {
  const b = c.producer.bucket;
  if (b.existing && b.objectOwnership === undefined) {
    p.add(
      ['producer', 'bucket', 'objectOwnership'],
      'an existing bucket must state its Object Ownership ("BucketOwnerEnforced", "BucketOwnerPreferred" or "ObjectWriter"): ' +
        'it cannot be read at synth, and the grants differ (see `aws s3api get-bucket-ownership-controls --bucket ' +
        `${b.name}\`)`,
    );
  }
}

export function checkExtraStatements(c: ParsedConfig, p: Problems): void {
  const b = c.producer.bucket;
  const sids = new Set<string>();
  b.policyStatements.forEach((s, i) => {
    const at = ['producer', 'bucket', 'policyStatements', i];
    if (sids.has(s.Sid)) p.add([...at, 'Sid'], `duplicate Sid "${s.Sid}"`);
    sids.add(s.Sid);
    const acl = [s.Action ?? []].flat().filter((a) => /^s3:(Get|Put)(Bucket|Object)(Version)?Acl$/i.test(a));
    if ((b.objectOwnership ?? 'BucketOwnerEnforced') === 'BucketOwnerEnforced' && s.Effect === 'Allow' && acl.length) {
      p.add(
        [...at, 'Action'],
        `${acl.join(', ')}: with Object Ownership "BucketOwnerEnforced" ACLs are disabled and grant nothing; access is granted by policies only. ` +
          'To migrate, move what the ACLs granted into consumers (or policy statements), then drop the ACL actions; ' +
          'to keep ACLs for a while, set objectOwnership to "BucketOwnerPreferred" (a legacy mode).',
      );
    }
  });
}
