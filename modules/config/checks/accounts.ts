/**
 * Rules of the accounts map: one entry per account, how Terraform reaches it.
 * producer.deployRoleArn and consumers[].deployRoleArn are shorthand for
 * accounts.<id>.deployRoleArn; one account never has two sources.
 */
import { tfName } from '../../naming';
import { parseRoleArn } from '../arn';
import { partitionOf } from '../regions';
import type { ParsedConfig } from '../schema';
import type { FieldPath, Problems } from './problems';

/** Every account the config names, with where it is first named. */
export function accountsNamed(c: ParsedConfig): Map<string, FieldPath> {
  const named = new Map<string, FieldPath>([[c.producer.accountId, ['producer', 'accountId']]]);
  c.consumers.forEach((k, i) => {
    if (!named.has(k.accountId)) named.set(k.accountId, ['consumers', i, 'accountId']);
    if (k.accessPointAccountId && !named.has(k.accessPointAccountId)) {
      named.set(k.accessPointAccountId, ['consumers', i, 'accessPointAccountId']);
    }
  });
  return named;
}

/** The deploy role of each account, from accounts.<id> or from its shorthand fields. */
export function deployRoles(c: ParsedConfig): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, a] of Object.entries(c.accounts)) if (a.deployRoleArn) out.set(id, a.deployRoleArn);
  if (c.producer.deployRoleArn && !out.has(c.producer.accountId))
    out.set(c.producer.accountId, c.producer.deployRoleArn);
  for (const k of c.consumers) if (k.deployRoleArn && !out.has(k.accountId)) out.set(k.accountId, k.deployRoleArn);
  return out;
}

export function checkAccounts(c: ParsedConfig, p: Problems): void {
  const named = accountsNamed(c);
  const names = new Map<string, string>();
  for (const [id, a] of Object.entries(c.accounts)) {
    const at = (...rest: FieldPath) => ['accounts', id, ...rest];
    if (!named.has(id)) {
      p.add(
        at(),
        `no producer, consumer or access point is in account ${id}: remove this entry (a typo of an account ID?)`,
      );
    }
    if (a.name !== undefined) {
      // Names become stack names and provider aliases ("a-b" and "a--b" would meet as consumer_a_b).
      const other = names.get(tfName(a.name));
      if (other)
        p.add(
          at('name'),
          `account name "${a.name}" is also the name of account ${other} (as a stack and provider alias)`,
        );
      names.set(tfName(a.name), id);
    }
    if (a.deployExternalId && !a.deployRoleArn) {
      p.add(at('deployExternalId'), 'a deployExternalId is sent when assuming deployRoleArn: set deployRoleArn too');
    }
    checkDeployRole(c, at('deployRoleArn'), a.deployRoleArn, id, p);
    if (!a.managed) checkUnmanaged(c, id, a, at, p);
  }
  checkShorthand(c, p);
  checkCredentials(c, p);
}

function checkDeployRole(c: ParsedConfig, path: FieldPath, text: string | undefined, account: string, p: Problems) {
  if (!text) return;
  const arn = parseRoleArn(text);
  if (typeof arn === 'string') return; // reported by the schema
  if (arn.account !== account) {
    p.add(path, `the deploy role must be in account ${account} (the provider is pinned to it), not ${arn.account}`);
  }
  const partition = partitionOf(c.region);
  if (arn.partition !== partition) {
    p.add(path, `the ARN partition "${arn.partition}" does not match region ${c.region} (partition "${partition}")`);
  }
}

/**
 * producer.deployRoleArn and consumers[].deployRoleArn: accepted as shorthand, never beside
 * accounts.<id>.deployRoleArn.
 */
