/**
 * Many buckets: a role several buckets grant past IAM's inline total (docs/many-buckets.md): its rights merged
 * across buckets into customer-managed policies in a shared-roles stack, within the sizes and the quota AWS
 * counts, proven by verify, every hand edit of that stack refused.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseBuckets } from '../modules/config';
import { computePlans } from '../modules/plan';
import { runMain } from './support/run-main';
import { synth } from './support/synth';
import { BUCKET_ACTIONS } from '../modules/policy/actions';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ROLE_ACCOUNT = '111111111111';
const SHARED_STACK = `shared-roles-${ROLE_ACCOUNT}`;

/** `n` buckets granting the role Shared: every third bucket KMS-encrypted, odd ones read-write; b00 creates it. */
function manyOnOneRole(n: number, prefixes: number, stacks: 'per-account' | 'single' = 'per-account'): Raw {
  const buckets: Raw = {};
  for (let i = 0; i < n; i++) {
    const key = `b${String(i).padStart(2, '0')}`;
    buckets[key] = {
      producer: {
        accountId: '222222222222',
        bucket: { name: `acme-share-${key}`, encryption: { type: i % 3 === 0 ? 'kms' : 's3' } },
      },
      consumers: [
        {
          name: `shared-${key}`,
          accountId: ROLE_ACCOUNT,
          role: i === 0 ? { name: 'Shared', assumedBy: ['lambda.amazonaws.com'] } : { name: 'Shared', existing: true },
          access: i % 2 ? 'read-write' : 'read',
          prefixes: Array.from({ length: prefixes }, (_, p) => `datasets/${key}/part-${p}/`),
        },
      ],
    };
  }
  return { region: 'eu-west-1', stacks, buckets };
}

/** What IAM counts: characters without white space, a reference as the longest ARN it can become. */
const STAND_IN = 'arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef';
const counted = (text: string) => text.replace(/\$\{[^}]*\}/g, STAND_IN).replace(/\s/g, '').length;

/**
 * Every (effect, action, resource, conditions) a set of policies allows that a request can match, a created key
 * named by its bucket: S3 asks object actions of object ARNs, bucket actions of the bucket ARN, so a statement of
 * both (merge.ts) also lists pairs no request matches, and the merge across buckets pairs them differently.
 */
const bucketLevel = (r: string) => /^arn:aws:s3:::[^/]+$/.test(r);
const matchable = (a: string, r: string) => !a.startsWith('s3:') || bucketLevel(r) === BUCKET_ACTIONS.has(a);

