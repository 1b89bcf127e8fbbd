/**
 * Everything in one consumer account: the workload roles created here and,
 * for every consumer of that account, its inline identity policy and outputs.
 */
import { Construct } from 'constructs';
import { TerraformOutput, TerraformProvider } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { Config, Consumer } from '../config';
import { consumerPolicyName, tfName } from '../naming';
import { consumerPolicies, toJson } from '../policy';
import { cliProfile } from './profile';

export { cliProfile } from './profile';

export interface ConsumerSideProps {
  config: Config;
  provider: TerraformProvider;
  /** The consumers of this one account. */
  consumers: Consumer[];
  /** ARN (or reference) of the bucket's KMS key, when it has one. */
  keyArn?: string;
}

export class ConsumerSide extends Construct {
  constructor(scope: Construct, id: string, props: ConsumerSideProps) {
    super(scope, id);
    const { config, provider } = props;
    const policies = props.consumers.map((c) => ({ c, p: consumerPolicies(config, c, props.keyArn) }));

    // Roles first: a consumer may attach to a role another consumer of this account creates.
    const created = new Map<string, IamRole>();
    for (const { c, p } of policies) {
      if (!p.trust) continue;
      const role = new IamRole(this, `role-${c.name}`, {
        provider,
        name: c.role.name,
        path: c.role.path,
        description: `Workload role of consumer ${c.name}`,
        assumeRolePolicy: toJson(p.trust),
      });
      role.overrideLogicalId(tfName('consumer', c.name));
      created.set(c.role.name, role);
    }

    const output = (name: string, value: string, description: string, sensitive = false) =>
      new TerraformOutput(this, name, { value, description, sensitive }).overrideLogicalId(name);
    for (const { c, p } of policies) {
      const role = created.get(c.role.name);
      new IamRolePolicy(this, `policy-${c.name}`, {
        provider,
        // A reference orders the policy after a role created here.
        role: role ? role.id : c.role.name,
        name: consumerPolicyName(c.name),
        policy: toJson(p.identity),
      }).overrideLogicalId(tfName('consumer', c.name));
      output(
        tfName('consumer', c.name, 'role_arn'),
        role ? role.arn : p.roleArn,
        `Role of consumer ${c.name} (account ${c.accountId})`,
      );
      if (c.method === 'assume-role') {
        output(
          tfName('consumer', c.name, 'cli_profile'),
          cliProfile(config, c),
          `AWS CLI profile for consumer ${c.name}: paste into ~/.aws/config (carries the External ID)`,
          true,
        );
      }
    }
  }
}
