/** A finding: what the output lets through that the config does not, with a concrete request that shows it. */

export type FindingKind =
  'principal' | 'action' | 'object-key' | 'listing' | 'door' | 'kms' | 'trust' | 'posture' | 'unexplained';

export interface WitnessRequest {
  principal: string;
  action: string;
  resource: string;
  /** Through this access point, when the request goes through one. */
  accessPoint?: string;
  context: Record<string, string>;
}

export interface Finding {
  /** "<stack>:<type>.<name>" of the document or resource. */
  where: string;
  /** The statement, or "-" for a resource or setting. */
  sid: string;
  kind: FindingKind;
  message: string;
  witness?: WitnessRequest;
  /** Whether the policy engine allows the witness request (undefined: not asked). */
  confirmed?: boolean;
  /** A statement the config itself holds (producer.bucket.policyStatements): an accepted exception, with why. */
  accepted?: string;
}
