/** modules/policy: config in, policy documents out. No cdktf here. */
import { accessPointPolicy, consumerPolicies, keyPolicy, producerRolePolicies } from './documents';

export * from './render';
export * from './arns';
export * from './actions';
export { actorOf, consumerRoleArn, producerRoleArn } from './principals';
export type { AccessPointPolicy, ConsumerPolicies, ProducerRolePolicies } from './documents';
export { mergeStatements } from './merge';
export type { Statement } from './statement';
export { buildPolicies } from './policy-set';
export type { PolicySet } from './policy-set';

export { keyPolicy as keyPolicyOf, consumerPolicies, producerRolePolicies, accessPointPolicy };
export { accessLogBucketPolicy, trailArn, trailBucketPolicy } from './audit';
export { formatSize, LIMITS, measure, overLimit, policySizes } from './size';
export type { DocumentKind, DocumentSize, Limits } from './size';
export { planForLimits, PolicySizeError } from './scale';
export type { Plan } from './scale';
