/** Both sides in one stack: one aliased provider per account. */
import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import type { Config } from '../config';
import { ConsumerSide } from '../consumer';
import { consumerAlias, Layout, PRODUCER_ALIAS } from '../naming';
import { ProducerSide, SharedAccessPoint } from '../producer';
import { addBackend } from './backend';
import { accessPointsByOwner, consumerGroups } from './groups';
import { awsProvider } from './providers';

export class SingleStack extends TerraformStack {
  constructor(scope: Construct, name: string, config: Config, layout: Layout = 'cdktf') {
    super(scope, name);
    addBackend(this, name, config.backend, layout);
    const producerProvider = awsProvider(this, {
      alias: PRODUCER_ALIAS,
      accountId: config.producer.accountId,
      region: config.region,
      deployRoleArn: config.producer.deployRoleArn,
    });
    const producer = new ProducerSide(this, 'producer', { config, provider: producerProvider });
    const consumerOwned = accessPointsByOwner(config, producer.accessPoints);
    for (const g of consumerGroups(config)) {
      const provider = awsProvider(this, {
        alias: consumerAlias(g.name),
        accountId: g.accountId,
        region: config.region,
        deployRoleArn: g.deployRoleArn,
      });
      new ConsumerSide(this, `consumer-${g.name}`, {
        config,
        provider,
        consumers: g.consumers,
        keyArn: producer.keyArn,
      });
      // Cross-account access points live in the consumer account, on the producer's bucket.
      for (const ap of consumerOwned.get(g.accountId) ?? []) {
        new SharedAccessPoint(this, `access-point-${ap.consumer}`, {
          provider,
          bucket: producer.bucketId,
          bucketAccountId: config.producer.accountId,
          ap,
        });
      }
    }
  }
}
