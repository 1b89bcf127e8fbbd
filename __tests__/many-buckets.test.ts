/** Many buckets in one config (docs/many-buckets.md): reading, refusals, stability, per-role totals, the CLI. */
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, parseBuckets, parseConfig } from '../modules/config';
import { computePlans, RoleTotalError, roleTotals } from '../modules/plan';
import { runMain } from './support/run-main';
import { ROOT, synth } from './support/synth';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 12);
type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const example = (): Raw =>
  JSON.parse(
    fs.readFileSync(path.join(ROOT, 'examples/many-buckets.json'), 'utf8').replace(/^\s*\/\/.*$/gm, ''),
  ) as Raw;

/** The problems of a refused config, as "path: message". */
function refusal(raw: unknown): string[] {
  try {
    parseBuckets(raw, 'cfg.json');
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
  }
  throw new Error('not refused');
}

describe('reading', () => {
  test('the example: three buckets, each its own config, its stacks named after its key', () => {
    const { buckets } = parseBuckets(example(), 'cfg.json');
    expect(buckets.map((b) => [b.key, b.config.producer.bucket.name, b.config.producer.accountId])).toEqual([
      ['raw', 'acme-platform-raw', '222222222222'],
      ['curated', 'acme-platform-curated', '222222222222'],
      ['exports', 'acme-exports-eu', '555555555555'],
    ]);
    // Each bucket has the accounts it names, and only those.
    expect(buckets[2].config.accounts.map((a) => a.name)).toEqual(['analytics', 'ml', 'exports']);
    const plans = computePlans(buckets).buckets;
    expect(plans.map((p) => p.plan.stacks.map((s) => s.name))).toEqual([
      ['raw-producer', 'raw-consumer-analytics', 'raw-consumer-ml'],
      ['curated-producer', 'curated-consumer-analytics', 'curated-consumer-ml'],
      ['exports-producer', 'exports-consumer-analytics', 'exports-consumer-ml'],
    ]);
  });

  test('a command that reads one bucket (audit, the library) says so of a config of many', () => {
    expect(() => parseConfig(example(), 'cfg.json')).toThrow(
      'buckets: a config of many buckets: this command reads one bucket; npm run synth, verify, diff and handoff read each bucket',
    );
  });

  test('a problem of a bucket is named under buckets.<key>; a shared field at the top', () => {
    const raw = example();
    raw.buckets.curated.consumers[1].access = 'everything';
    raw.region = 'mars-1';
    const problems = refusal(raw);
    expect(problems.some((p) => p.startsWith('buckets.curated.consumers.1.access: '))).toBe(true);
    expect(problems.filter((p) => p.startsWith('region: '))).toHaveLength(1); // once, not once per bucket
  });

  test.each([
    [
      'producer beside buckets',
      (r: Raw) => (r.producer = r.buckets.raw.producer),
      'producer: a config with "buckets" holds producer in each bucket: move it into buckets.<key>.producer',
    ],
    ['monitoring', (r: Raw) => (r.monitoring = {}), 'monitoring: monitoring is for a one-bucket config'],
    [
      'a key with capitals',
      (r: Raw) => (r.buckets.Raw = r.buckets.raw),
      'buckets.Raw: a bucket key is 1-30 characters',
    ],
    ['no bucket', (r: Raw) => (r.buckets = {}), 'buckets: must be an object of at least one bucket'],
    [
      'an account no bucket names',
      (r: Raw) => (r.accounts['999999999999'] = { name: 'spare' }),
      "accounts.999999999999: no bucket's producer, consumer or access point is in account 999999999999",
    ],
    [
      'the same bucket twice',
      (r: Raw) => (r.buckets.exports.producer.bucket.name = 'acme-platform-raw'),
      'buckets.exports.producer.bucket.name: bucket acme-platform-raw is also made by buckets.raw.producer.bucket.name',
    ],
    [
      'a role created by two buckets',
      (r: Raw) => (r.buckets.curated.consumers[0].role = { name: 'Etl' }),
      'buckets.curated.consumers.0.role.name: IAM role Etl in 333333333333 is also made by buckets.raw.consumers.1.role.name',
    ],
    [
      'one consumer name on one role in two buckets (the same inline policy name)',
      (r: Raw) => (r.buckets.curated.consumers[0].name = 'etl-raw'),
      'buckets.curated.consumers.0.name: inline policy of consumer "etl-raw" on role Etl in 333333333333 is also made by buckets.raw.consumers.1.name',
    ],
    [
      'S3 Access Grants in two buckets of one producer account and region (one instance, one resource policy)',
      (r: Raw) => {
        r.buckets.raw.consumers[1].method = 'access-grant';
        r.buckets.curated.producer.bucket.overflow = 'access-grants';
      },
      'buckets.curated.producer.accessGrants: S3 Access Grants in 222222222222 eu-west-1 (one instance per account and region, one resource policy; two buckets sharing it are not supported yet',
    ],
    [
      'the Terraform Cloud backend',
      (r: Raw) => (r.backend = { type: 'cloud', organization: 'acme', workspacePrefix: 'x-' }),
      'backend.type: the Terraform Cloud backend is for a one-bucket config',
    ],
  ])('refused: %s', (_, edit, expected) => {
    const raw = example();
    edit(raw);
    expect(refusal(raw).some((p) => p.startsWith(expected))).toBe(true);
  });
});

