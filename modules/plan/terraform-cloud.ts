/**
 * The Terraform Cloud bootstrap as data (docs/terraform-cloud.md): computed from
 * the config and the share's stacks, rendered by modules/stacks/terraform-cloud.ts.
 *
 * - The Terraform Cloud side (stack terraform-cloud): a workspace per share stack,
 *   remote state shared from the producer's workspace with exactly the consumer
 *   workspaces that read it, a run trigger for each of those, and the environment
 *   variables of dynamic credentials.
 * - Each account's side of the trust (stack terraform-cloud-<account>): the OIDC
 *   provider of the Terraform Cloud host, and per workspace a run role that only that
 *   workspace's runs can assume, allowed what its stack's resource types need.
 */
import type { Account, CloudBackend, Config } from '../config';
import {
  accessPointArn,
  bucketArn,
  defaultRunRoleName,
  kmsAliasName,
  oidcProviderArn,
  oidcProviderUrl,
  roleArn,
  TFC_AWS_AUDIENCE,
  TFC_DEFAULT_PROJECT,
  TFC_STACK,
  tfcAccountStack,
  tfcHost,
  tfcSubject,
  trailArn,
  workspaceName,
} from '../naming';
import type { Share } from '../policy';
import type { StackPlan } from './stacks';

export interface JsonPolicy {
  Version: '2012-10-17';
  Statement: {
    Sid: string;
    Effect: 'Allow';
    Action: string | string[];
    Resource?: string | string[];
    Principal?: { Federated: string };
    Condition?: Record<string, Record<string, string>>;
  }[];
}

export interface TfcVariable {
  key: string;
  value: string;
  description: string;
}

export interface TfcWorkspace {
  /** The share stack it runs. */
  stack: string;
  name: string;
  /** "remote": every account of its stack has dynamic credentials; else runs are local, state in Terraform Cloud. */
  executionMode: 'remote' | 'local';
  terraformVersion: string;
  /** Stacks whose workspaces may read this one's state: exactly those that read it. */
  stateConsumers: string[];
  /** Stacks whose workspaces queue a run after each apply of this one: the same. */
  runTriggers: string[];
  /** Environment variables of dynamic credentials (none for a local workspace). */
  variables: TfcVariable[];
}

export interface RunRole {
  /** The share stack whose workspace assumes it. */
  stack: string;
  workspace: string;
  name: string;
  arn: string;
  /** What the stack holds in this account: its permissions are those types' calls. */
  resourceTypes: string[];
  trust: JsonPolicy;
  permissions: JsonPolicy;
}

export interface TfcAccountSide {
  /** terraform-cloud-<account>: applied once by an administrator of the account. */
  stack: string;
  account: Account;
  oidcProvider: { url: string; arn: string; clientIds: string[] };
  roles: RunRole[];
}

export interface TerraformCloudPlan {
  stack: string;
  organization: string;
  hostname?: string;
  /** The host that issues the tokens: the backend's hostname, else app.terraform.io. */
  host: string;
  /** backend.project: created here; else the workspaces are in the organization's default project. */
  project?: string;
  workspaces: TfcWorkspace[];
  accounts: TfcAccountSide[];
}

/** The bootstrap's stacks, the Terraform Cloud side first. */
export const terraformCloudStacks = (t: TerraformCloudPlan | undefined): string[] =>
  t ? [t.stack, ...t.accounts.map((a) => a.stack)] : [];

/** "~> 1.6" from ">= 1.6": the newest 1.x Terraform Cloud offers, never below what the stacks require. */
const terraformVersionOf = (required: string) => `~> ${required.replace(/^>=\s*/, '')}`;

