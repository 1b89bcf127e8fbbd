/**
 * cross-account-s3 as a construct library: the one public entry point.
 *
 *   const share = new BucketShare({ region, producer: { accountId, bucket: { name } } });
 *   share.grantRead({ role: 'arn:aws:iam::111111111111:role/Analytics' }, { prefixes: ['exports/daily/'] });
 *   new ProducerSide(producerStack, 'exports', { share, provider: producerProvider });
 *   new ConsumerSide(consumerStack, 'exports', { share, accountId: '111111111111', provider: consumerProvider });
 *
 * The JSON app (main.ts) is this same API on a config file.
 */
export { BucketShare, Grant } from '../share';
export type {
  AccessLevel,
  AccountProps,
  BucketProps,
  BucketShareProps,
  EncryptionProps,
  GrantOptions,
  Grantee,
  Method,
  Pack,
  PolicyStatementProps,
  ProducerProps,
  RoleConstructLike,
  RoleRef,
} from '../share';
export { ProducerSide } from '../producer';
export { ShareConstructError } from '../constructs';
export type { ProducerSideProps } from '../producer';
export { ConsumerSide } from '../consumer';
export type { ConsumerSideProps } from '../consumer';
export { shareManifest } from './manifest';
export type { ShareManifest } from './manifest';
export { ConfigError } from '../config';
export { PolicySizeError } from '../plan';
export type { Plan, Route } from '../plan';
export type { ConsumerPolicies, JsonStatement, PolicyDocument } from '../policy';
