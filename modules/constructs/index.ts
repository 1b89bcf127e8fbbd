/**
 * modules/constructs: what the producer's and the consumers' constructs share —
 * the access point (either account may own one), the checks made when they are
 * placed in someone's stacks, the bookkeeping that every grant is rendered on
 * both sides, and the one error type they throw.
 */
export { SharedAccessPoint } from './access-point';
export type { SharedAccessPointProps } from './access-point';
export { checkProviderAccount, checkUniqueAwsNames, checkUniqueNames } from './checks';
export {
  checkConsumerSides,
  checkProducerSide,
  consumerSidesOf,
  producerSideOf,
  registerConsumerSide,
  registerProducerSide,
} from './both-sides';
export type { RenderedProducer } from './both-sides';
export { ShareConstructError } from './errors';
export { gateProps } from './props-gate';
