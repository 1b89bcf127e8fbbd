/**
 * Scale: sizes measured as AWS counts them, merging that keeps statements flat, limits enforced at synth, overflow to
 * access points.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseConfig } from '../modules/config';
import { computePlan, PolicySizeError } from '../modules/plan';
import { LIMITS, measure } from '../modules/policy';
import { sizeSummary } from '../modules/stacks';
import { verifyStacks } from '../modules/verify';
import { generateConfig } from '../bench/generate';
import { outputOf, stacksOf } from './support/verify';
import { documentsOf, ROOT } from './support/synth';

const doc = (s: object) => ({
  Version: '2012-10-17' as const,
  Statement: [{ Sid: 'A', Effect: 'Allow' as const, ...s }],
});

describe('measuring', () => {
  test('S3 and KMS count bytes of the minified JSON; IAM counts characters without white space', () => {
    const d = doc({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/a b/é*' });
    const json = JSON.stringify(d);
    expect(measure(d, 'bytes')).toBe(Buffer.byteLength(json));
    expect(measure(d, 'characters')).toBe(json.length - 1); // the space in "a b"
  });

  test('a Terraform reference is measured as the longest value it can become', () => {
    const withRef = measure(doc({ Action: 'kms:Decrypt', Resource: '${aws_kms_key.bucket.arn}' }), 'bytes');
    const withArn = measure(
      doc({
        Action: 'kms:Decrypt',
        Resource: 'arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef',
      }),
      'bytes',
    );
    expect(withRef).toBe(withArn);
  });

  test('the limits are AWS quotas', () => {
    expect([
      LIMITS.bucket.limit,
      LIMITS['access-point'].limit,
      LIMITS.key.limit,
      LIMITS.trust.limit,
      LIMITS['role-inline'].limit,
    ]).toEqual([20480, 20480, 32768, 2048, 10240]);
  });

  test('every document is measured, one line per stack reports size and share of the limit', () => {
    const config = parseConfig(JSON.parse(fs.readFileSync(path.join(ROOT, 'cross-account.json'), 'utf8')));
    const plan = computePlan(config);
    expect(plan.sizes.map((s) => s.kind).sort()).toEqual([
      'bucket',
      'key',
      'role-inline',
      'role-inline',
      'trust',
      'trust',
    ]);
    const [line] = sizeSummary(plan);
    expect(line).toMatch(
      /^cross-account: bucket policy \d+\.\d KB \(\d+% of 20\.0 KB\); key policy \d+\.\d KB \(\d+% of 32\.0 KB\); largest trust policy \d+ chars \(\d+% of 2048\); largest role inline policies \d+ chars \(\d+% of 10240\)$/,
    );
  });
});

describe('merging keeps policies flat', () => {
  const statements = (n: number) =>
    documentsOf(parseConfig(generateConfig(n, { distinctPrefixes: 0, allDirect: true })));
  test('consumers with the same levels and prefixes add principals, not statements', () => {
    const [small, large] = [statements(20), statements(120)];
    expect(large.bucketPolicy.Statement.length).toBe(small.bucketPolicy.Statement.length);
    expect(large.keyPolicy!.Statement.length).toBe(small.keyPolicy!.Statement.length);
  });
});

describe('limits at synth', () => {
  const big = () => generateConfig(60, { distinctPrefixes: 1, allDirect: true, encryption: { type: 's3' } });

  test('a bucket policy over 20 KB fails with the document, its size, the limit and the remedy; nothing is written', () => {
    expect(() => computePlan(parseConfig(big()))).toThrow(PolicySizeError);
    const tmp = path.join(ROOT, '.tmp', 'scale-fail');
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    fs.writeFileSync(path.join(tmp, 'big.json'), JSON.stringify(big()));
    let err = '';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main } = require('../main');
    const code = main({
      env: { CROSS_ACCOUNT_CONFIG: path.join(tmp, 'big.json'), CDKTF_OUTDIR: path.join(tmp, 'out') },
      out: () => undefined,
      err: (t: string) => (err += t),
    });
    expect(code).toBe(1);
    expect(err).toMatch(
      /bucket policy of bench-shared-bucket: \d+\.\d KB \(\d+% of 20\.0 KB\) exceeds the S3 bucket policy, 20 KB\. Remedy: set producer\.bucket\.overflow to "access-points"/,
    );
    expect(err).toContain('Nothing was written.');
    expect(fs.readdirSync(tmp)).toEqual(['big.json']);
  });

  test('the inline policies of one role count together', () => {
    const raw = generateConfig(40, { distinctPrefixes: 1, allDirect: true, encryption: { type: 's3' } }) as {
      consumers: { role: { name: string }; accountId: string }[];
    };
    for (const c of raw.consumers) {
      c.role.name = 'SharedByAll';
      c.accountId = '111111111111';
    }
    (raw as unknown as { accounts: unknown }).accounts = {
      '111111111111': { profile: 'a' },
      '222222222222': { profile: 'b' },
    };
    try {
      computePlan(parseConfig(raw));
      throw new Error('accepted');
    } catch (e) {
      expect((e as Error).message).toMatch(
        /inline policies of role SharedByAll in 111111111111: \d+ chars \(\d+% of 10240\) exceeds the IAM inline policies of one role, 10,240 characters together\. Remedy: give consumers sharing this role roles of their own/,
      );
    }
  });

  test('a key policy over 32 KB names keyGrants "accounts" as a remedy; a remedy already taken is not named again', () => {
    const raw = generateConfig(700, { allDirect: true, overflow: 'access-points' });
    expect(() => computePlan(parseConfig(raw))).toThrow(
      /key policy of the bucket key: .* exceeds the KMS key policy, 32 KB\. Remedy: set encryption\.keyGrants to "accounts"/,
    );
    // With overflow already on, a bucket policy still too large is not told to turn it on.
    const full = generateConfig(30, { allDirect: true, encryption: { type: 's3' }, overflow: 'access-points' }) as {
      producer: { bucket: { policyStatements?: unknown[] } };
    };
    full.producer.bucket.policyStatements = Array.from({ length: 60 }, (_, i) => ({
      Sid: `Extra${i}`,
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:DeleteObject',
      Resource: `arn:aws:s3:::bench-shared-bucket/${'x'.repeat(300)}${i}/*`,
    }));
    try {
      computePlan(parseConfig(full));
      throw new Error('accepted');
    } catch (e) {
      expect((e as Error).message).toContain('exceeds the S3 bucket policy');
      expect((e as Error).message).not.toContain('set producer.bucket.overflow');
    }
  });
});

describe('overflow to access points, at AWS limits', () => {
  const config = parseConfig(
    generateConfig(60, { distinctPrefixes: 1, encryption: { type: 's3' }, overflow: 'access-points' }),
  );
  const plan = computePlan(config);
  const moved = plan.routes.filter((r) => r.reason === 'overflow').map((r) => r.consumer);

  test('60 consumers of distinct prefixes: the bucket policy fits after moving some, not all', () => {
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.length).toBeLessThan(config.consumers.filter((c) => c.method === 'direct').length);
    const bucket = plan.sizes.find((s) => s.kind === 'bucket')!;
    expect(bucket.size).toBeLessThanOrEqual(20480);
    expect(bucket.size).toBeGreaterThan(15000); // as many direct consumers as fit stay direct
  });

  test('placement is by slot: every consumer kept direct holds a slot its grants fit; each moved one does not', () => {
    const p = plan.placement!;
    expect(measure(plan.documents.bucketPolicy, 'bytes')).toBeLessThanOrEqual(LIMITS.bucket.limit);
    for (const r of plan.routes.filter((x) => x.method === 'direct'))
      expect(config.consumers.find((c) => c.name === r.consumer)!.index).toBeLessThan(p.slots);
    for (const m of p.reasons) {
      const c = config.consumers.find((x) => x.name === m.name)!;
      expect(m.why === 'position' ? c.index >= p.slots : m.bytes > p.slotBytes).toBe(true);
    }
    expect(p.reasons.map((r) => r.name)).toEqual(moved);
  });

  test('stable as the config grows: a consumer added at the end never moves one already there', () => {
    const raw = generateConfig(61, { distinctPrefixes: 1, encryption: { type: 's3' }, overflow: 'access-points' });
    const grown = computePlan(parseConfig(raw));
    const before = new Map(plan.routes.map((r) => [r.consumer, r.method]));
    for (const r of grown.routes)
      if (before.has(r.consumer)) expect([r.consumer, r.method]).toEqual([r.consumer, before.get(r.consumer)]);
  });

  test('the summary names who is on an access point because of overflow, and how to pin it', () => {
    expect(sizeSummary(plan).join('\n')).toContain(
      `plan: ${moved.length} direct consumer(s) on access points of the producer account, the bucket policy being full`,
    );
    expect(sizeSummary(plan).join('\n')).toContain('write "method": "access-point"');
  });
});

describe('overflow to access points, proven (a 6 KB bucket-policy limit, so that the proof stays quick)', () => {
  const raw = generateConfig(14, {
    distinctPrefixes: 1,
    encryption: { type: 'kms', keyGrants: 'accounts' },
    overflow: 'access-points',
  });
  const config = parseConfig(raw);
  const limits = { ...LIMITS, bucket: { ...LIMITS.bucket, limit: 6 * 1024 } };
  const plan = computePlan(config, limits);
  const moved = plan.routes.filter((r) => r.reason === 'overflow').map((r) => r.consumer);

  test('direct consumers that do not fit move to access points of the producer; the bucket policy fits', () => {
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.length).toBeLessThan(config.consumers.filter((c) => c.method === 'direct').length);
    for (const name of moved) {
      expect(plan.share.consumers.find((c) => c.name === name)!.accessPoint!.accountId).toBe('222222222222');
    }
    expect(plan.sizes.find((s) => s.kind === 'bucket')!.size).toBeLessThanOrEqual(6 * 1024);
  });

  test('who can do what is unchanged: the proof runs on the planned, merged output', async () => {
    const result = await verifyStacks({ ...config, consumers: [...plan.share.consumers] }, stacksOf(config, limits));
    expect(result.lint).toEqual([]);
    expect(result.mismatches).toEqual([]);
  });

  test('keyGrants "accounts": the key policy names accounts, never roles; identity policies carry the key', () => {
    const key = plan.documents.keyPolicy!;
    for (const s of key.Statement) expect(JSON.stringify(s.Condition ?? {})).not.toContain('aws:PrincipalArn');
    expect(plan.sizes.find((s) => s.kind === 'key')!.size).toBeLessThan(2048);
  });
});

describe('verify at scale, under the real 20 KB limit', () => {
  test('200 consumers of the benchmark mix: no finding, every workflow as intended', async () => {
    const config = parseConfig(
      generateConfig(200, { overflow: 'access-points', encryption: { type: 'kms', keyGrants: 'accounts' } }),
    );
    const out = outputOf(config);
    expect(out.routes!.filter((r) => r.reason === 'overflow').length).toBeGreaterThan(0);
    const r = await verifyStacks(config, out.stacks, out.routes);
    expect(r.findings).toEqual([]);
    expect(r.mismatches).toEqual([]);
    expect(r.lint).toEqual([]);
    expect(new Set(r.cells.filter((c) => !c.probe).map((c) => c.consumer)).size).toBe(200);
  }, 180_000);
});
