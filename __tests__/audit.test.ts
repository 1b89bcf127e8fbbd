/**
 * `npm run audit` on collected folders built from the synthesized output in AWS's response
 * shapes: as deployed, no finding; each named mutation (a console-edited bucket policy, a
 * foreign access point, a changed key policy, an active Access Analyzer finding, a role
 * policy added by hand) is named; a missing or partial collection is refused, naming what
 * is missing.
 */
import * as fs from 'fs';
import { auditedStacks } from '../modules/audit/deployed';
import { CollectionRefused, FILES } from '../modules/audit/collected';
import { auditOk } from '../modules/audit/report';
import { verifyStacks } from '../modules/verify';
import { collectionOf, readAws, stateOf, writeAws } from './support/collection';
import { load } from './support/synth';
import { outputOf } from './support/verify';

const seed = load('cross-account.json');
const aps = load('examples/access-points.json');
const PRODUCER = '222222222222';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a state edited freely, as a reviewer would
type State = Record<string, any>;

async function audit(config = seed, mutate: (dir: string) => void = () => {}) {
  const o = outputOf(config);
  const dir = collectionOf(o.stacks, config.producer.bucket.name);
  try {
    mutate(dir);
    const a = auditedStacks(config, o.stacks, dir);
    const r = await verifyStacks(config, a.stacks, o.routes);
    const lines = [
      ...r.findings.map((f) => `finding ${f.where} ${f.sid}: ${f.message}`),
      ...a.drift.map((d) => `drift ${d.where} ${d.attribute}: ${d.message}`),
      ...a.extra.map((d) => `extra ${d.where}: ${d.message}`),
      ...a.analyzer.map((f) => `analyzer ${f.id} ${f.resource}`),
    ];
    return { ok: auditOk(r, a), text: lines.join('\n') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const editPolicy = (
  dir: string,
  rel: string,
  edit: (d: { Statement: Record<string, unknown>[] }) => void,
  account = PRODUCER,
) => {
  const v = readAws(dir, account, rel);
  const d = JSON.parse(v.Policy);
  edit(d);
  writeAws(dir, account, rel, { ...v, Policy: JSON.stringify(d) });
};

test('a collection of what synth wrote, in the AWS CLI shapes: no finding, no drift', async () => {
  const r = await audit();
  expect(r.text).toBe('');
  expect(r.ok).toBe(true);
});

test('with access points of two accounts: no finding either', async () => {
  expect((await audit(aps)).text).toBe('');
});

test('a console-edited bucket policy: the stranger it admits is a finding, and the statement is drift', async () => {
  const r = await audit(seed, (dir) =>
    editPolicy(dir, FILES.bucketPolicy, (d) =>
      d.Statement.push({
        Sid: 'ConsoleEdit',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::999999999999:root' },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::my-shared-bucket/*',
      }),
    ),
  );
  expect(r.ok).toBe(false);
  expect(r.text).toContain('finding cross-account:aws_s3_bucket_policy.bucket ConsoleEdit');
  expect(r.text).toContain(
    'drift cross-account:aws_s3_bucket_policy.bucket policy: statement ConsoleEdit only deployed',
  );
});

test('a foreign access point on the bucket: named, and its policy proven like the others', async () => {
  const r = await audit(seed, (dir) => {
    writeAws(dir, PRODUCER, FILES.accessPoints, {
      AccessPointList: [
        { Name: 'side-door', NetworkOrigin: 'Internet', Bucket: 'my-shared-bucket', BucketAccountId: PRODUCER },
      ],
    });
    writeAws(dir, PRODUCER, FILES.accessPointPolicy('side-door'), {
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Partner',
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::999999999999:root' },
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:us-east-1:222222222222:accesspoint/side-door/object/*',
          },
        ],
      }),
    });
  });
  expect(r.ok).toBe(false);
  expect(r.text).toContain(
    'extra 222222222222: access point side-door: an access point on my-shared-bucket that the output does not create',
  );
  expect(r.text).toContain('Partner: any principal of account 999999999999 is admitted by access point side-door');
});

test('a changed key policy (another team widened it): drift, and the finding it opens', async () => {
  const r = await audit(seed, (dir) =>
    editPolicy(dir, FILES.keyPolicy, (d) =>
      d.Statement.push({
        Sid: 'OtherTeam',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::999999999999:root' },
        Action: 'kms:Decrypt',
        Resource: '*',
      }),
    ),
  );
  expect(r.ok).toBe(false);
  expect(r.text).toContain('drift cross-account:aws_kms_key.bucket policy: statement OtherTeam only deployed');
  expect(r.text).toContain('finding cross-account:aws_kms_key.bucket OtherTeam');
});

test('public access block switched off in the console: drift, and verify refuses the posture', async () => {
  const r = await audit(seed, (dir) =>
    writeAws(dir, PRODUCER, FILES.publicAccessBlock, {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: false,
      },
    }),
  );
  expect(r.ok).toBe(false);
  expect(r.text).toContain(
    'drift cross-account:aws_s3_bucket_public_access_block.bucket block_public_policy: deployed false, synthesized true',
  );
});

test('an active Access Analyzer finding is a finding; archived ones are not', async () => {
  const r = await audit(seed, (dir) =>
    writeAws(dir, PRODUCER, FILES.findings, {
      findings: [
        {
          id: 'f-1',
          resource: 'arn:aws:s3:::my-shared-bucket',
          resourceType: 'AWS::S3::Bucket',
          principal: { AWS: '999999999999' },
          action: ['s3:GetObject'],
          isPublic: false,
          status: 'ACTIVE',
        },
        {
          id: 'f-2',
          resource: 'arn:aws:s3:::my-shared-bucket',
          resourceType: 'AWS::S3::Bucket',
          principal: { AWS: '111111111111' },
          action: ['s3:GetObject'],
          isPublic: false,
          status: 'ARCHIVED',
        },
      ],
    }),
  );
  expect(r.text).toBe('analyzer f-1 arn:aws:s3:::my-shared-bucket');
  expect(r.ok).toBe(false);
});

test('an inline policy added by hand to a role created here', async () => {
  const r = await audit(seed, (dir) => {
    const rel = FILES.rolePolicies('S3AccessFromA');
    const v = readAws(dir, PRODUCER, rel);
    writeAws(dir, PRODUCER, rel, { ...v, PolicyNames: [...v.PolicyNames, 'HandMade'] });
  });
  expect(r.text).toContain('extra 222222222222: role S3AccessFromA: inline policy HandMade is not synthesized');
});

describe('terraform show -json alone', () => {
  async function fromState(edit: (state: State) => void = () => {}) {
    const o = outputOf(seed);
    const dir = stateOf(o.stacks);
    try {
      const file = `${dir}/terraform/cross-account.json`;
      const state = JSON.parse(fs.readFileSync(file, 'utf8'));
      edit(state);
      fs.writeFileSync(file, JSON.stringify(state));
      const a = auditedStacks(seed, o.stacks, dir);
      const r = await verifyStacks(seed, a.stacks, o.routes);
      return {
        ok: auditOk(r, a),
        text: [
          ...r.findings.map((f) => `finding ${f.where} ${f.sid}`),
          ...a.drift.map((d) => `drift ${d.where} ${d.attribute}: ${d.message}`),
          ...a.extra.map((d) => `extra ${d.where}`),
        ].join('\n'),
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const resource = (state: State, address: string) =>
    state.values.root_module.resources.find((r: { address: string }) => r.address === address);

  test('a state that matches: no finding', async () => {
    expect(await fromState()).toEqual({ ok: true, text: '' });
  });
  test("the state's bucket policy is the one proven: a statement added there is a finding and drift", async () => {
    const r = await fromState((state) => {
      const b = resource(state, 'aws_s3_bucket_policy.bucket');
      const d = JSON.parse(b.values.policy);
      d.Statement.push({
        Sid: 'Imported',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::my-shared-bucket/*',
      });
      b.values.policy = JSON.stringify(d);
    });
    expect(r.ok).toBe(false);
    expect(r.text).toContain('finding cross-account:aws_s3_bucket_policy.bucket Imported');
    expect(r.text).toContain(
      'drift cross-account:aws_s3_bucket_policy.bucket policy: statement Imported only deployed',
    );
  });
  test('a resource only the state has, and one it lacks', async () => {
    const r = await fromState((state) => {
      const list = state.values.root_module.resources;
      list.push({ address: 'aws_s3_access_point.by_hand', type: 'aws_s3_access_point', name: 'by_hand', values: {} });
      state.values.root_module.resources = list.filter(
        (x: { address: string }) => x.address !== 'aws_cloudwatch_metric_alarm.denied_requests',
      );
    });
    expect(r.text).toContain('extra cross-account:aws_s3_access_point.by_hand');
    expect(r.text).toContain(
      'drift cross-account:aws_cloudwatch_metric_alarm.denied_requests -: synthesized, but not in the state',
    );
  });
});

describe('a missing or partial collection is refused, naming what is missing', () => {
  const refused = async (mutate: (dir: string) => void) => {
    try {
      await audit(seed, mutate);
    } catch (e) {
      expect(e).toBeInstanceOf(CollectionRefused);
      return (e as CollectionRefused).problems.join('\n');
    }
    throw new Error('the collection was accepted');
  };
  test('no bucket policy file', async () => {
    expect(await refused((dir) => fs.rmSync(`${dir}/aws/${PRODUCER}/${FILES.bucketPolicy}`))).toContain(
      's3api/get-bucket-policy.json (aws s3api get-bucket-policy --bucket my-shared-bucket)',
    );
  });
  test('a listing of access points cut off by NextToken', async () => {
    expect(
      await refused((dir) => writeAws(dir, PRODUCER, FILES.accessPoints, { AccessPointList: [], NextToken: 'abc' })),
    ).toContain('a partial listing (it holds NextToken): collect every page');
  });
  test('a consumer account not collected at all', async () => {
    expect(await refused((dir) => fs.rmSync(`${dir}/aws/111111111111`, { recursive: true }))).toContain(
      'aws/111111111111/',
    );
  });
  test('a bucket policy without its "Policy" string', async () => {
    expect(
      await refused((dir) => writeAws(dir, PRODUCER, FILES.bucketPolicy, { Version: '2012-10-17', Statement: [] })),
    ).toContain('bucket policy: no "Policy" string');
  });
});

describe('the commands', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runMainOn, tmpDir } = require('./support/run-main') as typeof import('./support/run-main');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { auditMain } = require('../modules/audit/cli') as typeof import('../modules/audit/cli');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { readStacks } = require('../modules/verify') as typeof import('../modules/verify');
  const path = require('path') as typeof import('path'); // eslint-disable-line @typescript-eslint/no-require-imports

  function synthesized() {
    const dir = tmpDir('audit', 'cli');
    const file = path.join(dir, 'config.json');
    fs.copyFileSync(path.join(__dirname, '..', 'cross-account.json'), file);
    expect(runMainOn(dir, file).code).toBe(0);
    const env = { CROSS_ACCOUNT_CONFIG: file, CDKTF_OUTDIR: path.join(dir, 'cdktf.out') };
    return { dir, env, collected: collectionOf(readStacks(env.CDKTF_OUTDIR), 'my-shared-bucket') };
  }
  const io = (env: NodeJS.ProcessEnv) => {
    const r = { out: '', err: '' };
    return { r, io: { env, out: (t: string) => (r.out += t), err: (t: string) => (r.err += t) } };
  };

  test('npm run audit on a matching collection: exit 0, the report says so', async () => {
    const s = synthesized();
    const { r, io: i } = io(s.env);
    expect(await auditMain(i, [s.collected])).toBe(0);
    expect(r.out).toContain('audit: as intended');
    const report = fs.readFileSync(path.join(s.env.CDKTF_OUTDIR, 'audit-report.md'), 'utf8');
    expect(report.split('\n')[0]).toBe('<!-- audit-report -->');
    expect(report).toContain('**Result: as intended.**');
  });

  test('npm run audit on a partial collection: exit 1, what is missing named, no report written', async () => {
    const s = synthesized();
    fs.rmSync(path.join(s.collected, 'aws', PRODUCER, FILES.keyPolicy));
    const { r, io: i } = io(s.env);
    expect(await auditMain(i, [s.collected])).toBe(1);
    expect(r.err).toContain('kms/get-key-policy.json (aws kms get-key-policy');
    expect(r.err).toContain('Nothing was written.');
    expect(fs.existsSync(path.join(s.env.CDKTF_OUTDIR, 'audit-report.md'))).toBe(false);
  });

  test('scripts/collect.sh makes only read-only calls (a stand-in aws records them)', () => {
    const s = synthesized();
    const bin = path.join(s.dir, 'bin');
    fs.mkdirSync(bin);
    const log = path.join(s.dir, 'calls.log');
    fs.writeFileSync(
      path.join(bin, 'aws'),
      `#!/bin/sh\necho "$@" >> '${log}'\ncase "$*" in *"--output text"*) echo None ;; *) echo '{}' ;; esac\n`,
      { mode: 0o755 },
    );
    const out = path.join(s.dir, 'collected');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const run = require('child_process').spawnSync('bash', ['scripts/collect.sh', out], {
      cwd: path.join(__dirname, '..'),
      env: { ...process.env, ...s.env, PATH: `${bin}:${process.env.PATH}` },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const calls = fs.readFileSync(log, 'utf8').trim().split('\n');
    for (const c of calls)
      expect(c).toMatch(/^--profile \S+ --region us-east-1 --output (json|text) \S+ (get|list|describe)-/);
    expect(fs.existsSync(path.join(out, 'aws', PRODUCER, FILES.bucketPolicy))).toBe(true);
    expect(fs.existsSync(path.join(out, 'aws', '111111111111', FILES.role('RoleInAccountA')))).toBe(true);
  });
});