function expanded(policies: { text: string; bucket?: string }[]): Set<string> {
  const out = new Set<string>();
  for (const { text, bucket } of policies) {
    const named = text
      .replace(/\$\{data\.terraform_remote_state\.producer\.outputs\.kms_key_arn\}/g, `KEY:${bucket}`)
      .replace(/\$\{data\.terraform_remote_state\.(b\d\d)-[a-z-]+\.outputs\.kms_key_arn\}/g, 'KEY:$1');
    for (const s of JSON.parse(named).Statement as Obj[]) {
      const list = (v: unknown) => (Array.isArray(v) ? v : [v]);
      for (const a of list(s.Action))
        for (const r of list(s.Resource))
          if (matchable(a, r)) out.add(JSON.stringify([s.Effect, a, r, s.Condition ?? null]));
    }
  }
  return out;
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Obj;

describe('a role granted 25 buckets’ prefixes', () => {
  const raw = manyOnOneRole(25, 3);
  const run = runMain('shared-roles-25', raw);
  const out = path.join(run.dir, 'cdktf.out');
  const shared = () => readJson(path.join(out, 'stacks', SHARED_STACK, 'cdk.tf.json'));

  test('synth: its inline policies would exceed 10,240 characters; they are customer-managed policies instead', () => {
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const total = parseBuckets(raw, 'cfg.json')
      .buckets.map((b) => {
        const [stack] = Object.values(synth(b.config).stacks).filter((s) => s.json.resource?.aws_iam_role_policy);
        return counted(String(Object.values(stack.json.resource!.aws_iam_role_policy!)[0].policy));
      })
      .reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(10240);
    expect(run.out).toMatch(
      new RegExp(
        `^role Shared in ${ROLE_ACCOUNT}: inline policies of 25 buckets would be ${total} chars, over the 10240 IAM allows a role: merged into \\d customer-managed policies in stack ${SHARED_STACK} `,
        'm',
      ),
    );
  });

  test('each policy within the 6,144 characters AWS counts, within the quota of 10, each attached once', () => {
    const res = shared().resource;
    expect(Object.keys(res).sort()).toEqual(['aws_iam_policy', 'aws_iam_role_policy_attachment']);
    const policies = Object.entries(res.aws_iam_policy as Obj);
    expect(policies.length).toBeGreaterThan(1);
    expect(policies.length).toBeLessThanOrEqual(10);
    for (const [, p] of policies) expect(counted(p.policy)).toBeLessThanOrEqual(6144);
    expect(policies.map(([, p]) => p.name)).toEqual(policies.map((_, i) => `cross-account-s3-Shared-${i + 1}`));
    const attachments = Object.values(res.aws_iam_role_policy_attachment as Obj);
    expect(attachments.map((a) => [a.role, a.policy_arn]).sort()).toEqual(
      policies.map(([n]) => ['Shared', `\${aws_iam_policy.${n}.arn}`]).sort(),
    );
    // Applied after the stack creating the role and the producer stacks whose keys it names.
    const states = Object.keys(shared().data.terraform_remote_state).sort();
    expect(states).toEqual(['b00', 'b03', 'b06', 'b09', 'b12', 'b15', 'b18', 'b21', 'b24'].map((k) => `${k}-producer`));
  });

  test('the merged policies allow exactly what the buckets’ inline policies would, nothing more, nothing less', () => {
    const perBucket = parseBuckets(raw, 'cfg.json').buckets.map((b) => {
      const [stack] = Object.values(synth(b.config).stacks).filter((s) => s.json.resource?.aws_iam_role_policy);
      return { text: String(Object.values(stack.json.resource!.aws_iam_role_policy!)[0].policy), bucket: b.key };
    });
    const merged = Object.values(shared().resource.aws_iam_policy as Obj).map((p) => ({ text: String(p.policy) }));
    expect([...expanded(merged)].sort()).toEqual([...expanded(perBucket)].sort());
  });

  test('the buckets’ consumer stacks attach no inline policy to the role any more; the role is still created', () => {
    for (let i = 0; i < 25; i++) {
      const key = `b${String(i).padStart(2, '0')}`;
      const tf = readJson(path.join(out, 'stacks', `${key}-consumer-${ROLE_ACCOUNT}`, 'cdk.tf.json'));
      expect(tf.resource?.aws_iam_role_policy).toBeUndefined();
      expect(Object.keys(tf.resource?.aws_iam_role ?? {})).toEqual(i === 0 ? ['consumer_shared_b00'] : []);
      const plan = readJson(path.join(out, 'buckets', key, 'plan.json'));
      expect(plan.sharedStacks).toEqual([SHARED_STACK]);
    }
  });

  test('the plan is stable: the same config plans the same policies', () => {
    const a = computePlans(parseBuckets(raw, 'cfg.json').buckets).sharedRoles;
    const b = computePlans(parseBuckets(raw, 'cfg.json').buckets).sharedRoles;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.map((s) => s.name)).toEqual([SHARED_STACK]);
  });
});

