/**
 * The Terraform Cloud bootstrap's stacks, read against the config alone (never
 * the generator): the workspaces of the share's stacks, state shared with exactly
 * the workspaces that read it, run triggers, the variables of dynamic credentials,
 * and in each account the OIDC provider and run roles whose trust admits one
 * workspace's runs (trust.ts) and whose permissions stay in that account
 * (permissions.ts). Anything else in those stacks is a finding.
 */
import type { Config } from '../../config';
import {
  defaultRunRoleName,
  isBootstrapStack,
  localStatePath,
  oidcProviderArn,
  oidcProviderUrl,
  PRODUCER_STACK,
  roleArn,
  SINGLE_STACK,
  TFC_AWS_AUDIENCE,
  TFC_DEFAULT_PROJECT,
  TFC_STACK,
  tfcAccountStack,
  tfcHost,
  tfName,
  workspaceName,
} from '../../naming';
import type { Finding } from '../analysis';
import { same, shown } from '../shape/same';
import type { Stacks, TfJson } from '../terraform';
import { permissionProblems } from './permissions';
import { trustProblems } from './trust';

export { trustProblems, probes, like } from './trust';
export { permissionProblems } from './permissions';

export function splitBootstrap(stacks: Stacks): { share: Stacks; bootstrap: Stacks } {
  const share: Stacks = {};
  const bootstrap: Stacks = {};
  for (const [name, json] of Object.entries(stacks)) (isBootstrapStack(name) ? bootstrap : share)[name] = json;
  return { share, bootstrap };
}

type Rule = { equal: unknown } | 'text' | 'trust' | 'permissions';
type Json = Record<string, unknown>;

const TFE_SOURCE = new Set(['tfe', 'hashicorp/tfe', 'registry.terraform.io/hashicorp/tfe']);
const AWS_SOURCE = new Set(['aws', 'hashicorp/aws', 'registry.terraform.io/hashicorp/aws']);
const TAGS = [{ tags: { ManagedBy: 'cross-account-s3' } }];
const ref = (type: string, name: string) => `\${${type}.${name}.id}`;

interface ShareStack {
  name: string;
  /** Accounts of its providers, in the order of its provider blocks (the producer's first). */
  accounts: string[];
  providers: number;
  reads: boolean;
  requiredVersion: string;
}