export function terraformCloudPlan(config: Config, share: Share, stacks: StackPlan[]): TerraformCloudPlan | undefined {
  const b = config.backend;
  if (b.type !== 'cloud') return undefined;
  const host = tfcHost(b.hostname);
  const producerStack = stacks.find((s) => s.producer)!;
  const readers = stacks.filter((s) => s.readsProducerState).map((s) => s.name);
  const roles = new Map<string, RunRole>(); // by stack and account
  const accounts = new Map<string, TfcAccountSide>();
  for (const s of stacks) {
    for (const p of s.providers) {
      // One run role per workspace and account (a single stack may hold two providers of one account).
      if (!p.account.terraformCloud || roles.has(`${s.name}\u0000${p.account.id}`)) continue;
      let side = accounts.get(p.account.id);
      if (!side) {
        side = {
          stack: tfcAccountStack(p.account.name),
          account: p.account,
          oidcProvider: {
            url: oidcProviderUrl(host),
            arn: oidcProviderArn(config.partition, p.account.id, host),
            clientIds: [TFC_AWS_AUDIENCE],
          },
          roles: [],
        };
        accounts.set(p.account.id, side);
      }
      const role = runRole(config, b, host, share, s, p.account);
      side.roles.push(role);
      roles.set(`${s.name}\u0000${p.account.id}`, role);
    }
  }
  const workspaces = stacks.map((s): TfcWorkspace => {
    const dynamic = s.providers.every((p) => p.account.terraformCloud);
    const roleOf = (account: string) => roles.get(`${s.name}\u0000${account}`)!;
    const variables: TfcVariable[] = !dynamic
      ? []
      : s.providers.length === 1
        ? plainCredentials(roleOf(s.providers[0].account.id).arn)
        : [
            // The default configuration fills var.tfc_aws_dynamic_credentials.default (every provider has an alias).
            ...plainCredentials(roleOf(s.providers[0].account.id).arn),
            ...s.providers.flatMap((p) => taggedCredentials(p.alias, roleOf(p.account.id).arn)),
          ];
    const reads = s === producerStack ? readers : [];
    return {
      stack: s.name,
      name: workspaceName(b.workspacePrefix, s.name),
      executionMode: dynamic ? 'remote' : 'local',
      terraformVersion: terraformVersionOf(s.requiredVersion),
      stateConsumers: reads,
      runTriggers: reads,
      variables,
    };
  });
  for (const side of accounts.values()) for (const r of side.roles) assertRoleFits(r, side.account.id);
  return {
    stack: TFC_STACK,
    organization: b.organization,
    ...(b.hostname ? { hostname: b.hostname } : {}),
    host,
    ...(b.project ? { project: b.project } : {}),
    workspaces,
    accounts: [...accounts.values()].sort((x, y) => (x.account.id < y.account.id ? -1 : 1)),
  };
}

const plainCredentials = (arn: string): TfcVariable[] => [
  { key: 'TFC_AWS_PROVIDER_AUTH', value: 'true', description: 'Dynamic credentials: runs assume the run role' },
  { key: 'TFC_AWS_RUN_ROLE_ARN', value: arn, description: 'The run role of this workspace' },
];

const taggedCredentials = (alias: string, arn: string): TfcVariable[] => [
  {
    key: `TFC_AWS_PROVIDER_AUTH_${alias}`,
    value: 'true',
    description: `Dynamic credentials of provider aws.${alias} (var.tfc_aws_dynamic_credentials.aliases["${alias}"])`,
  },
  { key: `TFC_AWS_RUN_ROLE_ARN_${alias}`, value: arn, description: `The run role of provider aws.${alias}` },
];

function runRole(config: Config, b: CloudBackend, host: string, share: Share, s: StackPlan, account: Account): RunRole {
  const workspace = workspaceName(b.workspacePrefix, s.name);
  const name = account.terraformCloud?.runRoleName ?? defaultRunRoleName(b.workspacePrefix, s.name);
  const scope = scopeOf(config, share, s, account.id);
  return {
    stack: s.name,
    workspace,
    name,
    arn: roleArn(config.partition, account.id, name),
    resourceTypes: scope.types,
    trust: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'TerraformCloudRuns',
          Effect: 'Allow',
          Principal: { Federated: oidcProviderArn(config.partition, account.id, host) },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { [`${host}:aud`]: TFC_AWS_AUDIENCE },
            StringLike: { [`${host}:sub`]: tfcSubject(b.organization, b.project ?? TFC_DEFAULT_PROJECT, workspace) },
          },
        },
      ],
    },
    permissions: { Version: '2012-10-17', Statement: scope.statements },
  };
}

