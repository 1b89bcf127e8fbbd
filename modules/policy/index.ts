/** modules/policy: config in, policy documents out, as plain data. No cdktf here. */
export { actionsOf } from './actions';
export type { LevelOptions } from './actions';
export {
  ALL_DELEGATED,
  KEY_ARN,
  accessLogBucketPolicy,
  accessPointPolicy,
  bucketPolicy,
  bucketPolicyParts,
  consumerDocuments,
  consumerPolicies,
  delegation,
  directGrants,
  identityStatements,
  keyArnOf,
  keyOwnerStatements,
  keyPolicy,
  policyText,
  producerRolePolicies,
  trailBucketPolicy,
  accessGrantsDocuments,
  getDataAccessCommand,
} from './documents';
export type { AccessGrant, AccessGrantsDocuments } from './documents';
export type { AccessPointPolicy, BucketPolicyParts, ConsumerPolicies, ProducerRolePolicies, Share } from './documents';
export { mergePerPrincipal, mergeStatements } from './merge';
export { consumerRoleArn, producerRoleArn } from './principals';
export { renderDocument, renderStatement, toJson } from './render';
export { splitDocument, StatementTooLarge } from './split';
export type { JsonStatement, JsonValue, PolicyDocument } from './render';
export { sidOf } from './sid';
export { formatSize, LIMITS, measure, overLimit } from './size';
export type { DocumentKind as SizedKind, DocumentSize, Limits } from './size';
export { DocumentSizeModel } from './size-model';
export type { Contribution } from './size-model';
export type { Principal, Statement } from './statement';
export { WORKFLOWS } from './workflows';
export { PACK_WORKFLOWS, packActions } from './packs';
export type { PackCall, PackWorkflow } from './packs';
export type { ApiCall, Workflow } from './workflows';