function shareStacks(share: Stacks): ShareStack[] {
  return Object.entries(share)
    .map(([name, json]) => {
      const providers = (json.provider?.aws ?? []).map((p) => String(p.allowed_account_ids?.[0] ?? ''));
      const tf = (json as Json).terraform as Json | undefined;
      return {
        name,
        accounts: [...new Set(providers)],
        providers: providers.length,
        reads: Object.keys(json.data?.terraform_remote_state ?? {}).length > 0,
        requiredVersion: String(tf?.required_version ?? ''),
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Findings about the bootstrap stacks of an output (none when the config has no cloud backend and none are there). */
export function terraformCloudFindings(config: Config, share: Stacks, bootstrap: Stacks): Finding[] {
  const out: Finding[] = [];
  const fail = (where: string, message: string, kind: Finding['kind'] = 'unexplained') =>
    out.push({ where, sid: '-', kind, message });
  const b = config.backend;
  if (b.type !== 'cloud') {
    for (const name of Object.keys(bootstrap))
      fail(name, `a Terraform Cloud bootstrap stack, and the config's backend is ${b.type}`);
    return out;
  }
  const host = tfcHost(b.hostname);
  const project = b.project ?? TFC_DEFAULT_PROJECT;
  const stacks = shareStacks(share);
  const producer = stacks.find((s) => s.name === PRODUCER_STACK || s.name === SINGLE_STACK);
  const readers = stacks.filter((s) => s.reads).map((s) => s.name);
  const accountOf = new Map(config.accounts.map((a) => [a.id, a]));
  const dynamic = (id: string) => Boolean(accountOf.get(id)?.managed && accountOf.get(id)?.terraformCloud);
  const runRole = (id: string, stack: string) => {
    const name = accountOf.get(id)?.terraformCloud?.runRoleName ?? defaultRunRoleName(b.workspacePrefix, stack);
    return { name, arn: roleArn(config.partition, id, name) };
  };

  // The Terraform Cloud side.
  const expected: Record<string, Record<string, Rule>> = {};
  if (b.project)
    expected['tfe_project.share'] = { name: { equal: b.project }, organization: { equal: b.organization } };
  for (const s of stacks) {
    const n = tfName(s.name);
    const remote = s.accounts.every(dynamic);
    expected[`tfe_workspace.${n}`] = {
      name: { equal: workspaceName(b.workspacePrefix, s.name) },
      organization: { equal: b.organization },
      ...(b.project ? { project_id: { equal: ref('tfe_project', 'share') } } : {}),
      terraform_version: { equal: `~> ${s.requiredVersion.replace(/^>=\s*/, '')}` },
      description: 'text',
    };
    expected[`tfe_workspace_settings.${n}`] = {
      workspace_id: { equal: ref('tfe_workspace', n) },
      execution_mode: { equal: remote ? 'remote' : 'local' },
      global_remote_state: { equal: false },
      remote_state_consumer_ids: {
        equal: s === producer ? readers.map((r) => ref('tfe_workspace', tfName(r))) : [],
      },
    };
    if (s === producer)
      for (const r of readers)
        expected[`tfe_run_trigger.${tfName(s.name, 'to', r)}`] = {
          workspace_id: { equal: ref('tfe_workspace', tfName(r)) },
          sourceable_id: { equal: ref('tfe_workspace', n) },
        };
    if (!remote) continue;
    const variable = (key: string, value: string) =>
      (expected[`tfe_variable.${tfName(s.name, key)}`] = {
        workspace_id: { equal: ref('tfe_workspace', n) },
        category: { equal: 'env' },
        key: { equal: key },
        value: { equal: value },
        description: 'text',
      });
    variable('TFC_AWS_PROVIDER_AUTH', 'true');
    variable('TFC_AWS_RUN_ROLE_ARN', runRole(s.accounts[0], s.name).arn);
    if (s.providers > 1)
      for (const p of share[s.name].provider?.aws ?? []) {
        variable(`TFC_AWS_PROVIDER_AUTH_${p.alias}`, 'true');
        variable(`TFC_AWS_RUN_ROLE_ARN_${p.alias}`, runRole(String(p.allowed_account_ids?.[0]), s.name).arn);
      }
  }
  const tfc = bootstrap[TFC_STACK];
  if (!tfc) fail(TFC_STACK, 'missing: the config has a cloud backend, so synth writes the bootstrap stack');
  else
    checkStack(TFC_STACK, tfc, expected, fail, {
      provider: 'tfe',
      providers: [{ organization: b.organization, ...(b.hostname ? { hostname: b.hostname } : {}) }],
      sources: TFE_SOURCE,
    });

  // Each account's side of the trust.
  const sides = new Map<string, ShareStack[]>();
  for (const s of stacks) for (const id of s.accounts.filter(dynamic)) sides.set(id, [...(sides.get(id) ?? []), s]);
  const names = new Set([TFC_STACK]);
  for (const [id, held] of sides) {
    const account = accountOf.get(id)!;
    const stack = tfcAccountStack(account.name);
    names.add(stack);
    const rules: Record<string, Record<string, Rule>> = {
      'aws_iam_openid_connect_provider.terraform_cloud': {
        url: { equal: oidcProviderUrl(host) },
        client_id_list: { equal: [TFC_AWS_AUDIENCE] },
      },
    };
    for (const s of held) {
      const n = tfName('run', s.name);
      rules[`aws_iam_role.${n}`] = {
        name: { equal: runRole(id, s.name).name },
        description: 'text',
        max_session_duration: { equal: 3600 },
        depends_on: { equal: ['aws_iam_openid_connect_provider.terraform_cloud'] },
        assume_role_policy: 'trust',
      };
      rules[`aws_iam_role_policy.${n}`] = {
        name: { equal: 'terraform-cloud-run' },
        role: { equal: `\${aws_iam_role.${n}.id}` },
        policy: 'permissions',
      };
    }
    const json = bootstrap[stack];
    if (!json) {
      fail(stack, `missing: account ${id} has dynamic credentials, so its run roles are written here`, 'trust');
      continue;
    }
    const bucketsOf = () => {
      const bk = config.producer.bucket;
      return [
        bk.name,
        ...(bk.accessLogging ? [bk.accessLogging.targetBucket] : []),
        ...(config.producer.audit?.cloudTrail ? [config.producer.audit.cloudTrail.trailBucket] : []),
      ];
    };
    checkStack(stack, json, rules, fail, {
      provider: 'aws',
      providers: [{ region: config.region, allowed_account_ids: [id], default_tags: TAGS }],
      sources: AWS_SOURCE,
      trust: (address, text) => {
        const s = held.find((x) => `aws_iam_role.${tfName('run', x.name)}` === address)!;
        const problems = trustProblems(text, {
          host,
          providerArn: oidcProviderArn(config.partition, id, host),
          organization: b.organization,
          project,
          workspace: workspaceName(b.workspacePrefix, s.name),
          others: stacks.filter((o) => o !== s).map((o) => workspaceName(b.workspacePrefix, o.name)),
        });
        problems.forEach((p) => fail(`${stack}:${address}`, p, 'trust'));
      },
      permissions: (address, text) =>
        permissionProblems(text, {
          account: id,
          partition: config.partition,
          region: config.region,
          buckets: id === config.producer.accountId ? bucketsOf() : [],
        }).forEach((p) => fail(`${stack}:${address}`, p, 'action')),
    });
  }
  for (const name of Object.keys(bootstrap))
    if (!names.has(name)) fail(name, 'a bootstrap stack of no account with dynamic credentials');
  return out;
}

interface StackExpectation {
  provider: 'tfe' | 'aws';
  providers: Json[];
  sources: Set<string>;
  trust?: (address: string, text: unknown) => void;
  permissions?: (address: string, text: unknown) => void;
}

function checkStack(
  stack: string,
  json: TfJson,
  expected: Record<string, Record<string, Rule>>,
  fail: (where: string, message: string, kind?: Finding['kind']) => void,
  e: StackExpectation,
): void {
  const raw = json as Json;
  const at = (where: string) => `${stack}:${where}`;
  for (const k of Object.keys(raw))
    if (!['//', 'terraform', 'provider', 'resource'].includes(k))
      fail(at(k), `a top-level "${k}" block: synth writes none in a bootstrap stack`);
  const tf = (raw.terraform ?? {}) as Json;
  for (const k of Object.keys(tf))
    if (!['required_providers', 'required_version', 'backend'].includes(k))
      fail(at(`terraform.${k}`), `"${k}" in the terraform block: synth writes none here`);
  if (!same(tf.backend, { local: { path: localStatePath(stack) } }))
    fail(at('terraform.backend'), `state goes to ${shown(tf.backend)}: a bootstrap stack's state is local`, 'posture');
  const required = (tf.required_providers ?? {}) as Record<string, Json>;
  for (const [name, p] of Object.entries(required))
    if (name !== e.provider || !e.sources.has(String(p?.source)) || !/^\d+\.\d+\.\d+$/.test(String(p?.version)))
      fail(at(`terraform.required_providers.${name}`), `provider ${shown(p)}: synth requires only ${e.provider}`);
  const providers = (raw.provider ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(providers))
    if (k !== e.provider) fail(at(`provider.${k}`), `a "${k}" provider: synth configures only ${e.provider} here`);
  // No token, no credentials: the tfe provider reads `terraform login`, aws the administrator's environment.
  if (!same(providers[e.provider], e.providers))
    fail(
      at(`provider.${e.provider}`),
      `${shown(providers[e.provider])}, the config implies ${shown(e.providers)}`,
      'posture',
    );

  const seen = new Set<string>();
  for (const [type, named] of Object.entries(json.resource ?? {}))
    for (const [name, body] of Object.entries(named)) {
      const address = `${type}.${name}`;
      seen.add(address);
      const rules = expected[address];
      if (!rules) {
        fail(at(address), `a ${type} the config does not imply`);
        continue;
      }
      for (const [k, v] of Object.entries(body)) {
        if (k === '//') continue;
        if (k === 'provider') {
          if (v !== e.provider) fail(at(address), `provider ${shown(v)}, not ${e.provider}`, 'posture');
          continue;
        }
        const rule = rules[k];
        if (!rule) fail(at(address), `the attribute ${k} (${shown(v)}): synth never sets it here`);
        else if (rule === 'text') {
          if (typeof v !== 'string') fail(at(address), `${k} is ${shown(v)}, not a string`);
        } else if (rule === 'trust') e.trust?.(address, v);
        else if (rule === 'permissions') e.permissions?.(address, v);
        else if (!same(v, rule.equal))
          fail(at(address), `${k} is ${shown(v)}, the config implies ${shown(rule.equal)}`, 'posture');
      }
      for (const [k, rule] of Object.entries(rules))
        if (!(k in body) && rule !== 'text')
          fail(
            at(address),
            `${k} is not set, the config implies ${rule === 'trust' || rule === 'permissions' ? 'a policy' : shown(rule.equal)}`,
            'posture',
          );
    }
  for (const address of Object.keys(expected))
    if (!seen.has(address)) fail(at(address), 'missing: the config implies it', 'posture');
}

/** What the report says of the bootstrap: which roles the proof covered. */
export function bootstrapNotes(bootstrap: Stacks): string[] {
  const roles = Object.values(bootstrap).flatMap((j) => Object.keys(j.resource?.aws_iam_role ?? {}));
  if (!Object.keys(bootstrap).length) return [];
  if (!roles.length)
    return [
      'Terraform Cloud bootstrap: its workspaces, state sharing and run triggers are as the config implies; no account has dynamic credentials, so there is no run role.',
    ];
  return [
    `Terraform Cloud bootstrap: ${roles.length} run role(s); each trust is read as IAM reads it and probed with the tokens of its own workspace (admitted) and of the other workspaces, projects, organizations and audiences (refused); each permission policy names only resources of its own account.`,
  ];
}
