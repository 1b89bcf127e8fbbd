/** The README of a shared-roles stack's handoff folder: what it holds, why, and the order to apply it in. */
import type { SharedRolesStackPlan } from '../plan';
import { MANAGED_POLICY_CHARS } from '../plan';

export function sharedRolesReadme(s: SharedRolesStackPlan, configFile = 'the config'): string {
  const account = s.provider.account;
  return [
    `# ${s.name}`,
    '',
    `Generated from the config \`${configFile}\` (many buckets, docs/many-buckets.md): the roles of account ` +
      `${account.id} (${account.name}) that several buckets grant, whose inline policies together would exceed ` +
      'the 10,240 characters IAM allows a role. Their rights on every bucket are merged into customer-managed ' +
      `policies of at most ${MANAGED_POLICY_CHARS} characters, attached to the role.`,
    '',
    '| role | buckets | policies (characters, as IAM counts them) | of the quota |',
    '|---|---|---|---|',
    ...s.roles.map(
      (r) =>
        `| ${r.role} | ${r.buckets.map((b) => b.key).join(', ')} | ${r.policies
          .map((p) => `${p.name} (${p.size})`)
          .join(', ')} | ${r.policies.length} of ${r.quota} |`,
    ),
    '',
    '## Order',
    '',
    `Apply **after** ${s.after.map((a) => `\`${a}\``).join(', ')}: they create the roles, and the producer stacks ` +
      "hold the ARNs of the keys these policies name (read from their state). The buckets' consumer stacks no " +
      'longer attach inline policies to these roles: apply this stack right after them, or the roles lack their ' +
      'rights in between.',
    '',
    '## Check',
    '',
    '```sh',
    `AWS_PROFILE=${account.profile ?? '<profile of the account>'} terraform init && terraform plan`,
    ...s.roles.map((r) => `aws iam list-attached-role-policies --role-name ${r.role}`),
    '```',
    '',
  ].join('\n');
}
