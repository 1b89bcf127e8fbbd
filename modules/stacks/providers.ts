/** One aliased aws provider per account, pinned to it and optionally assuming a deploy role. */
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

export interface AccountProvider {
  alias: string;
  accountId: string;
  region: string;
  deployRoleArn?: string;
}

export function awsProvider(scope: Construct, p: AccountProvider): AwsProvider {
  return new AwsProvider(scope, `aws-${p.alias}`, {
    alias: p.alias,
    region: p.region,
    // Refuses to plan or apply with credentials of any other account.
    allowedAccountIds: [p.accountId],
    assumeRole: p.deployRoleArn ? [{ roleArn: p.deployRoleArn, sessionName: 'cross-account-s3' }] : undefined,
    defaultTags: [{ tags: { ManagedBy: 'cross-account-s3' } }],
  });
}
