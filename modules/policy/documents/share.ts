/** What every document is computed from: the config, and the routes a plan chose. */
import type { Config, Consumer } from '../../config';

/**
 * Stands for the ARN of a key created here until Terraform knows it: constructs
 * replace it with a reference. Config strings can never hold "${" (the config
 * gate refuses it), so nothing the user wrote can look like it.
 */
export const KEY_ARN = '${kms_key_arn}';

export interface Share {
  config: Config;
  /** Consumers as routed: a direct consumer moved by overflow has method "access-point" and an access point. */
  consumers: readonly Consumer[];
  /**
   * Whether bucket and key policies also name the producer roles of assume-role
   * consumers. Not needed (they live in the bucket's account, where their identity
   * policies suffice); left out with overflow "access-points" to save room.
   */
  producerRolesInResourcePolicies: boolean;
  /** How the bucket policy names the producer's own access points: each ARN, or the name prefix they share. */
  delegation: 'exact' | 'pattern';
}

/** The key's ARN as policies name it; undefined with SSE-S3. */
export function keyArnOf(config: Config): string | undefined {
  const enc = config.producer.bucket.encryption;
  return enc.type === 'kms' ? (enc.keyArn ?? KEY_ARN) : undefined;
}

/** A document's JSON with the key ARN filled in (a Terraform reference where the key is created). */
export function policyText(json: string, keyArn: string | undefined): string {
  if (!json.includes(KEY_ARN)) return json;
  if (!keyArn) throw new Error('this policy names the bucket key, but no key ARN was given to fill in');
  return json.split(KEY_ARN).join(keyArn);
}
