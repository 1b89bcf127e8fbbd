/**
 * A README per handoff folder, for the team that applies it without this project:
 * where it comes from, what it needs before `terraform init` (AWS profiles, the
 * state backend and its sign-in, the producer state it reads), what it replaces,
 * the order, and what it creates and outputs. Read from the generated Terraform
 * itself, so it says what main.tf requires, not what the config meant.
 */
import { accessGrantsSection } from './access-grants';
import { bucketStackName, type Config } from '../config';
import { PRODUCER_STACK, SINGLE_STACK, TFC_STACK } from '../naming';

type Obj = Record<string, unknown>;

interface Provider {
  /** None on a stack's only provider (the Terraform Cloud bootstrap's). */
  alias?: string;
  allowed_account_ids: string[];
  profile?: string;
  assume_role?: { role_arn: string; external_id?: string }[];
}

const code = (lines: string[], lang = 'bash') => ['```' + lang, ...lines, '```'];

/** Who signs in to which account: the profiles main.tf names, and the roles it assumes. */
function credentials(config: Config, providers: Provider[]): string[] {
  const nameOf = (id: string) => config.accounts.find((a) => a.id === id)?.name;
  const lines = providers.map((p) => {
    const id = p.allowed_account_ids[0];
    const named = nameOf(id) && nameOf(id) !== id ? ` (${nameOf(id)})` : '';
    const via = p.assume_role?.[0] ? `, assuming \`${p.assume_role[0].role_arn}\`` : '';
    const who = p.profile
      ? `AWS profile **\`${p.profile}\`**${via}: define it in \`~/.aws/config\` (\`aws configure --profile ${p.profile}\`, or SSO)`
      : `the credentials of your environment (\`AWS_PROFILE\`, \`AWS_ACCESS_KEY_ID\`, an instance role)${via}`;
    return `- \`${p.alias ? `aws.${p.alias}` : 'aws'}\`, account ${id}${named}: ${who}.`;
  });
  const profiles = [...new Set(providers.flatMap((p) => (p.profile ? [p.profile] : [])))];
  return [
    ...lines,
    '',
    'Terraform refuses to run against any other account (`allowed_account_ids`).' +
      (profiles.length
        ? ` Check each profile first: ${profiles.map((p) => `\`aws sts get-caller-identity --profile ${p}\``).join(', ')}.`
        : ''),
  ];
}

/** Where the state lives and how to sign in to it; `readers`: the stacks that read this one's outputs. */
function backendSection(json: Obj, stack: string, readers: readonly string[]): string[] {
  const t = (json.terraform ?? {}) as Obj;
  const cloud = t.cloud as { organization: string; hostname?: string; workspaces: { name: string; project?: string } };
  if (cloud) {
    const host = cloud.hostname ?? 'app.terraform.io';
    return [
      `State: Terraform Cloud (${host}), organization **\`${cloud.organization}\`**, workspace ` +
        `**\`${cloud.workspaces.name}\`**${cloud.workspaces.project ? ` in project \`${cloud.workspaces.project}\`` : ''}. ` +
        'Sign in before `terraform init` (a token of a user or team that may write that workspace; `terraform init` ' +
        'creates the workspace when it may):',
      '',
      ...code([cloud.hostname ? `terraform login ${cloud.hostname}` : 'terraform login']),
      '',
      "In the workspace's default (remote) execution mode the plan runs in Terraform Cloud, where your AWS profiles " +
        'do not exist: the `terraform-cloud` bootstrap stack gives the workspace dynamic provider credentials when ' +
        'the config names them (accounts.<id>.credentials.terraformCloud; docs/terraform-cloud.md); else give it AWS ' +
        'credentials, or set its execution mode to **Local**.',
      ...(readers.length
        ? [
            '',
            `**Remote state sharing**: ${readers.map((r) => `\`${cloud.workspaces.name.slice(0, -stack.length)}${r}\``).join(', ')} ` +
              "read this workspace's outputs: the `terraform-cloud` bootstrap stack shares its state with exactly " +
              'them; without it, share it by hand (Settings → General → Remote state sharing), or their plans fail.',
          ]
        : []),
    ];
  }
  const backend = (t.backend ?? {}) as Record<string, Obj>;
  if (backend.s3) {
    const s3 = backend.s3 as { bucket: string; key: string; region: string; dynamodb_table?: string };
    return [
      `State: S3, \`s3://${s3.bucket}/${s3.key}\` (${s3.region})${s3.dynamodb_table ? `, locked in DynamoDB table \`${s3.dynamodb_table}\`` : ', locked by S3 (Terraform >= 1.10)'}. ` +
        'Your credentials must be able to read and write it.',
    ];
  }
  const local = backend.local as { path?: string } | undefined;
  return [
    `State: a local file (\`${local?.path ?? 'terraform.tfstate'}\`, relative to this folder). Keep it, and back it up: ` +
      'it is what Terraform knows was created.',
  ];
}

/** The producer state a consumer stack reads, and what reading it needs. */
function remoteState(json: Obj): string[] {
  const states = ((json.data as Obj | undefined)?.terraform_remote_state ?? {}) as Record<
    string,
    { backend: string; config: Obj }
  >;
  return Object.entries(states).map(([name, s]) => {
    const cfg = s.config;
    if (s.backend === 'remote') {
      const ws = (cfg.workspaces as { name: string }).name;
      return (
        `- \`data.terraform_remote_state.${name}\`: the outputs of workspace \`${ws}\` (organization ` +
        `\`${String(cfg.organization)}\`). **Remote state sharing**: that workspace must share its state with this ` +
        'one — the `terraform-cloud` bootstrap stack does; without it, its Settings → General → Remote state sharing — ' +
        'or this plan fails to read it.'
      );
    }
    if (s.backend === 's3')
      return (
        `- \`data.terraform_remote_state.${name}\`: the outputs of the \`${name}\` stack, ` +
        `\`s3://${String(cfg.bucket)}/${String(cfg.key)}\`: your credentials must be able to read that object.`
      );
    return (
      `- \`data.terraform_remote_state.${name}\`: the outputs of the \`${name}\` stack, from its local state ` +
      `\`${String(cfg.path)}\` (relative to this folder): keep the folders side by side, and apply \`${name}\` first.`
    );
  });
}

