/**
 * Names of the Terraform Cloud bootstrap (docs/terraform-cloud.md): its stacks, the
 * host every OIDC claim is issued by, the run roles, and the claims a run role trusts.
 * Plain strings: config, plan and verify each compute them the same way.
 */
import { workspaceName } from './terraform';

/** The stack of the Terraform Cloud side: project, workspaces, state sharing, run triggers, variables. */
export const TFC_STACK = 'terraform-cloud';
/** The stack of one account's side of the trust: the OIDC provider and its run roles. */
export const tfcAccountStack = (accountName: string) => `terraform-cloud-${accountName}`;

/** Whether a stack is one of the bootstrap's. */
export const isBootstrapStack = (name: string) => name === TFC_STACK || name.startsWith(`${TFC_STACK}-`);

/** Terraform Cloud's own host; Terraform Enterprise: the backend's hostname. */
const TFC_DEFAULT_HOST = 'app.terraform.io';
export const tfcHost = (hostname?: string) => hostname ?? TFC_DEFAULT_HOST;
/** The project of a workspace created without one. */
export const TFC_DEFAULT_PROJECT = 'Default Project';
/** The audience Terraform Cloud puts in the tokens it issues for AWS (TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE unset). */
export const TFC_AWS_AUDIENCE = 'aws.workload.identity';
/** The input variable Terraform Cloud fills for "multiple configurations" (one per provider alias). */
export const TFC_DYNAMIC_VARIABLE = 'tfc_aws_dynamic_credentials';

/** The `sub` claim of the runs of one workspace, any run phase (plan, apply). */
export const tfcSubject = (organization: string, project: string, workspace: string) =>
  `organization:${organization}:project:${project}:workspace:${workspace}:run_phase:*`;

/** Default run role of a workspace: one per workspace and account. */
export const defaultRunRoleName = (workspacePrefix: string, stack: string) =>
  `tfc-${workspaceName(workspacePrefix, stack)}`;

export const oidcProviderUrl = (host: string) => `https://${host}`;
export const oidcProviderArn = (partition: string, account: string, host: string) =>
  `arn:${partition}:iam::${account}:oidc-provider/${host}`;

/** The type Terraform Cloud gives that variable. */
export const DYNAMIC_CREDENTIALS_TYPE =
  'object({ default = object({ shared_config_file = string }), aliases = map(object({ shared_config_file = string })) })';

/** The expression a provider's shared_config_files holds under multiple configurations. */
export const dynamicConfigFile = (alias: string) =>
  `\${var.${TFC_DYNAMIC_VARIABLE}.aliases["${alias}"].shared_config_file}`;
