/**
 * A shared role's rights across buckets, rendered from the plan (modules/plan/shared-roles.ts): its
 * customer-managed policies and their attachments, in the role's account. Keys created by a bucket's producer
 * stack are named by the ARN read from that stack's state.
 */
import { Construct } from 'constructs';
import type { TerraformProvider } from 'cdktf';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { sharedPolicyTfName } from '../naming';
import type { SharedRole } from '../plan';
import { toJson } from '../policy';

export interface SharedRolePoliciesProps {
  roles: readonly SharedRole[];
  provider: TerraformProvider;
  /** Placeholder of a created key in the documents -> its ARN (a reference to the producer stack's state). */
  keyArns: ReadonlyMap<string, string>;
}

export class SharedRolePolicies extends Construct {
  constructor(scope: Construct, id: string, props: SharedRolePoliciesProps) {
    super(scope, id);
    const { provider } = props;
    const text = (json: string) => {
      let out = json;
      for (const [placeholder, arn] of props.keyArns) out = out.split(placeholder).join(arn);
      return out;
    };
    for (const r of props.roles) {
      r.policies.forEach((p, i) => {
        const n = i + 1;
        const policy = new IamPolicy(this, `policy-${r.role}-${n}`, {
          provider,
          name: p.name,
          // Stable: a changed description replaces the policy (detached, then attached again).
          description: `S3 rights of role ${r.role} across buckets (cross-account-s3), part ${n}`,
          policy: text(toJson(p.document)),
        });
        policy.overrideLogicalId(sharedPolicyTfName(r.role, n));
        new IamRolePolicyAttachment(this, `attachment-${r.role}-${n}`, {
          provider,
          role: r.role,
          policyArn: policy.arn,
        }).overrideLogicalId(sharedPolicyTfName(r.role, n));
      });
    }
  }
}
