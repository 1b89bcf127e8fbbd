/** Output folders: ours or refused, and replaced so that the old or the new output is always complete on disk. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseConfig } from '../modules/config';
import { FsError } from '../modules/io/errno';
import { checkLocation, MARKER, OutputRefused, recoverLeftovers, replaceOutput } from '../modules/output';
import { computePlan } from '../modules/plan';
import { synthesize } from '../modules/stacks';
import { faultyFs, tree } from './support/faulty-fs';
import { tmpDir } from './support/run-main';
import { readJson, ROOT } from './support/synth';

const OLD = computePlan(parseConfig(readJson('cross-account.json')));
const NEW = (() => {
  const raw = readJson('cross-account.json');
  raw.consumers[0].access = 'read';
  return computePlan(parseConfig(raw));
})();

/** The outputs of OLD and NEW, synthesized cleanly once. */
const reference = (() => {
  const dir = tmpDir('output', 'reference');
  synthesize(OLD, path.join(dir, 'old'), 'cross-account.json');
  synthesize(NEW, path.join(dir, 'new'), 'cross-account.json');
  return { old: tree(path.join(dir, 'old')), new: tree(path.join(dir, 'new')) };
})();

/** A folder holding OLD's output at <dir>/cdktf.out. */
function withOld(name: string): { dir: string; out: string } {
  const dir = tmpDir('output', name);
  const out = path.join(dir, 'cdktf.out');
  synthesize(OLD, out, 'cross-account.json');
  expect(tree(out)).toEqual(reference.old);
  return { dir, out };
}

const leftovers = (dir: string) => fs.readdirSync(dir).filter((e) => e.startsWith('.'));

