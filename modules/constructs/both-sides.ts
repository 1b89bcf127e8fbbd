/**
 * Every grant of a share is rendered on both sides: the ProducerSide's bucket
 * (and key) policy grants a role, and a ConsumerSide of that role's account
 * gives it the identity policy — else half a grant: the bucket admits a role
 * that can do nothing, and nothing says so until someone's job fails. An
 * account the app does not deploy to is declared `managed: false` (its identity
 * policies become outputs of the ProducerSide). Checked at synth, when every
 * construct of the app exists, whatever order they were created in.
 */
import type { Construct } from 'constructs';
import type { BucketShare } from '../share';
import { ShareConstructError } from './errors';

/** What a ConsumerSide reads of its share's ProducerSide (the construct itself). */
export interface RenderedProducer extends Construct {
  readonly bucketId: string;
  readonly keyArn?: string;
  readonly prefix: string;
}

/** The ProducerSide each share is rendered by (one per share). */
const producerSides = new WeakMap<BucketShare, RenderedProducer>();

export function registerProducerSide(share: BucketShare, side: RenderedProducer): void {
  const other = producerSides.get(share);
  if (other) throw new ShareConstructError(side.node.path, `this share is rendered already, by ${other.node.path}`);
  producerSides.set(share, side);
}

/** The ProducerSide rendering `share`, if one was created. */
export const producerSideOf = (share: BucketShare): RenderedProducer | undefined => producerSides.get(share);

/** The ConsumerSides of each share, by account. */
const consumerSides = new WeakMap<BucketShare, Map<string, Construct[]>>();

export function registerConsumerSide(share: BucketShare, accountId: string, side: Construct): void {
  let accounts = consumerSides.get(share);
  if (!accounts) consumerSides.set(share, (accounts = new Map()));
  accounts.set(accountId, [...(accounts.get(accountId) ?? []), side]);
}

/** The ConsumerSides rendering a share, in the order they were created. */
export const consumerSidesOf = (share: BucketShare): Construct[] =>
  [...(consumerSides.get(share)?.values() ?? [])].flat();

/** On a ProducerSide: the grants to managed accounts that no ConsumerSide renders, one problem per account. */
export function checkConsumerSides(scope: Construct, share: BucketShare): void {
  scope.node.addValidation({
    validate: () => {
      const { config } = share.plan;
      const rendered = consumerSides.get(share) ?? new Map<string, Construct[]>();
      const unmanaged = new Set(config.accounts.filter((a) => !a.managed).map((a) => a.id));
      const missing = new Map<string, string[]>();
      for (const c of config.consumers) {
        if (unmanaged.has(c.accountId) || rendered.has(c.accountId)) continue;
        missing.set(c.accountId, [...(missing.get(c.accountId) ?? []), c.name]);
      }
      return [...missing].map(
        ([account, grants]) =>
          `${grants.map((g) => `grant "${g}"`).join(', ')} of bucket ${config.producer.bucket.name} to account ` +
          `${account} ${grants.length > 1 ? 'are' : 'is'} rendered on the producer side only: the bucket policy ` +
          `grants ${grants.length > 1 ? 'their roles' : 'its role'}, but no ConsumerSide gives ` +
          `${grants.length > 1 ? 'them their' : 'it its'} identity policy. Add new ConsumerSide(<a stack of ` +
          `account ${account}>, '<id>', { share, accountId: '${account}', provider }), or, if this app does not ` +
          `deploy to that account, declare it in the BucketShare: accounts: { '${account}': { managed: false } } ` +
          `(its identity policies become outputs of ${scope.node.path})`,
      );
    },
  });
}

/** On a ConsumerSide: the share's ProducerSide exists somewhere in the app by synth. */
export function checkProducerSide(scope: Construct, share: BucketShare, accountId: string): void {
  scope.node.addValidation({
    validate: () => {
      if (producerSides.has(share)) return [];
      const { config } = share.plan;
      const grants = config.consumers.filter((c) => c.accountId === accountId).map((c) => `grant "${c.name}"`);
      return [
        `${grants.join(', ')} of bucket ${config.producer.bucket.name} to account ${accountId} ` +
          `${grants.length > 1 ? 'are' : 'is'} rendered on the consumer side only: no ProducerSide of this share writes the bucket policy that admits ` +
          `${grants.length > 1 ? 'these roles' : 'its role'}. Add new ProducerSide(<the stack of account ` +
          `${config.producer.accountId}>, '<id>', { share, provider })`,
      ];
    },
  });
}