describe('verify of the shared-roles stack', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { verifyMain } = require('../modules/verify/cli') as typeof import('../modules/verify/cli');
  const verify = async (dir: string) => {
    let text = '';
    const code = await verifyMain({
      env: { CROSS_ACCOUNT_CONFIG: path.join(dir, 'config.json'), CDKTF_OUTDIR: path.join(dir, 'cdktf.out') },
      out: (t) => (text += t),
      err: (t) => (text += t),
    });
    return { code, text };
  };
  const run = runMain('shared-roles-verify', manyOnOneRole(12, 4));
  const file = path.join(run.dir, 'cdktf.out', 'stacks', SHARED_STACK, 'cdk.tf.json');
  const original = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  afterEach(() => fs.writeFileSync(file, original));

  const edit = (change: (tf: Obj, first: string) => void) => {
    const tf = JSON.parse(original) as Obj;
    change(tf, Object.keys(tf.resource.aws_iam_policy)[0]);
    fs.writeFileSync(file, JSON.stringify(tf, null, 2));
  };
  const addStatement = (tf: Obj, n: string, s: Obj) => {
    const p = tf.resource.aws_iam_policy[n];
    const doc = JSON.parse(p.policy);
    doc.Statement.push(s);
    p.policy = JSON.stringify(doc);
  };

  test('as synthesized: every bucket as intended, the stack as synth writes it', async () => {
    expect(run.code).toBe(0);
    expect(run.out).toContain(`stack ${SHARED_STACK}`);
    const r = await verify(run.dir);
    expect(r.text).toContain(`== shared-roles stacks: ${SHARED_STACK} as synth writes them`);
    expect(r.text).toContain('verify: every bucket as intended (12)');
    expect(r.code).toBe(0);
  }, 120_000);

  const refused: [string, (tf: Obj, first: string) => void, RegExp][] = [
    [
      's3:* on * added to a managed policy',
      (tf, n) => addStatement(tf, n, { Sid: 'X', Effect: 'Allow', Action: 's3:*', Resource: '*' }),
      /on \*, beyond arn:aws:s3:::acme-share-b00 and its access points/,
    ],
    [
      'iam:* added to a managed policy',
      (tf, n) => addStatement(tf, n, { Sid: 'X', Effect: 'Allow', Action: 'iam:*', Resource: '*' }),
      /iam:\* on \*/,
    ],
    [
      'an object of a bucket outside the config',
      (tf, n) =>
        addStatement(tf, n, { Sid: 'X', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::other/*' }),
      /s3:GetObject on arn:aws:s3:::other\/\*/,
    ],
    [
      'delete on another bucket of the config (found by that bucket’s proof)',
      (tf, n) =>
        addStatement(tf, n, {
          Sid: 'X',
          Effect: 'Allow',
          Action: 's3:DeleteObject',
          Resource: 'arn:aws:s3:::acme-share-b05/*',
        }),
      /== buckets\.b05[\s\S]*s3:DeleteObject/,
    ],
    [
      'AdministratorAccess attached to the role',
      (tf, n) =>
        (tf.resource.aws_iam_role_policy_attachment[n].policy_arn = 'arn:aws:iam::aws:policy/AdministratorAccess'),
      /attaches "arn:aws:iam::aws:policy\/AdministratorAccess", not a policy of this stack/,
    ],
    [
      'count = 0 on an attachment',
      (tf, n) => (tf.resource.aws_iam_role_policy_attachment[n].count = 0),
      /count is not an attribute synth writes/,
    ],
    [
      'a policy and its attachment removed (the role loses rights)',
      (tf, n) => {
        delete tf.resource.aws_iam_policy[n];
        delete tf.resource.aws_iam_role_policy_attachment[n];
      },
      /verify: FAILED: \d+ of 12 buckets/,
    ],
    [
      'an attachment to another role',
      (tf, n) => (tf.resource.aws_iam_role_policy_attachment[n].role = 'Admin'),
      /role Admin is no consumer's role in account 111111111111/,
    ],
    [
      'another resource type in the stack',
      (tf) => (tf.resource.aws_iam_user = { u: { name: 'x', provider: 'aws.consumer_111111111111' } }),
      /aws_iam_user: synth writes no such resource in a shared-roles stack/,
    ],
    [
      'the key read from a state synth does not write',
      (tf) => (tf.data.terraform_remote_state['b00-producer'].config.path = '/tmp/evil.tfstate'),
      /data\.terraform_remote_state\.b00-producer: not the state of a producer stack/,
    ],
  ];
  test.each(refused)(
    'refused: %s',
    async (_, change, expected) => {
      edit(change);
      const r = await verify(run.dir);
      expect(r.code).toBe(1);
      expect(r.text).toMatch(expected);
    },
    120_000,
  );
});

describe('every method on the shared role', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { verifyMain } = require('../modules/verify/cli') as typeof import('../modules/verify/cli');
  /** 16 buckets in two producer accounts: direct (one with a pack), access point, assume-role, an access grant. */
  function mixed(): Raw {
    const buckets: Raw = {};
    const methods = ['direct', 'access-point', 'assume-role', 'direct'];
    for (let i = 0; i < 16; i++) {
      const key = `m${String(i).padStart(2, '0')}`;
      const method = methods[i % 4];
      const c: Raw = {
        name: `lake-${key}`,
        accountId: ROLE_ACCOUNT,
        role: { name: 'Lake', existing: true },
        access: i % 2 || i % 8 === 0 ? 'read-write' : 'read',
        prefixes: Array.from({ length: 6 }, (_, p) => `zone/${key}/p${p}/`),
        method,
        ...(method === 'assume-role' ? { externalId: `ext-${key}-0123456789` } : {}),
        ...(i % 8 === 0 ? { packs: ['spark-writer'] } : {}),
      };
      const producer: Raw = {
        accountId: i < 8 ? '222222222222' : '555555555555',
        bucket: { name: `acme-mx-${key}`, encryption: { type: i % 3 === 0 ? 'kms' : 's3' } },
      };
      const consumers = [c];
      if (i === 5) {
        producer.accessGrants = { instance: 'created', resourcePolicy: 'managed' };
        consumers.push({
          name: `grant-${key}`,
          accountId: ROLE_ACCOUNT,
          role: { name: 'Lake', existing: true },
          access: 'read',
          prefixes: ['zone/g/'],
          method: 'access-grant',
        });
      }
      buckets[key] = { producer, consumers };
    }
    return { region: 'eu-west-1', stacks: 'per-account', buckets };
  }

  test('merged into managed policies, the grantee call inline, every bucket verified as intended', async () => {
    const run = runMain('shared-roles-mixed', mixed());
    expect(run.err).toBe('');
    expect(run.out).toMatch(
      /merged into \d customer-managed policies in stack .*; \d+ chars stay inline \(access-grant/,
    );
    let text = '';
    const code = await verifyMain({
      env: { CROSS_ACCOUNT_CONFIG: path.join(run.dir, 'config.json'), CDKTF_OUTDIR: path.join(run.dir, 'cdktf.out') },
      out: (t) => (text += t),
      err: (t) => (text += t),
    });
    expect(text).toContain('verify: every bucket as intended (16)');
    expect(code).toBe(0);
    // The access grant's consumer keeps its inline policy in its bucket's stack.
    const tf = readJson(path.join(run.dir, 'cdktf.out', 'stacks', `m05-consumer-${ROLE_ACCOUNT}`, 'cdk.tf.json'));
    expect(Object.keys(tf.resource.aws_iam_role_policy)).toEqual(['consumer_grant_m05']);
  }, 120_000);
});

describe('handoff of the shared-roles stack', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { handoffMain } = require('../modules/handoff/cli') as typeof import('../modules/handoff/cli');
  test('its own folder beside the buckets’: HCL of the managed policies, the producers’ state by relative path', () => {
    const run = runMain('shared-roles-handoff', manyOnOneRole(25, 3));
    const out = path.join(run.dir, 'handoff');
    let text = '';
    const code = handoffMain({
      env: { CROSS_ACCOUNT_CONFIG: path.join(run.dir, 'config.json'), HANDOFF_OUTDIR: out },
      out: (t) => (text += t),
      err: (t) => (text += t),
    });
    expect(code).toBe(0);
    expect(text).toContain(`handoff/_shared-roles/${SHARED_STACK}/`);
    const hcl = fs.readFileSync(path.join(out, '_shared-roles', SHARED_STACK, 'main.tf'), 'utf8');
    expect(hcl).toContain('resource "aws_iam_policy" "shared_shared_1"');
    expect(hcl).toContain('resource "aws_iam_role_policy_attachment" "shared_shared_1"');
    // From handoff/_shared-roles/<stack>/ to handoff/b00/b00-producer/.
    expect(hcl).toContain('path = "../../b00/b00-producer/terraform.tfstate"');
    const readme = fs.readFileSync(path.join(out, '_shared-roles', SHARED_STACK, 'README.md'), 'utf8');
    expect(readme).toMatch(/\| Shared \| b00, b01, .* \| cross-account-s3-Shared-1 \(\d+\)/);
    expect(readme).toContain('Apply **after** `b00-consumer-111111111111`');
    // The buckets' consumer folders attach no inline policy to the role.
    const consumer = fs.readFileSync(path.join(out, 'b03', 'b03-consumer-111111111111', 'main.tf'), 'utf8');
    expect(consumer).not.toContain('aws_iam_role_policy');
  }, 120_000);
});