/** An existing bucket's policy is replaced whole: what is not in main.tf is removed at apply. */
function replacedPolicy(config: Config, resources: string[]): string[] {
  const b = config.producer.bucket;
  if (!b.existing || !resources.some((r) => r.startsWith('aws_s3_bucket_policy.'))) return [];
  const after =
    'terraform show -json plan.tfplan | jq -r \'.resource_changes[] | select(.type == "aws_s3_bucket_policy") | .change.after.policy\' > after.json';
  return [
    '## ⚠️ The existing bucket policy is replaced whole',
    '',
    `\`${b.name}\` exists already: applying this replaces its **entire** bucket policy with the one in main.tf. ` +
      'Any statement it holds today that is not in main.tf is **removed** (other teams’ grants, a CloudFront or ' +
      'logging service grant, a deny). Before applying, save the current policy and compare:',
    '',
    ...code([
      `aws s3api get-bucket-policy --bucket ${b.name} --query Policy --output text > before.json`,
      'terraform plan -out plan.tfplan',
      after,
      'diff <(jq -S . before.json) <(jq -S . after.json)',
    ]),
    '',
    'A statement of before.json missing from after.json must be kept on purpose: add it to ' +
      '`producer.bucket.policyStatements` in the config and regenerate (never edit main.tf). With no policy today, ' +
      '`get-bucket-policy` fails with NoSuchBucketPolicy: nothing is replaced. Should after.json hold `null`, the ' +
      'policy names values known only at apply: compare the policy in main.tf instead.',
    '',
  ];
}

/** `readers`: the stacks that read this one's outputs from its state. */
export function stackReadme(
  config: Config,
  stack: string,
  json: Obj,
  configFile = 'the config',
  readers: readonly string[] = [],
): string {
  const providers = ((json.provider as Obj | undefined)?.aws ?? []) as Provider[];
  const resources = Object.entries((json.resource ?? {}) as Record<string, Obj>).flatMap(([type, named]) =>
    Object.keys(named).map((n) => `${type}.${n}`),
  );
  const data = Object.entries((json.data ?? {}) as Record<string, Obj>).flatMap(([type, named]) =>
    Object.keys(named).map((n) => `data.${type}.${n}`),
  );
  const outputs = Object.entries((json.output ?? {}) as Record<string, { description?: string; sensitive?: boolean }>);
  const remote = remoteState(json);
  const reads = data.filter((d) => !d.startsWith('data.terraform_remote_state.'));
  const order =
    stack === TFC_STACK
      ? `The Terraform Cloud bootstrap: apply it **once**, before any workspace runs, after \`terraform login${config.backend.type === 'cloud' && config.backend.hostname ? ` ${config.backend.hostname}` : ''}\` as someone who may manage workspaces of the organization. It creates the workspaces, their state sharing, run triggers and dynamic-credential variables; see docs/terraform-cloud.md.`
      : stack.startsWith(`${TFC_STACK}-`)
        ? `Apply **once**, with credentials of an administrator of account ${providers[0]?.allowed_account_ids[0] ?? ''} (\`AWS_PROFILE=<admin profile>\`): the OIDC provider of Terraform Cloud and the run roles its workspaces assume. After it, those workspaces need no stored key.`
        : stack === bucketStackName(config.bucketKey, SINGLE_STACK)
          ? 'One stack holds both sides: apply it once. Account-root principals mean no resource waits for a role in another account.'
          : stack === bucketStackName(config.bucketKey, PRODUCER_STACK)
            ? 'Apply this stack **first**: the consumer stacks read its outputs. Its policies name account roots, so the consumer roles need not exist yet.'
            : `Apply **after** \`${bucketStackName(config.bucketKey, PRODUCER_STACK)}\`: this stack reads its outputs from the producer's state.`;
  const lines = [
    `# ${stack}`,
    '',
    `Generated from the config \`${configFile}\` (bucket \`${config.producer.bucket.name}\`, account ` +
      `${config.producer.accountId}, ${config.region}) by cross-account-s3. Do not edit main.tf: change the config ` +
      `and run \`CROSS_ACCOUNT_CONFIG=${configFile} npm run handoff\` again.`,
    '',
    '## Before you apply',
    '',
    '### AWS credentials',
    '',
    ...credentials(config, providers),
    '',
    '### State',
    '',
    ...backendSection(json, stack, readers),
    '',
    '### Inputs from other stacks',
    '',
    ...(remote.length ? remote : ['None.']),
    '',
    ...replacedPolicy(config, resources),
    '## Apply order',
    '',
    order,
    '',
    ...code(['terraform init', 'terraform plan -out plan.tfplan', 'terraform apply plan.tfplan']),
    '',
    '## Creates',
    '',
    ...resources.map((r) => `- \`${r}\``),
    ...(reads.length ? ['', 'Reads:', '', ...reads.map((d) => `- \`${d}\``)] : []),
    '',
    ...accessGrantsSection(json, config.producer.accountId, config.region),
    '## Outputs',
    '',
    ...(outputs.length
      ? outputs.map(([name, o]) => `- \`${name}\`${o.sensitive ? ' (sensitive)' : ''}: ${o.description ?? ''}`)
      : ['None.']),
    '',
  ];
  return lines.join('\n');
}
