/** Every policy document of a share, computed from the config and the routes a plan chose. */
export { accessPointPolicy } from './access-point';
export type { AccessPointPolicy } from './access-point';
export { accessLogBucketPolicy, trailArnOf, trailBucketPolicy } from './audit';
export { ALL_DELEGATED, bucketPolicy, bucketPolicyParts, delegation, renderBucketPolicy } from './bucket';
export type { BucketPolicyParts } from './bucket';
export { keyOwnerStatements, keyPolicy } from './key';
export { consumerPolicies, producerRolePolicies } from './roles';
export type { ConsumerPolicies, ProducerRolePolicies } from './roles';
export { KEY_ARN, keyArnOf, policyText } from './share';
export type { Share } from './share';
export {
  ACCESS_GRANTS_SERVICE,
  accessGrants,
  accessGrantsDocuments,
  getDataAccessCommand,
  GRANTEE_ACTIONS,
  grantsConsumers,
  instanceArnOf,
  instancePolicy,
  locationRoleArn,
} from './access-grants';
export type { AccessGrant, AccessGrantsDocuments } from './access-grants';
