/** A short README per handoff folder: what it creates, where, in which order, with which inputs and outputs. */
import type { Config } from '../config';
import { PRODUCER_STACK, SINGLE_STACK, TFC_STACK } from '../naming';

type Obj = Record<string, unknown>;

export function stackReadme(config: Config, stack: string, json: Obj): string {
  const providers = ((json.provider as Obj | undefined)?.aws ?? []) as {
    alias?: string;
    allowed_account_ids: string[];
    assume_role?: { role_arn: string }[];
  }[];
  const resources = Object.entries((json.resource ?? {}) as Record<string, Obj>).flatMap(([type, named]) =>
    Object.keys(named).map((n) => `${type}.${n}`),
  );
  const data = Object.entries((json.data ?? {}) as Record<string, Obj>).flatMap(([type, named]) =>
    Object.keys(named).map((n) => `data.${type}.${n}`),
  );
  const outputs = Object.entries((json.output ?? {}) as Record<string, { description?: string; sensitive?: boolean }>);
  const remote = data.filter((d) => d.startsWith('data.terraform_remote_state.'));
  const order =
    stack === TFC_STACK
      ? `The Terraform Cloud bootstrap: apply it **once**, before any workspace runs, after \`terraform login${config.backend.type === 'cloud' && config.backend.hostname ? ` ${config.backend.hostname}` : ''}\` as someone who may manage workspaces of the organization. It creates the workspaces, their state sharing, run triggers and dynamic-credential variables; see docs/terraform-cloud.md.`
      : stack.startsWith(`${TFC_STACK}-`)
        ? `Apply **once**, with credentials of an administrator of account ${providers[0]?.allowed_account_ids[0] ?? ''} (\`AWS_PROFILE=<admin profile>\`): the OIDC provider of Terraform Cloud and the run roles its workspaces assume. After it, those workspaces need no stored key.`
        : stack === SINGLE_STACK
          ? 'One stack holds both sides: apply it once. Account-root principals mean no resource waits for a role in another account.'
          : stack === PRODUCER_STACK
            ? 'Apply this stack **first**: the consumer stacks read its outputs. Its policies name account roots, so the consumer roles need not exist yet.'
            : `Apply **after** \`${PRODUCER_STACK}\`: this stack reads its outputs from the producer's state.`;
  const lines = [
    `# ${stack}`,
    '',
    `Generated from \`${config.producer.bucket.name}\` (${config.region}) by cross-account-s3. Edit the config and regenerate rather than this file.`,
    '',
    '## Accounts',
    '',
    ...providers.map(
      (p) =>
        `- \`${p.alias ? `aws.${p.alias}` : 'aws'}\`: account ${p.allowed_account_ids[0]}${p.assume_role?.[0] ? `, through \`${p.assume_role[0].role_arn}\`` : ' (credentials of that account)'}`,
    ),
    '',
    '## Apply order',
    '',
    order,
    '',
    '```bash',
    'terraform init',
    'terraform plan -out plan.tfplan',
    'terraform apply plan.tfplan',
    '```',
    '',
    '## Creates',
    '',
    ...resources.map((r) => `- \`${r}\``),
    ...(data.filter((d) => !remote.includes(d)).length
      ? ['', 'Reads:', '', ...data.filter((d) => !remote.includes(d)).map((d) => `- \`${d}\``)]
      : []),
    '',
    '## Inputs from other stacks',
    '',
    ...(remote.length
      ? remote.map(
          (r) =>
            `- \`${r}\`: outputs of the \`${r.split('.').pop()}\` stack (its state must be readable with this stack's credentials)`,
        )
      : ['None.']),
    '',
    '## Outputs',
    '',
    ...(outputs.length
      ? outputs.map(([name, o]) => `- \`${name}\`${o.sensitive ? ' (sensitive)' : ''}: ${o.description ?? ''}`)
      : ['None.']),
    '',
  ];
  return lines.join('\n');
}
