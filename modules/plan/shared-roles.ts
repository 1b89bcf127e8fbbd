/**
 * Roles several buckets grant, whose inline policies together exceed IAM's 10,240 characters per role
 * (docs/many-buckets.md): their rights, every bucket's, merged into one identity document (the same linear
 * merging as every policy here) and cut into customer-managed policies of at most 6,144 characters, attached
 * within the role's quota, in a stack of the role's account (`shared-roles-<account>`). Roles whose inline
 * policies fit stay as they are: a role becoming shared moves nothing between stacks.
 */
import { bucketStackName, type Account, type Config, type Consumer } from '../config';
import {
  PRODUCER_STACK,
  SINGLE_STACK,
  consumerAlias,
  consumerStack,
  sharedPolicyName,
  sharedRolesStack,
} from '../naming';
import {
  identityStatements,
  KEY_ARN,
  Limits,
  measure,
  mergeStatements,
  PolicyDocument,
  renderDocument,
  splitDocument,
  Statement,
  StatementTooLarge,
} from '../policy';
import type { BucketPlan, RoleTotal } from './buckets';
import type { ProviderPlan } from './stacks';

/** IAM quotas: a managed policy's size, 6,144 characters (white space not counted). */
export const MANAGED_POLICY_CHARS = 6144;
/** IAM quotas: managed policies per role, 10 by default (20 at most: accounts.<id>.managedPoliciesPerRole). */
const DEFAULT_MANAGED_POLICIES_PER_ROLE = 10;

export interface ManagedPolicyPlan {
  name: string;
  document: PolicyDocument;
  /** Characters, as IAM counts them (a reference measured as the longest value it can take). */
  size: number;
}

export interface SharedRole {
  accountId: string;
  role: string;
  path: string;
  /** The buckets granting the role, in the config's order: the consumers on it, what their inline policies were. */
  buckets: { key: string; consumers: string[]; size: number }[];
  /** The inline policies all those buckets would attach, together (over IAM's total: the reason for the move). */
  inlineTotal: number;
  policies: ManagedPolicyPlan[];
  quota: number;
  /** Inline policies that stay on the role (access-grant consumers: one statement on their bucket's instance). */
  inlineLeft: number;
}

export interface SharedRolesStackPlan {
  name: string;
  provider: ProviderPlan;
  roles: SharedRole[];
  /** Keys created by a bucket's producer stack that the documents name: placeholder -> that stack (its state). */
  keys: { placeholder: string; bucketKey: string; producerStack: string }[];
  /** Stacks applied before this one: those creating its roles, and those whose state it reads. */
  after: string[];
  requiredVersion: string;
}

/** What only the whole config can plan: the shared roles' stacks, per bucket the consumers whose rights moved. */
export interface SharedRolesPlan {
  stacks: SharedRolesStackPlan[];
  /** Per bucket key: consumer name -> the stack that holds its role's rights. */
  moved: Map<string, Map<string, string>>;
  /** Roles that do not fit even so: the refusal's lines. */
  refused: string[];
}

/** The placeholder of bucket `key`'s created key in a merged document. */
export const keyPlaceholder = (key: string) => `\${kms_key_arn_of_${key}}`;

const onRole = (c: Consumer, t: RoleTotal) => c.accountId === t.account && c.role.name === t.role;

/** The producer stack of a bucket (where its key is created, and its ARN an output). */
const producerStackOf = (config: Config) =>
  bucketStackName(config.bucketKey, config.stacks === 'single' ? SINGLE_STACK : PRODUCER_STACK);

/** The stack of a bucket that holds its consumer side in an account. */
function consumerStackOf(config: Config, account: Account): string {
  return config.stacks === 'single'
    ? bucketStackName(config.bucketKey, SINGLE_STACK)
    : bucketStackName(config.bucketKey, consumerStack(account.name));
}

