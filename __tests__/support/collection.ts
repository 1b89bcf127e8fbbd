/**
 * A collected folder as scripts/collect.sh writes it, built from the synthesized output in
 * the AWS CLI's documented response shapes: policies as JSON strings in {"Policy": ...} (the
 * key policy pretty-printed, as KMS returns it), IAM documents decoded, the listings without
 * pagination markers, and the created key under a real-looking ARN.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FILES } from '../../modules/audit/collected';
import { locate, resolver, Stacks, SYMBOLIC_KEY_ID } from '../../modules/verify/terraform';

const REAL_KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- AWS's JSON, written freely
type Json = Record<string, any>;

export function collectionOf(stacks: Stacks, bucketName: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collected-'));
  const all = locate(stacks);
  const resolveText = resolver(stacks, all);
  const key = all.find((r) => r.type === 'aws_kms_key');
  const symbolic = key ? `arn:${key.partition}:kms:${key.region}:${key.account}:key/${SYMBOLIC_KEY_ID}` : '';
  const real = key ? `arn:${key.partition}:kms:${key.region}:${key.account}:key/${REAL_KEY_ID}` : '';
  const text = (v: unknown, where: string) => {
    const t = resolveText(String(v), where);
    return key ? t.split(symbolic).join(real) : t;
  };
  const write = (account: string, rel: string, value: unknown) => {
    const file = path.join(dir, 'aws', account, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(value, null, 4));
  };
  const rolePolicies = new Map<string, string[]>();
  const aps: Json[] = [];
  for (const r of all) {
    const where = `${r.stack}:${r.type}.${r.name}`;
    const bucket = typeof r.body.bucket === 'string' ? resolveText(r.body.bucket, where) : undefined;
    const mine = bucket === bucketName;
    switch (r.type) {
      case 'aws_s3_bucket_policy':
        if (mine) write(r.account, FILES.bucketPolicy, { Policy: text(r.body.policy, where) });
        break;
      case 'aws_kms_key':
        write(r.account, FILES.keyPolicy, {
          Policy: JSON.stringify(JSON.parse(text(r.body.policy, where)), null, 2),
          PolicyName: 'default',
        });
        write(r.account, FILES.describeKey, {
          KeyMetadata: { AWSAccountId: r.account, KeyId: REAL_KEY_ID, Arn: real, Enabled: true, KeyState: 'Enabled' },
        });
        break;
      case 'aws_s3_access_point': {
        const account = String(r.body.account_id ?? r.account);
        const name = String(r.body.name);
        write(account, FILES.accessPointPolicy(name), { Policy: text(r.body.policy, where) });
        aps.push({
          account,
          Name: name,
          NetworkOrigin: r.body.vpc_configuration ? 'VPC' : 'Internet',
          Bucket: bucketName,
          AccessPointArn: `arn:aws:s3:${r.region}:${account}:accesspoint/${name}`,
          Alias: `${name}-abcdefghijklmnopqrstuvwxyz0123-s3alias`,
          BucketAccountId: r.account,
        });
        break;
      }
      case 'aws_iam_role': {
        const name = String(r.body.name);
        write(r.account, FILES.role(name), {
          Role: {
            Path: r.body.path ?? '/',
            RoleName: name,
            RoleId: 'AROAEXAMPLEID0000000',
            Arn: `arn:aws:iam::${r.account}:role${String(r.body.path ?? '/')}${name}`,
            CreateDate: '2026-01-01T00:00:00+00:00',
            AssumeRolePolicyDocument: JSON.parse(text(r.body.assume_role_policy, where)),
            MaxSessionDuration: 3600,
          },
        });
        break;
      }
      case 'aws_iam_role_policy': {
        const role = resolveText(String(r.body.role), where);
        const k = `${r.account}/${role}`;
        rolePolicies.set(k, [...(rolePolicies.get(k) ?? []), String(r.body.name)]);
        write(r.account, FILES.rolePolicy(role, String(r.body.name)), {
          RoleName: role,
          PolicyName: r.body.name,
          PolicyDocument: JSON.parse(text(r.body.policy, where)),
        });
        break;
      }
      case 'aws_s3_bucket_public_access_block':
        if (mine)
          write(r.account, FILES.publicAccessBlock, {
            PublicAccessBlockConfiguration: {
              BlockPublicAcls: true,
              IgnorePublicAcls: true,
              BlockPublicPolicy: true,
              RestrictPublicBuckets: true,
            },
          });
        break;
      case 'aws_s3_bucket_ownership_controls':
        if (mine)
          write(r.account, FILES.ownership, {
            OwnershipControls: { Rules: [{ ObjectOwnership: (r.body.rule as Json).object_ownership }] },
          });
        break;
      case 'aws_s3_bucket_server_side_encryption_configuration':
        if (mine) {
          const rule = (r.body.rule as Json[])[0];
          const d = rule.apply_server_side_encryption_by_default;
          write(r.account, FILES.encryption, {
            ServerSideEncryptionConfiguration: {
              Rules: [
                {
                  ApplyServerSideEncryptionByDefault: {
                    SSEAlgorithm: d.sse_algorithm,
                    ...(d.kms_master_key_id ? { KMSMasterKeyID: text(d.kms_master_key_id, where) } : {}),
                  },
                  ...(rule.blocked_encryption_types
                    ? { BlockedEncryptionTypes: { EncryptionType: rule.blocked_encryption_types } }
                    : {}),
                  BucketKeyEnabled: rule.bucket_key_enabled ?? false,
                },
              ],
            },
          });
        }
        break;
    }
  }
  const producer = all.find((r) => r.type === 'aws_s3_bucket_policy')?.account ?? '';
  write(producer, FILES.accessPoints, {
    AccessPointList: aps.filter((a) => a.account === producer).map(({ account: _, ...a }) => a),
  });
  for (const [k, names] of rolePolicies) {
    const [account, role] = [k.split('/')[0], k.slice(k.indexOf('/') + 1)];
    write(account, FILES.rolePolicies(role), { PolicyNames: names.sort(), IsTruncated: false });
  }
  write(producer, FILES.findings, { findings: [] });
  return dir;
}

export const readAws = (dir: string, account: string, rel: string): Json =>
  JSON.parse(fs.readFileSync(path.join(dir, 'aws', account, rel), 'utf8'));
export const writeAws = (dir: string, account: string, rel: string, v: unknown) => {
  fs.mkdirSync(path.dirname(path.join(dir, 'aws', account, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, 'aws', account, rel), JSON.stringify(v, null, 4));
};

/** terraform/<stack>.json as `terraform show -json` prints a state: values resolved, the key under its real ARN. */
export function stateOf(stacks: Stacks): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collected-state-'));
  const all = locate(stacks);
  const resolveText = resolver(stacks, all);
  const key = all.find((r) => r.type === 'aws_kms_key');
  const symbolic = key ? `arn:${key.partition}:kms:${key.region}:${key.account}:key/${SYMBOLIC_KEY_ID}` : '';
  const real = key ? `arn:${key.partition}:kms:${key.region}:${key.account}:key/${REAL_KEY_ID}` : '';
  // What Terraform computes at apply (a key's ID) is left as the reference.
  const tryResolve = (x: string, where: string) => {
    try {
      return resolveText(x, where);
    } catch {
      return x;
    }
  };
  fs.mkdirSync(path.join(dir, 'terraform'));
  for (const stack of Object.keys(stacks)) {
    const resources = all
      .filter((r) => r.stack === stack && !r.type.startsWith('data.'))
      .map((r) => {
        const where = `${r.stack}:${r.type}.${r.name}`;
        const values = JSON.parse(
          JSON.stringify(r.body, (_, x: unknown) =>
            typeof x === 'string' ? tryResolve(x, where).split(symbolic).join(real) : x,
          ),
        ) as Json;
        for (const k of ['provider', 'depends_on', '//']) delete values[k];
        if (r.type === 'aws_kms_key') values.arn = real;
        values.id = `${r.name}-id`;
        return {
          address: `${r.type}.${r.name}`,
          mode: 'managed',
          type: r.type,
          name: r.name,
          provider_name: 'registry.terraform.io/hashicorp/aws',
          values,
        };
      });
    fs.writeFileSync(
      path.join(dir, 'terraform', `${stack}.json`),
      JSON.stringify({ format_version: '1.0', terraform_version: '1.9.8', values: { root_module: { resources } } }),
    );
  }
  return dir;
}
