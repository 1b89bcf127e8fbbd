/**
 * synth, verify and handoff: every failure is one message naming the file and the operation, and exit 1; never a stack
 * trace.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Io } from '../modules/cli/run';
import { handoffMain } from '../modules/handoff/cli';
import { verifyMain } from '../modules/verify/cli';
import { generateConfig } from '../bench/generate';
import { Call, faultyFs } from './support/faulty-fs';
import { tmpDir } from './support/run-main';
import { ROOT } from './support/synth';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { main } = require('../main') as { main: (io: Io) => number };
const CONFIG = path.join(ROOT, 'cross-account.json');
const CODES: [string, string][] = [
  ['EACCES', 'permission denied'],
  ['EBUSY', 'the file or folder is in use'],
  ['EROFS', 'the file system is read-only'],
  ['ENOSPC', 'no space left on the device'],
  ['ENOTEMPTY', 'the folder is not empty'],
];

interface Result {
  code: number;
  err: string;
  out: string;
}

function io(env: NodeJS.ProcessEnv, fsys?: Io['fs']): { io: Io; result: () => Omit<Result, 'code'> } {
  let out = '';
  let err = '';
  return {
    io: { env, out: (t) => (out += t), err: (t) => (err += t), fs: fsys },
    result: () => ({ out, err }),
  };
}

const synth = (env: NodeJS.ProcessEnv, fsys?: Io['fs']): Result => {
  const r = io({ CROSS_ACCOUNT_CONFIG: CONFIG, ...env }, fsys);
  return { code: main(r.io), ...r.result() };
};
const handoff = (env: NodeJS.ProcessEnv, fsys?: Io['fs']): Result => {
  const r = io({ CROSS_ACCOUNT_CONFIG: CONFIG, ...env }, fsys);
  return { code: handoffMain(r.io), ...r.result() };
};
const verify = async (env: NodeJS.ProcessEnv, fsys?: Io['fs']): Promise<Result> => {
  const r = io({ CROSS_ACCOUNT_CONFIG: CONFIG, ...env }, fsys);
  return { code: await verifyMain(r.io), ...r.result() };
};

function expectOneFailure(r: Result, line: RegExp | string): void {
  expect(r.code).toBe(1);
  const lines = r.err.trimEnd().split('\n');
  expect(lines[0]).toEqual(typeof line === 'string' ? line : expect.stringMatching(line));
  expect(r.err).not.toMatch(/^\s+at /m);
}

describe('synth', () => {
  const where: [string, (c: Call) => boolean, string][] = [
    ['mkdtemp', (c) => c.method === 'mkdtempSync', 'create a staging folder in'],
    ['write', (c) => c.method === 'writeFileSync', 'write'],
    ['rename', (c) => c.method === 'renameSync', 'move aside the previous output'],
    ['rm', (c) => c.method === 'rmSync' && String(c.args[0]).includes('.aside-'), 'remove the previous output'],
  ];
  test.each(CODES)('%s at every step: one line naming the operation and the path', (code, words) => {
    const dir = tmpDir('cli', 'synth', code);
    const outdir = path.join(dir, 'cdktf.out');
    expect(synth({ CDKTF_OUTDIR: outdir }).code).toBe(0);
    for (const [, when, operation] of where) {
      const r = synth({ CDKTF_OUTDIR: outdir }, faultyFs(when, code));
      expectOneFailure(r, new RegExp(`^synth: cannot ${operation} ${dir}(/\\S+)?.*: ${code} \\(${words}\\)$`));
      expect(fs.existsSync(path.join(outdir, 'stacks', 'cross-account', 'cdk.tf.json'))).toBe(true);
    }
  });

  test.each(CODES)(
    "%s while the stack's JSON is written: one line naming it; the previous output stays",
    (code, words) => {
      const dir = tmpDir('cli', 'synth-json', code);
      const outdir = path.join(dir, 'cdktf.out');
      expect(synth({ CDKTF_OUTDIR: outdir }).code).toBe(0);
      const before = fs.readFileSync(path.join(outdir, 'stacks', 'cross-account', 'cdk.tf.json'));
      const failing = faultyFs((c) => c.method === 'writeFileSync' && String(c.args[0]).endsWith('cdk.tf.json'), code);
      expectOneFailure(
        synth({ CDKTF_OUTDIR: outdir }, failing),
        new RegExp(
          `^synth: cannot write ${dir}/\\.cdktf\\.out\\.staging-\\w+/stacks/cross-account/cdk\\.tf\\.json: ${code} \\(${words}\\)$`,
        ),
      );
      expect(failing.failed).toHaveLength(1);
      expect(fs.readFileSync(path.join(outdir, 'stacks', 'cross-account', 'cdk.tf.json')).equals(before)).toBe(true);
      expect(fs.readdirSync(dir)).toEqual(['cdktf.out']);
    },
  );

  test('the config unreadable (EACCES), a folder, missing', () => {
    const denied = synth(
      {},
      faultyFs((c) => c.method === 'openSync', 'EACCES'),
    );
    expectOneFailure(denied, `${CONFIG}: invalid config`);
    expect(denied.err).toContain('cannot read the file (EACCES: permission denied)\nNothing was written.');
    expectOneFailure(synth({ CROSS_ACCOUNT_CONFIG: ROOT }), `${ROOT}: invalid config`);
    expectOneFailure(synth({ CROSS_ACCOUNT_CONFIG: '/nonexistent.json' }), '/nonexistent.json: invalid config');
  });

  test('an output path that is a file (EISDIR/ENOTDIR territory) or below a file', () => {
    const dir = tmpDir('cli', 'synth-file');
    fs.writeFileSync(path.join(dir, 'file'), 'x');
    expectOneFailure(
      synth({ CDKTF_OUTDIR: path.join(dir, 'file') }),
      `synth: refusing to write into ${dir}/file: it is a file, not a folder`,
    );
    expectOneFailure(
      synth({ CDKTF_OUTDIR: path.join(dir, 'file', 'out') }),
      new RegExp(`^synth: cannot create the folder ${dir}/file: (EEXIST|ENOTDIR) \\(`),
    );
    expect(fs.readFileSync(path.join(dir, 'file'), 'utf8')).toBe('x');
  });

  test('the project, its parents, the root, the home folder and a link to the project are refused; nothing happens to them', () => {
    const link = path.join(tmpDir('cli', 'link'), 'to-root');
    fs.symlinkSync(ROOT, link);
    for (const outdir of ['.', '..', ROOT, '/', os.homedir(), link, `${ROOT}/`]) {
      const r = synth({ CDKTF_OUTDIR: outdir });
      expectOneFailure(r, /^synth: refusing to write into \S+: it is (the|a)/);
      expect(r.err).toContain('Nothing was written.');
    }
    expect(fs.existsSync(path.join(ROOT, 'package.json'))).toBe(true);
  });

  test('policies over AWS limits: the document and the remedy, exit 1', () => {
    const dir = tmpDir('cli', 'size');
    const file = path.join(dir, 'big.json');
    fs.writeFileSync(
      file,
      JSON.stringify(generateConfig(60, { distinctPrefixes: 1, allDirect: true, encryption: { type: 's3' } })),
    );
    const r = synth({ CROSS_ACCOUNT_CONFIG: file, CDKTF_OUTDIR: path.join(dir, 'out') });
    expectOneFailure(r, `${file}: policies over AWS limits:`);
    expect(r.err).toContain('Nothing was written.');
    expect(fs.readdirSync(dir)).toEqual(['big.json']);
  });

  test('any other error: one line; the trace only with DEBUG=1', () => {
    const boom = faultyFs((c) => c.method === 'mkdtempSync', 'X');
    const dir = tmpDir('cli', 'other');
    const broken = new Proxy(boom, {
      get: (t, p) =>
        p === 'mkdtempSync'
          ? () => {
              throw new Error('something unexpected\nover two lines');
            }
          : Reflect.get(t, p),
    });
    expectOneFailure(
      synth({ CDKTF_OUTDIR: path.join(dir, 'out') }, broken),
      'synth: something unexpected over two lines',
    );
    const debug = synth({ CDKTF_OUTDIR: path.join(dir, 'out'), DEBUG: '1' }, broken);
    expect(debug.code).toBe(1);
    expect(debug.err).toMatch(/^\s+at /m);
  });
});

describe('verify', () => {
  const dir = tmpDir('cli', 'verify');
  const outdir = path.join(dir, 'cdktf.out');
  const stackFile = path.join(outdir, 'stacks', 'cross-account', 'cdk.tf.json');
  beforeAll(() => expect(synth({ CDKTF_OUTDIR: outdir }).code).toBe(0));

  test.each(CODES)('%s reading cdk.tf.json', async (code, words) => {
    const r = await verify(
      { CDKTF_OUTDIR: outdir },
      faultyFs((c) => c.method === 'openSync' && String(c.args[0]).endsWith('cdk.tf.json'), code),
    );
    expectOneFailure(r, `verify: cannot read ${stackFile}: ${code} (${words})`);
  });

  test.each(CODES)('%s writing the report', async (code, words) => {
    const r = await verify(
      { CDKTF_OUTDIR: outdir },
      faultyFs((c) => c.method === 'writeFileSync' && String(c.args[0]).includes('access-report.md'), code),
    );
    expectOneFailure(
      r,
      new RegExp(`^verify: cannot write ${outdir}/\\.access-report\\.md\\.tmp-\\w+: ${code} \\(${words}\\)$`),
    );
  });

  test('a corrupt, an empty or a missing cdk.tf.json is named, with the position of the JSON error', async () => {
    const copy = path.join(tmpDir('cli', 'verify-corrupt'), 'cdktf.out');
    fs.cpSync(outdir, copy, { recursive: true });
    const file = path.join(copy, 'stacks', 'cross-account', 'cdk.tf.json');
    fs.writeFileSync(file, '{\n  "resource": {\n    "aws_s3_bucket": ]\n');
    expectOneFailure(
      await verify({ CDKTF_OUTDIR: copy }),
      `verify: ${file} is not valid JSON (unexpected "]" where a value was expected at line 3, column 22): run \`npm run synth\` again`,
    );
    fs.writeFileSync(file, '');
    expectOneFailure(
      await verify({ CDKTF_OUTDIR: copy }),
      new RegExp(`^verify: ${file} is not valid JSON \\(unexpected end`),
    );
    fs.rmSync(file);
    expectOneFailure(await verify({ CDKTF_OUTDIR: copy }), `verify: ${file} is missing: run \`npm run synth\` again`);
    fs.rmSync(path.join(copy, 'stacks'), { recursive: true });
    expectOneFailure(
      await verify({ CDKTF_OUTDIR: copy }),
      `verify: ${path.join(copy, 'stacks')} does not exist: run \`npm run synth\` first`,
    );
  });

  test('a bad config: one message, exit 1', async () => {
    const r = await verify({ CDKTF_OUTDIR: outdir, CROSS_ACCOUNT_CONFIG: path.join(dir, 'none.json') });
    expectOneFailure(r, `${path.join(dir, 'none.json')}: invalid config`);
  });
});

describe('handoff', () => {
  test.each(CODES)('%s writing, renaming, creating: one line naming the operation and the file', (code, words) => {
    const dir = tmpDir('cli', 'handoff', code);
    const outdir = path.join(dir, 'handoff');
    expect(handoff({ HANDOFF_OUTDIR: outdir }).code).toBe(0);
    const steps: [(c: Call) => boolean, RegExp][] = [
      [
        (c) => c.method === 'mkdtempSync',
        new RegExp(`^handoff: cannot create a temporary folder in ${dir}: ${code} \\(${words}\\)$`),
      ],
      [
        (c) => c.method === 'writeFileSync' && String(c.args[0]).includes('main.tf'),
        new RegExp(`^handoff: cannot write ${outdir}/cross-account/\\.main\\.tf\\.tmp-\\w+: ${code} \\(${words}\\)$`),
      ],
      [
        (c) => c.method === 'renameSync' && String(c.args[1]).endsWith('README.md'),
        new RegExp(
          `^handoff: cannot replace ${outdir}/cross-account/README\\.md \\(from .*\\): ${code} \\(${words}\\)$`,
        ),
      ],
    ];
    for (const [when, line] of steps) expectOneFailure(handoff({ HANDOFF_OUTDIR: outdir }, faultyFs(when, code)), line);
  });

  test('policies over AWS limits (was an uncaught PolicySizeError)', () => {
    const dir = tmpDir('cli', 'handoff-size');
    const file = path.join(dir, 'big.json');
    fs.writeFileSync(
      file,
      JSON.stringify(generateConfig(60, { distinctPrefixes: 1, allDirect: true, encryption: { type: 's3' } })),
    );
    const r = handoff({ CROSS_ACCOUNT_CONFIG: file, HANDOFF_OUTDIR: path.join(dir, 'handoff') });
    expectOneFailure(r, `${file}: policies over AWS limits:`);
    expect(fs.readdirSync(dir)).toEqual(['big.json']);
  });

  test('the project folder and a foreign folder are refused', () => {
    expectOneFailure(
      handoff({ HANDOFF_OUTDIR: ROOT }),
      new RegExp(`^handoff: refusing to write into ${ROOT}: it is the current`),
    );
    expectOneFailure(
      handoff({ HANDOFF_OUTDIR: path.join(ROOT, 'modules') }),
      /^handoff: refusing to write into \S+\/modules: it holds files this project did not write/,
    );
  });
});
