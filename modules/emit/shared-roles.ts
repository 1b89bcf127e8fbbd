/**
 * The shared-roles stacks of a many-buckets config (modules/stacks/shared-roles.ts,
 * modules/consumer/shared-roles.ts): a role's customer-managed policies and their
 * attachments, in the role's account, after the stacks they depend on.
 */
import type { Backend } from '../config';
import { outputNames } from '../contract';
import { Layout, sharedPolicyTfName } from '../naming';
import type { SharedRolesStackPlan } from '../plan';
import { toJson } from '../policy';
import { addBackend, awsProvider, producerState, providerRef } from './providers';
import { pathOf, ref, StackJson } from './stack';

export function emitSharedRolesStacks(
  plans: readonly SharedRolesStackPlan[],
  shared: { region: string; backend: Backend },
  built: ReadonlySet<string>,
  layout: Layout,
): StackJson[] {
  return plans.map((s) => {
    const stack = new StackJson(s.name);
    addBackend(stack, s.name, shared.backend, layout);
    stack.overrideTerraform(['required_version'], s.requiredVersion);
    awsProvider(stack, s.provider, shared.region, false);
    const provider = providerRef(s.provider);
    for (const name of s.after) if (built.has(name)) stack.dependencies.push(name);
    const keyArns = new Map(
      s.keys.map((k) => [
        k.placeholder,
        producerState(
          stack,
          k.producerStack,
          shared.backend,
          layout,
          outputNames().kmsKeyArn,
          k.producerStack,
          `../${k.bucketKey}/${k.producerStack}`,
        ),
      ]),
    );
    const text = (json: string) => {
      let out = json;
      for (const [placeholder, arn] of keyArns) out = out.split(placeholder).join(arn);
      return out;
    };
    const path = pathOf(s.name, 'shared-roles');
    for (const r of s.roles) {
      r.policies.forEach((p, i) => {
        const n = i + 1;
        const name = sharedPolicyTfName(r.role, n);
        const policy = stack.resource(
          'aws_iam_policy',
          name,
          pathOf(path, `policy-${r.role}-${n}`),
          {
            name: p.name,
            description: `S3 rights of role ${r.role} across buckets (cross-account-s3), part ${n}`,
            policy: text(toJson(p.document)),
          },
          { provider },
        );
        stack.resource(
          'aws_iam_role_policy_attachment',
          name,
          pathOf(path, `attachment-${r.role}-${n}`),
          { role: r.role, policy_arn: ref(policy, 'arn') },
          { provider },
        );
      });
    }
    return stack;
  });
}
