/**
 * The blocks of a stack beside its resources: top level, `terraform`, `provider`
 * and `output`. Only what synth writes is explained; a module, a variable, a
 * check, a provider endpoint, a backend other than the config's is a finding.
 */
import type { Config } from '../../config';
import type { TfJson } from '../terraform';
import { backendOf } from './expected';
import type { ShapeFinding } from './finding';
import { same, shown } from './same';
import { multipleConfigurations, variableProblems } from './dynamic-credentials';
import { dynamicConfigFile } from '../../naming';

export type OutputOf = 'app' | 'library';

const TOP = new Set(['//', 'terraform', 'provider', 'resource', 'data', 'output']);
const TERRAFORM = new Set(['required_providers', 'required_version', 'backend', 'cloud']);
/** The AWS provider's registry addresses: another source is another provider's code. */
const AWS_SOURCES = new Set(['aws', 'hashicorp/aws', 'registry.terraform.io/hashicorp/aws']);
const PROVIDER = new Set([
  'alias',
  'region',
  'allowed_account_ids',
  'profile',
  'assume_role',
  'default_tags',
  // Terraform Cloud's dynamic credentials, several providers in one stack: the file of each alias (below).
  'shared_config_files',
]);
/** A library app's own credential settings: they choose how Terraform signs in, not what it applies. */
const LIBRARY_PROVIDER = new Set([
  ...PROVIDER,
  'shared_config_files',
  'shared_credentials_files',
  'assume_role_with_web_identity',
  'max_retries',
  'retry_mode',
]);
const OUTPUT = new Set(['value', 'description', 'sensitive']);

export function blockProblems(config: Config, stack: string, json: TfJson, of: OutputOf): ShapeFinding[] {
  const out: ShapeFinding[] = [];
  const at = (where: string, message: string, kind: ShapeFinding['kind'] = 'unexplained') =>
    out.push({ where: `${stack}:${where}`, kind, message });
  const raw = json as Record<string, unknown>;
  const multiple = of === 'app' && multipleConfigurations(config, json);
  for (const k of Object.keys(raw))
    if (!TOP.has(k) && !(k === 'variable' && multiple))
      at(k, `a top-level "${k}" block: synth writes none, and Terraform would apply it`);
  if (multiple) variableProblems(raw.variable, at);

  const tf = (raw.terraform ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(tf))
    if (!TERRAFORM.has(k)) at(`terraform.${k}`, `"${k}" in the terraform block: synth writes none`);
  const providers = (tf.required_providers ?? {}) as Record<string, { source?: unknown; version?: unknown }>;
  for (const [name, p] of Object.entries(providers)) {
    if (name !== 'aws') at(`terraform.required_providers.${name}`, `provider "${name}": synth requires only aws`);
    else if (
      !AWS_SOURCES.has(String(p?.source)) ||
      !/^\d+\.\d+\.\d+$/.test(String(p?.version)) ||
      Object.keys(p).length !== 2
    )
      at(
        'terraform.required_providers.aws',
        `the aws provider is required as ${shown(p)}, not the AWS provider's registry source at a fixed version`,
      );
  }
  if (of === 'app') {
    const expected = backendOf(config, stack);
    const other = expected.key === 'cloud' ? 'backend' : 'cloud';
    if (tf[other] !== undefined)
      at(`terraform.${other}`, `a ${other} block: the config's backend is ${config.backend.type}`);
    if (!same(tf[expected.key], expected.value))
      at(
        `terraform.${expected.key}`,
        `state goes to ${shown(tf[expected.key])}, the config says ${shown(expected.value)} (state holds External IDs)`,
        'posture',
      );
  }

  const block = (raw.provider ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(block))
    if (k !== 'aws') at(`provider.${k}`, `a "${k}" provider: synth configures only aws`);
  const aws = Array.isArray(block.aws)
    ? (block.aws as Record<string, unknown>[])
    : block.aws
      ? [block.aws as Record<string, unknown>]
      : [];
  const aliases = new Set<string>();
  aws.forEach((p, i) => {
    const where = `provider.aws[${i}]`;
    const allowed = of === 'app' ? PROVIDER : LIBRARY_PROVIDER;
    for (const k of Object.keys(p))
      if (!allowed.has(k)) at(where, `"${k}": synth sets no such provider argument (it could send requests elsewhere)`);
    const alias = String(p.alias ?? '');
    if (aliases.has(alias)) at(where, `a second provider with alias "${alias}"`);
    aliases.add(alias);
    const ids = p.allowed_account_ids;
    const account = Array.isArray(ids) && ids.length === 1 ? config.accounts.find((a) => a.id === ids[0]) : undefined;
    // A library app's stacks hold its own providers too: a share's resources on them are checked by their account.
    if (!account && of === 'library') return;
    if (p.region !== config.region) at(where, `region ${shown(p.region)}, the config says ${config.region}`, 'posture');
    if (!account) at(where, `allowed_account_ids ${shown(ids)}: not exactly one account of the config`, 'posture');
    else if (!account.managed)
      at(where, `account ${account.id} is not managed here, yet a provider is pinned to it`, 'posture');
    else if (of === 'app') {
      const expected: Record<string, unknown> = {
        profile: account.profile,
        assume_role: account.deployRoleArn
          ? [
              {
                role_arn: account.deployRoleArn,
                session_name: 'cross-account-s3',
                ...(account.deployExternalId ? { external_id: account.deployExternalId } : {}),
              },
            ]
          : undefined,
        default_tags: [{ tags: { ManagedBy: 'cross-account-s3' } }],
        shared_config_files: multiple ? [dynamicConfigFile(alias)] : undefined,
      };
      for (const [k, v] of Object.entries(expected))
        if (!same(p[k], v)) at(where, `${k} is ${shown(p[k])}, the config implies ${shown(v)}`, 'posture');
    }
  });

  for (const [name, o] of Object.entries((raw.output ?? {}) as Record<string, Record<string, unknown>>))
    for (const k of Object.keys(o ?? {}))
      if (!OUTPUT.has(k)) at(`output.${name}`, `"${k}" on an output: synth writes none`);
  return out;
}
