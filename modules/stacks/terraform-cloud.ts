/**
 * The Terraform Cloud bootstrap's stacks, rendered from the plan's data
 * (modules/plan/terraform-cloud.ts). Applied once, by hand, before the share's
 * workspaces run themselves; their state is local (nothing exists in Terraform
 * Cloud yet to hold it). No token: the tfe provider reads `terraform login`.
 */
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Project, RunTrigger, TfeProvider, Variable, Workspace, WorkspaceSettings } from './tfe';
import type { Config } from '../config';
import { Layout, localStatePath, tfName } from '../naming';
import type { TerraformCloudPlan, TfcAccountSide } from '../plan';

/** Name of the run role's inline policy. */
const RUN_ROLE_POLICY = 'terraform-cloud-run';

export function buildTerraformCloudStacks(
  app: App,
  config: Config,
  t: TerraformCloudPlan,
  layout: Layout,
): TerraformStack[] {
  return [tfcStack(app, t, layout), ...t.accounts.map((a) => accountStack(app, config, a, layout))];
}

function tfcStack(app: App, t: TerraformCloudPlan, layout: Layout): TerraformStack {
  const stack = new TerraformStack(app, t.stack);
  new LocalBackend(stack, { path: localStatePath(t.stack, layout) });
  stack.addOverride('terraform.required_version', '>= 1.6');
  // The stack's only (default) provider: its resources name none.
  new TfeProvider(stack, 'tfe', { organization: t.organization, hostname: t.hostname });
  const project = t.project
    ? new Project(stack, 'project', { name: t.project, organization: t.organization })
    : undefined;
  project?.overrideLogicalId('share');
  const workspaces = new Map(
    t.workspaces.map((w) => {
      const ws = new Workspace(stack, `workspace-${w.stack}`, {
        name: w.name,
        organization: t.organization,
        ...(project ? { projectId: project.id } : {}),
        terraformVersion: w.terraformVersion,
        description: `Stack ${w.stack} of the bucket share (cross-account-s3)`,
      });
      ws.overrideLogicalId(tfName(w.stack));
      return [w.stack, ws] as const;
    }),
  );
  for (const w of t.workspaces) {
    const ws = workspaces.get(w.stack)!;
    new WorkspaceSettings(stack, `settings-${w.stack}`, {
      workspaceId: ws.id,
      executionMode: w.executionMode,
      // Shared with exactly the workspaces that read it, never with the whole organization.
      globalRemoteState: false,
      remoteStateConsumerIds: w.stateConsumers.map((s) => workspaces.get(s)!.id),
    }).overrideLogicalId(tfName(w.stack));
    for (const s of w.runTriggers) {
      new RunTrigger(stack, `trigger-${w.stack}-${s}`, {
        workspaceId: workspaces.get(s)!.id,
        sourceableId: ws.id,
      }).overrideLogicalId(tfName(w.stack, 'to', s));
    }
    for (const v of w.variables) {
      new Variable(stack, `variable-${w.stack}-${v.key}`, {
        workspaceId: ws.id,
        category: 'env',
        key: v.key,
        value: v.value,
        description: v.description,
      }).overrideLogicalId(tfName(w.stack, v.key));
    }
  }
  return stack;
}

function accountStack(app: App, config: Config, a: TfcAccountSide, layout: Layout): TerraformStack {
  const stack = new TerraformStack(app, a.stack);
  new LocalBackend(stack, { path: localStatePath(a.stack, layout) });
  stack.addOverride('terraform.required_version', '>= 1.6');
  // An administrator of this one account applies it: the environment's credentials, pinned to the account.
  new AwsProvider(stack, 'aws', {
    region: config.region,
    allowedAccountIds: [a.account.id],
    defaultTags: [{ tags: { ManagedBy: 'cross-account-s3' } }],
  });
  const oidc = new IamOpenidConnectProvider(stack, 'oidc', {
    url: a.oidcProvider.url,
    clientIdList: a.oidcProvider.clientIds,
  });
  oidc.overrideLogicalId('terraform_cloud');
  for (const r of a.roles) {
    const role = new IamRole(stack, `role-${r.stack}`, {
      name: r.name,
      description: `Assumed by the runs of Terraform Cloud workspace ${r.workspace} only`,
      assumeRolePolicy: JSON.stringify(r.trust),
      maxSessionDuration: 3600,
      // The trust names the OIDC provider by ARN: IAM refuses it until the provider exists.
      dependsOn: [oidc],
    });
    role.overrideLogicalId(tfName('run', r.stack));
    new IamRolePolicy(stack, `policy-${r.stack}`, {
      role: role.id,
      name: RUN_ROLE_POLICY,
      policy: JSON.stringify(r.permissions),
    }).overrideLogicalId(tfName('run', r.stack));
  }
  return stack;
}
