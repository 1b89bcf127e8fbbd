/** Every policy document of a plan, computed once: constructs render these, nothing computes them again. */
import { accessGrantsOf } from './access-grants';
import {
  AccessGrantsDocuments,
  AccessPointPolicy,
  accessLogBucketPolicy,
  bucketPolicy,
  ConsumerPolicies,
  consumerDocuments,
  keyOwnerStatements,
  keyPolicy,
  PolicyDocument,
  ProducerRolePolicies,
  producerRolePolicies,
  Share,
  trailBucketPolicy,
} from '../policy';

export interface Documents {
  bucketPolicy: PolicyDocument;
  /** Policy of the key created here (encryption kms without keyArn). */
  keyPolicy?: PolicyDocument;
  /** With an existing key: the statements its owner must add to its key policy. */
  keyOwnerStatements?: PolicyDocument;
  /** One per access-point consumer (owned by the producer or by the consumer's account). */
  accessPoints: AccessPointPolicy[];
  producerRoles: ProducerRolePolicies[];
  /** One per consumer, in the order of the config's consumers (sorted by name). */
  consumers: ConsumerPolicies[];
  accessLogBucketPolicy?: PolicyDocument;
  trailBucketPolicy?: PolicyDocument;
  /** Consumers of method "access-grant": the instance's policy, the location and its role, the grants. */
  accessGrants?: AccessGrantsDocuments;
}

/** `bucket`: the bucket policy, when the plan has rendered it already. */
export function documentsOf(share: Share, bucket?: PolicyDocument): Documents {
  const { config } = share;
  const enc = config.producer.bucket.encryption;
  // Each consumer's identity policies and access point's policy, made together (policy/documents/consumer.ts).
  const perConsumer = share.consumers.map((c) => consumerDocuments(share, c));
  return {
    bucketPolicy: bucket ?? bucketPolicy(share),
    ...(enc.type === 'kms' && !enc.keyArn ? { keyPolicy: keyPolicy(share) } : {}),
    ...(enc.type === 'kms' && enc.keyArn ? { keyOwnerStatements: keyOwnerStatements(share) } : {}),
    accessPoints: perConsumer.flatMap((d) => (d.accessPoint ? [d.accessPoint] : [])),
    producerRoles: share.consumers.filter((c) => c.method === 'assume-role').map((c) => producerRolePolicies(share, c)),
    consumers: perConsumer.map((d) => d.policies),
    accessLogBucketPolicy: accessLogBucketPolicy(config),
    trailBucketPolicy: trailBucketPolicy(config),
    ...accessGrantsOf(share),
  };
}
