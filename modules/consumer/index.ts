/**
 * Everything in one consumer account, rendered from a plan: the workload roles
 * created here, every consumer's inline identity policy, the access points this
 * account owns, and outputs.
 */
import { Construct } from 'constructs';
import { TerraformOutput, TerraformProvider } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { TerraformStack } from 'cdktf';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { outputNames } from '../contract';
import { accountCalled, consumerPolicyName, namer, needsInstanceProfile } from '../naming';
import { cliProfile } from '../plan';
import { getDataAccessCommand, policyText, toJson } from '../policy';
import {
  checkProducerSide,
  checkProviderAccount,
  checkUniqueAwsNames,
  checkUniqueNames,
  producerSideOf,
  registerConsumerSide,
  gateProps,
  ShareConstructError,
  SharedAccessPoint,
} from '../constructs';
import type { BucketShare } from '../share';

export { SharedRolePolicies } from './shared-roles';

export interface ConsumerSideProps {
  /** The share whose grants to this account are rendered here. */
  share: BucketShare;
  /** The consumer account. */
  accountId: string;
  /** The provider of that account: its `allowedAccountIds` must be exactly that account. */
  provider: TerraformProvider;
  /**
   * Prefix of every Terraform name and output; default: this construct's id. The JSON app writes ""
   * (unprefixed names).
   */
  prefix?: string;
  /** Write the outputs (default true). */
  outputs?: boolean;
  /**
   * ARN (or reference) of the bucket's KMS key. Default: the key's ARN as configured, or the key the
   * share's ProducerSide creates (a reference, across stacks too: cdktf reads it from that stack's state).
   */
  keyArn?: string;
  /**
   * The bucket's name for this account's access points. Default: the ProducerSide's bucket in the same
   * stack (a reference orders them after it), else the configured name.
   */
  bucket?: string;
}

export class ConsumerSide extends Construct {
  constructor(scope: Construct, id: string, props: ConsumerSideProps) {
    super(scope, id);
    gateProps(this, { ...props }, { accountId: true, keyArn: true, bucket: true, prefix: true });
    const { share, provider, accountId } = props;
    const plan = share.plan;
    const names = namer(props.prefix ?? id);
    const out = outputNames(props.prefix ?? id);
    const outputs = props.outputs ?? true;
    const { config, documents } = plan;
    const account = config.accounts.find((a) => a.id === accountId);
    const here = new Set(config.consumers.filter((c) => c.accountId === accountId).map((c) => c.name));
    if (here.size === 0)
      throw new ShareConstructError(
        this.node.path,
        `the share grants nothing to account ${accountId}: no ConsumerSide is needed`,
      );
    if (account && !account.managed)
      throw new ShareConstructError(
        this.node.path,
        `account ${accountId} is not managed here (accounts.${accountId}.managed is false): ` +
          'its identity policies are outputs of the ProducerSide',
      );
    checkProviderAccount(this, provider, accountId, 'consumer');
    registerConsumerSide(share, accountId, this);
    checkProducerSide(this, share, accountId);
    checkUniqueNames(this);
    checkUniqueAwsNames(this);
    const producer = producerSideOf(share);
    const enc = config.producer.bucket.encryption;
    const keyArn = props.keyArn ?? (enc.type === 'kms' ? (enc.keyArn ?? producer?.keyArn) : undefined);
    if (enc.type === 'kms' && keyArn === undefined)
      throw new ShareConstructError(
        this.node.path,
        `the share's key is created by its ProducerSide: create that first (or pass keyArn)`,
      );
    const sameStack = producer !== undefined && TerraformStack.of(producer) === TerraformStack.of(this);
    const bucket = props.bucket ?? (sameStack ? producer.bucketId : config.producer.bucket.name);
    const policiesOf = new Map(documents.consumers.map((p) => [p.consumer, p]));
    const mine = plan.share.consumers.flatMap((c) => {
      if (!here.has(c.name)) return [];
      const p = policiesOf.get(c.name);
      if (!p) throw new ShareConstructError(this.node.path, `the plan holds no policies of consumer ${c.name}`);
      return [{ c, p }];
    });

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
      // EC2 attaches a role through an instance profile: without one, the role cannot be used there unaided.
      if (needsInstanceProfile(c.role.assumedBy))
        new IamInstanceProfile(this, `instance-profile-${c.name}`, {
          provider,
          name: c.role.name,
          path: c.role.path,
          role: role.name,
        }).overrideLogicalId(names('consumer', c.name));
    }

    const output = (name: string, value: string, description: string, sensitive = false) =>
      new TerraformOutput(this, name, { value, description, ...(sensitive ? { sensitive } : {}) }).overrideLogicalId(
        name,
      );
    for (const { c, p } of mine) {
      const role = created.get(c.role.name);
      // Many buckets: a role's rights merged with other buckets' live in its account's shared-roles stack.
      if (!plan.identityElsewhere?.has(c.name))
        new IamRolePolicy(this, `policy-${c.name}`, {
          provider,
          // A reference orders the policy after a role created here.
          role: role ? role.id : c.role.name,
          name: consumerPolicyName(c.name),
          policy: policyText(toJson(p.identity), keyArn),
        }).overrideLogicalId(names('consumer', c.name));
      if (!outputs) continue;
      output(
        out.consumerRoleArn(c.name),
        role ? role.arn : p.roleArn,
        `Role of consumer ${c.name}, in ${accountCalled(config, c.accountId)}`,
      );
      const grants = documents.accessGrants?.grants.filter((g) => g.consumer === c.name) ?? [];
      if (grants.length)
        output(
          out.getDataAccess(c.name),
          grants.map((g) => getDataAccessCommand(config, g)).join('\n'),
          `Consumer ${c.name}: the call that vends its credentials from S3 Access Grants (one line per prefix), run as its role`,
        );
      if (c.method === 'assume-role') {
        output(
          out.cliProfile(c.name),
          cliProfile(config, c),
          `AWS CLI profile for consumer ${c.name}: paste into ~/.aws/config where its role in ${accountCalled(config, c.accountId)} runs (it assumes a role in ${accountCalled(config, config.producer.accountId)}; carries the External ID)`,
          true,
        );
      }
    }
    // Access points this account owns, on the producer's bucket.
    for (const ap of documents.accessPoints) {
      if (ap.accountId === config.producer.accountId || !here.has(ap.consumer)) continue;
      new SharedAccessPoint(this, `access-point-${ap.consumer}`, {
        provider,
        ownerCalled: accountCalled(config, ap.accountId),
        bucket,
        bucketAccountId: config.producer.accountId,
        ap,
        names,
        outputNames: out,
        outputs,
      });
    }
  }
}
