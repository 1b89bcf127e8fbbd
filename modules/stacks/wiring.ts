/**
 * A plan's stacks in a cdktf app: one wiring for both layouts ("single": one
 * stack, a provider per account; "per-account": a stack per account). The
 * producer stack applies first (addDependency): its policies name account roots,
 * so it never waits for a consumer role. A consumer stack computes every ARN
 * itself and reads only what AWS assigns at apply (a new key's ARN) from the
 * producer's state.
 */
import { App, TerraformStack } from 'cdktf';
import { ConsumerSide } from '../consumer';
import { bucketStackName } from '../config';
import { Layout, PRODUCER_STACK } from '../naming';
import type { Plan } from '../plan';
import { ProducerSide } from '../producer';
import { BucketShare } from '../share';
import { addBackend, producerState } from './backend';
import { outputNames } from '../contract';
import { awsProvider, dynamicCredentials } from './providers';
import { buildTerraformCloudStacks } from './terraform-cloud';

export function buildStacks(app: App, plan: Plan, layout: Layout = 'cdktf'): TerraformStack[] {
  const { config } = plan;
  const enc = config.producer.bucket.encryption;
  // The JSON app is the library's constructs on a share that is already planned.
  const share = BucketShare.fromPlan(plan);
  let producerStack: TerraformStack | undefined;
  let producer: ProducerSide | undefined;
  const stacks = plan.stacks.map((s) => {
    const stack = new TerraformStack(app, s.name);
    addBackend(stack, s.name, config.backend, layout);
    stack.addOverride('terraform.required_version', s.requiredVersion);
    const multiple = dynamicCredentials(stack, s);
    const providers = new Map(s.providers.map((p) => [p.alias, awsProvider(stack, p, config.region, multiple)]));
    if (s.producer) {
      producer = new ProducerSide(stack, 'producer', { share, provider: providers.get(s.producer.alias)!, prefix: '' });
      producerStack = stack;
    } else if (producerStack) stack.addDependency(producerStack);
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
                PRODUCER_STACK,
              ).getString(outputNames().kmsKeyArn)
            : producer?.keyArn));
    for (const side of s.consumerSides) {
      new ConsumerSide(stack, `consumer-${side.provider.account.name}`, {
        share,
        accountId: side.provider.account.id,
        provider: providers.get(side.provider.alias)!,
        prefix: '',
        ...(keyArn !== undefined ? { keyArn } : {}),
        bucket: s.producer && producer ? producer.bucketId : config.producer.bucket.name,
      });
    }
    return stack;
  });
  // The Terraform Cloud bootstrap: stacks of its own, applied once before the workspaces run.
  return plan.terraformCloud
    ? [...stacks, ...buildTerraformCloudStacks(app, config, plan.terraformCloud, layout)]
    : stacks;
}
