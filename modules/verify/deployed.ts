/**
 * What a synthesized config deploys, read from the Terraform JSON alone: every
 * policy with what it protects, the bucket's posture, and every resource (so
 * that anything the config does not explain can be named).
 */
import type { Config } from '../config';
import { bucketStackName } from '../config';
import { outputNames } from '../contract';
import { accessPointArn, bucketArn, PRODUCER_STACK, roleArn, SINGLE_STACK } from '../naming';
import { Located, locate, resolver, Stacks } from './terraform';
import { Sibling, withoutSiblings } from './siblings';

export interface Doc {
  Version: string;
  Statement: { Sid?: string; Effect: string; [k: string]: unknown }[];
}

export interface NamedDoc {
  /** "<stack>:<type>.<name>" */
  where: string;
  kind: 'resource' | 'trust' | 'identity';
  doc: Doc;
}

export interface DeployedRole {
  arn: string;
  account: string;
  name: string;
  /** Created by this output (else an existing role, attached to). */
  created: boolean;
  trust?: NamedDoc;
  /**
   * Inline policies attached to the role, and customer-managed ones of a shared-roles stack (`managed`: without the
   * entries other buckets own, siblings.ts).
   */
  identity: (NamedDoc & { name: string; managed?: boolean })[];
}

export interface DeployedAccessPoint {
  name: string;
  arn: string;
  account: string;
  bucket: string;
  policy?: NamedDoc;
  vpcId?: string;
  blocksPublicAccess: boolean;
  where: string;
}

export interface Posture {
  bucket: 'created' | 'existing' | 'missing';
  publicAccessBlock?: Record<string, unknown>;
  ownership?: string;
  encryption?: { algorithm?: string; keyId?: string; bucketKey?: boolean };
  versioning?: string;
  logging?: { target?: string; prefix?: string };
  /** aws_s3_bucket_acl resources on the bucket (ACL grants). */
  acls: string[];
}

export interface Deployed {
  bucketName: string;
  bucketArn: string;
  /** Every bucket policy resource on the shared bucket: there must be one. */
  bucketPolicies: NamedDoc[];
  accessPoints: Map<string, DeployedAccessPoint>;
  keyArn?: string;
  key?: NamedDoc;
  /** A created key, or the statements the owner of an existing key is told to add (an output). */
  keySource?: 'managed' | 'key-owner-output';
  roles: Map<string, DeployedRole>;
  /** Identity policies of consumers in accounts not managed here (outputs their owners apply), by consumer. */
  unmanagedIdentity: Map<string, NamedDoc>;
  posture: Posture;
  /** Every resource and data source, for what the config does not explain. */
  resources: Located[];
  /** Accounts providers are pinned to. */
  providerAccounts: string[];
  documents: NamedDoc[];
  /** Every `${...}` of a string of stack `where` ("<stack>:...") replaced by its symbolic value. */
  resolve(text: string, where: string): string;
  /** An existing Access Grants instance whose owner keeps its policy: the statements to merge (an output). */
  accessGrantsPolicy?: NamedDoc;
  /** Bucket policies on buckets other than the shared one (the log buckets'), by bucket name. */
  otherBucketPolicies: { bucket: string; doc: NamedDoc }[];
  /** Attachments of a policy no stack here defines: what it grants cannot be read. */
  foreignAttachments: { where: string; policyArn: string }[];
}

/** Many buckets: the shared-roles stacks, and the config's other buckets (siblings.ts). */
export interface SharedInput {
  stacks: Stacks;
  siblings: Sibling[];
}

/**
 * `prefix`: the ProducerSide's (its construct id unless given; the JSON app's is ""), which starts the names of
 * the outputs read here.
 */