describe('stable: a bucket added, removed or reordered never changes another bucket', () => {
  const stacksOf = (raw: Raw) =>
    new Map(
      parseBuckets(raw, 'cfg.json').buckets.map((b) => [
        b.key,
        Object.fromEntries(Object.entries(synth(b.config).stacks).map(([n, s]) => [n, s.text])),
      ]),
    );
  const before = stacksOf(example());

  test('every bucket synthesizes as it does alone, byte for byte, whatever else the config holds', () => {
    fc.assert(
      fc.property(
        fc.nat(3),
        fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/),
        fc.boolean(),
        fc.constantFrom('add', 'remove-first', 'reverse'),
        (at, name, write, kind) => {
          const raw = example();
          const entries = Object.entries(raw.buckets as Raw);
          if (kind === 'reverse') entries.reverse();
          else if (kind === 'remove-first') entries.shift();
          else
            entries.splice(at, 0, [
              `new-${name}`,
              {
                producer: { accountId: '222222222222', bucket: { name: `acme-new-${name}` } },
                consumers: [
                  {
                    name: 'etl-new',
                    accountId: '333333333333',
                    role: { name: 'Etl', existing: true },
                    access: write ? 'read-write' : 'read',
                    prefixes: [`${name}/`],
                  },
                ],
              },
            ]);
          raw.buckets = Object.fromEntries(entries);
          const after = stacksOf(raw);
          for (const [key, stacks] of before) if (after.has(key)) expect(after.get(key)).toEqual(stacks);
        },
      ),
      { numRuns: RUNS, seed: Number(process.env.PROPERTY_SEED ?? 20261203) },
    );
  });
});

describe("a role's inline policies across buckets, as IAM counts them (10,240 characters together)", () => {
  /** `n` buckets, each granting the role Shared read on `prefixes` prefixes. */
  function manyOnOneRole(n: number, prefixes: number): Raw {
    const buckets: Raw = {};
    for (let i = 0; i < n; i++) {
      const key = `b${String(i).padStart(2, '0')}`;
      buckets[key] = {
        producer: { accountId: '222222222222', bucket: { name: `acme-share-${key}`, encryption: { type: 's3' } } },
        consumers: [
          {
            name: `shared-${key}`,
            accountId: '111111111111',
            role: { name: 'Shared', existing: true },
            access: 'read',
            prefixes: Array.from({ length: prefixes }, (_, p) => `datasets/${key}/part-${p}/`),
          },
        ],
      };
    }
    return { region: 'eu-west-1', stacks: 'per-account', buckets };
  }

  /** What AWS counts: the policy text each stack attaches to the role, without white space. */
  const counted = (raw: Raw) =>
    parseBuckets(raw, 'cfg.json').buckets.map((b) => {
      const [stack] = Object.values(synth(b.config).stacks).filter((s) => s.json.resource?.aws_iam_role_policy);
      const policies = Object.values(stack.json.resource!.aws_iam_role_policy!);
      expect(policies.map((p) => p.role)).toEqual(['Shared']);
      return String(policies[0].policy).replace(/\s/g, '').length;
    });

  test('the totals are the characters of the rendered inline policies, added up per role', () => {
    const raw = manyOnOneRole(3, 2);
    const plans = computePlans(parseBuckets(raw, 'cfg.json').buckets).buckets;
    const [shared] = roleTotals(plans);
    const sizes = counted(raw);
    expect(shared.byBucket).toEqual([
      { key: 'b00', size: sizes[0] },
      { key: 'b01', size: sizes[1] },
      { key: 'b02', size: sizes[2] },
    ]);
    expect(shared.size).toBe(sizes[0] + sizes[1] + sizes[2]);
    expect(shared.size).toBeLessThan(10240);
  });

  test('past the total, with a quota too small for the merged rights: refused with the numbers, nothing written', () => {
    const raw = manyOnOneRole(25, 3);
    raw.accounts = { '111111111111': { managedPoliciesPerRole: 1 } };
    const sizes = counted(raw);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(10240);
    let error: unknown;
    try {
      computePlans(parseBuckets(raw, 'cfg.json').buckets);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RoleTotalError);
    const message = (error as Error).message;
    expect(message).toContain(`inline policies of role Shared in 111111111111, across buckets: ${total} chars exceed`);
    expect(message).toContain(`buckets.b00: ${sizes[0]}, buckets.b01: ${sizes[1]}`);
    expect(message).toMatch(/they need \d customer-managed policies of 6144 chars \([\d, ]+\), over the 1 this role/);
    expect(message).toContain('accounts.111111111111.managedPoliciesPerRole');
    const run = runMain('many-buckets-over', raw);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`${total} chars exceed`);
    expect(run.err).toContain('Nothing was written.');
    expect(run.left).toEqual(['config.json']);
  });
});

