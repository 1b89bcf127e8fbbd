/**
 * The tfe provider's constructs the bootstrap uses (@cdktf/provider-tfe 12.5.1,
 * imported deeply like the AWS provider). One file, so that `npm run test:cdktn`
 * can put in its place the same resources on CDK Terrain, which has no prebuilt
 * tfe provider (scripts/cdktn-tfe.ts).
 */
export { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
export { Project } from '@cdktf/provider-tfe/lib/project';
export { RunTrigger } from '@cdktf/provider-tfe/lib/run-trigger';
export { Variable } from '@cdktf/provider-tfe/lib/variable';
export { Workspace } from '@cdktf/provider-tfe/lib/workspace';
export { WorkspaceSettings } from '@cdktf/provider-tfe/lib/workspace-settings';