describe('the swap, with each step failing in turn', () => {
  const isStaging = (p: unknown) => /\.cdktf\.out\.staging-[^/]*$/.test(String(p));
  const isAside = (p: unknown) => /\.cdktf\.out\.aside-[^/]*$/.test(String(p));
  // [step, the failing call, what the target holds after, the words of the error]
  const steps: [string, (c: { method: string; args: unknown[] }) => boolean, 'old' | 'new', RegExp][] = [
    [
      'mkdtemp',
      (c) => c.method === 'mkdtempSync',
      'old',
      /^cannot create a staging folder in .*output\/mkdtemp: ENOSPC \(no space left on the device\)$/,
    ],
    [
      'write the marker',
      (c) => c.method === 'writeFileSync' && String(c.args[0]).endsWith(MARKER),
      'old',
      /^cannot write .*\.cdktf\.out\.staging-\w+\/\.cross-account-s3\.json: ENOSPC/,
    ],
    [
      'rename aside',
      (c) => c.method === 'renameSync' && isAside(c.args[1]),
      'old',
      /^cannot move aside the previous output .*\/cdktf\.out \(to .*\.cdktf\.out\.aside-\w+\): ENOSPC/,
    ],
    [
      'rename in',
      (c) => c.method === 'renameSync' && isStaging(c.args[0]),
      'old',
      /^cannot move the new output into place at .*\/cdktf\.out \(from .*\.cdktf\.out\.staging-\w+\): ENOSPC/,
    ],
    ['chmod', (c) => c.method === 'chmodSync', 'new', /^cannot change the permissions of .*\/cdktf\.out: ENOSPC/],
    [
      'rm old',
      (c) => c.method === 'rmSync' && isAside(c.args[0]),
      'new',
      /^cannot remove the previous output .*\.cdktf\.out\.aside-\w+: ENOSPC/,
    ],
  ];

  test.each(steps)('%s', (name, when, holds, words) => {
    const { dir, out } = withOld(name);
    const faulty = faultyFs(when, 'ENOSPC');
    let error: unknown;
    try {
      synthesize(NEW, out, 'cross-account.json', 'cdktf', { fs: faulty });
    } catch (e) {
      error = e;
    }
    expect(faulty.failed).toHaveLength(1);
    expect(error).toBeInstanceOf(FsError);
    expect((error as Error).message).toMatch(words);
    expect(tree(out)).toEqual(reference[holds]);
    // The next run cleans up and writes the new output.
    synthesize(NEW, out, 'cross-account.json');
    expect(tree(out)).toEqual(reference.new);
    expect(leftovers(dir)).toEqual([]);
  });

  test('a failure while building (a cdktf write) leaves the old output and no staging folder', () => {
    const { dir, out } = withOld('build');
    expect(() =>
      replaceOutput(out, 'synth', (staging) => {
        fs.writeFileSync(path.join(staging, 'half.json'), '{');
        throw new Error('disk gone');
      }),
    ).toThrow('disk gone');
    expect(tree(out)).toEqual(reference.old);
    expect(leftovers(dir)).toEqual([]);
  });

  test('killed between "rename aside" and "rename in": the next run restores the old output, then replaces it', () => {
    const { dir, out } = withOld('killed');
    const aside = path.join(dir, '.cdktf.out.aside-abc123');
    fs.renameSync(out, aside);
    fs.mkdirSync(path.join(dir, '.cdktf.out.staging-def456'));
    fs.writeFileSync(path.join(dir, '.cdktf.out.staging-def456', 'manifest.json'), '{"half":');
    recoverLeftovers(out, fs);
    expect(tree(out)).toEqual(reference.old);
    expect(leftovers(dir)).toEqual([]);
    fs.renameSync(out, aside);
    synthesize(NEW, out, 'cross-account.json');
    expect(tree(out)).toEqual(reference.new);
    expect(leftovers(dir)).toEqual([]);
  });

  test('killed after "rename in": the stale aside folder is removed by the next run', () => {
    const { dir, out } = withOld('killed-late');
    fs.cpSync(out, path.join(dir, '.cdktf.out.aside-abc123'), { recursive: true });
    synthesize(NEW, out, 'cross-account.json');
    expect(tree(out)).toEqual(reference.new);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('output folders are ours or refused', () => {
  const refused = (target: string, places?: { cwd: string; home: string }): string => {
    try {
      synthesize(NEW, target, 'cross-account.json', 'cdktf', { places });
    } catch (e) {
      expect(e).toBeInstanceOf(OutputRefused);
      return (e as Error).message;
    }
    throw new Error(`${target} was accepted`);
  };

  test('the root, the home folder, the project folder and its parents, whatever they are called', () => {
    expect(refused('/')).toContain('the root of the file system');
    expect(refused(os.homedir())).toMatch(/home folder|current \(project\) folder or a folder above it/);
    expect(refused(process.cwd())).toContain('current (project) folder or a folder above it');
    expect(refused('.')).toContain('current (project) folder');
    expect(refused('..')).toContain('a folder above it');
    expect(refused(`${ROOT}/modules/..`)).toContain('current (project) folder');
    const fake = tmpDir('output', 'fake-home');
    expect(refused(fake, { cwd: ROOT, home: fake })).toContain('it is the home folder');
  });

  test('a symbolic link to the project folder, or to anything', () => {
    const dir = tmpDir('output', 'symlink');
    fs.symlinkSync(ROOT, path.join(dir, 'cdktf.out'));
    expect(refused(path.join(dir, 'cdktf.out'))).toContain('current (project) folder');
    const other = path.join(dir, 'other');
    fs.mkdirSync(other);
    fs.symlinkSync(other, path.join(dir, 'link'));
    expect(refused(path.join(dir, 'link'))).toContain('is a symbolic link');
    expect(fs.readdirSync(dir).sort()).toEqual(['cdktf.out', 'link', 'other']);
  });

  test('a folder holding anything else, a file, or the output of the other command', () => {
    const dir = tmpDir('output', 'foreign');
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'index.ts'), 'precious');
    expect(refused(path.join(dir, 'src'))).toContain('holds files this project did not write (index.ts)');
    expect(fs.readFileSync(path.join(dir, 'src', 'index.ts'), 'utf8')).toBe('precious');
    fs.writeFileSync(path.join(dir, 'file'), 'x');
    expect(refused(path.join(dir, 'file'))).toContain('a file, not a folder');
    fs.mkdirSync(path.join(dir, 'handoff'));
    fs.writeFileSync(path.join(dir, 'handoff', MARKER), '{"tool":"cross-account-s3","kind":"handoff"}');
    expect(refused(path.join(dir, 'handoff'))).toContain('holds the output of `npm run handoff`');
  });

  test('accepted: absent, empty, marked, and a cdktf.out of an earlier version (no marker, cdktf files only)', () => {
    const dir = tmpDir('output', 'accepted');
    synthesize(OLD, path.join(dir, 'absent', 'deeper'), 'cross-account.json');
    fs.mkdirSync(path.join(dir, 'empty'));
    synthesize(OLD, path.join(dir, 'empty'), 'cross-account.json');
    synthesize(NEW, path.join(dir, 'empty'), 'cross-account.json');
    const legacy = path.join(dir, 'legacy');
    synthesize(OLD, legacy, 'cross-account.json');
    fs.rmSync(path.join(legacy, MARKER));
    fs.writeFileSync(path.join(legacy, 'access-report.md'), '# report');
    synthesize(NEW, legacy, 'cross-account.json');
    expect(tree(legacy)).toEqual(reference.new);
  });

  test('checkLocation resolves symbolic links in the parent too', () => {
    const dir = tmpDir('output', 'parent-link');
    fs.symlinkSync(path.dirname(ROOT), path.join(dir, 'up'));
    expect(() => checkLocation(path.join(dir, 'up', path.basename(ROOT)), fs)).toThrow('current (project) folder');
  });
});
