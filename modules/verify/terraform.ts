/**
 * Reads the synthesized Terraform JSON (never the constructs) and collects the
 * policies that will really be deployed, with every `${...}` reference replaced
 * by a stable symbolic value of the right account and type.
 */
import { isRegion, partitionOf } from '../config';

export type TfJson = {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; sensitive?: boolean }>;
  provider?: { aws?: { alias?: string; region?: string; allowed_account_ids?: string[] }[] };
};

/** Stack name -> its Terraform JSON. */
export type Stacks = Record<string, TfJson>;

/** The stacks of an output folder (each cdk.tf.json read strictly: a corrupt one is named with its position). */
export { readStacksChecked as readStacks } from './read-stacks';

/** The symbolic ID given to a KMS key that Terraform creates (its real ID is assigned at apply). */
export const SYMBOLIC_KEY_ID = '00000000-0000-4000-8000-000000000000';

export interface Located {
  stack: string;
  type: string;
  name: string;
  body: Record<string, unknown>;
  /** From the resource's provider alias. */
  account: string;
  region: string;
  partition: string;
}

/** A provider's region decides its partition; an unknown region is kept as "aws" (the config check refuses those). */
const partitionOfRegion = (region: string) => (isRegion(region) ? partitionOf(region) : 'aws');

/** Every resource and data source of every stack, with the account its provider is pinned to. */
export function locate(stacks: Stacks): Located[] {
  const out: Located[] = [];
  for (const [stack, json] of Object.entries(stacks)) {
    // A resource names its provider "aws.<alias>", or nothing (or "aws") for the stack's default provider.
    const providers = new Map((json.provider?.aws ?? []).map((p) => [p.alias ? `aws.${p.alias}` : 'aws', p]));
    for (const [kind, block] of [
      ['resource', json.resource],
      ['data', json.data],
    ] as const) {
      for (const [type, byName] of Object.entries(block ?? {})) {
        for (const [name, body] of Object.entries(byName)) {
          if (kind === 'data' && type === 'terraform_remote_state') continue; // read through its outputs, no provider
          const p = providers.get(body.provider === undefined ? 'aws' : String(body.provider));
          if (!p?.allowed_account_ids?.[0] || !p.region)
            throw new Error(
              `${stack}: ${type}.${name} has no provider pinned to an account (provider ${String(body.provider)})`,
            );
          out.push({
            stack,
            type: kind === 'data' ? `data.${type}` : type,
            name,
            body,
            account: p.allowed_account_ids[0],
            region: p.region,
            partition: partitionOfRegion(p.region),
          });
        }
      }
    }
  }
  return out;
}

/** Replaces every `${...}` in a string; throws on a reference it cannot give a stable value. */
export function resolver(stacks: Stacks, all: Located[]): (text: string, where: string) => string {
  // Indexed: every policy of 10,000 consumers refers to the key.
  const byAddress = new Map<string, Located>();
  for (const r of all) {
    const k = `${r.stack}\u0000${r.type}\u0000${r.name}`;
    if (!byAddress.has(k)) byAddress.set(k, r);
  }
  const find = (stack: string, type: string, name: string) => byAddress.get(`${stack}\u0000${type}\u0000${name}`);
  const resolveRef = (stack: string, expr: string, where: string, depth: number): string => {
    if (depth > 5) throw new Error(`${where}: reference loop at \${${expr}}`);
    const remote = /^data\.terraform_remote_state\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
    if (remote) {
      for (const [other, json] of Object.entries(stacks)) {
        const value = json.output?.[remote[2]]?.value;
        if (other !== stack && typeof value === 'string') return resolveText(other, value, where, depth + 1);
      }
      throw new Error(`${where}: no stack has the output ${remote[2]} that \${${expr}} reads`);
    }
    const m = /^((?:data\.)?[\w]+)\.([\w-]+)\.(\w+)$/.exec(expr);
    const r = m && find(stack, m[1], m[2]);
    if (!m || !r) throw new Error(`${where}: cannot resolve the reference \${${expr}}`);
    const [, type, , attr] = m;
    if (type === 'aws_kms_key' && attr === 'arn')
      return `arn:${r.partition}:kms:${r.region}:${r.account}:key/${SYMBOLIC_KEY_ID}`;
    if (type === 'aws_iam_role' && (attr === 'id' || attr === 'name')) return String(r.body.name);
    if (type === 'aws_iam_role' && attr === 'arn')
      return `arn:${r.partition}:iam::${r.account}:role${String(r.body.path ?? '/')}${String(r.body.name)}`;
    if ((type === 'aws_s3_bucket' || type === 'data.aws_s3_bucket') && (attr === 'id' || attr === 'bucket'))
      return String(r.body.bucket);
    if ((type === 'aws_s3_bucket' || type === 'data.aws_s3_bucket') && attr === 'arn')
      return `arn:${r.partition}:s3:::${String(r.body.bucket)}`;
    if (type === 'aws_s3_access_point' && attr === 'arn')
      return `arn:${r.partition}:s3:${r.region}:${String(r.body.account_id ?? r.account)}:accesspoint/${String(r.body.name)}`;
    // The monitoring section's references (shape/monitoring.ts checks what they point at).
    if (type === 'aws_sns_topic' && attr === 'arn')
      return `arn:${r.partition}:sns:${r.region}:${r.account}:${String(r.body.name)}`;
    if (type === 'aws_cloudwatch_event_rule' && (attr === 'name' || attr === 'id')) return String(r.body.name);
    if (type === 'aws_accessanalyzer_analyzer' && attr === 'analyzer_name') return String(r.body.analyzer_name);
    throw new Error(`${where}: cannot resolve the reference \${${expr}}`);
  };
  const resolveText = (stack: string, text: string, where: string, depth: number): string =>
    text.replace(/\$\{([^}]+)\}/g, (_, expr: string) => resolveRef(stack, expr.trim(), where, depth));
  return (text, where) => {
    const [stack] = where.split(':');
    return resolveText(stack, text, where, 0);
  };
}
