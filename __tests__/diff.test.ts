/**
 * The access diff: pairs of configs whose difference is known, each asserting
 * exactly what is gained and lost; what must show nothing (a reordering, a
 * statement split in two); and the sides a CLI names — a git revision, a config
 * file, a synthesized folder.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadConfig, parseConfig } from '../modules/config';
import {
  AccessFacts,
  accessOf,
  compare,
  consoleReport,
  diffOutputs,
  DiffError,
  jsonReport,
  markdownReport,
  obtain,
  specOf,
  Synthesize,
} from '../modules/diff';
import { newAccessLines } from '../modules/diff/report';
import { computePlan, DEFAULT_SLOT_BYTES, roomFor } from '../modules/plan';
import { LIMITS } from '../modules/policy';
import { synthesize } from '../modules/stacks';
import { access, diffOf, edited, lines, Raw, sideOf } from './support/diff';
import { readJson, ROOT } from './support/synth';
import { editPolicy, outputOf } from './support/verify';

const seed: Raw = readJson('cross-account.json');
const ANALYTICS_WRITES = ['abort-multipart', 'copy-in', 'multipart-upload', 'sync-up', 'upload', 'upload-tagged'];
/** What a read-write consumer of the whole seed bucket runs, by target. */
const SEED_READS = [
  'copy-out',
  'copy-out-version',
  'download',
  'download-unkeyed',
  'download-version',
  'list-prefix',
  'list-versions',
  'sync-down',
];
const row = (role: string, path: string, workflows: string[], target: string) =>
  workflows.map((w) => `${role} | ${path} | ${w} | ${target}`);
const sorted = (xs: string[]) => [...xs].sort();

let base: AccessFacts;
beforeAll(async () => {
  base = await access(seed);
});

const nothing = (d: Awaited<ReturnType<typeof diffOf>>) => {
  expect(d.gained).toEqual([]);
  expect(d.lost).toEqual([]);
  expect(d.consumers).toEqual([]);
  expect(d.routes).toEqual([]);
  expect(d.posture).toEqual([]);
  expect(d.findings).toEqual({ gained: [], lost: [] });
  expect(d.accepted).toEqual({ gained: [], lost: [] });
  expect(d.newAccess).toBe(false);
};