export function sharedRolesPlan(plans: BucketPlan[], over: RoleTotal[], limits: Limits): SharedRolesPlan {
  const moved = new Map<string, Map<string, string>>();
  const refused: string[] = [];
  const byStack = new Map<string, SharedRolesStackPlan>();
  for (const t of over) {
    const config = plans[0].plan.config;
    const account = config.accounts.find((a) => a.id === t.account);
    if (!account?.managed) {
      refused.push(totalLine(t, limits, 'its account is not managed here: its owner attaches what handoff writes'));
      continue;
    }
    const statements: Statement[] = [];
    const buckets: SharedRole['buckets'] = [];
    const stack = sharedRolesStack(account.name);
    let inlineLeft = 0;
    let path = '/';
    const keys: SharedRolesStackPlan['keys'] = [];
    const after = new Set<string>();
    for (const { key, plan } of plans) {
      const mine = plan.share.consumers.filter((c) => onRole(c, t));
      if (mine.length === 0) continue;
      const size = t.byBucket.find((b) => b.key === key)?.size ?? 0;
      buckets.push({ key, consumers: mine.map((c) => c.name), size });
      after.add(consumerStackOf(plan.config, account));
      path = mine[0].role.path;
      const here: Statement[] = [];
      for (const c of mine) {
        const i = plan.config.consumers.findIndex((x) => x.name === c.name);
        if (c.method === 'access-grant') {
          // The grantee calls on this bucket's instance stay in the bucket's stack, inline.
          inlineLeft += measure(plan.documents.consumers[i].identity, 'characters');
          continue;
        }
        here.push(...identityStatements(plan.share, c));
        if (!moved.has(key)) moved.set(key, new Map());
        moved.get(key)!.set(c.name, stack);
      }
      // Merged within the bucket first (a read-write grant lists each object once, for all its actions), then
      // across buckets (statements of the same actions and conditions become one, their resources together).
      const placeholder = keyPlaceholder(key);
      for (const s of mergeStatements(here)) {
        const named = s.resources.includes(KEY_ARN);
        if (named && !keys.some((k) => k.bucketKey === key)) {
          keys.push({ placeholder, bucketKey: key, producerStack: producerStackOf(plan.config) });
          after.add(producerStackOf(plan.config));
        }
        statements.push(named ? { ...s, resources: s.resources.map((r) => (r === KEY_ARN ? placeholder : r)) } : s);
      }
    }
    const quota = account.managedPoliciesPerRole ?? DEFAULT_MANAGED_POLICIES_PER_ROLE;
    let documents: PolicyDocument[];
    try {
      documents = statements.length ? splitDocument(renderDocument('identity', statements), MANAGED_POLICY_CHARS) : [];
    } catch (e) {
      if (!(e instanceof StatementTooLarge)) throw e;
      refused.push(totalLine(t, limits, `and merged, statement ${e.sid} alone is ${e.size} chars, over ${e.limit}`));
      continue;
    }
    const policies = documents.map((document, n) => ({
      name: sharedPolicyName(t.role, n + 1),
      document,
      size: measure(document, 'characters'),
    }));
    if (policies.length > quota || inlineLeft > limits['role-inline'].limit) {
      refused.push(
        totalLine(
          t,
          limits,
          policies.length > quota
            ? `and merged across buckets they need ${policies.length} customer-managed policies of ${MANAGED_POLICY_CHARS} chars (${policies.map((p) => p.size).join(', ')}), over the ${quota} this role may have (accounts.${account.id}.managedPoliciesPerRole, IAM's quota: 10 by default, 20 at most)`
            : `the inline policies of its access-grant consumers alone are ${inlineLeft} chars`,
        ),
      );
      continue;
    }
    const plan = byStack.get(stack) ?? {
      name: stack,
      provider: { alias: consumerAlias(account.name), account },
      roles: [],
      keys: [],
      after: [],
      requiredVersion: plans[0].plan.stacks[0].requiredVersion,
    };
    plan.roles.push({
      accountId: t.account,
      role: t.role,
      path,
      buckets,
      inlineTotal: t.size,
      policies,
      quota,
      inlineLeft,
    });
    for (const k of keys) if (!plan.keys.some((x) => x.placeholder === k.placeholder)) plan.keys.push(k);
    plan.after = [...new Set([...plan.after, ...after])];
    byStack.set(stack, plan);
  }
  return { stacks: [...byStack.values()].sort((a, b) => (a.name < b.name ? -1 : 1)), moved, refused };
}

function totalLine(t: RoleTotal, limits: Limits, why: string): string {
  return (
    `  - inline policies of role ${t.role} in ${t.account}, across buckets: ${t.size} chars exceed the IAM inline ` +
    `policies of one role, ${limits['role-inline'].limit} characters together (${t.byBucket
      .map((b) => `buckets.${b.key}: ${b.size}`)
      .join(
        ', ',
      )}); ${why}. Remedy: give the consumers of some of these buckets a role of their own, or fewer prefixes.`
  );
}
