/** One aliased aws provider per account: pinned to it, with the credentials named for it. */
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { ProviderPlan } from '../plan';

export function awsProvider(scope: Construct, p: ProviderPlan, region: string): AwsProvider {
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
    defaultTags: [{ tags: { ManagedBy: 'cross-account-s3' } }],
  });
}
