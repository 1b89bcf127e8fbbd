/**
 * scripts/run.js: every run is one Node process on the compiled JavaScript, whatever
 * the config's size (no relaunch, no heap flag of ours); its exit code and message
 * are the command's.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tmpDir } from './support/run-main';
import { ROOT } from './support/synth';

const KiB = 1024;
const sized = (dir: string, name: string, bytes: number) => {
  const file = path.join(dir, name);
  const text = fs.readFileSync(path.join(ROOT, 'cross-account.json'), 'utf8');
  fs.writeFileSync(file, text + ' '.repeat(Math.max(0, bytes - Buffer.byteLength(text))));
  return file;
};

describe('npm run synth (scripts/run.js)', () => {
  const dir = tmpDir('run-script');
  // Records, in every Node process of the run, the flags it was started with.
  const probe = path.join(dir, 'probe.js');
  const seen = path.join(dir, 'seen.txt');
  fs.writeFileSync(
    probe,
    `require('fs').appendFileSync(${JSON.stringify(seen)}, JSON.stringify(process.execArgv) + '\\n');\n`,
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
    return { ...r, processes: lines.map((l) => JSON.parse(l) as string[]) };
  };

  test.each([
    ['the default config', () => path.join(ROOT, 'cross-account.json')],
    ['a config of 1 MiB', () => sized(dir, 'mid.json', KiB * KiB)],
  ])(
    '%s: synthesized in one process, with no heap flag',
    (_name, config) => {
      const r = run(config());
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.status).toBe(0);
      // The build, when dist/ is stale, runs tsc in a process of its own: not the synth.
      expect(r.processes.filter((argv) => argv.some((a) => a.includes('max-old-space-size')))).toEqual([]);
      expect(fs.existsSync(path.join(dir, 'cdktf.out', 'stacks', 'cross-account', 'cdk.tf.json'))).toBe(true);
    },
    180_000,
  );

  test("a bad config: the synth's message and exit code are the run's, nothing written", () => {
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, '{"version": 1}');
    fs.rmSync(path.join(dir, 'cdktf.out'), { recursive: true, force: true });
    const r = run(file);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.json/);
    expect(r.stderr).toMatch(/Nothing was written/);
    expect(fs.existsSync(path.join(dir, 'cdktf.out'))).toBe(false);
  }, 180_000);

  test('an unknown command is refused with the usage line, exit 2', () => {
    const r = spawnSync(process.execPath, ['scripts/run.js', 'deploy'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('usage: node scripts/run.js synth|verify|handoff|diff|audit|build\n');
  });
});
