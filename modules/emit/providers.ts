/**
 * What every stack of the share holds besides its resources, as modules/stacks
 * renders it with cdktf: the aws provider per account (pinned to it), Terraform
 * Cloud's variable of dynamic credentials, the backend, another stack's state.
 */
import type { Backend } from '../config';
import {
  DYNAMIC_CREDENTIALS_TYPE,
  dynamicConfigFile,
  Layout,
  localStatePath,
  localStatePathFrom,
  s3StateKey,
  TFC_DYNAMIC_VARIABLE,
  workspaceName,
} from '../naming';
import type { ProviderPlan, StackPlan } from '../plan';
import { JsonObject, StackJson } from './stack';

export const MANAGED_BY = { ManagedBy: 'cross-account-s3' };

/** The reference a resource makes to its account's provider. */
export const providerRef = (p: ProviderPlan) => `aws.${p.alias}`;

/** Terraform Cloud's dynamic credentials for a stack of several providers: the variable its runs fill. */
export function dynamicCredentials(stack: StackJson, s: StackPlan): boolean {
  if (s.providers.length < 2 || !s.providers.every((p) => p.account.terraformCloud)) return false;
  stack.variable(TFC_DYNAMIC_VARIABLE, {
    description: 'Filled by Terraform Cloud in each run: a shared config file per provider alias (dynamic credentials)',
    type: DYNAMIC_CREDENTIALS_TYPE,
  });
  return true;
}

export function awsProvider(stack: StackJson, p: ProviderPlan, region: string, multiple = false): void {
  const a = p.account;
  stack.provider('aws', {
    alias: p.alias,
    region,
    allowed_account_ids: [a.id],
    profile: a.profile,
    assume_role: a.deployRoleArn
      ? [
          {
            role_arn: a.deployRoleArn,
            session_name: 'cross-account-s3',
            external_id: a.deployExternalId,
          },
        ]
      : undefined,
    ...(multiple ? { shared_config_files: [dynamicConfigFile(p.alias)] } : {}),
    default_tags: [{ tags: { ...MANAGED_BY } }],
  });
}

export function addBackend(stack: StackJson, stackName: string, backend: Backend, layout: Layout): void {
  switch (backend.type) {
    case 'local':
      stack.backend('local', { path: localStatePath(stackName, layout) }, { backend: 'local' });
      return;
    case 'cloud':
      stack.backend(
        'cloud',
        {
          organization: backend.organization,
          hostname: backend.hostname,
          workspaces: { name: workspaceName(backend.workspacePrefix, stackName), project: backend.project },
        },
        // cdktf's metadata: Terraform Cloud, or Enterprise at any other host.
        {
          backend: 'cloud',
          cloud: !backend.hostname || backend.hostname.startsWith('app.terraform.io') ? 'tfc' : 'tfe',
        },
      );
      return;
    case 's3':
      stack.backend(
        's3',
        {
          bucket: backend.bucket,
          key: s3StateKey(backend.keyPrefix, stackName),
          region: backend.region,
          encrypt: true,
          dynamodb_table: backend.dynamodbTable,
        },
        { backend: 's3' },
      );
      // S3-native locking (Terraform >= 1.10).
      if (!backend.dynamodbTable) stack.overrideTerraform(['backend', 's3', 'use_lockfile'], true);
      return;
  }
}

/** The producer stack's state, read by another stack; returns the reference to its output `output`. */
export function producerState(
  stack: StackJson,
  producerStack: string,
  backend: Backend,
  layout: Layout,
  output: string,
  id = producerStack,
  handoffFolder?: string,
): string {
  let config: JsonObject;
  let kind: string;
  switch (backend.type) {
    case 'local':
      kind = 'local';
      config = {
        path:
          layout === 'handoff' && handoffFolder
            ? `../${handoffFolder}/terraform.tfstate`
            : localStatePathFrom(producerStack, layout),
      };
      break;
    case 'cloud':
      kind = 'remote';
      config = {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: { name: workspaceName(backend.workspacePrefix, producerStack) },
      };
      break;
    case 's3':
      kind = 's3';
      config = { bucket: backend.bucket, key: s3StateKey(backend.keyPrefix, producerStack), region: backend.region };
      break;
  }
  return `\${${stack.remoteState(id, kind, config)}.outputs.${output}}`;
}