/** What one stack holds in one account: its resource types, and the calls Terraform makes for them. */
function scopeOf(
  config: Config,
  share: Share,
  s: StackPlan,
  account: string,
): { types: string[]; statements: JsonPolicy['Statement'] } {
  const { partition, region } = config;
  const types = new Set<string>();
  const statements: JsonPolicy['Statement'] = [
    // allowed_account_ids: the provider asks who it is before anything else.
    { Sid: 'WhoAmI', Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' },
  ];
  const add = (sid: string, t: string[], actions: string[], resources: string[]) => {
    if (!resources.length) return;
    t.forEach((x) => types.add(x));
    statements.push({ Sid: sid, Effect: 'Allow', Action: actions, Resource: [...new Set(resources)].sort() });
  };
  const producerHere = s.producer?.account.id === account;
  const here = new Set(
    s.consumerSides.filter((c) => c.provider.account.id === account).flatMap((c) => c.consumers.map((n) => n)),
  );
  const mine = share.consumers.filter((c) => here.has(c.name));
  const b = config.producer.bucket;
  if (producerHere) {
    const created = [
      ...(b.existing ? [] : [b.name]),
      ...(b.accessLogging?.createTargetBucket ? [b.accessLogging.targetBucket] : []),
      ...(config.producer.audit?.cloudTrail?.createTrailBucket ? [config.producer.audit.cloudTrail.trailBucket] : []),
    ];
    const settings = [
      'aws_s3_bucket_public_access_block',
      'aws_s3_bucket_ownership_controls',
      'aws_s3_bucket_server_side_encryption_configuration',
      ...((b.versioning && !b.existing) || created.length > (b.existing ? 0 : 1) ? ['aws_s3_bucket_versioning'] : []),
      ...(b.accessLogging ? ['aws_s3_bucket_logging'] : []),
    ];
    add(
      'Buckets',
      ['aws_s3_bucket', ...settings, 'aws_s3_bucket_policy'],
      [
        's3:CreateBucket',
        's3:DeleteBucket',
        's3:ListBucket',
        's3:GetBucket*',
        's3:PutBucket*',
        's3:DeleteBucketPolicy',
        's3:GetAccelerateConfiguration',
        's3:GetEncryptionConfiguration',
        's3:PutEncryptionConfiguration',
        's3:GetLifecycleConfiguration',
        's3:GetReplicationConfiguration',
      ],
      created.map((n) => bucketArn(partition, n)),
    );
    if (b.existing)
      add(
        'ExistingBucket',
        ['data.aws_s3_bucket', 'aws_s3_bucket_policy'],
        ['s3:ListBucket', 's3:GetBucketLocation', 's3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
        [bucketArn(partition, b.name)],
      );
    if (b.encryption.type === 'kms' && !b.encryption.keyArn) {
      // A key's ARN is assigned at creation: CreateKey has no resource to name.
      add('CreateKey', ['aws_kms_key'], ['kms:CreateKey'], ['*']);
      add(
        'Key',
        ['aws_kms_key', 'aws_kms_alias'],
        [
          'kms:CreateAlias',
          'kms:DeleteAlias',
          'kms:DescribeKey',
          'kms:EnableKeyRotation',
          'kms:GetKeyPolicy',
          'kms:GetKeyRotationStatus',
          'kms:ListResourceTags',
          'kms:PutKeyPolicy',
          'kms:ScheduleKeyDeletion',
          'kms:TagResource',
          'kms:UntagResource',
          'kms:UpdateAlias',
          'kms:UpdateKeyDescription',
        ],
        [
          `arn:${partition}:kms:${region}:${account}:key/*`,
          `arn:${partition}:kms:${region}:${account}:${kmsAliasName(b.name)}`,
        ],
      );
      add('ListAliases', ['aws_kms_alias'], ['kms:ListAliases'], ['*']);
    }
    const trail = config.producer.audit?.cloudTrail;
    if (trail)
      add(
        'Trail',
        ['aws_cloudtrail'],
        [
          'cloudtrail:AddTags',
          'cloudtrail:CreateTrail',
          'cloudtrail:DeleteTrail',
          'cloudtrail:DescribeTrails',
          'cloudtrail:GetEventSelectors',
          'cloudtrail:GetTrail',
          'cloudtrail:GetTrailStatus',
          'cloudtrail:ListTags',
          'cloudtrail:PutEventSelectors',
          'cloudtrail:RemoveTags',
          'cloudtrail:StartLogging',
          'cloudtrail:StopLogging',
          'cloudtrail:UpdateTrail',
        ],
        [trailArn(partition, region, account, trail.name)],
      );
  }
  // The producer side creates the access points of its own account; a consumer side, those its account owns.
  const accessPoints = share.consumers.filter(
    (c) =>
      c.accessPoint?.accountId === account && (account === config.producer.accountId ? producerHere : here.has(c.name)),
  );
  add(
    'AccessPoints',
    ['aws_s3_access_point'],
    [
      's3:CreateAccessPoint',
      's3:DeleteAccessPoint',
      's3:DeleteAccessPointPolicy',
      's3:GetAccessPoint',
      's3:GetAccessPointPolicy',
      's3:GetAccessPointPolicyStatus',
      's3:PutAccessPointPolicy',
    ],
    accessPoints.map((c) => accessPointArn(partition, region, account, c.accessPoint!.name)),
  );
  // Roles: the producer's roles of assume-role consumers, and the consumers' own roles here.
  const producerRoles = producerHere
    ? share.consumers
        .filter((c) => c.method === 'assume-role')
        .map((c) => ({ name: c.producerRoleName!, path: '/', created: true }))
    : [];
  const consumerRoles = mine.map((c) => ({ name: c.role.name, path: c.role.path, created: !c.role.existing }));
  const all = [...producerRoles, ...consumerRoles];
  const arn = (r: { name: string; path: string }) => roleArn(partition, account, r.name, r.path);
  add(
    'Roles',
    ['aws_iam_role'],
    [
      'iam:CreateRole',
      'iam:DeleteRole',
      'iam:GetRole',
      'iam:ListAttachedRolePolicies',
      'iam:ListInstanceProfilesForRole',
      'iam:ListRolePolicies',
      'iam:TagRole',
      'iam:UntagRole',
      'iam:UpdateAssumeRolePolicy',
      'iam:UpdateRole',
      'iam:UpdateRoleDescription',
    ],
    all.filter((r) => r.created).map(arn),
  );
  add(
    'RolePolicies',
    ['aws_iam_role_policy'],
    ['iam:DeleteRolePolicy', 'iam:GetRole', 'iam:GetRolePolicy', 'iam:ListRolePolicies', 'iam:PutRolePolicy'],
    all.map(arn),
  );
  return { types: [...types].sort(), statements };
}

/** IAM's quota of a role's inline policies (characters without whitespace): the run role lists every resource. */
const INLINE_LIMIT = 10240;

function assertRoleFits(r: RunRole, account: string): void {
  const size = JSON.stringify(r.permissions).length;
  if (size > INLINE_LIMIT)
    throw new Error(
      `the run role ${r.name} of workspace ${r.workspace} (account ${account}) would need an inline policy of ${size} characters, over IAM's ${INLINE_LIMIT}: ` +
        "its stack holds too many roles or access points for one policy; split the account's consumers over more accounts, or leave credentials.terraformCloud out for it and run that workspace locally",
    );
}
