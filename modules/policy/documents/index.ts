/** Every policy document of a share, computed from the config and the routes a plan chose. */
export { accessPointPolicy } from './access-point';
export type { AccessPointPolicy } from './access-point';
export { accessLogBucketPolicy, trailBucketPolicy } from './audit';
export { ALL_DELEGATED, bucketPolicy, bucketPolicyParts, delegation, directGrants } from './bucket';
export type { BucketPolicyParts } from './bucket';
export { keyOwnerStatements, keyPolicy } from './key';
export { consumerPolicies, identityStatements, producerRolePolicies } from './roles';
export { consumerDocuments } from './consumer';
export type { ConsumerPolicies, ProducerRolePolicies } from './roles';
export { KEY_ARN, keyArnOf, policyText } from './share';
export type { Share } from './share';
export { accessGrantsDocuments, getDataAccessCommand } from './access-grants';
export type { AccessGrant, AccessGrantsDocuments } from './access-grants';
