/**
 * Which stacks a config has, which providers each holds, and what each reads.
 * Stacks and providers are named after accounts (accounts.<id>.name, else the
 * ID), so adding or removing a consumer never renames a stack or moves its state.
 */
import { bucketStackName, type Account, type Config } from '../config';
import { consumerAlias, consumerStack, PRODUCER_ALIAS, PRODUCER_STACK, SINGLE_STACK } from '../naming';

export interface ProviderPlan {
  alias: string;
  account: Account;
}

export interface ConsumerSidePlan {
  provider: ProviderPlan;
  /** Consumers of this account (by name): their roles, identity policies, and access points this account owns. */
  consumers: string[];
}

export interface StackPlan {
  name: string;
  /** Every provider of the stack, the producer's first. */
  providers: ProviderPlan[];
  /** The provider of the bucket-owner side, when the stack holds it. */
  producer?: ProviderPlan;
  consumerSides: ConsumerSidePlan[];
  /** Reads the producer stack's outputs: only for the ARN of a key created there. */
  readsProducerState: boolean;
  /** What the backend needs: S3-native locking (use_lockfile) came in Terraform 1.10. */
  requiredVersion: string;
}

export function requiredVersion(config: Config): string {
  return config.backend.type === 's3' && !config.backend.dynamodbTable ? '>= 1.10' : '>= 1.6';
}

export function accountOf(config: Config, id: string): Account {
  const a = config.accounts.find((x) => x.id === id);
  if (!a) throw new Error(`account ${id} is not in the config`);
  return a;
}

/** Managed accounts with a consumer side: the accounts of consumers (and of the access points they own). */
function consumerSides(config: Config): ConsumerSidePlan[] {
  const byAccount = new Map<string, string[]>();
  for (const c of config.consumers) {
    if (!accountOf(config, c.accountId).managed) continue;
    const names = byAccount.get(c.accountId);
    if (names) names.push(c.name);
    else byAccount.set(c.accountId, [c.name]);
  }
  return [...byAccount.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, consumers]) => {
      const account = accountOf(config, id);
      return { provider: { alias: consumerAlias(account.name), account }, consumers };
    });
}

/** Whether a consumer side needs the ARN of a key the producer stack creates. */
function needsCreatedKey(config: Config, side: ConsumerSidePlan): boolean {
  const enc = config.producer.bucket.encryption;
  if (enc.type !== 'kms' || enc.keyArn) return false;
  const here = new Set(side.consumers);
  return config.consumers.some((c) => here.has(c.name) && c.method !== 'assume-role');
}

export function stackPlans(config: Config): StackPlan[] {
  const producer: ProviderPlan = { alias: PRODUCER_ALIAS, account: accountOf(config, config.producer.accountId) };
  const sides = consumerSides(config);
  const version = requiredVersion(config);
  if (config.stacks === 'single') {
    return [
      {
        name: bucketStackName(config.bucketKey, SINGLE_STACK),
        providers: [producer, ...sides.map((s) => s.provider)],
        producer,
        consumerSides: sides,
        readsProducerState: false,
        requiredVersion: version,
      },
    ];
  }
  return [
    {
      name: bucketStackName(config.bucketKey, PRODUCER_STACK),
      providers: [producer],
      producer,
      consumerSides: [],
      readsProducerState: false,
      requiredVersion: version,
    },
    ...sides.map((side) => ({
      name: bucketStackName(config.bucketKey, consumerStack(side.provider.account.name)),
      providers: [side.provider],
      consumerSides: [side],
      readsProducerState: needsCreatedKey(config, side),
      requiredVersion: version,
    })),
  ];
}
