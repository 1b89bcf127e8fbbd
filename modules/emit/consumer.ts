/**
 * Everything in one consumer account (modules/consumer/index.ts): the workload
 * roles created here, every consumer's inline identity policy, the access points
 * this account owns, and outputs.
 */
import { outputNames } from '../contract';
import { accountCalled, consumerPolicyName, namer, needsInstanceProfile } from '../naming';
import { cliProfile, Plan } from '../plan';
import { getDataAccessCommand, policyText, toJson } from '../policy';
import { emitAccessPoint } from './access-point';
import { pathOf, ref, StackJson } from './stack';

export interface ConsumerSideProps {
  accountId: string;
  provider: string;
  keyArn?: string;
  /** The bucket's name for this account's access points (a reference in the producer's stack). */
  bucket: string;
}

/** The consumer side of one account at `path` (the JSON app: `<stack>/consumer-<account>`, unprefixed names). */
export function emitConsumerSide(stack: StackJson, path: string, plan: Plan, props: ConsumerSideProps): void {
  const { provider, accountId, keyArn } = props;
  const names = namer('');
  const out = outputNames('');
  const { config, documents } = plan;
  const at = (id: string) => pathOf(path, id);
  const here = new Set(config.consumers.filter((c) => c.accountId === accountId).map((c) => c.name));
  const policiesOf = new Map(documents.consumers.map((p) => [p.consumer, p]));
  const mine = plan.share.consumers.flatMap((c) => {
    if (!here.has(c.name)) return [];
    const p = policiesOf.get(c.name);
    if (!p) throw new Error(`${path}: the plan holds no policies of consumer ${c.name}`);
    return [{ c, p }];
  });

  // Roles first: a consumer may attach to a role another consumer of this account creates.
  const created = new Map<string, string>();
  for (const { c, p } of mine) {
    if (!p.trust) continue;
    const name = names('consumer', c.name);
    const role = stack.resource(
      'aws_iam_role',
      name,
      at(`role-${c.name}`),
      {
        name: c.role.name,
        path: c.role.path,
        description: `Workload role of consumer ${c.name}`,
        assume_role_policy: toJson(p.trust),
      },
      { provider },
    );
    created.set(c.role.name, role);
    if (needsInstanceProfile(c.role.assumedBy))
      stack.resource(
        'aws_iam_instance_profile',
        name,
        at(`instance-profile-${c.name}`),
        { name: c.role.name, path: c.role.path, role: ref(role, 'name') },
        { provider },
      );
  }

  const output = (name: string, value: string, description: string, sensitive = false) =>
    stack.output(path, name, name, value, description, sensitive);
  const grantsOf = new Map<string, string[]>();
  for (const g of documents.accessGrants?.grants ?? [])
    grantsOf.set(g.consumer, [...(grantsOf.get(g.consumer) ?? []), getDataAccessCommand(config, g)]);
  for (const { c, p } of mine) {
    const role = created.get(c.role.name);
    if (!plan.identityElsewhere?.has(c.name))
      stack.resource(
        'aws_iam_role_policy',
        names('consumer', c.name),
        at(`policy-${c.name}`),
        {
          role: role ? ref(role, 'id') : c.role.name,
          name: consumerPolicyName(c.name),
          policy: policyText(toJson(p.identity), keyArn),
        },
        { provider },
      );
    output(
      out.consumerRoleArn(c.name),
      role ? ref(role, 'arn') : p.roleArn,
      `Role of consumer ${c.name}, in ${accountCalled(config, c.accountId)}`,
    );
    const calls = grantsOf.get(c.name);
    if (calls)
      output(
        out.getDataAccess(c.name),
        calls.join('\n'),
        `Consumer ${c.name}: the call that vends its credentials from S3 Access Grants (one line per prefix), run as its role`,
      );
    if (c.method === 'assume-role')
      output(
        out.cliProfile(c.name),
        cliProfile(config, c),
        `AWS CLI profile for consumer ${c.name}: paste into ~/.aws/config where its role in ${accountCalled(config, c.accountId)} runs (it assumes a role in ${accountCalled(config, config.producer.accountId)}; carries the External ID)`,
        true,
      );
  }
  for (const ap of documents.accessPoints) {
    if (ap.accountId === config.producer.accountId || !here.has(ap.consumer)) continue;
    emitAccessPoint(stack, at(`access-point-${ap.consumer}`), {
      provider,
      ownerCalled: accountCalled(config, ap.accountId),
      bucket: props.bucket,
      bucketAccountId: config.producer.accountId,
      ap,
      names,
      outputNames: out,
      outputs: true,
    });
  }
}
