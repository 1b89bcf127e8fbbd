/**
 * What the constructs check when they are placed in someone's stacks: the provider
 * applies to the account the construct is for, and no two Terraform names collide.
 */
import { Construct } from 'constructs';
import {
  TerraformDataSource,
  TerraformElement,
  TerraformOutput,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  Token,
} from 'cdktf';
import { ShareConstructError } from './errors';

/**
 * A provider pins its account with `allowedAccountIds` (Terraform then refuses any
 * other credentials). Without that pin nothing says which account it applies to, so
 * the construct refuses it too: policies written for one account applied to another
 * grant nothing, or the wrong thing.
 */
export function checkProviderAccount(scope: Construct, provider: TerraformProvider, accountId: string, what: string) {
  const allowed = (provider as { allowedAccountIds?: string[] }).allowedAccountIds;
  const at = `the provider ${provider.node.path}`;
  if (allowed === undefined || Token.isUnresolved(allowed) || allowed.some((a) => Token.isUnresolved(a)))
    throw new ShareConstructError(
      scope.node.path,
      `${at} does not pin its account: give it allowedAccountIds: ["${accountId}"] (the ${what}'s account), ` +
        'so that it can apply nowhere else',
    );
  if (allowed.length !== 1 || allowed[0] !== accountId)
    throw new ShareConstructError(
      scope.node.path,
      `${at} is for account ${allowed.join(', ')}, but the ${what} is in account ${accountId}: ` +
        `pass the provider of account ${accountId}`,
    );
}

const kindOf = (e: TerraformElement): string | undefined =>
  e instanceof TerraformResource
    ? `resource ${e.terraformResourceType}`
    : e instanceof TerraformDataSource
      ? `data ${e.terraformResourceType}`
      : e instanceof TerraformOutput
        ? 'output'
        : undefined;

/**
 * The constructs whose names are checked, per key: one check per stack
 * (addresses) and one per app (AWS names), however many constructs a stack holds,
 * so that a synth walks the tree once per check, not once per construct. cdktf
 * validates stacks, not the app: a check runs with the stack of the first
 * construct registered under its key.
 */
const namesChecked = new WeakMap<Construct, Set<Construct>>();
const awsNamesChecked = new WeakMap<Construct, Set<Construct>>();

function registerCheck(
  checked: WeakMap<Construct, Set<Construct>>,
  key: Construct,
  scope: Construct,
  check: (scopes: Set<Construct>) => string[],
): void {
  let scopes = checked.get(key);
  if (!scopes) {
    const mine = new Set<Construct>();
    checked.set(key, mine);
    TerraformStack.of(scope).node.addValidation({ validate: () => check(mine) });
    scopes = mine;
  }
  scopes.add(scope);
}

/** Whether `c` is one of `scopes` or lies inside one. */
function inside(c: Construct, scopes: Set<Construct>): boolean {
  for (let n: Construct | undefined = c; n; n = n.node.scope) if (scopes.has(n)) return true;
  return false;
}

/**
 * Pairs of constructs under `root` with the same key (undefined: not checked), one
 * of them inside `scopes`, each described by `problem(key, first, second)`.
 */
function collisions(
  root: Construct,
  keyOf: (c: Construct) => string | undefined,
  scopes: Set<Construct>,
  problem: (key: string, first: Construct, second: Construct) => string,
): string[] {
  const seen = new Map<string, Construct>();
  const problems: string[] = [];
  for (const c of root.node.findAll()) {
    const key = keyOf(c);
    if (key === undefined) continue;
    const other = seen.get(key);
    if (!other) seen.set(key, c);
    else if (inside(c, scopes) || inside(other, scopes)) problems.push(problem(key, other, c));
  }
  return problems;
}

const addressOf = (c: Construct): string | undefined => {
  const kind = c instanceof TerraformElement ? kindOf(c) : undefined;
  return kind && `${kind}.${(c as TerraformElement).friendlyUniqueId}`;
};

/** At synth: no element of `scope` has the Terraform address of another element of its stack. */
export function checkUniqueNames(scope: Construct): void {
  const stack = TerraformStack.of(scope);
  registerCheck(namesChecked, stack, scope, (scopes) =>
    collisions(
      stack,
      addressOf,
      scopes,
      (address, a, b) =>
        `${address} is both ${a.node.path} and ${b.node.path}: give the construct another id or prefix`,
    ),
  );
}

/** The AWS name a resource takes in its account, for the kinds two shares could both create. */
function awsNameOf(e: TerraformResource): string | undefined {
  const r = e as unknown as { nameInput?: string; roleInput?: string; accountIdInput?: string };
  switch (e.terraformResourceType) {
    case 'aws_iam_role':
      return r.nameInput && `IAM role ${r.nameInput}`;
    case 'aws_iam_role_policy':
      return r.nameInput && r.roleInput && `inline policy ${r.nameInput} of role ${r.roleInput}`;
    case 'aws_s3_access_point':
      return r.nameInput && `access point ${r.nameInput}`;
    case 'aws_kms_alias':
      return r.nameInput && `KMS alias ${r.nameInput}`;
    default:
      return undefined;
  }
}

const accountOfProvider = (e: TerraformResource) =>
  (e.provider as { allowedAccountIds?: string[] } | undefined)?.allowedAccountIds?.join(',') ?? '(default provider)';

/**
 * At synth: no resource of `scope` takes an AWS name another resource of the app
 * takes in the same account (two shares granting one role, two assume-role grants
 * with the same name): Terraform would plan both, and the second apply would fail
 * or overwrite the first. One check covers the whole app.
 */
export function checkUniqueAwsNames(scope: Construct): void {
  const root = scope.node.root;
  // The key is the account and the name, which the message gives apart.
  const keyOf = (c: Construct) => {
    const name = c instanceof TerraformResource ? awsNameOf(c) : undefined;
    return name && `${accountOfProvider(c as TerraformResource)}\u0000${name}`;
  };
  registerCheck(awsNamesChecked, root, scope, (scopes) =>
    collisions(root, keyOf, scopes, (key, a, b) => {
      const [account, name] = key.split('\u0000');
      return (
        `${name} in account ${account} is made by both ${a.node.path} and ${b.node.path}: ` +
        'give one of the grants another name (GrantOptions.name, or producerRoleName)'
      );
    }),
  );
}
