/**
 * Everything in one consumer account, rendered from a plan: the workload roles
 * created here, every consumer's inline identity policy, the access points this
 * account owns, and outputs.
 */
import { Construct } from 'constructs';
import { TerraformOutput, TerraformProvider } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { cliProfileOutput, consumerPolicyName, namer, Namer } from '../naming';
import { cliProfile, Plan } from '../plan';
import { policyText, toJson } from '../policy';
import { SharedAccessPoint } from '../producer';

export interface ConsumerSideProps {
  plan: Plan;
  /** The provider of this one account. */
  provider: TerraformProvider;
  /** The consumers of this account, by name. */
  consumers: readonly string[];
  /** ARN (or reference) of the bucket's KMS key, when it has one. */
  keyArn?: string;
  /** The bucket's name: a reference orders this account's access points after the bucket, in one stack. */
  bucket: string;
  names?: Namer;
  outputs?: boolean;
}

export class ConsumerSide extends Construct {
  constructor(scope: Construct, id: string, props: ConsumerSideProps) {
    super(scope, id);
    const { plan, provider } = props;
    const names = props.names ?? namer();
    const outputs = props.outputs ?? true;
    const { config, documents } = plan;
    const here = new Set(props.consumers);
    const mine = plan.share.consumers.flatMap((c, i) => (here.has(c.name) ? [{ c, p: documents.consumers[i] }] : []));

    // Roles first: a consumer may attach to a role another consumer of this account creates.
    const created = new Map<string, IamRole>();
    for (const { c, p } of mine) {
      if (!p.trust) continue;
      const role = new IamRole(this, `role-${c.name}`, {
        provider,
        name: c.role.name,
        path: c.role.path,
        description: `Workload role of consumer ${c.name}`,
        assumeRolePolicy: toJson(p.trust),
      });
      role.overrideLogicalId(names('consumer', c.name));
      created.set(c.role.name, role);
    }

    const output = (name: string, value: string, description: string, sensitive = false) =>
      new TerraformOutput(this, name, { value, description, ...(sensitive ? { sensitive } : {}) }).overrideLogicalId(
        name,
      );
    for (const { c, p } of mine) {
      const role = created.get(c.role.name);
      new IamRolePolicy(this, `policy-${c.name}`, {
        provider,
        // A reference orders the policy after a role created here.
        role: role ? role.id : c.role.name,
        name: consumerPolicyName(c.name),
        policy: policyText(toJson(p.identity), props.keyArn),
      }).overrideLogicalId(names('consumer', c.name));
      if (!outputs) continue;
      output(
        names('consumer', c.name, 'role_arn'),
        role ? role.arn : p.roleArn,
        `Role of consumer ${c.name} (account ${c.accountId})`,
      );
      if (c.method === 'assume-role') {
        output(
          names(cliProfileOutput(c.name)),
          cliProfile(config, c),
          `AWS CLI profile for consumer ${c.name}: paste into ~/.aws/config (carries the External ID)`,
          true,
        );
      }
    }
    // Access points this account owns, on the producer's bucket.
    for (const ap of documents.accessPoints) {
      if (ap.accountId === config.producer.accountId || !here.has(ap.consumer)) continue;
      new SharedAccessPoint(this, `access-point-${ap.consumer}`, {
        provider,
        bucket: props.bucket,
        bucketAccountId: config.producer.accountId,
        ap,
        names,
        outputs,
      });
    }
  }
}
