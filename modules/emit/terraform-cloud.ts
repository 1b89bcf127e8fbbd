/**
 * The Terraform Cloud bootstrap's stacks (modules/stacks/terraform-cloud.ts): the
 * workspaces, their settings, run triggers and variables; per account, the OIDC
 * provider and the run roles. State is local: nothing exists in Terraform Cloud yet to hold it.
 */
import type { Config } from '../config';
import { Layout, localStatePath, tfName } from '../naming';
import type { TerraformCloudPlan, TfcAccountSide } from '../plan';
import { MANAGED_BY } from './providers';
import { pathOf, ref, StackJson } from './stack';

/** Name of the run role's inline policy. */
const RUN_ROLE_POLICY = 'terraform-cloud-run';

export function emitTerraformCloudStacks(config: Config, t: TerraformCloudPlan, layout: Layout): StackJson[] {
  return [tfcStack(t, layout), ...t.accounts.map((a) => accountStack(config, a, layout))];
}

function bootstrap(name: string, layout: Layout): StackJson {
  const stack = new StackJson(name);
  stack.backend('local', { path: localStatePath(name, layout) }, { backend: 'local' });
  stack.overrideTerraform(['required_version'], '>= 1.6');
  return stack;
}

function tfcStack(t: TerraformCloudPlan, layout: Layout): StackJson {
  const stack = bootstrap(t.stack, layout);
  const at = (id: string) => pathOf(t.stack, id);
  stack.provider('tfe', { organization: t.organization, hostname: t.hostname });
  const project = t.project
    ? stack.resource('tfe_project', 'share', at('project'), { name: t.project, organization: t.organization })
    : undefined;
  const workspaces = new Map(
    t.workspaces.map((w) => [
      w.stack,
      stack.resource('tfe_workspace', tfName(w.stack), at(`workspace-${w.stack}`), {
        name: w.name,
        organization: t.organization,
        ...(project ? { project_id: ref(project, 'id') } : {}),
        terraform_version: w.terraformVersion,
        description: `Stack ${w.stack} of the bucket share (cross-account-s3)`,
      }),
    ]),
  );
  const id = (s: string) => ref(workspaces.get(s)!, 'id');
  for (const w of t.workspaces) {
    stack.resource('tfe_workspace_settings', tfName(w.stack), at(`settings-${w.stack}`), {
      workspace_id: id(w.stack),
      execution_mode: w.executionMode,
      global_remote_state: false,
      remote_state_consumer_ids: w.stateConsumers.map(id),
    });
    for (const s of w.runTriggers)
      stack.resource('tfe_run_trigger', tfName(w.stack, 'to', s), at(`trigger-${w.stack}-${s}`), {
        workspace_id: id(s),
        sourceable_id: id(w.stack),
      });
    for (const v of w.variables)
      stack.resource('tfe_variable', tfName(w.stack, v.key), at(`variable-${w.stack}-${v.key}`), {
        workspace_id: id(w.stack),
        category: 'env',
        key: v.key,
        value: v.value,
        description: v.description,
      });
  }
  return stack;
}

function accountStack(config: Config, a: TfcAccountSide, layout: Layout): StackJson {
  const stack = bootstrap(a.stack, layout);
  const at = (id: string) => pathOf(a.stack, id);
  // An administrator of this one account applies it: the environment's credentials, pinned to the account.
  stack.provider('aws', {
    region: config.region,
    allowed_account_ids: [a.account.id],
    default_tags: [{ tags: { ...MANAGED_BY } }],
  });
  const oidc = stack.resource('aws_iam_openid_connect_provider', 'terraform_cloud', at('oidc'), {
    url: a.oidcProvider.url,
    client_id_list: [...a.oidcProvider.clientIds],
  });
  for (const r of a.roles) {
    const name = tfName('run', r.stack);
    const role = stack.resource(
      'aws_iam_role',
      name,
      at(`role-${r.stack}`),
      {
        name: r.name,
        description: `Assumed by the runs of Terraform Cloud workspace ${r.workspace} only`,
        assume_role_policy: JSON.stringify(r.trust),
        max_session_duration: 3600,
      },
      // The trust names the OIDC provider by ARN: IAM refuses it until the provider exists.
      { dependsOn: [oidc] },
    );
    stack.resource('aws_iam_role_policy', name, at(`policy-${r.stack}`), {
      role: ref(role, 'id'),
      name: RUN_ROLE_POLICY,
      policy: JSON.stringify(r.permissions),
    });
  }
  return stack;
}
