/** The role an assume-role consumer assumes in the producer account. */
import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { PRODUCER_ROLE_POLICY } from '../naming';
import { policyText, ProducerRolePolicies, toJson } from '../policy';

export interface ProducerRoleProps {
  provider: TerraformProvider;
  policies: ProducerRolePolicies;
  /** Fills in the bucket key's ARN (a reference when the key is created in this stack). */
  keyArn?: string;
  /** Terraform name of the role and its policy. */
  terraformName: string;
}

export class ProducerRole extends Construct {
  readonly roleArn: string;

  constructor(scope: Construct, id: string, props: ProducerRoleProps) {
    super(scope, id);
    const { provider, policies } = props;
    const role = new IamRole(this, 'role', {
      provider,
      name: policies.name,
      description: `Assumed by consumer ${policies.consumer} (with its External ID) for access to the shared bucket`,
      assumeRolePolicy: toJson(policies.trust),
      maxSessionDuration: 3600,
    });
    role.overrideLogicalId(props.terraformName);
    new IamRolePolicy(this, 'policy', {
      provider,
      role: role.id,
      name: PRODUCER_ROLE_POLICY,
      policy: policyText(toJson(policies.permissions), props.keyArn),
    }).overrideLogicalId(props.terraformName);
    this.roleArn = role.arn;
  }
}