export function deployedOf(config: Config, stacks: Stacks, prefix = '', shared?: SharedInput): Deployed {
  const all = locate(stacks);
  const resolve = resolver(stacks, all);
  const p = config.partition;
  const bucketName = config.producer.bucket.name;
  const documents: NamedDoc[] = [];
  const named = (r: Located) => `${r.stack}:${r.type}.${r.name}`;
  const parse = (where: string, text: unknown, kind: NamedDoc['kind']): NamedDoc => {
    let doc: Doc;
    try {
      doc = JSON.parse(resolve(String(text), where)) as Doc;
    } catch (e) {
      throw new Error(`${where}: the policy is not valid JSON (${(e as Error).message})`, { cause: e });
    }
    if (doc && !Array.isArray(doc.Statement) && typeof doc.Statement === 'object' && doc.Statement !== null)
      doc = { ...doc, Statement: [doc.Statement] }; // one statement as an object is valid IAM
    if (!Array.isArray(doc?.Statement)) throw new Error(`${where}: the policy has no Statement list`);
    const d = { where, kind, doc };
    documents.push(d);
    return d;
  };
  const onBucket = (r: Located) => resolve(String(r.body.bucket ?? ''), named(r)) === bucketName;

  const deployed: Deployed = {
    bucketName,
    bucketArn: bucketArn(p, bucketName),
    bucketPolicies: [],
    accessPoints: new Map(),
    roles: new Map(),
    unmanagedIdentity: new Map(),
    posture: { bucket: 'missing', acls: [] },
    resources: all,
    providerAccounts: [...new Set(all.map((r) => r.account))].sort(),
    documents,
    resolve,
    otherBucketPolicies: [],
    foreignAttachments: [],
  };
  const roleAt = (account: string, name: string, path: string, created: boolean) => {
    const arn = roleArn(p, account, name, path);
    let r = deployed.roles.get(arn);
    if (!r) deployed.roles.set(arn, (r = { arn, account, name, created, identity: [] }));
    r.created ||= created;
    return r;
  };
  const posture = deployed.posture;
  for (const r of all) {
    const b = r.body;
    switch (r.type) {
      case 'aws_s3_bucket':
        if (b.bucket === bucketName) posture.bucket = 'created';
        break;
      case 'data.aws_s3_bucket':
        if (b.bucket === bucketName && posture.bucket === 'missing') posture.bucket = 'existing';
        break;
      case 'aws_s3_bucket_policy': {
        const doc = parse(named(r), b.policy, 'resource');
        if (onBucket(r)) deployed.bucketPolicies.push(doc);
        else deployed.otherBucketPolicies.push({ bucket: resolve(String(r.body.bucket ?? ''), named(r)), doc });
        break;
      }
      case 'aws_s3_bucket_public_access_block':
        if (onBucket(r)) posture.publicAccessBlock = b;
        break;
      case 'aws_s3_bucket_ownership_controls':
        if (onBucket(r)) posture.ownership = String((b.rule as { object_ownership?: string })?.object_ownership);
        break;
      case 'aws_s3_bucket_server_side_encryption_configuration':
        if (onBucket(r)) {
          const rule = (b.rule as Record<string, unknown>[])?.[0] ?? {};
          const def = (rule.apply_server_side_encryption_by_default ?? {}) as Record<string, string>;
          posture.encryption = {
            algorithm: def.sse_algorithm,
            keyId: def.kms_master_key_id ? resolve(def.kms_master_key_id, named(r)) : undefined,
            bucketKey: rule.bucket_key_enabled as boolean | undefined,
          };
        }
        break;
      case 'aws_s3_bucket_versioning':
        if (onBucket(r)) posture.versioning = String((b.versioning_configuration as { status?: string })?.status);
        break;
      case 'aws_s3_bucket_logging':
        if (onBucket(r)) posture.logging = { target: String(b.target_bucket), prefix: String(b.target_prefix ?? '') };
        break;
      case 'aws_s3_bucket_acl':
        if (onBucket(r)) posture.acls.push(named(r));
        break;
      case 'aws_s3_access_point': {
        const account = String(b.account_id ?? r.account);
        const name = String(b.name);
        const block = (b.public_access_block_configuration ?? {}) as Record<string, unknown>;
        deployed.accessPoints.set(`${account}/${name}`, {
          name,
          account,
          arn: accessPointArn(r.partition, r.region, account, name),
          bucket: resolve(String(b.bucket), named(r)),
          policy: b.policy ? parse(named(r), b.policy, 'resource') : undefined,
          vpcId: (b.vpc_configuration as { vpc_id?: string } | undefined)?.vpc_id,
          blocksPublicAccess: [
            'block_public_acls',
            'block_public_policy',
            'ignore_public_acls',
            'restrict_public_buckets',
          ].every((k) => block[k] === true),
          where: named(r),
        });
        break;
      }
      case 'aws_kms_key':
        deployed.key = parse(named(r), b.policy, 'resource');
        deployed.keyArn = resolve(`\${aws_kms_key.${r.name}.arn}`, named(r));
        deployed.keySource = 'managed';
        break;
      case 'aws_iam_role':
        roleAt(r.account, String(b.name), String(b.path ?? '/'), true).trust = parse(
          named(r),
          b.assume_role_policy,
          'trust',
        );
        break;
    }
  }
  // Role paths of roles not created here come from the config.
  const configuredPath = new Map(config.consumers.map((c) => [`${c.accountId}/${c.role.name}`, c.role.path]));
  // Roles by account and name (a name is unique in an account, whatever its path).
  const createdByName = new Map<string, DeployedRole>();
  for (const x of deployed.roles.values())
    if (!createdByName.has(`${x.account}/${x.name}`)) createdByName.set(`${x.account}/${x.name}`, x);
  for (const r of all.filter((x) => x.type === 'aws_iam_role_policy')) {
    const roleName = resolve(String(r.body.role), named(r));
    const created = createdByName.get(`${r.account}/${roleName}`);
    const role = created ?? roleAt(r.account, roleName, configuredPath.get(`${r.account}/${roleName}`) ?? '/', false);
    if (!created) createdByName.set(`${r.account}/${roleName}`, role);
    role.identity.push({ ...parse(named(r), r.body.policy, 'identity'), name: String(r.body.name) });
  }
  if (shared) readSharedRoles(config, shared, deployed, roleAt, configuredPath, documents);
  readOutputs(config, stacks, resolve, deployed, parse, prefix);
  return deployed;
}

