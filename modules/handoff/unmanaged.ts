/**
 * For each account not managed here (a vendor's): a folder of what its owner
 * must apply — the identity policy of each consumer role there, how to use the
 * External ID, and a CLI profile — since no provider of ours ever reaches it.
 */
import { outputNames } from '../contract';
import { unmanagedFolder } from '../naming';
import type { Plan } from '../plan';
import { KEY_ARN, toJson } from '../policy';

export interface HandoffFolder {
  folder: string;
  files: Record<string, string>;
}

export function unmanagedHandoff(plan: Plan, configFile = 'the config'): HandoffFolder[] {
  const byAccount = new Map<string, Plan['unmanaged']>();
  for (const u of plan.unmanaged) byAccount.set(u.accountId, [...(byAccount.get(u.accountId) ?? []), u]);
  return [...byAccount.entries()].map(([accountId, consumers]) => {
    const name = consumers[0].accountName;
    const files: Record<string, string> = {};
    const lines = [
      `# What account ${accountId} applies`,
      '',
      `Bucket \`${plan.config.producer.bucket.name}\` (account ${plan.config.producer.accountId}, ${plan.config.region}) is shared with roles of account ${accountId}, which this project does not deploy to. Its owner attaches the policies below; the bucket side is already in place.`,
      '',
      `Generated from the config \`${configFile}\` by cross-account-s3: ask its owners for a new handoff rather than editing these files.`,
      '',
    ];
    for (const u of consumers) {
      const json = JSON.stringify(JSON.parse(toJson(u.identity)), null, 2);
      const keyed = json.includes(KEY_ARN);
      const file = `${u.consumer}.identity-policy.json`;
      files[file] = `${json}\n`;
      lines.push(
        `## ${u.consumer}`,
        '',
        `Attach \`${file}\` as an inline policy of \`${u.roleArn}\`:`,
        '',
        '```bash',
        `aws iam put-role-policy --role-name ${u.roleArn.split('/').pop()} --policy-name cross-account-s3-${u.consumer} --policy-document file://${file}`,
        '```',
        '',
        ...(keyed
          ? [
              `The key's ARN is known once the producer stack is applied: take the policy from its output instead, \`terraform output -raw ${outputNames().identityPolicy(u.consumer)}\` (the file holds \`${KEY_ARN}\` in its place).`,
              '',
            ]
          : []),
        ...(u.cliProfile
          ? [
              'The role assumes a role in the bucket account with an External ID: treat the ID like a password (it is what keeps another customer of yours from being sent to this bucket), and use the profile:',
              '',
              '```ini',
              u.cliProfile.trimEnd(),
              '```',
              '',
            ]
          : []),
      );
    }
    files['README.md'] = `${lines.join('\n')}`;
    return { folder: unmanagedFolder(name), files };
  });
}
