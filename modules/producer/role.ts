/** The role an assume-role consumer assumes in the producer account. */
import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { PRODUCER_ROLE_POLICY, tfName } from '../naming';
import type { ProducerRolePolicies } from '../policy';
import { toJson } from '../policy';

export class ProducerRole extends Construct {
  readonly roleArn: string;

  constructor(scope: Construct, id: string, props: { provider: TerraformProvider; policies: ProducerRolePolicies }) {
    super(scope, id);
    const { provider, policies } = props;
    const role = new IamRole(this, 'role', {
      provider,
      name: policies.name,
      description: `Assumed by consumer ${policies.consumer} (with its External ID) for access to the shared bucket`,
      assumeRolePolicy: toJson(policies.trust),
      maxSessionDuration: 3600,
    });
    role.overrideLogicalId(tfName('producer', policies.consumer));
    new IamRolePolicy(this, 'policy', {
      provider,
      role: role.id,
      name: PRODUCER_ROLE_POLICY,
      policy: toJson(policies.permissions),
    }).overrideLogicalId(tfName('producer', policies.consumer));
    this.roleArn = role.arn;
  }
}
