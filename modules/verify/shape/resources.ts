/**
 * Every resource and data source, attribute by attribute: each type synth
 * writes has a known set of attributes, each with the value the config implies
 * (or free text, or a policy document the analysis reads). Any other attribute,
 * a meta-argument (count, for_each, lifecycle, provisioner...), a type synth
 * never writes, a setting missing or written twice is a finding.
 */
import { bucketStackName, type Config } from '../../config';
import { needsInstanceProfile, PRODUCER_STACK } from '../../naming';
import type { Intent } from '../intent';
import type { Located } from '../terraform';
import { aliasOf, BucketSpec, remoteStateOf, trailBody } from './expected';
import type { OutputOf } from './blocks';
import type { ShapeFinding } from './finding';
import { monitoringShape } from './monitoring';
import { same, shown } from './same';

/** How an attribute is explained: its value, free text, a policy the analysis reads, or a reference. */
/** 'checked': any value, proven by its own code (shape/monitoring.ts's archive-rule filters). */
type Rule = { equal: unknown; optional?: boolean } | 'text' | 'policy' | 'checked' | { ref: RegExp };

const META: Record<string, string> = {
  count: 'Terraform may create none of it, or many',
  for_each: 'Terraform may create none of it, or many',
  lifecycle: 'it can ignore changes to its settings or keep what the config removes',
  provisioner: 'it runs commands on the machine that applies',
  connection: 'it connects to a host to run provisioners',
};

const BUCKET_SETTINGS = [
  'aws_s3_bucket_public_access_block',
  'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_server_side_encryption_configuration',
  'aws_s3_bucket_versioning',
  'aws_s3_bucket_logging',
];

export interface ResourceContext {
  config: Config;
  intent: Intent;
  specs: BucketSpec[];
  /** The value with every reference resolved (throws on one it cannot resolve). */
  resolve(value: unknown, where: string): unknown;
  of: OutputOf;
  /** The bucket key's ARN as verify resolves it (the archive rules and alerts name it). */
  keyArn?: string;
}

const stringList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');

