/**
 * The part of a generated config (bench/generate.ts) the AWS CDK and plain cdktf sides read:
 * they take the config as given, without the project's reader or checks.
 */
export type Consumer = {
  name: string;
  accountId: string;
  role: { name: string };
  access: 'read' | 'write' | 'read-write';
  prefixes?: string[];
  method?: 'direct' | 'assume-role' | 'access-point';
  externalId?: string;
};
export type Config = {
  region: string;
  producer: { accountId: string; bucket: { name: string } };
  consumers: Consumer[];
};
