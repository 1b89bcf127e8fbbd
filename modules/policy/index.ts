/** modules/policy: config in, policy documents out, as plain data. No cdktf here. */
export * from './actions';
export * from './documents';
export { mergePerPrincipal, mergeStatements } from './merge';
export { actorOf, consumerRoleArn, producerRoleArn } from './principals';
export * from './render';
export { pascal, sidOf } from './sid';
export { formatSize, LIMITS, measure, measureText, overLimit } from './size';
export type { DocumentKind as SizedKind, DocumentSize, Limits } from './size';
export { DocumentSizeModel } from './size-model';
export type { Contribution } from './size-model';
export type { Principal, Statement } from './statement';
export { UNSUPPORTED, WORKFLOWS } from './workflows';
export { PACK_WORKFLOWS, packActions } from './packs';
export type { PackCall, PackWorkflow } from './packs';
export type { ApiCall, Unsupported, Workflow } from './workflows';