export function resourceProblems(ctx: ResourceContext, all: readonly Located[]): ShapeFinding[] {
  const out: ShapeFinding[] = [];
  const { config, intent } = ctx;
  const producer = config.producer.accountId;
  const byName = new Map(ctx.specs.map((s) => [s.name, s]));
  const addresses = new Set(all.map((r) => `${r.stack}\u0000${r.type}.${r.name}`));
  const counts = new Map<string, number>();
  // Indexed: 10,000 consumers may each have an access point.
  const written = new Map(config.consumers.map((c) => [c.name, c]));
  const vpcOf = new Map(
    intent.consumers.flatMap((c) =>
      c.accessPoint
        ? [[`${c.accessPoint.account}/${c.accessPoint.name}`, written.get(c.name)?.accessPoint?.vpcId] as const]
        : [],
    ),
  );
  const count = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  const monitoring = monitoringShape(config, intent, ctx.keyArn);

  for (const r of all) {
    const where = `${r.stack}:${r.type}.${r.name}`;
    const fail = (message: string, kind: ShapeFinding['kind'] = 'unexplained') => out.push({ where, kind, message });
    const resolved = (v: unknown) => {
      try {
        return ctx.resolve(v, where);
      } catch (e) {
        fail((e as Error).message.replace(`${where}: `, ''));
        return undefined;
      }
    };
    const inProducer = () => {
      if (r.account !== producer)
        fail(`its provider is pinned to account ${r.account}, but it belongs to the producer (${producer})`, 'posture');
    };
    let rules: Record<string, Rule> | undefined;
    const bucketOf = (created: boolean) => {
      const name = resolved(r.body.bucket);
      const spec = typeof name === 'string' ? byName.get(name) : undefined;
      if (!spec) fail(`on bucket ${shown(name)}, which is not one of this config`);
      else if (created && !spec.created) fail(`sets bucket ${spec.name}, which this output does not create`);
      return spec;
    };
    switch (r.type) {
      case 'aws_s3_bucket': {
        inProducer();
        const spec = bucketOf(true);
        if (spec) count(`bucket\u0000${spec.name}`);
        rules = { bucket: 'text' };
        break;
      }
      case 'data.aws_s3_bucket': {
        inProducer();
        const name = resolved(r.body.bucket);
        if (name !== config.producer.bucket.name || !config.producer.bucket.existing)
          fail(`looks up bucket ${shown(name)}: the config names no existing bucket of that name`);
        rules = { bucket: 'text' };
        break;
      }
      case 'aws_s3_bucket_policy': {
        inProducer();
        const spec = bucketOf(false);
        if (spec) count(`aws_s3_bucket_policy\u0000${spec.name}`);
        rules = { bucket: 'text', policy: 'policy' };
        break;
      }
      case 'aws_cloudtrail': {
        inProducer();
        count('trail');
        const body = trailBody(config);
        if (!body) fail('a trail the config does not ask for');
        rules = Object.fromEntries(Object.entries(body ?? {}).map(([k, v]) => [k, { equal: v }]));
        break;
      }
      case 'aws_kms_key':
        inProducer();
        count('key');
        if (!intent.kms?.created) fail('a KMS key the config does not ask for (it names an existing key, or SSE-S3)');
        rules = {
          description: 'text',
          policy: 'policy',
          enable_key_rotation: { equal: true },
          deletion_window_in_days: { equal: 30 },
        };
        break;
      case 'aws_kms_alias':
        inProducer();
        count('alias');
        if (!intent.kms?.created) fail('a KMS alias the config does not ask for');
        rules = {
          name: { equal: aliasOf(config) },
          target_key_id: { ref: /^\$\{aws_kms_key\.[A-Za-z0-9_-]+\.key_id\}$/ },
        };
        break;
      case 'aws_s3_access_point': {
        const account = String(r.body.account_id ?? r.account);
        const vpcId = vpcOf.get(`${account}/${String(r.body.name)}`);
        if (r.account !== account)
          fail(`its provider is pinned to account ${r.account}, the access point is in ${account}`, 'posture');
        if (resolved(r.body.bucket) !== config.producer.bucket.name)
          fail(`bucket ${shown(resolved(r.body.bucket))}: not the shared bucket`, 'posture');
        rules = {
          bucket: 'text',
          name: 'text',
          policy: 'policy',
          public_access_block_configuration: {
            equal: {
              block_public_acls: true,
              block_public_policy: true,
              ignore_public_acls: true,
              restrict_public_buckets: true,
            },
          },
          vpc_configuration: { equal: vpcId ? { vpc_id: vpcId } : undefined, optional: !vpcId },
          account_id: { equal: account, optional: true },
          bucket_account_id: { equal: producer, optional: true },
        };
        break;
      }
      case 'aws_iam_role':
        rules = {
          name: 'text',
          path: 'text',
          description: 'text',
          assume_role_policy: 'policy',
          max_session_duration: { equal: 3600, optional: true },
        };
        break;
      case 'aws_iam_role_policy':
        rules = { name: 'text', role: 'text', policy: 'policy' };
        break;
      // S3 Access Grants: where and what, here; who obtains what, in analysis/access-grants.ts.
      case 'aws_s3control_access_grants_instance':
        inProducer();
        rules = {};
        break;
      case 'aws_s3control_access_grants_instance_resource_policy':
        inProducer();
        rules = { policy: 'policy' };
        break;
      case 'aws_s3control_access_grants_location':
        inProducer();
        rules = { iam_role_arn: 'text', location_scope: 'text' };
        break;
      case 'aws_s3control_access_grant':
        inProducer();
        rules = {
          access_grants_location_id: {
            ref: /^\$\{aws_s3control_access_grants_location\.[A-Za-z0-9_-]+\.access_grants_location_id\}$/,
          },
          permission: 'text',
          grantee: 'checked',
          access_grants_location_configuration: 'checked',
        };
        break;
      case 'aws_iam_instance_profile': {
        // Only for a role created here that EC2 assumes: the role's name and path, in its account.
        const c = config.consumers.find(
          (k) => !k.role.existing && k.role.name === r.body.name && needsInstanceProfile(k.role.assumedBy),
        );
        if (!c) fail(`instance profile ${shown(r.body.name)}: no role created here that EC2 assumes has that name`);
        else if (r.account !== c.accountId) fail(`in account ${r.account}, the role is in ${c.accountId}`, 'posture');
        if (c && resolved(r.body.role) !== c.role.name)
          fail(`attaches role ${shown(resolved(r.body.role))}, not ${c.role.name}`);
        rules = { name: 'text', path: { equal: c?.role.path }, role: 'text' };
        break;
      }
      case 'data.terraform_remote_state':
        if (ctx.of === 'app' && r.name !== PRODUCER_STACK) fail('reads the state of a stack other than the producer');
        rules =
          ctx.of === 'app'
            ? Object.fromEntries(
                Object.entries(remoteStateOf(config, bucketStackName(config.bucketKey, r.name))).map(([k, v]) => [
                  k,
                  { equal: v },
                ]),
              )
            : { backend: 'text', config: { equal: r.body.config }, workspace: 'text' };
        break;
      default:
        rules = monitoring.rulesOf(r, resolved, fail);
        if (rules) break;
        if (BUCKET_SETTINGS.includes(r.type)) {
          inProducer();
          const spec = bucketOf(true);
          const expected = spec?.settings[r.type];
          if (spec) count(`${r.type}\u0000${spec.name}`);
          if (spec && !expected) fail(`${r.type} on ${spec.name}: the config asks for none`, 'posture');
          rules = Object.fromEntries(Object.entries(expected ?? {}).map(([k, v]) => [k, { equal: v }]));
          if (!expected) rules = Object.fromEntries(Object.keys(r.body).map((k) => [k, 'text' as const]));
          rules.bucket = 'text'; // compared above, through its reference
        } else fail(`a ${r.type}: synth writes no such ${r.type.startsWith('data.') ? 'data source' : 'resource'}`);
    }
    if (rules) attributeProblems(r, rules, addresses, resolved, fail);
  }

  // What must be there exactly once: each created bucket's settings, the trail, the key.
  const expectOnce = (key: string, what: string, where: string) => {
    const n = counts.get(key) ?? 0;
    if (n !== 1)
      out.push({
        where,
        kind: 'posture',
        message: n === 0 ? `no ${what}` : `${n} ${what} resources: one is applied last and wins`,
      });
  };
  for (const spec of ctx.specs) {
    if (!spec.created) continue;
    expectOnce(`bucket\u0000${spec.name}`, `bucket ${spec.name} (the config creates it)`, `bucket ${spec.name}`);
    expectOnce(`aws_s3_bucket_policy\u0000${spec.name}`, `bucket policy on ${spec.name}`, `bucket ${spec.name}`);
    for (const type of Object.keys(spec.settings))
      expectOnce(`${type}\u0000${spec.name}`, `${type} on ${spec.name}`, `bucket ${spec.name}`);
  }
  if (trailBody(config)) expectOnce('trail', 'aws_cloudtrail (the config asks for the audit trail)', 'audit trail');
  out.push(...monitoring.finish());
  if (intent.kms?.created) {
    expectOnce('key', 'aws_kms_key (the config asks for a created key)', 'bucket key');
    expectOnce('alias', 'aws_kms_alias of the bucket key', 'bucket key');
  }
  return out;
}

