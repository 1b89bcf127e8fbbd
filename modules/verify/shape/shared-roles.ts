/**
 * The shared-roles stacks of a many-buckets config (docs/many-buckets.md), held to the form synth writes: one
 * per managed account, its provider and settings those of that account's bucket stacks, the state of the
 * producer stacks it names, and only customer-managed policies, each attached once, to a role of the config in
 * that account, within IAM's 6,144 characters and the role's quota. What the policies grant is each bucket's
 * proof (deployed.ts reads them with every bucket's stacks).
 */
import { bucketStackName, type BucketConfig } from '../../config';
import { consumerAlias, PRODUCER_STACK, sharedRolesStack, SINGLE_STACK } from '../../naming';
import type { Stacks } from '../terraform';
import { backendOf, remoteStateOf } from './expected';
import { same, shown } from './same';

/** IAM quotas, read independently of the generator: a managed policy's characters, and per role by default. */
const MANAGED_POLICY_CHARS = 6144;
const DEFAULT_QUOTA = 10;
/** A reference measured as the longest value it can become (a multi-Region key ARN in GovCloud). */
const STAND_IN = 'arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef';

const RULES: Record<string, Set<string>> = {
  aws_iam_policy: new Set(['//', 'name', 'description', 'policy', 'provider']),
  aws_iam_role_policy_attachment: new Set(['//', 'role', 'policy_arn', 'provider']),
};
const TOP = new Set(['//', 'data', 'provider', 'terraform', 'resource']);

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

export function sharedRolesProblems(buckets: readonly BucketConfig[], shared: Stacks, all: Stacks): string[] {
  const out: string[] = [];
  const first = buckets[0].config;
  const accounts = new Map(buckets.flatMap((b) => b.config.accounts).map((a) => [a.id, a]));
  const producerStacks = new Set(
    buckets.map((b) => bucketStackName(b.key, b.config.stacks === 'single' ? SINGLE_STACK : PRODUCER_STACK)),
  );
  for (const [name, json] of Object.entries(shared)) {
    const at = (what: string) => `${name}: ${what}`;
    const account = [...accounts.values()].find((a) => a.managed && sharedRolesStack(a.name) === name);
    if (!account) {
      out.push(at('a shared-roles stack of no managed account of the config'));
      continue;
    }
    const body = json as unknown as Obj;
    for (const k of Object.keys(body)) if (!TOP.has(k)) out.push(at(`${k}: synth writes no such block here`));
    // Provider and settings: as in this account's bucket stacks.
    const alias = consumerAlias(account.name);
    const template = Object.entries(all).find(
      ([n, s]) =>
        !(n in shared) &&
        ((s as unknown as Obj).provider as { aws?: Obj[] } | undefined)?.aws?.some((p) => p.alias === alias),
    );
    const provider = (body.provider as { aws?: Obj[] } | undefined)?.aws;
    const expectedProvider = (template?.[1] as unknown as Obj | undefined)?.provider as { aws: Obj[] } | undefined;
    const want = expectedProvider?.aws.find((p) => p.alias === alias);
    if (
      !isObj(body.provider) ||
      Object.keys(body.provider).join() !== 'aws' ||
      provider?.length !== 1 ||
      !same(provider[0], want)
    )
      out.push(at(`provider: exactly the provider ${alias} of the account's bucket stacks (${shown(want)})`));
    const terraform = isObj(body.terraform) ? body.terraform : {};
    const backend = backendOf(first, name);
    const tmpl = isObj((template?.[1] as unknown as Obj | undefined)?.terraform)
      ? ((template![1] as unknown as Obj).terraform as Obj)
      : {};
    const expectedTerraform = {
      [backend.key]: backend.value,
      required_providers: tmpl.required_providers,
      required_version: tmpl.required_version,
    };
    if (!same(terraform, expectedTerraform))
      out.push(at(`terraform: ${shown(terraform)}, synth writes ${shown(expectedTerraform)}`));
    // Data: only the state of producer stacks of this config.
    const data = isObj(body.data) ? body.data : {};
    for (const [type, entries] of Object.entries(data)) {
      if (type !== 'terraform_remote_state' || !isObj(entries)) {
        out.push(at(`data.${type}: synth reads no such data here`));
        continue;
      }
      for (const [n, v] of Object.entries(entries))
        if (!producerStacks.has(n) || !same(v, remoteStateOf(first, n)))
          out.push(
            at(`data.terraform_remote_state.${n}: not the state of a producer stack of this config as synth reads it`),
          );
    }
    // Resources: managed policies and their attachments only.
    const resources = isObj(body.resource) ? body.resource : {};
    const policies = new Map<string, Obj>();
    const attached = new Map<string, number>();
    const perRole = new Map<string, number>();
    const roles = new Set(
      buckets.flatMap((b) => b.config.consumers.filter((c) => c.accountId === account.id).map((c) => c.role.name)),
    );
    for (const [type, entries] of Object.entries(resources)) {
      const allowed = RULES[type];
      if (!allowed || !isObj(entries)) {
        out.push(at(`${type}: synth writes no such resource in a shared-roles stack`));
        continue;
      }
      for (const [n, r] of Object.entries(entries)) {
        const where = at(`${type}.${n}`);
        if (!isObj(r)) {
          out.push(`${where}: not a resource body`);
          continue;
        }
        for (const k of Object.keys(r))
          if (!allowed.has(k)) out.push(`${where}: ${k} is not an attribute synth writes`);
        if (r.provider !== `aws.${alias}`)
          out.push(`${where}: provider ${shown(r.provider)}, synth writes aws.${alias}`);
        if (type === 'aws_iam_policy') {
          policies.set(n, r);
          const size = String(r.policy ?? '')
            .replace(/\$\{[^}]*\}/g, STAND_IN)
            .replace(/\s/g, '').length;
          if (size > MANAGED_POLICY_CHARS)
            out.push(`${where}: ${size} characters, over IAM's ${MANAGED_POLICY_CHARS} for a managed policy`);
        } else {
          const ref = /^\$\{aws_iam_policy\.([\w-]+)\.arn\}$/.exec(String(r.policy_arn));
          if (!ref) out.push(`${where}: attaches ${shown(r.policy_arn)}, not a policy of this stack`);
          else attached.set(ref[1], (attached.get(ref[1]) ?? 0) + 1);
          const role = String(r.role);
          if (!roles.has(role)) out.push(`${where}: role ${role} is no consumer's role in account ${account.id}`);
          perRole.set(role, (perRole.get(role) ?? 0) + 1);
        }
      }
    }
    for (const n of policies.keys())
      if (attached.get(n) !== 1)
        out.push(at(`aws_iam_policy.${n} is attached ${attached.get(n) ?? 0} times, synth attaches it once`));
    for (const n of attached.keys())
      if (!policies.has(n)) out.push(at(`an attachment names aws_iam_policy.${n}, which is not here`));
    const quota = account.managedPoliciesPerRole ?? DEFAULT_QUOTA;
    for (const [role, n] of perRole)
      if (n > quota) out.push(at(`role ${role} gets ${n} managed policies, over the ${quota} it may have`));
  }
  return out;
}