/**
 * The customer-managed policies of the shared-roles stacks and what they are attached to. A created key is named
 * by the state of the stack creating it: this bucket's key, or another bucket's (siblings.ts); anything else a
 * policy refers to is refused.
 */
function readSharedRoles(
  config: Config,
  shared: SharedInput,
  deployed: Deployed,
  roleAt: (account: string, name: string, path: string, created: boolean) => DeployedRole,
  configuredPath: Map<string, string>,
  documents: NamedDoc[],
): void {
  const own = bucketStackName(config.bucketKey, config.stacks === 'single' ? SINGLE_STACK : PRODUCER_STACK);
  const keyOf = new Map(shared.siblings.filter((s) => s.keyArn).map((s) => [s.producerStack, s.keyArn!]));
  if (deployed.keyArn) keyOf.set(own, deployed.keyArn);
  const all = locate(shared.stacks);
  const policies = new Map<string, { doc: NamedDoc; name: string }>();
  for (const r of all.filter((x) => x.type === 'aws_iam_policy')) {
    const where = `${r.stack}:${r.type}.${r.name}`;
    const text = String(r.body.policy).replace(/\$\{([^}]*)\}/g, (_, expr: string) => {
      const m = /^data\.terraform_remote_state\.([\w-]+)\.outputs\.kms_key_arn$/.exec(expr.trim());
      const arn = m && keyOf.get(m[1]);
      if (!arn) throw new Error(`${where}: cannot resolve the reference \${${expr}}`);
      return arn;
    });
    let doc: Doc;
    try {
      doc = JSON.parse(text) as Doc;
    } catch (e) {
      throw new Error(`${where}: the policy is not valid JSON (${(e as Error).message})`, { cause: e });
    }
    if (!Array.isArray(doc?.Statement)) throw new Error(`${where}: the policy has no Statement list`);
    const named: NamedDoc = { where, kind: 'identity', doc };
    documents.push(named);
    policies.set(`${r.stack}\u0000${r.name}`, { doc: named, name: String(r.body.name) });
  }
  for (const r of all.filter((x) => x.type === 'aws_iam_role_policy_attachment')) {
    const where = `${r.stack}:${r.type}.${r.name}`;
    const ref = /^\$\{aws_iam_policy\.([\w-]+)\.arn\}$/.exec(String(r.body.policy_arn));
    const policy = ref && policies.get(`${r.stack}\u0000${ref[1]}`);
    if (!policy) {
      deployed.foreignAttachments.push({ where, policyArn: String(r.body.policy_arn) });
      continue;
    }
    const doc = withoutSiblings(policy.doc.doc, shared.siblings, deployed.keyArn);
    if (doc.Statement.length === 0) continue; // rights on other buckets only: their proofs read them
    const roleName = String(r.body.role);
    const role = roleAt(r.account, roleName, configuredPath.get(`${r.account}/${roleName}`) ?? '/', false);
    role.identity.push({ where: policy.doc.where, kind: 'identity', doc, name: policy.name, managed: true });
  }
}

/**
 * What outputs carry for policies applied outside this output: an existing key's statements, unmanaged accounts'
 * identity policies.
 */
function readOutputs(
  config: Config,
  stacks: Stacks,
  resolve: (text: string, where: string) => string,
  deployed: Deployed,
  parse: (where: string, text: unknown, kind: NamedDoc['kind']) => NamedDoc,
  prefix: string,
): void {
  const outputs = outputNames(prefix);
  for (const [stack, json] of Object.entries(stacks)) {
    for (const c of config.consumers) {
      const name = outputs.identityPolicy(c.name);
      const value = json.output?.[name]?.value;
      if (typeof value === 'string') {
        deployed.unmanagedIdentity.set(
          c.name,
          parse(`${stack}:output.${name}`, resolve(value, `${stack}:output`), 'identity'),
        );
      }
    }
  }
  for (const [stack, json] of Object.entries(stacks)) {
    const name = outputs.accessGrantsPolicyStatements;
    const value = json.output?.[name]?.value;
    if (typeof value === 'string')
      deployed.accessGrantsPolicy = parse(`${stack}:output.${name}`, resolve(value, `${stack}:output`), 'resource');
  }
  // An existing key: what its owner is told to add (the output), next to the usual administration statement.
  const enc = config.producer.bucket.encryption;
  if (enc.type !== 'kms' || !enc.keyArn) return;
  deployed.keyArn = enc.keyArn;
  for (const [stack, json] of Object.entries(stacks)) {
    const name = outputs.keyPolicyStatements;
    const out = json.output?.[name]?.value;
    if (typeof out !== 'string') continue;
    const where = `${stack}:output.${name}`;
    const owner = parse(where, resolve(out, where), 'resource');
    deployed.documents.pop(); // linted as the whole key policy below
    const keyAccount = enc.keyArn.split(':')[4];
    const doc: Doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'KeyOwnerAdministersKey',
          Effect: 'Allow',
          Principal: { AWS: `arn:${config.partition}:iam::${keyAccount}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
        ...owner.doc.Statement,
      ],
    };
    deployed.key = { where, kind: 'resource', doc };
    deployed.documents.push(deployed.key);
    deployed.keySource = 'key-owner-output';
  }
}