function attributeProblems(
  r: Located,
  rules: Record<string, Rule>,
  addresses: Set<string>,
  resolved: (v: unknown) => unknown,
  fail: (message: string, kind?: ShapeFinding['kind']) => void,
): void {
  const body = r.body;
  for (const [k, v] of Object.entries(body)) {
    if (k === '//') continue; // cdktf's metadata: a comment to Terraform
    if (k === 'provider' && !r.type.startsWith('data.terraform_remote_state')) continue; // pinned, read by locate()
    if (k === 'depends_on' && !r.type.startsWith('data.')) {
      if (!stringList(v) || !(v as string[]).every((d) => addresses.has(`${r.stack}\u0000${d}`)))
        fail(`depends_on ${shown(v)}: not resources of this stack`);
      continue;
    }
    if (META[k]) {
      fail(`the meta-argument ${k}: ${META[k]}`);
      continue;
    }
    const rule = rules[k];
    if (!rule) {
      fail(`the attribute ${k} (${shown(v)}): synth never sets it on a ${r.type}`);
      continue;
    }
    if (rule === 'checked') continue;
    if (rule === 'text' || rule === 'policy') {
      if (typeof v !== 'string') fail(`${k} is ${shown(v)}, not a string`);
    } else if ('ref' in rule) {
      if (typeof v !== 'string' || !rule.ref.test(v)) fail(`${k} is ${shown(v)}, not a reference to this stack's key`);
    } else if (!same(resolved(v), rule.equal)) {
      fail(`${k} is ${shown(v)}, the config implies ${shown(rule.equal)}`, 'posture');
    }
  }
  for (const [k, rule] of Object.entries(rules)) {
    if (k in body || typeof rule !== 'object' || !('equal' in rule) || rule.optional || rule.equal === undefined)
      continue;
    fail(`${k} is not set, the config implies ${shown(rule.equal)}`, 'posture');
  }
}