describe('what a change grants and revokes, on evaluated access', () => {
  test('the same config: nothing', async () => {
    nothing(compare(base, base));
    expect(consoleReport({ base, current: base, diff: compare(base, base) }, { base: 'a', current: 'b' })).toContain(
      'no change in access',
    );
  });

  test('a pure reordering of the consumers: nothing (the facts are keyed by role, path, workflow and prefix)', async () => {
    nothing(
      await diffOf(
        base,
        edited(seed, (c) => c.consumers.reverse()),
      ),
    );
  });

  test('a statement split in two (the merge undone) grants the same: nothing', async () => {
    const config = parseConfig(seed);
    const out = outputOf(config);
    let split = 0;
    editPolicy(out.stacks, 'aws_s3_bucket_policy', 'bucket', 'policy', (doc) => {
      const i = doc.Statement.findIndex((s) => Array.isArray(s.Action) && s.Action.length > 2 && s.Effect === 'Allow');
      const s = doc.Statement[i];
      const half = Math.ceil(s.Action.length / 2);
      doc.Statement.splice(
        i,
        1,
        { ...s, Sid: `${s.Sid}A`, Action: s.Action.slice(0, half) },
        { ...s, Sid: `${s.Sid}B`, Action: s.Action.slice(half) },
      );
      split++;
    });
    expect(split).toBe(1);
    nothing(compare(base, await accessOf(sideOf(config, out))));
  });

  test('a consumer added: its role appears with its workflows on its prefix, nothing lost', async () => {
    const d = await diffOf(
      base,
      edited(seed, (c) => {
        c.accounts['333333333333'] = { name: 'billing', profile: 'billing' };
        c.consumers.push({
          name: 'billing',
          accountId: '333333333333',
          role: { name: 'BillingExport' },
          access: 'write',
          prefixes: ['invoices/'],
        });
      }),
    );
    expect(lines(d.gained)).toEqual(
      row(
        'BillingExport',
        'direct',
        ['abort-multipart', 'copy-in', 'multipart-upload', 'upload', 'upload-tagged'],
        'invoices/',
      ),
    );
    expect(lines(d.lost)).toEqual([]);
    expect(d.principals).toEqual({ appeared: ['arn:aws:iam::333333333333:role/BillingExport'], disappeared: [] });
    expect(d.gained.every((f) => f.consumers.join() === 'billing')).toBe(true);
    expect(d.consumers.map((c) => [c.name, c.base, c.current])).toEqual([
      ['billing', undefined, 'write on invoices/, direct, role arn:aws:iam::333333333333:role/BillingExport'],
    ]);
    expect(d.actions).toEqual([
      {
        principal: 'arn:aws:iam::333333333333:role/BillingExport',
        path: 'direct',
        target: 'invoices/',
        gained: [
          'kms:Decrypt',
          'kms:GenerateDataKey',
          's3:AbortMultipartUpload',
          's3:ListMultipartUploadParts',
          's3:PutObject',
          's3:PutObjectTagging',
        ],
        lost: [],
      },
    ]);
    expect(d.newAccess).toBe(true);
  });

  test('a prefix widened: the new prefix gained, nothing lost; to the whole bucket: the whole bucket gained, the prefix kept', async () => {
    const narrow = edited(seed, (c) => (c.consumers[0].prefixes = ['curated/']));
    const before = await access(narrow);
    const d = await diffOf(
      before,
      edited(narrow, (c) => c.consumers[0].prefixes.push('raw/')),
    );
    expect(lines(d.gained)).toEqual(
      sorted(row('RoleInAccountA', 'direct', [...SEED_READS, ...ANALYTICS_WRITES], 'raw/')),
    );
    expect(lines(d.lost)).toEqual([]);
    const whole = compare(before, base);
    expect(lines(whole.lost)).toEqual([]);
    // head-bucket needs the whole bucket; every other workflow is now on the whole bucket, held before on curated/.
    expect(lines(whole.gained)).toEqual(
      sorted([
        ...row('RoleInAccountA', 'direct', [...SEED_READS, ...ANALYTICS_WRITES], '(whole bucket)'),
        'RoleInAccountA | direct | head-bucket | bucket',
      ]),
    );
    expect(whole.gained.filter((f) => f.target !== 'bucket').every((f) => f.within?.join() === 'curated/')).toBe(true);
  });

  test('a level narrowed (read-write -> read): the writing workflows lost, nothing gained', async () => {
    const d = await diffOf(
      base,
      edited(seed, (c) => (c.consumers[0].access = 'read')),
    );
    expect(lines(d.gained)).toEqual([]);
    expect(lines(d.lost)).toEqual(sorted(row('RoleInAccountA', 'direct', ANALYTICS_WRITES, '(whole bucket)')));
    expect(d.principals).toEqual({ appeared: [], disappeared: [] });
    expect(d.newAccess).toBe(false);
    const lost = d.actions.find((a) => a.path === 'direct')!;
    expect(lost.lost).toEqual([
      'kms:GenerateDataKey',
      's3:AbortMultipartUpload',
      's3:ListMultipartUploadParts',
      's3:PutObject',
      's3:PutObjectTagging',
    ]);
  });

  test('direct -> access point: every workflow moves from the direct path to the access point (head-bucket has no access-point form)', async () => {
    const d = await diffOf(
      base,
      edited(seed, (c) => (c.consumers[0].method = 'access-point')),
    );
    const everything = [...SEED_READS, ...ANALYTICS_WRITES];
    expect(lines(d.lost)).toEqual(
      [
        ...row('RoleInAccountA', 'direct', everything, '(whole bucket)'),
        ...row('RoleInAccountA', 'direct', ['bucket-location', 'head-bucket'], 'bucket'),
      ].sort(),
    );
    expect(lines(d.gained)).toEqual(
      [
        ...row('RoleInAccountA', 'access point my-shared-bucket-analytics', everything, '(whole bucket)'),
        'RoleInAccountA | access point my-shared-bucket-analytics | bucket-location | bucket',
      ].sort(),
    );
    expect(d.routes).toEqual([
      { name: 'analytics', base: 'direct', current: 'access point my-shared-bucket-analytics' },
    ]);
    expect(d.newAccess).toBe(true);
  });

  test('overflow (a small bucket-policy limit): the consumer moved shows as a route and a path change', async () => {
    const raw = {
      region: 'us-east-1',
      accounts: { '222222222222': { profile: 'p' }, '111111111111': { profile: 'c' } },
      producer: {
        accountId: '222222222222',
        bucket: { name: 'overflow-shared-bucket', encryption: { type: 's3' }, overflow: 'access-points' },
      },
      consumers: ['alpha', 'bravo', 'charlie'].map((name) => ({
        name,
        accountId: '111111111111',
        role: { name: `${name}-role`, existing: true },
        access: 'read',
        prefixes: [`${name}/`],
      })),
    };
    // Room for two slots of 1,024 bytes: charlie, third in the list, is past them.
    const plan = computePlan(parseConfig(raw));
    const base = LIMITS.bucket.limit - roomFor(plan.share, LIMITS.bucket.limit);
    const limits = { ...LIMITS, bucket: { ...LIMITS.bucket, limit: base + 2 * DEFAULT_SLOT_BYTES + 100 } };
    const d = await diffOf(raw, raw, limits);
    expect(d.routes).toEqual([
      {
        name: 'charlie',
        base: 'direct',
        current: 'access point overflow-shared-bucket-charlie (overflow: the bucket policy is full)',
      },
    ]);
    const reads = [
      'copy-out',
      'copy-out-version',
      'download',
      'download-version',
      'list-prefix',
      'list-versions',
      'sync-down',
    ];
    expect(lines(d.lost)).toEqual(
      [...row('charlie-role', 'direct', reads, 'charlie/'), 'charlie-role | direct | bucket-location | bucket'].sort(),
    );
    const ap = 'access point overflow-shared-bucket-charlie';
    expect(lines(d.gained)).toEqual(
      [...row('charlie-role', ap, reads, 'charlie/'), `charlie-role | ${ap} | bucket-location | bucket`].sort(),
    );
    expect(d.consumers).toEqual([]); // as written, nothing changed
  });

  test('a Deny added to producer.bucket.policyStatements: nothing gained; what it denies is lost', async () => {
    const d = await diffOf(
      base,
      edited(seed, (c) => {
        c.producer.bucket.policyStatements = [
          {
            Sid: 'NoTagging',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:PutObjectTagging',
            Resource: 'arn:aws:s3:::my-shared-bucket/*',
          },
        ];
      }),
    );
    expect(lines(d.gained)).toEqual([]);
    expect(lines(d.lost)).toEqual(
      [
        ...row('RoleInAccountA', 'assumes S3AccessFromA', ['copy-in', 'upload-tagged'], '(whole bucket)'),
        ...row('RoleInAccountA', 'direct', ['copy-in', 'upload-tagged'], '(whole bucket)'),
      ].sort(),
    );
    expect(d.accepted).toEqual({ gained: [], lost: [] });
    expect(d.newAccess).toBe(false);
  });

  test('an Allow for a service principal: no workflow of the matrix, but a new accepted grant of the complete analysis', async () => {
    const d = await diffOf(
      base,
      edited(seed, (c) => {
        c.producer.bucket.policyStatements = [
          {
            Sid: 'CloudFrontRead',
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::my-shared-bucket/public/*',
            Condition: {
              StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::222222222222:distribution/E2EXAMPLE1' },
            },
          },
        ];
      }),
    );
    expect(lines(d.gained)).toEqual([]);
    expect(lines(d.lost)).toEqual([]);
    expect(d.accepted.gained).toEqual([
      {
        kind: 'principal',
        document: 'aws_s3_bucket_policy.bucket',
        sid: 'CloudFrontRead',
        message:
          'service cloudfront.amazonaws.com is granted s3:GetObject: no consumer of the config acts as this principal',
        accepted: 'written in producer.bucket.policyStatements (Sid CloudFrontRead)',
      },
    ]);
    expect(d.newAccess).toBe(true);
  });

  test('a widening the matrix does not probe shows as a new finding', async () => {
    const config = parseConfig(seed);
    const out = outputOf(config);
    editPolicy(out.stacks, 'aws_s3_bucket_policy', 'bucket', 'policy', (doc) => {
      doc.Statement.push({
        Sid: 'Widened',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:root' },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::my-shared-bucket/*',
        Condition: { StringEquals: { 'aws:PrincipalTag/team': 'x' } },
      });
    });
    const d = compare(base, await accessOf(sideOf(config, out)));
    expect(d.findings.gained.map((f) => `${f.kind} ${f.document} ${f.sid}`)).toContain(
      'principal aws_s3_bucket_policy.bucket Widened',
    );
    expect(d.newAccess).toBe(true);
  });

  test('the TLS deny removed: plain HTTP is new access, not merged into the HTTPS rows', async () => {
    const config = parseConfig(seed);
    const out = outputOf(config);
    editPolicy(out.stacks, 'aws_s3_bucket_policy', 'bucket', 'policy', (doc) => {
      doc.Statement = doc.Statement.filter((x) => x.Sid !== 'DenyInsecureTransport');
    });
    const d = compare(base, await accessOf(sideOf(config, out)));
    expect(d.gained.map((f) => f.path)).toContain('direct over plain HTTP');
    expect(d.findings.gained.map((f) => `${f.kind} ${f.document}`)).toContain('posture aws_s3_bucket_policy.bucket');
    expect(d.newAccess).toBe(true);
  });

  test('count = 0 on the bucket policy: a new finding, so new access', async () => {
    const config = parseConfig(seed);
    const out = outputOf(config);
    for (const j of Object.values(out.stacks))
      if (j.resource?.aws_s3_bucket_policy) j.resource.aws_s3_bucket_policy.bucket.count = 0;
    const d = compare(base, await accessOf(sideOf(config, out)));
    expect(d.findings.gained.map((f) => f.message)).toContainEqual(expect.stringContaining('the meta-argument count'));
    expect(d.newAccess).toBe(true);
  });

  test('an operator AWS does not document in a Deny: not proven, so new access until fixed, and said so', async () => {
    const config = parseConfig(seed);
    const out = outputOf(config);
    for (const j of Object.values(out.stacks)) {
      const bp = j.resource?.aws_s3_bucket_policy?.bucket;
      if (bp) bp.policy = String(bp.policy).replace('"Condition":{"Null":{', '"Condition":{"null":{');
    }
    const d = compare(base, await accessOf(sideOf(config, out)));
    expect(d.gained).toEqual([]);
    expect(d.policyProblems).toEqual({ base: 0, current: 1 });
    expect(d.newAccess).toBe(true);
    expect(newAccessLines(d)).toContainEqual(expect.stringMatching(/^policy problems: 1 on this side, 0 on the base/));
    expect(consoleReport({ base, current: base, diff: d }, { base: 'a', current: 'b' })).toContain(
      '1 more policy problem(s), not proven: NEW ACCESS',
    );
    // The same side as the base: no more problems than it had, nothing new.
    expect(compare(await accessOf(sideOf(config, out)), await accessOf(sideOf(config, out))).newAccess).toBe(false);
  });

  test('the organization guard is read from the output: removed there, it is a widening', async () => {
    const raw = readJson('examples/access-points.json');
    const config = parseConfig(raw);
    const before = await accessOf(sideOf(config, outputOf(config)));
    const out = outputOf(config);
    editPolicy(out.stacks, 'aws_s3_bucket_policy', 'bucket', 'policy', (doc) =>
      doc.Statement.forEach((x) => delete x.Condition?.StringEquals?.['aws:PrincipalOrgID']),
    );
    const d = compare(before, await accessOf(sideOf(config, out)));
    const guard = d.posture.find((p) => p.setting === 'organization guard (aws:PrincipalOrgID)');
    expect(guard).toMatchObject({ base: 'o-a1b2c3d4e5', widens: true });
    expect(guard!.current).toMatch(/^none$|missing on/);
    expect(d.newAccess).toBe(true);
  });

  test('versioning off: a posture change, and the version listings lost', async () => {
    const d = await diffOf(
      base,
      edited(seed, (c) => (c.producer.bucket.versioning = false)),
    );
    expect(d.posture).toEqual([{ setting: 'versioning', base: 'Enabled', current: 'off', widens: false }]);
    expect(lines(d.gained)).toEqual([]);
    expect(lines(d.lost)).toEqual([
      'RoleInAccountA | assumes S3AccessFromA | list-versions | (whole bucket)',
      'RoleInAccountA | direct | list-versions | (whole bucket)',
    ]);
    expect(d.newAccess).toBe(false);
  });

  test('the organization guard dropped: no workflow changes, but the posture widens (new access)', async () => {
    const guarded = await access(edited(seed, (c) => (c.producer.organizationId = 'o-a1b2c3d4e5')));
    const d = compare(guarded, base);
    expect(lines(d.gained)).toEqual([]);
    expect(lines(d.lost)).toEqual([]);
    expect(d.posture).toEqual([
      { setting: 'organization guard (aws:PrincipalOrgID)', base: 'o-a1b2c3d4e5', current: 'none', widens: true },
    ]);
    expect(d.newAccess).toBe(true);
    expect(compare(base, guarded).newAccess).toBe(false);
  });

  test('another bucket: every workflow on it is gained, every one on the old bucket lost', async () => {
    const d = await diffOf(
      base,
      edited(seed, (c) => (c.producer.bucket.name = 'my-other-bucket')),
    );
    expect(d.bucket).toEqual({
      base: 's3://my-shared-bucket in account 222222222222 (us-east-1)',
      current: 's3://my-other-bucket in account 222222222222 (us-east-1)',
    });
    expect(lines(d.gained)).toEqual(lines(d.lost));
    expect(d.gained).toHaveLength(base.facts.length);
    expect(d.actions.find((a) => a.path === 'direct' && a.target === '(whole bucket)')!.gained).toContain(
      's3:PutObject',
    );
    expect(d.newAccess).toBe(true);
  });

  test('the reports: terminal, Markdown with a table per principal and a Mermaid diagram, JSON', async () => {
    const current = await access(edited(seed, (c) => (c.consumers[0].access = 'read')));
    const r = { base, current, diff: compare(base, current) };
    const labels = { base: 'cross-account.json at HEAD', current: 'cross-account.json' };
    const text = consoleReport(r, labels);
    expect(text).toContain('access diff: cross-account.json at HEAD -> cross-account.json');
    expect(text).toContain(
      '      - (whole bucket): upload, upload-tagged, multipart-upload, abort-multipart, copy-in, sync-up [kms:GenerateDataKey, s3:AbortMultipartUpload, s3:ListMultipartUploadParts, s3:PutObject, s3:PutObjectTagging]',
    );
    expect(text).toMatch(/access: 0 gained, 6 lost .*: no new access$/);
    const md = markdownReport(r, labels);
    expect(
      md.startsWith('<!-- access-diff -->\n## Access diff: `cross-account.json at HEAD` → `cross-account.json`'),
    ).toBe(true);
    expect(md).toContain('#### analytics, reporting: `RoleInAccountA` (111111111111)');
    expect(md).toContain('| path | prefix | gained | lost |');
    expect(md).toContain('```mermaid\nflowchart LR');
    expect(md).toMatch(/p0 -\.->\|"- direct: 6 workflows"\| bucket/);
    expect(md).toMatch(/linkStyle \d+ stroke:#cf222e/);
    const json = JSON.parse(jsonReport(r, labels));
    expect(json.newAccess).toBe(false);
    expect(json.lost).toHaveLength(6);
    expect(json.base.label).toBe('cross-account.json at HEAD');
  });
});

describe('a comment fits in a pull request', () => {
  test('3,000 new principals: the Markdown stays under 65,536 characters and counts what it leaves out', () => {
    const empty: AccessFacts = { ...base, facts: [], consumers: [] };
    const many: AccessFacts = {
      ...empty,
      facts: Array.from({ length: 3000 }, (_, i) => ({
        principal: `arn:aws:iam::111111111111:role/Workload${String(i).padStart(4, '0')}`,
        path: 'direct',
        workflow: 'download',
        target: `teams/${i}/`,
        prefix: `teams/${i}/`,
        actions: ['kms:Decrypt', 's3:GetObject'],
        beyondConfig: false,
      })),
    };
    const r = { base: empty, current: many, diff: compare(empty, many) };
    const md = markdownReport(r, { base: 'a', current: 'b' });
    expect(md.length).toBeLessThan(65536);
    expect(md).toMatch(/_… and \d+ more principal\(s\), \d+ of them gaining: see the terminal output or `--json`._/);
    expect(md).toContain('_Too many changed edges to draw');
    expect(JSON.parse(jsonReport(r, { base: 'a', current: 'b' })).gained).toHaveLength(3000);
  });
});

describe('the sides: a git revision, a config file, a synthesized folder', () => {
  const synth: Synthesize = (config, file, outdir) => synthesize(computePlan(config), outdir, file);
  let repo: string;
  let tmp: string;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], {
      cwd: repo,
      stdio: 'pipe',
    });
  const withBilling = edited(seed, (c) => {
    c.accounts['333333333333'] = { profile: 'billing' };
    c.consumers.push({
      name: 'billing',
      accountId: '333333333333',
      role: { name: 'BillingExport', existing: true },
      access: 'read',
      prefixes: ['invoices/'],
    });
  });

  beforeAll(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'diff-repo-'));
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'diff-sides-'));
    git('init', '-q');
    fs.writeFileSync(path.join(repo, 'cross-account.json'), JSON.stringify(seed, null, 2));
    git('add', '.');
    git('commit', '-q', '-m', 'seed');
    // The working tree: a consumer added, not committed.
    fs.writeFileSync(path.join(repo, 'cross-account.json'), JSON.stringify(withBilling, null, 2));
  });
  afterAll(() => {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('what an argument names', () => {
    expect(specOf('HEAD', 'cross-account.json', repo)).toEqual({
      kind: 'git',
      rev: 'HEAD',
      file: 'cross-account.json',
    });
    expect(specOf('HEAD:other.json', 'cross-account.json', repo)).toEqual({
      kind: 'git',
      rev: 'HEAD',
      file: 'other.json',
    });
    expect(specOf('cross-account.json', 'x.json', repo)).toEqual({ kind: 'file', file: 'cross-account.json' });
    expect(specOf('.', 'x.json', repo)).toEqual({ kind: 'folder', dir: '.' });
    expect(() => specOf('no-such-thing', 'x.json', repo)).toThrow(DiffError);
    expect(() => specOf('no-such-thing', 'x.json', repo)).toThrow(
      'no-such-thing is neither a config file, a synthesized folder, nor a git revision',
    );
  });

  test('a git revision: the config at HEAD (git show, no checkout) against the working tree', async () => {
    const before = fs.readdirSync(repo).sort();
    const b = obtain(specOf('HEAD', 'cross-account.json', repo), {
      synthesize: synth,
      tmp,
      name: 'git-base',
      cwd: repo,
    });
    const c = obtain(
      { kind: 'file', file: 'cross-account.json' },
      { synthesize: synth, tmp, name: 'git-current', cwd: repo },
    );
    expect(b.label).toBe('cross-account.json at HEAD');
    const r = await diffOutputs(b.output, c.output);
    expect(lines(r.diff.gained)).toEqual(
      sorted([
        ...row('BillingExport', 'direct', SEED_READS, 'invoices/'),
        'BillingExport | direct | bucket-location | bucket',
      ]),
    );
    expect(lines(r.diff.lost)).toEqual([]);
    // Nothing in the working tree was touched.
    expect(fs.readdirSync(repo).sort()).toEqual(before);
    expect(git('status', '--porcelain').toString()).toBe(' M cross-account.json\n');
  });

  test('a file missing at the revision, a bad config there: one message', () => {
    expect(() =>
      obtain(specOf('HEAD:missing.json', 'cross-account.json', repo), { synthesize: synth, tmp, name: 'm', cwd: repo }),
    ).toThrow(/cannot read missing.json at HEAD: .*missing.json/);
    fs.writeFileSync(path.join(repo, 'bad.json'), '{"region": "nowhere-1"}');
    git('add', 'bad.json');
    git('commit', '-q', '-m', 'bad');
    expect(() =>
      obtain(specOf('HEAD:bad.json', 'cross-account.json', repo), { synthesize: synth, tmp, name: 'b', cwd: repo }),
    ).toThrow(/^HEAD:bad.json: invalid config/);
  });

  test('a synthesized folder (plan.json): read as it is; refused when its config changed since', async () => {
    const out = path.join(tmp, 'folder-out');
    const file = path.join(tmp, 'folder-config.json');
    fs.writeFileSync(file, JSON.stringify(seed));
    synth(loadConfig(file), file, out);
    const b = obtain(specOf(out, 'x.json'), { synthesize: synth, tmp, name: 'unused' });
    expect(b.spec.kind).toBe('folder');
    const c = obtain(
      { kind: 'file', file: path.join(repo, 'cross-account.json') },
      { synthesize: synth, tmp, name: 'f' },
    );
    const r = await diffOutputs(b.output, c.output);
    expect(r.diff.principals.appeared).toEqual(['arn:aws:iam::333333333333:role/BillingExport']);
    expect(r.diff.lost).toEqual([]);
    // Its config changed since: refused, with the way out.
    fs.writeFileSync(file, JSON.stringify(withBilling));
    expect(() => obtain(specOf(out, 'x.json'), { synthesize: synth, tmp, name: 'unused' })).toThrow(
      /was not synthesized from .* as it is now: name its config with --base-config/,
    );
    // Named explicitly, with the config it came from.
    const seedFile = path.join(tmp, 'seed.json');
    fs.writeFileSync(seedFile, JSON.stringify(seed));
    expect(
      obtain({ kind: 'folder', dir: out, configFile: seedFile }, { synthesize: synth, tmp, name: 'unused' }).label,
    ).toBe(out);
    expect(() => obtain(specOf(tmp, 'x.json'), { synthesize: synth, tmp, name: 'unused' })).toThrow(/has no plan.json/);
  });

  test('npm run diff: exit codes, the comment beside the output, JSON; nothing else written', () => {
    const { CROSS_ACCOUNT_CONFIG: _config, CDKTF_OUTDIR: _outdir, ...env } = process.env;
    const run = (...args: string[]) =>
      spawnSync(
        path.join(ROOT, 'node_modules/.bin/ts-node'),
        ['--swc', path.join(ROOT, 'modules/diff/cli.ts'), ...args],
        {
          cwd: repo,
          encoding: 'utf8',
          env: { ...env, CHECKPOINT_DISABLE: '1' },
        },
      );
    const gate = run('HEAD', '--fail-on-new-access', '--json', 'diff.json');
    expect(gate.stderr).toContain('diff: new access (--fail-on-new-access):');
    expect(gate.stderr).toContain(
      'arn:aws:iam::333333333333:role/BillingExport direct download on invoices/ (billing)',
    );
    expect(gate.status).toBe(1);
    expect(gate.stdout).toContain('NEW principal arn:aws:iam::333333333333:role/BillingExport (billing)');
    expect(fs.readdirSync(path.join(repo, 'cdktf.out'))).toEqual(['access-diff.md']);
    expect(fs.readFileSync(path.join(repo, 'cdktf.out/access-diff.md'), 'utf8')).toContain('**⚠️ New access.**');
    expect(JSON.parse(fs.readFileSync(path.join(repo, 'diff.json'), 'utf8')).newAccess).toBe(true);

    const same = run('HEAD', 'HEAD:cross-account.json', '--format', 'json', '--fail-on-new-access');
    expect(same.status).toBe(0);
    const json = JSON.parse(same.stdout);
    expect([json.newAccess, json.gained, json.lost, json.base.label]).toEqual([
      false,
      [],
      [],
      'cross-account.json at HEAD',
    ]);

    const bad = run('not-a-revision');
    expect([bad.status, bad.stderr]).toEqual([
      1,
      'diff: not-a-revision is neither a config file, a synthesized folder, nor a git revision (git rev-parse)\n',
    ]);
  });
});
