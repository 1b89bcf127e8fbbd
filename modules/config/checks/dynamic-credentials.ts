/**
 * Rules of accounts.<id>.credentials.terraformCloud: keyless credentials that
 * Terraform Cloud issues to its runs (OIDC), so only with the cloud backend, and
 * the only source of an account's credentials (a remote run has no ~/.aws/config).
 */
import { defaultRunRoleName, PRODUCER_STACK, SINGLE_STACK, consumerStack } from '../../naming';
import type { ParsedConfig } from '../schema';
import { accountsNamed, deployRoles } from './accounts';
import { defaultProducerRoleName } from './consumers';
import type { Problems } from './problems';

const ROLE_NAME_MAX = 64;

/** The stacks (so workspaces) holding an account's providers: what config alone tells. */
function stacksOfAccount(c: ParsedConfig, id: string): string[] {
  if (c.stacks === 'single') return [SINGLE_STACK];
  const name = c.accounts[id]?.name ?? id;
  const hasConsumer = c.consumers.some((k) => k.accountId === id);
  return [...(id === c.producer.accountId ? [PRODUCER_STACK] : []), ...(hasConsumer ? [consumerStack(name)] : [])];
}

export function checkDynamicCredentials(c: ParsedConfig, p: Problems): void {
  const roles = deployRoles(c);
  const dynamic = Object.entries(c.accounts).filter(([, a]) => a.credentials);
  for (const [id, a] of dynamic) {
    const at = ['accounts', id, 'credentials'];
    if (c.backend.type !== 'cloud') {
      p.add(
        at,
        `Terraform Cloud's dynamic credentials exist only in its runs, and the backend is "${c.backend.type}": ` +
          'set "backend": { "type": "cloud", "organization": ..., "workspacePrefix": ... }, or remove credentials and name a profile or deployRoleArn',
      );
    }
    if (a.managed === false) continue; // reported with the other fields of an unmanaged account
    const other = [
      ...(a.profile !== undefined ? [`accounts.${id}.profile`] : []),
      ...(roles.has(id) ? ['its deployRoleArn'] : []),
    ];
    if (other.length)
      p.add(
        at,
        `one source of credentials per account: remove ${other.join(' and ')} (a run in Terraform Cloud has no ~/.aws/config, and the run role replaces the deploy role)`,
      );
    const stacks = stacksOfAccount(c, id);
    const written = a.credentials!.terraformCloud.runRoleName;
    if (written !== undefined && stacks.length > 1)
      p.add(
        [...at, 'terraformCloud', 'runRoleName'],
        `account ${id} has two workspaces (${stacks.join(', ')}), each with a run role of its own: leave runRoleName out (they are named tfc-<workspace>)`,
      );
    const prefix = c.backend.type === 'cloud' ? (c.backend.workspacePrefix ?? '') : '';
    for (const stack of written === undefined ? stacks : []) {
      const name = defaultRunRoleName(prefix, stack);
      if (name.length > ROLE_NAME_MAX)
        p.add(
          [...at, 'terraformCloud'],
          `the run role of workspace ${name.slice(4)} would be ${name} (${name.length} characters, IAM allows ${ROLE_NAME_MAX}): set "runRoleName"`,
        );
    }
    const taken = new Set([
      ...c.consumers.filter((k) => k.accountId === id).map((k) => k.role.name),
      ...(id === c.producer.accountId
        ? c.consumers
            .filter((k) => k.method === 'assume-role')
            .map((k) => k.producerRoleName ?? defaultProducerRoleName(k.name))
        : []),
    ]);
    const names = written !== undefined ? [written] : stacks.map((s) => defaultRunRoleName(prefix, s));
    for (const n of names.filter((x) => taken.has(x)))
      p.add(
        [...at, 'terraformCloud', 'runRoleName'],
        `the run role ${n} would be a role the share itself uses in account ${id}: choose another runRoleName`,
      );
  }
  if (c.stacks === 'single' && dynamic.length) {
    const managed = [...accountsNamed(c).keys()].filter((id) => c.accounts[id]?.managed !== false);
    for (const id of managed.filter((x) => !c.accounts[x]?.credentials))
      p.add(
        ['accounts', id],
        `the single stack runs in one workspace, which holds the providers of accounts ${managed.join(', ')}: ` +
          `a remote run there has no credentials for ${id}. Add "credentials": { "terraformCloud": {} } to accounts.${id} too, or write "stacks": "per-account"`,
      );
  }
}
