/**
 * The shared-roles stacks of a many-buckets config (docs/many-buckets.md): one per account whose roles several
 * buckets grant past IAM's inline total. Applied after the stacks creating those roles and the producer stacks
 * whose keys they name (addDependency); a created key's ARN is read from its producer stack's state, the data
 * source named after that stack.
 */
import { App, TerraformStack } from 'cdktf';
import { SharedRolePolicies } from '../consumer';
import type { Backend } from '../config';
import { outputNames } from '../contract';
import type { Layout } from '../naming';
import type { SharedRolesStackPlan } from '../plan';
import { addBackend, producerState } from './backend';
import { awsProvider } from './providers';

export function buildSharedRolesStacks(
  app: App,
  plans: readonly SharedRolesStackPlan[],
  shared: { region: string; backend: Backend },
  built: ReadonlyMap<string, TerraformStack>,
  layout: Layout,
): TerraformStack[] {
  return plans.map((s) => {
    const stack = new TerraformStack(app, s.name);
    addBackend(stack, s.name, shared.backend, layout);
    stack.addOverride('terraform.required_version', s.requiredVersion);
    const provider = awsProvider(stack, s.provider, shared.region, false);
    for (const name of s.after) {
      const first = built.get(name);
      if (first) stack.addDependency(first);
    }
    const keyArns = new Map(
      s.keys.map((k) => [
        k.placeholder,
        producerState(
          stack,
          k.producerStack,
          shared.backend,
          layout,
          k.producerStack,
          `../${k.bucketKey}/${k.producerStack}`,
        ).getString(outputNames().kmsKeyArn),
      ]),
    );
    new SharedRolePolicies(stack, 'shared-roles', { roles: s.roles, provider, keyArns });
    return stack;
  });
}
