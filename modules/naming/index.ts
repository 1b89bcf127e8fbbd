/**
 * Every name this project gives to Terraform things, in one place: resource
 * names (stable, no hash suffixes), provider aliases, stack names, output names.
 * Plain functions, no cdktf: verify and the handoff writer read them too.
 */

/** A Terraform identifier from free text: "reporting-eu" -> "reporting_eu". */
export function tfName(...parts: string[]): string {
  return parts
    .join('_')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .toLowerCase();
}

export const PRODUCER_ALIAS = 'producer';

/** Consumers of one account share one provider, named after the first of them (by name). */
export const consumerAlias = (groupName: string) => tfName('consumer', groupName);

export const SINGLE_STACK = 'cross-account';
export const PRODUCER_STACK = 'producer';
export const consumerStack = (groupName: string) => `consumer-${groupName}`;

/** KMS alias names allow letters, digits, "/", "_" and "-": bucket names may hold dots. */
export const kmsAliasName = (bucket: string) => `alias/${bucket.replace(/\./g, '-')}-s3`;

/** Inline policy name on a consumer's role: one per consumer, so consumers sharing a role do not clash. */
export const consumerPolicyName = (consumer: string) => `cross-account-s3-${consumer}`;
export const PRODUCER_ROLE_POLICY = 'cross-account-s3-access';

/** Local state beside the project, not inside cdktf.out (re-synthesized) and never an absolute path. */
export const localStatePath = (stack: string) => `../../../terraform.${stack}.tfstate`;