describe('npm run synth', () => {
  test('a refused many-buckets config: exit 1, every problem with its path, nothing written', () => {
    const raw = example();
    raw.buckets.exports.producer.bucket.name = 'acme-platform-raw';
    const run = runMain('many-buckets-refused', raw);
    expect(run.code).toBe(1);
    expect(run.err).toContain('invalid config');
    expect(run.err).toContain('buckets.exports.producer.bucket.name: bucket acme-platform-raw is also made by');
    expect(run.left).toEqual(['config.json']);
  });

  test('the example: every stack of every bucket, one plan.json per bucket', () => {
    const run = runMain('many-buckets-example', example());
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const out = path.join(run.dir, 'cdktf.out');
    expect(fs.readdirSync(path.join(out, 'stacks')).sort()).toEqual(
      [
        ...['raw', 'curated', 'exports'].flatMap((k) => [
          `${k}-producer`,
          `${k}-consumer-analytics`,
          `${k}-consumer-ml`,
        ]),
      ].sort(),
    );
    expect(fs.readdirSync(path.join(out, 'buckets')).sort()).toEqual(['curated', 'exports', 'raw']);
    // The roles several buckets grant, counted as IAM counts them: all their buckets together.
    expect(run.out).toMatch(/^role Etl in 333333333333: inline policies of 3 buckets, \d+ chars \(\d+% of 10240\)$/m);
    expect(run.out).toMatch(/^role Analysts in 111111111111: inline policies of 2 buckets, /m);
    const plan = JSON.parse(fs.readFileSync(path.join(out, 'buckets', 'raw', 'plan.json'), 'utf8'));
    expect(plan.stacks).toEqual(['raw-producer', 'raw-consumer-analytics', 'raw-consumer-ml']);
  });
});

describe('npm run verify across buckets', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { verifyMain } = require('../modules/verify/cli') as typeof import('../modules/verify/cli');
  const run = async (dir: string) => {
    let out = '';
    const code = await verifyMain({
      env: { CROSS_ACCOUNT_CONFIG: path.join(dir, 'config.json'), CDKTF_OUTDIR: path.join(dir, 'cdktf.out') },
      out: (t) => (out += t),
      err: (t) => (out += t),
    });
    return { code, out };
  };

  test('one proof per bucket and a summary; a hand-edit granting another bucket is a finding of its bucket', async () => {
    const synthRun = runMain('many-buckets-verify', example());
    expect(synthRun.code).toBe(0);
    const clean = await run(synthRun.dir);
    expect(clean.out).toContain('verify: every bucket as intended (3)');
    expect(clean.code).toBe(0);
    const summary = fs.readFileSync(path.join(synthRun.dir, 'cdktf.out', 'access-report.md'), 'utf8');
    for (const k of ['raw', 'curated', 'exports']) {
      expect(summary).toContain(`[access-report.${k}.md](access-report.${k}.md)`);
      expect(fs.existsSync(path.join(synthRun.dir, 'cdktf.out', `access-report.${k}.md`))).toBe(true);
    }
    // The raw bucket's consumer stack grants its role an object of the curated bucket.
    const file = path.join(synthRun.dir, 'cdktf.out', 'stacks', 'raw-consumer-ml', 'cdk.tf.json');
    const tf = JSON.parse(fs.readFileSync(file, 'utf8'));
    const policy = tf.resource.aws_iam_role_policy.consumer_etl_raw;
    const doc = JSON.parse(policy.policy);
    doc.Statement.push({
      Sid: 'Sneaky',
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::acme-platform-curated/*',
    });
    policy.policy = JSON.stringify(doc);
    fs.writeFileSync(file, JSON.stringify(tf, null, 2));
    const edited = await run(synthRun.dir);
    expect(edited.code).toBe(1);
    expect(edited.out).toContain(
      's3:GetObject on arn:aws:s3:::acme-platform-curated/*, beyond arn:aws:s3:::acme-platform-raw',
    );
    expect(edited.out).toContain('verify: FAILED: 1 of 3 buckets');
  }, 120_000);
});
