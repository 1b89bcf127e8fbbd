/** The policies a synthesized config deploys, keyed by what they protect. */
import type { Config } from '../config';
import { roleArnOf } from './actors';
import { locate, resolver, Stacks } from './terraform';

export interface Doc {
  Version: string;
  Statement: { Sid?: string; Effect: string; [k: string]: unknown }[];
}

export interface DeployedRole {
  arn: string;
  account: string;
  name: string;
  trust?: Doc;
  /** Inline policies attached to the role, by policy name. */
  identity: { name: string; doc: Doc }[];
}

export interface NamedDoc {
  /** "<stack>:<type>.<name>" */
  where: string;
  kind: 'resource' | 'trust' | 'identity';
  doc: Doc;
}

export interface DeployedAccessPoint {
  name: string;
  arn: string;
  account: string;
  policy?: Doc;
  vpcId?: string;
}

export interface Deployed {
  bucketArn: string;
  /** By access point name. */
  accessPoints: Map<string, DeployedAccessPoint>;
  bucketPolicy?: Doc;
  keyArn?: string;
  keyPolicy?: Doc;
  /** Where the key policy came from: created here, or assumed added by the key owner from the output. */
  keyPolicySource?: 'managed' | 'key-owner-output';
  roles: Map<string, DeployedRole>;
  documents: NamedDoc[];
}

export function deployedPolicies(config: Config, stacks: Stacks): Deployed {
  const all = locate(stacks);
  const resolve = resolver(stacks, all);
  const p = config.partition;
  const documents: NamedDoc[] = [];
  const parse = (stack: string, type: string, name: string, text: unknown, kind: NamedDoc['kind']): Doc => {
    const where = `${stack}:${type}.${name}`;
    const doc = JSON.parse(resolve(String(text), where)) as Doc;
    documents.push({ where, kind, doc });
    return doc;
  };

  // Role paths of roles not created here (existing roles) come from the config.
  const configuredPath = new Map(config.consumers.map((c) => [`${c.accountId}/${c.role.name}`, c.role.path]));
  const roles = new Map<string, DeployedRole>();
  const roleAt = (account: string, name: string, path?: string) => {
    const arn = roleArnOf(config, account, name, path ?? configuredPath.get(`${account}/${name}`));
    let r = roles.get(arn);
    if (!r) roles.set(arn, (r = { arn, account, name, identity: [] }));
    return r;
  };

  const deployed: Deployed = {
    bucketArn: `arn:${p}:s3:::${config.producer.bucket.name}`,
    accessPoints: new Map(),
    roles,
    documents,
  };
  for (const r of all) {
    if (r.type === 'aws_s3_bucket_policy') {
      // Log buckets have policies too: the shared bucket's is the one on its name.
      const doc = parse(r.stack, r.type, r.name, r.body.policy, 'resource');
      if (resolve(String(r.body.bucket), `${r.stack}:${r.type}.${r.name}`) === config.producer.bucket.name)
        deployed.bucketPolicy = doc;
    }
    if (r.type === 'aws_s3_access_point') {
      const where = `${r.stack}:${r.type}.${r.name}`;
      const name = String(r.body.name);
      const account = String(r.body.account_id ?? r.account);
      const vpc = r.body.vpc_configuration as { vpc_id?: string } | undefined;
      deployed.accessPoints.set(name, {
        name,
        account,
        arn: resolve(`\${aws_s3_access_point.${r.name}.arn}`, where),
        policy: r.body.policy ? parse(r.stack, r.type, r.name, r.body.policy, 'resource') : undefined,
        vpcId: vpc?.vpc_id,
      });
    }
    if (r.type === 'aws_kms_key') {
      deployed.keyPolicy = parse(r.stack, r.type, r.name, r.body.policy, 'resource');
      deployed.keyArn = resolve(`\${aws_kms_key.${r.name}.arn}`, `${r.stack}:${r.type}.${r.name}`);
      deployed.keyPolicySource = 'managed';
    }
    if (r.type === 'aws_iam_role') {
      roleAt(r.account, String(r.body.name), String(r.body.path ?? '/')).trust = parse(
        r.stack,
        r.type,
        r.name,
        r.body.assume_role_policy,
        'trust',
      );
    }
  }
  for (const r of all) {
    if (r.type !== 'aws_iam_role_policy') continue;
    const roleName = resolve(String(r.body.role), `${r.stack}:${r.type}.${r.name}`);
    const existing = [...roles.values()].find((x) => x.account === r.account && x.name === roleName);
    (existing ?? roleAt(r.account, roleName)).identity.push({
      name: String(r.body.name),
      doc: parse(r.stack, r.type, r.name, r.body.policy, 'identity'),
    });
  }

  // An existing key: verify what its owner is told to add (the output), next to the usual administration statement.
  const enc = config.producer.bucket.encryption;
  if (enc.type === 'kms' && enc.keyArn) {
    deployed.keyArn = enc.keyArn;
    for (const [stack, json] of Object.entries(stacks)) {
      const out = json.output?.kms_key_policy_statements?.value;
      if (typeof out !== 'string') continue;
      const owner = JSON.parse(resolve(out, `${stack}:output.kms_key_policy_statements`)) as Doc;
      const keyAccount = enc.keyArn.split(':')[4];
      deployed.keyPolicy = {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'KeyOwnerAdministersKey',
            Effect: 'Allow',
            Principal: { AWS: `arn:${p}:iam::${keyAccount}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
          ...owner.Statement,
        ],
      };
      deployed.keyPolicySource = 'key-owner-output';
      documents.push({ where: `${stack}:output.kms_key_policy_statements`, kind: 'resource', doc: owner });
    }
  }
  return deployed;
}
