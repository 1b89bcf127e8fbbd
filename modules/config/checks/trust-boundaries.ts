/**
 * Who else could reach what this project guards: Terraform state kept in a
 * bucket others can read, and a KMS key owned outside the producer account
 * (its owner decides who can decrypt the bucket). The state rule has no way
 * around it; a foreign key owner must be acknowledged with a reason, printed
 * at every synth.
 */
import { parseKeyArn } from '../arn';
import type { Problem } from './problems';
import { MIN_REASON } from './extra-statements';
import type { ParsedConfig } from '../schema';
import { trailBucketName } from '../../naming';

export function stateBackendProblems(c: ParsedConfig): Problem[] {
  if (c.backend.type !== 's3') return [];
  const state = c.backend.bucket;
  const b = c.producer.bucket;
  const trail = c.producer.audit?.cloudTrail;
  const others: [string | undefined, string][] = [
    [
      b.name,
      'the shared bucket: its consumers could read the state, which holds every attribute of every resource (External IDs included)',
    ],
    [
      b.accessLogging?.targetBucket,
      "the shared bucket's access-log bucket: S3 log delivery writes there and whoever reads the logs could read the state",
    ],
    [
      trail ? (trail.trailBucket ?? trailBucketName(b.name)) : undefined,
      "the trail's bucket: CloudTrail writes there and whoever reads the trail could read the state",
    ],
  ];
  const hit = others.find(([name]) => name === state);
  return hit ? [{ path: ['backend', 'bucket'], message: `Terraform state must not be kept in ${hit[1]}` }] : [];
}

interface KeyOwner {
  problems: Problem[];
  warnings: string[];
}

export function keyOwnerReview(c: ParsedConfig): KeyOwner {
  const enc = c.producer.bucket.encryption;
  if (enc.type !== 'kms') return { problems: [], warnings: [] };
  const path = ['producer', 'bucket', 'encryption'];
  const key = enc.keyArn ? parseKeyArn(enc.keyArn) : undefined;
  const owner = key && typeof key !== 'string' ? key.account : undefined;
  const foreign = owner !== undefined && owner !== c.producer.accountId;
  const reason = enc.acknowledgedKeyOwner;
  const problems: Problem[] = [];
  if (foreign && reason === undefined) {
    const consumer = c.consumers.find((k) => k.accountId === owner);
    problems.push({
      path: [...path, 'keyArn'],
      message:
        `the key belongs to account ${owner}${consumer ? ` (the account of consumer "${consumer.name}")` : ''}, not the producer (${c.producer.accountId}): ` +
        "its owner decides who can decrypt the bucket's objects and can make them unreadable; " +
        `if that is intended, set producer.bucket.encryption.acknowledgedKeyOwner to the reason (at least ${MIN_REASON} characters)`,
    });
  }
  if (reason !== undefined) {
    if (!foreign)
      problems.push({
        path: [...path, 'acknowledgedKeyOwner'],
        message: 'the key is not owned by another account: remove this acknowledgement so that it does not linger',
      });
    if (reason.trim().length < MIN_REASON)
      problems.push({
        path: [...path, 'acknowledgedKeyOwner'],
        message: `give the reason in at least ${MIN_REASON} characters`,
      });
  }
  const warnings =
    foreign && reason !== undefined
      ? [`acknowledged: producer.bucket.encryption.keyArn is owned by account ${owner}, not the producer: ${reason}`]
      : [];
  return { problems, warnings };
}
