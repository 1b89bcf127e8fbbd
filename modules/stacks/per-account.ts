/**
 * One stack per account, each with only its own provider and state. The
 * producer applies first (addDependency): its policies name account roots, so it
 * never waits for consumer roles. Consumers compute every deterministic ARN
 * themselves and read only what AWS assigns at apply (a new key's ARN) from the
 * producer's remote state.
 */
import { App, TerraformStack } from 'cdktf';
import type { Config } from '../config';
import { ConsumerSide } from '../consumer';
import { consumerAlias, consumerStack, Layout, PRODUCER_ALIAS, PRODUCER_STACK } from '../naming';
import { ProducerSide, SharedAccessPoint } from '../producer';
import { addBackend, producerState } from './backend';
import { accessPointsByOwner, consumerGroups } from './groups';
import { awsProvider } from './providers';

export function perAccountStacks(app: App, config: Config, layout: Layout = 'cdktf'): TerraformStack[] {
  const producerStack = new TerraformStack(app, PRODUCER_STACK);
  addBackend(producerStack, PRODUCER_STACK, config.backend, layout);
  const producerProvider = awsProvider(producerStack, {
    alias: PRODUCER_ALIAS,
    accountId: config.producer.accountId,
    region: config.region,
    deployRoleArn: config.producer.deployRoleArn,
  });
  const producer = new ProducerSide(producerStack, 'producer', { config, provider: producerProvider });
  const consumerOwned = accessPointsByOwner(config, producer.accessPoints);
  const enc = config.producer.bucket.encryption;

  const stacks = [producerStack];
  for (const g of consumerGroups(config)) {
    const name = consumerStack(g.name);
    const stack = new TerraformStack(app, name);
    addBackend(stack, name, config.backend, layout);
    stack.addDependency(producerStack);
    const provider = awsProvider(stack, {
      alias: consumerAlias(g.name),
      accountId: g.accountId,
      region: config.region,
      deployRoleArn: g.deployRoleArn,
    });
    // A key created by the producer stack: its ARN exists only in that stack's state.
    const keyArn =
      enc.type === 'kms'
        ? (enc.keyArn ?? producerState(stack, PRODUCER_STACK, config.backend, layout).getString('kms_key_arn'))
        : undefined;
    new ConsumerSide(stack, `consumer-${g.name}`, { config, provider, consumers: g.consumers, keyArn });
    for (const ap of consumerOwned.get(g.accountId) ?? []) {
      new SharedAccessPoint(stack, `access-point-${ap.consumer}`, {
        provider,
        bucket: config.producer.bucket.name,
        bucketAccountId: config.producer.accountId,
        ap,
      });
    }
    stacks.push(stack);
  }
  return stacks;
}
