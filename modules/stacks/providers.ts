/** One aliased aws provider per account: pinned to it, with the credentials named for it. */
import { Construct } from 'constructs';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DYNAMIC_CREDENTIALS_TYPE, dynamicConfigFile, TFC_DYNAMIC_VARIABLE } from '../naming';
import type { ProviderPlan, StackPlan } from '../plan';

/**
 * Terraform Cloud's dynamic credentials for a stack of several providers ("multiple
 * configurations"): the variable its runs fill, one shared config file per alias.
 * A stack of one provider needs nothing: the run's environment holds its credentials.
 */
export function dynamicCredentials(stack: TerraformStack, s: StackPlan): boolean {
  if (s.providers.length < 2 || !s.providers.every((p) => p.account.terraformCloud)) return false;
  new TerraformVariable(stack, TFC_DYNAMIC_VARIABLE, {
    type: DYNAMIC_CREDENTIALS_TYPE,
    description: 'Filled by Terraform Cloud in each run: a shared config file per provider alias (dynamic credentials)',
  });
  return true;
}

export function awsProvider(scope: Construct, p: ProviderPlan, region: string, multiple = false): AwsProvider {
  const a = p.account;
  return new AwsProvider(scope, `aws-${p.alias}`, {
    alias: p.alias,
    region,
    // Refuses to plan or apply with credentials of any other account.
    allowedAccountIds: [a.id],
    profile: a.profile,
    assumeRole: a.deployRoleArn
      ? [{ roleArn: a.deployRoleArn, sessionName: 'cross-account-s3', externalId: a.deployExternalId }]
      : undefined,
    ...(multiple ? { sharedConfigFiles: [dynamicConfigFile(p.alias)] } : {}),
    defaultTags: [{ tags: { ManagedBy: 'cross-account-s3' } }],
  });
}