function checkShorthand(c: ParsedConfig, p: Problems): void {
  const fromMap = (id: string) => c.accounts[id]?.deployRoleArn;
  const first = new Map<string, { arn: string; path: FieldPath }>();
  const shorthand: [FieldPath, string | undefined, string][] = [
    [['producer', 'deployRoleArn'], c.producer.deployRoleArn, c.producer.accountId],
    ...c.consumers.map((k, i): [FieldPath, string | undefined, string] => [
      ['consumers', i, 'deployRoleArn'],
      k.deployRoleArn,
      k.accountId,
    ]),
  ];
  for (const [path, arn, id] of shorthand) {
    if (!arn) continue;
    checkDeployRole(c, path, arn, id, p);
    if (c.accounts[id]?.managed === false) {
      p.add(path, `account ${id} is not managed here (accounts.${id}.managed is false): nothing is deployed there`);
    } else if (fromMap(id)) {
      p.add(
        path,
        `account ${id} has its deploy role in accounts.${id}.deployRoleArn: remove this one (one source per account)`,
      );
    }
    const seen = first.get(id);
    if (!seen) first.set(id, { arn, path });
    else if (seen.arn !== arn) {
      p.add(
        path,
        `one provider per account: account ${id} already has the deploy role ${seen.arn} (${pathText(seen.path)}); write it once, in accounts.${id}.deployRoleArn`,
      );
    }
  }
}

const pathText = (path: FieldPath) => path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i ? `.${k}` : k)).join('');

function checkUnmanaged(
  c: ParsedConfig,
  id: string,
  a: ParsedConfig['accounts'][string],
  at: (...rest: FieldPath) => FieldPath,
  p: Problems,
): void {
  if (id === c.producer.accountId) {
    p.add(at('managed'), 'the producer account holds the bucket and its policies: it is always managed here');
    return;
  }
  for (const field of ['profile', 'deployRoleArn', 'deployExternalId', 'credentials'] as const) {
    if (a[field] !== undefined) p.add(at(field), `an account not managed here gets no provider: remove ${field}`);
  }
  c.consumers.forEach((k, i) => {
    if (k.accountId === id && !k.role.existing) {
      p.add(
        ['consumers', i, 'role', 'existing'],
        `account ${id} is not managed here, so its role ${k.role.name} cannot be created here: set "existing": true (its owner creates it)`,
      );
    }
    if (k.accessPointAccountId === id) {
      p.add(
        ['consumers', i, 'accessPointAccountId'],
        `account ${id} is not managed here, so no access point can be created in it: leave accessPointAccountId out (the producer's own access point)`,
      );
    }
  });
}

/**
 * A stack with providers of two or more accounts needs credentials per account:
 * with none named, every provider reads the same environment credentials and all
 * but one refuse to plan (allowed_account_ids).
 */
function checkCredentials(c: ParsedConfig, p: Problems): void {
  if (c.stacks === 'per-account') return;
  // With dynamic credentials, dynamic-credentials.ts says what every account of the one workspace needs.
  if (Object.values(c.accounts).some((a) => a.credentials)) return;
  const roles = deployRoles(c);
  const managed = [...accountsNamed(c).keys()].filter((id) => c.accounts[id]?.managed !== false);
  if (managed.length < 2) return;
  const bare = managed.filter((id) => !c.accounts[id]?.profile && !roles.has(id) && !c.accounts[id]?.credentials);
  if (bare.length === 0) return;
  const why = `every provider would read the same credentials and all but one would refuse to plan ("account ID not allowed"). `;
  if (bare.length === 1) {
    const [id] = bare;
    p.add(
      ['accounts', id],
      `the stack holds providers of accounts ${managed.join(', ')}, and ${id} has neither a profile nor a deployRoleArn: ${why}` +
        `Set accounts.${id}.profile (a profile of ~/.aws/config) or accounts.${id}.deployRoleArn (a role Terraform assumes), ` +
        'or "stacks": "per-account" to apply one account at a time',
    );
    return;
  }
  // One message, each account once: at scale a message per account, each listing them all, buries the point.
  p.add(
    ['accounts'],
    `the stack holds providers of ${managed.length} accounts, and ${bare.length} of them have neither a profile nor a deployRoleArn ` +
      `(${bare.join(', ')}): ${why}` +
      'Set accounts.<id>.profile (a profile of ~/.aws/config) or accounts.<id>.deployRoleArn (a role Terraform assumes) for each, ' +
      'or "stacks": "per-account" to apply one account at a time',
  );
}