describe('the other forms', () => {
  test('stacks "single": the shared-roles stack reads each bucket’s key from its single stack', () => {
    const raw = manyOnOneRole(25, 3, 'single');
    raw.accounts = { '222222222222': { profile: 'data' }, [ROLE_ACCOUNT]: { profile: 'apps' } };
    const run = runMain('shared-roles-single', raw);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const tf = readJson(path.join(run.dir, 'cdktf.out', 'stacks', SHARED_STACK, 'cdk.tf.json'));
    expect(Object.keys(tf.data.terraform_remote_state)).toContain('b00-cross-account');
    expect(tf.data.terraform_remote_state['b00-cross-account']).toEqual({
      backend: 'local',
      config: { path: '../../../terraform.b00-cross-account.tfstate' },
    });
  });

  test('a role of an account not managed here: refused past the total (its owner attaches what handoff writes)', () => {
    const raw = manyOnOneRole(25, 3);
    raw.accounts = { [ROLE_ACCOUNT]: { managed: false } };
    raw.buckets.b00.consumers[0].role = { name: 'Shared', existing: true };
    const run = runMain('shared-roles-unmanaged', raw);
    expect(run.code).toBe(1);
    expect(run.err).toContain('its account is not managed here');
    expect(run.left).toEqual(['config.json']);
  });

  test('managedPoliciesPerRole above IAM’s 20 is refused with the rule', () => {
    const raw = manyOnOneRole(2, 1);
    raw.accounts = { [ROLE_ACCOUNT]: { managedPoliciesPerRole: 25 } };
    const run = runMain('shared-roles-quota', raw);
    expect(run.code).toBe(1);
    expect(run.err).toContain("IAM's quota of managed policies per role is 20 at most");
    expect(run.left).toEqual(['config.json']);
  });
});
