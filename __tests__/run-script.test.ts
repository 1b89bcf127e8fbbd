/**
 * scripts/run.js and scripts/heap.js: a synth of a mid-sized config runs under a heap
 * limit (relaunched), every other run in-process; the exit code comes through.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { configFileFromEnv } from '../modules/config';
import { tmpDir } from './support/run-main';
import { ROOT } from './support/synth';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { heapArgs, configFile, LIMIT_MB } = require('../scripts/heap') as {
  heapArgs(file: string, execArgv?: string[], nodeOptions?: string): string[];
  configFile(env: NodeJS.ProcessEnv, cwd: string): string;
  LIMIT_MB: number;
};

const KiB = 1024;
const sized = (dir: string, name: string, bytes: number) => {
  const file = path.join(dir, name);
  const text = fs.readFileSync(path.join(ROOT, 'cross-account.json'), 'utf8');
  fs.writeFileSync(file, text + ' '.repeat(Math.max(0, bytes - Buffer.byteLength(text))));
  return file;
};

describe('heapArgs', () => {
  const dir = tmpDir('heap-args');
  test.each([
    ['the default config', 2 * KiB, []],
    ['just under 512 KiB', 512 * KiB - 1, []],
    ['512 KiB', 512 * KiB, [`--max-old-space-size=${LIMIT_MB}`]],
    ['3 MiB', 3 * KiB * KiB, [`--max-old-space-size=${LIMIT_MB}`]],
    ['over 3 MiB: V8 sizes the heap itself', 3 * KiB * KiB + 1, []],
  ])('%s', (_name, bytes, expected) => {
    expect(heapArgs(sized(dir, `c${bytes}.json`, bytes), [], '')).toEqual(expected);
  });

  test("a heap size the user set is the user's (node flag or NODE_OPTIONS); a missing file sets nothing", () => {
    const file = sized(dir, 'mid.json', KiB * KiB);
    expect(heapArgs(file, ['--max-old-space-size=4096'], '')).toEqual([]);
    expect(heapArgs(file, [], '--max-old-space-size=900')).toEqual([]);
    expect(heapArgs(path.join(dir, 'absent.json'), [], '')).toEqual([]);
  });

  test('the config file is the one synth reads: CROSS_ACCOUNT_CONFIG, else ./cross-account.json', () => {
    expect(configFile({ CROSS_ACCOUNT_CONFIG: 'x/c.json' }, '/w')).toBe(path.resolve('/w', 'x/c.json'));
    expect(configFile({ CROSS_ACCOUNT_CONFIG: '  ' }, '/w')).toBe(path.resolve('/w', 'cross-account.json'));
    expect(configFile({}, '/w')).toBe(path.resolve('/w', 'cross-account.json'));
    // heap.js runs before dist/ is loaded, so it keeps its own copy of the rule: the same as the config module's.
    for (const env of [
      { CROSS_ACCOUNT_CONFIG: 'x/c.json' },
      { CROSS_ACCOUNT_CONFIG: ' ' },
      {},
      { CROSS_ACCOUNT_CONFIG: '' },
    ])
      expect(configFile(env, '/w')).toBe(path.resolve('/w', configFileFromEnv(env)));
  });
});

describe('npm run synth (scripts/run.js)', () => {
  const dir = tmpDir('run-script');
  // Records, in every Node process of the run, the flags it was started with.
  const probe = path.join(dir, 'probe.js');
  const seen = path.join(dir, 'seen.txt');
  fs.writeFileSync(
    probe,
    `require('fs').appendFileSync(${JSON.stringify(seen)}, JSON.stringify({ child: !!process.env.CROSS_ACCOUNT_HEAP_SET, argv: process.execArgv }) + '\\n');\n`,
  );
  const run = (config: string) => {
    fs.rmSync(seen, { force: true });
    const r = spawnSync(process.execPath, ['scripts/run.js', 'synth'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        CHECKPOINT_DISABLE: '1',
        CROSS_ACCOUNT_CONFIG: config,
        CDKTF_OUTDIR: path.join(dir, 'cdktf.out'),
        NODE_OPTIONS: `--require ${probe}`,
      },
    });
    const lines = fs.existsSync(seen) ? fs.readFileSync(seen, 'utf8').trim().split('\n') : [];
    const processes = lines.map((l) => JSON.parse(l) as { child: boolean; argv: string[] });
    return { ...r, processes };
  };

  test('a config of 1 MiB: relaunched once with the heap limit, and synthesized', () => {
    const r = run(sized(dir, 'mid.json', KiB * KiB));
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    expect(r.processes.filter((p) => p.child)).toEqual([{ child: true, argv: [`--max-old-space-size=${LIMIT_MB}`] }]);
    expect(fs.existsSync(path.join(dir, 'cdktf.out', 'stacks', 'cross-account', 'cdk.tf.json'))).toBe(true);
  }, 180_000);

  test('the default config: in-process, no relaunch', () => {
    const r = run(path.join(ROOT, 'cross-account.json'));
    expect(r.status).toBe(0);
    expect(r.processes.filter((p) => p.child)).toEqual([]);
  }, 180_000);

  test("a bad config of 1 MiB: the relaunched synth's message and exit code are the run's", () => {
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, `{"version": 1}${' '.repeat(KiB * KiB)}`);
    const r = run(file);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.json/);
    expect(r.processes.filter((p) => p.child)).toHaveLength(1);
  }, 180_000);
});
