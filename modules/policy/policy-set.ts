/** All documents of a config, together. */
import type { Config } from '../config';
import {
  accessPointPolicy,
  AccessPointPolicy,
  bucketPolicy,
  consumerPolicies,
  ConsumerPolicies,
  keyOwnerStatements,
  keyPolicy,
  producerRolePolicies,
  ProducerRolePolicies,
} from './documents';
import type { PolicyDocument } from './render';
export interface PolicySet {
  bucketPolicy: PolicyDocument;
  /** Policy of the key created here (encryption kms without keyArn). */
  keyPolicy?: PolicyDocument;
  /** With an existing key: the statements its owner must add to its key policy. */
  keyOwnerStatements?: PolicyDocument;
  producerRoles: ProducerRolePolicies[];
  /** One access point per access-point consumer (owned by the producer or by the consumer's account). */
  accessPoints: AccessPointPolicy[];
  consumers: ConsumerPolicies[];
}

/**
 * All documents of a config. `keyArn` is the key's ARN: the config's keyArn, or,
 * for a key created here, whatever stands for it until apply (a Terraform reference).
 */
export function buildPolicies(config: Config, keyArn?: string): PolicySet {
  const enc = config.producer.bucket.encryption;
  const key = enc.type === 'kms' ? (enc.keyArn ?? keyArn) : undefined;
  return {
    bucketPolicy: bucketPolicy(config),
    keyPolicy: enc.type === 'kms' && !enc.keyArn ? keyPolicy(config) : undefined,
    keyOwnerStatements: enc.type === 'kms' && enc.keyArn ? keyOwnerStatements(config) : undefined,
    producerRoles: config.consumers
      .filter((c) => c.method === 'assume-role')
      .map((c) => producerRolePolicies(config, c, key)),
    accessPoints: config.consumers.filter((c) => c.accessPoint).map((c) => accessPointPolicy(config, c)),
    consumers: config.consumers.map((c) => consumerPolicies(config, c, key)),
  };
}
