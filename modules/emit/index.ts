/**
 * modules/emit: a plan's stacks as the Terraform JSON the constructs render, built
 * as plain data, without cdktf. The JSON app writes these; the constructs stay
 * the library's, and the reference: `CROSS_ACCOUNT_RENDER=stock` renders the same
 * plan through them and cdktf, and a test holds both to the same bytes for every
 * example and random configs of every feature (__tests__/render-switch.test.ts).
 * The wiring mirrors modules/stacks/wiring.ts: one stack per plan stack, the
 * producer's first, every other applied after it.
 */
import { bucketStackName } from '../config';
import type { Backend } from '../config';
import { outputNames } from '../contract';
import { Layout, PRODUCER_STACK } from '../naming';
import type { BucketsPlan, Plan, SharedRolesStackPlan } from '../plan';
import { emitConsumerSide } from './consumer';
import { EmittedProducer, emitProducer } from './producer';
import { addBackend, awsProvider, dynamicCredentials, producerState, providerRef } from './providers';
import { emitSharedRolesStacks } from './shared-roles';
import { pathOf, StackJson } from './stack';
import { emitTerraformCloudStacks } from './terraform-cloud';

export { LIBRARY } from './library';
export { layoutText } from './text';
export { sortedKeys } from './sorted';
export type { Json, JsonObject } from './stack';

/** A stack's JSON, and the stacks applied before it (the manifest's dependencies). */
export interface EmittedStack {
  name: string;
  dependencies: string[];
  json: Record<string, unknown>;
}

const emitted = (s: StackJson): EmittedStack => ({ name: s.name, dependencies: s.dependencies, json: s.toJson() });

/** The share's own stacks of one plan (no Terraform Cloud bootstrap). */
function shareStacks(plan: Plan, layout: Layout): StackJson[] {
  const { config } = plan;
  const enc = config.producer.bucket.encryption;
  let producer: EmittedProducer | undefined;
  let producerStack: string | undefined;
  return plan.stacks.map((s) => {
    const stack = new StackJson(s.name);
    addBackend(stack, s.name, config.backend, layout);
    stack.overrideTerraform(['required_version'], s.requiredVersion);
    const multiple = dynamicCredentials(stack, s);
    for (const p of s.providers) awsProvider(stack, p, config.region, multiple);
    if (s.producer) {
      producer = emitProducer(stack, pathOf(s.name, 'producer'), plan, providerRef(s.producer));
      producerStack = s.name;
    } else if (producerStack) stack.dependencies.push(producerStack);
    // A key created by the producer stack: in another stack, its ARN exists only in that stack's state.
    const keyArn =
      enc.type !== 'kms'
        ? undefined
        : (enc.keyArn ??
          (s.readsProducerState
            ? producerState(
                stack,
                bucketStackName(config.bucketKey, PRODUCER_STACK),
                config.backend,
                layout,
                outputNames().kmsKeyArn,
                PRODUCER_STACK,
              )
            : producer?.keyArn));
    for (const side of s.consumerSides)
      emitConsumerSide(stack, pathOf(s.name, `consumer-${side.provider.account.name}`), plan, {
        accountId: side.provider.account.id,
        provider: providerRef(side.provider),
        ...(keyArn !== undefined ? { keyArn } : {}),
        bucket: s.producer && producer ? producer.bucketId : config.producer.bucket.name,
      });
    return stack;
  });
}

/** Every stack of one bucket's plan: the share's, then the Terraform Cloud bootstrap's. */
export function emitPlan(plan: Plan, layout: Layout = 'cdktf'): EmittedStack[] {
  const stacks = shareStacks(plan, layout);
  const bootstrap = plan.terraformCloud ? emitTerraformCloudStacks(plan.config, plan.terraformCloud, layout) : [];
  return [...stacks, ...bootstrap].map(emitted);
}

/** A many-buckets config: every bucket's stacks, then the shared-roles stacks. */
export function emitBuckets(planned: BucketsPlan, layout: Layout = 'cdktf'): EmittedStack[] {
  const buckets = planned.buckets.flatMap(({ plan }) => emitPlan(plan, layout));
  if (planned.sharedRoles.length === 0) return buckets;
  const { region, backend } = planned.buckets[0].plan.config;
  const built = new Set(buckets.map((s) => s.name));
  return [...buckets, ...emitSharedRoles(planned.sharedRoles, { region, backend }, layout, built)];
}

/** The shared-roles stacks alone (handoff writes them beside the buckets' folders). */
export function emitSharedRoles(
  plans: readonly SharedRolesStackPlan[],
  shared: { region: string; backend: Backend },
  layout: Layout,
  built: ReadonlySet<string> = new Set(),
): EmittedStack[] {
  return emitSharedRolesStacks(plans, shared, built, layout).map(emitted);
}
