/**
 * Issue #21, item 1: a report path that is one of the run's inputs, a link, or an existing file that is not a report
 * of ours is refused before anything is read (and checked again before writing); reports are written after success,
 * whole. Before, `npm run diff -- HEAD --markdown cross-account.json` deleted the config.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { checkReportPath, writeReport } from '../modules/output';
import { diffIn, synthIn, treeOf, verifyIn } from './support/hostile';
import { tmpDir } from './support/run-main';
import { ROOT } from './support/synth';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, stdio: 'pipe' });

describe('npm run diff: --markdown and --json never replace an input or a file not ours', () => {
  let repo: string;
  beforeAll(() => {
    repo = tmpDir('hostile-reports', 'repo');
    fs.copyFileSync(path.join(ROOT, 'cross-account.json'), path.join(repo, 'cross-account.json'));
    fs.writeFileSync(path.join(repo, 'README.md'), '# Our project\n');
    fs.writeFileSync(path.join(repo, 'elsewhere.md'), 'not to be touched\n');
    fs.symlinkSync('elsewhere.md', path.join(repo, 'link.md'));
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'seed');
  });

  test.each([
    [['--markdown', 'cross-account.json'], 'cross-account.json', 'it is a file this run reads (the config'],
    [['--json', 'cross-account.json'], 'cross-account.json', 'it is a file this run reads (the config'],
    [
      ['--markdown', 'README.md'],
      'README.md',
      'it exists and is not a report of `npm run diff` (its first line is not <!-- access-diff -->)',
    ],
    [['--json', 'README.md'], 'README.md', 'it exists and is not a report of `npm run diff -- --json`'],
    [['--markdown', 'link.md'], 'link.md', 'it is a symbolic link (to "elsewhere.md"); name the file itself'],
  ])('%j: refused, exit 1, nothing changed', (args, file, reason) => {
    const before = treeOf(repo, (r) => r === '.git');
    const r = diffIn(repo, ['HEAD', ...args]);
    expect(r.code).toBe(1);
    expect(r.err.startsWith(`diff: refusing to write into ${path.join(repo, file)}: `)).toBe(true);
    expect(r.err).toContain(reason);
    expect(treeOf(repo, (r) => r === '.git')).toEqual(before);
  });

  test('a report of ours is replaced after success, whole; a failure leaves every other file as it was', () => {
    const ok = diffIn(repo, ['HEAD', '--markdown', 'comment.md', '--json', 'diff.json']);
    expect(ok.code).toBe(0);
    expect(fs.readFileSync(path.join(repo, 'comment.md'), 'utf8')).toMatch(/^<!-- access-diff -->\n/);
    const again = diffIn(repo, ['HEAD', '--markdown', 'comment.md', '--json', 'diff.json']);
    expect(again.code).toBe(0);
    expect(fs.readdirSync(repo).filter((f) => f.includes('.tmp-'))).toEqual([]);
    // A later failure (a revision whose config is missing) removes only our earlier comment.
    const before = treeOf(repo, (r) => r === '.git' || r === 'comment.md' || r === 'diff.json');
    const failed = diffIn(repo, ['HEAD:missing.json', '--markdown', 'comment.md', '--json', 'diff.json']);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('cannot read missing.json at HEAD');
    expect(fs.existsSync(path.join(repo, 'comment.md'))).toBe(false);
    expect(treeOf(repo, (r) => r === '.git' || r === 'comment.md' || r === 'diff.json')).toEqual(before);
  });
});

describe('npm run verify: access-report.md', () => {
  let dir: string;
  let out: string;
  const env = () => ({ CROSS_ACCOUNT_CONFIG: path.join(dir, 'config.json'), CDKTF_OUTDIR: out });
  beforeAll(() => {
    dir = tmpDir('hostile-reports', 'verify');
    out = path.join(dir, 'out');
    fs.copyFileSync(path.join(ROOT, 'cross-account.json'), path.join(dir, 'config.json'));
    expect(synthIn(env()).code).toBe(0);
  });

  test('a link to a file outside, or a file not ours: refused before verifying, the file unchanged', async () => {
    const report = path.join(out, 'access-report.md');
    fs.writeFileSync(path.join(dir, 'target.md'), 'precious\n');
    fs.symlinkSync(path.join(dir, 'target.md'), report);
    const before = treeOf(dir);
    const linked = await verifyIn(env());
    expect([linked.code, linked.err]).toEqual([
      1,
      `verify: refusing to write into ${report}: it is a symbolic link (to ${JSON.stringify(path.join(dir, 'target.md'))}); name the file itself\nNothing was written.\n`,
    ]);
    expect(treeOf(dir)).toEqual(before);
    fs.rmSync(report);
    fs.writeFileSync(report, 'notes of mine\n');
    const theirs = await verifyIn(env());
    expect(theirs.code).toBe(1);
    expect(theirs.err).toContain('it exists and is not a report of `npm run verify`');
    expect(fs.readFileSync(report, 'utf8')).toBe('notes of mine\n');
  });

  test('a report of an earlier version (first line "# Access report") or of this one is replaced', async () => {
    const report = path.join(out, 'access-report.md');
    fs.rmSync(report, { force: true });
    fs.writeFileSync(report, '# Access report\n\nold\n');
    expect((await verifyIn(env())).code).toBe(0);
    expect(fs.readFileSync(report, 'utf8')).toMatch(/^<!-- access-report -->\n# Access report\n/);
    expect((await verifyIn(env())).code).toBe(0);
  });
});

describe('the checks themselves', () => {
  test('a path the run read (recorded by the strict reader) is refused even when not named as an input', () => {
    const dir = tmpDir('hostile-reports', 'unit');
    const plan = path.join(dir, 'plan.json');
    fs.writeFileSync(plan, '{}');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../modules/io/read-file').readInputFile(plan, { maxBytes: 100 });
    expect(() => checkReportPath(plan, 'access-diff', [])).toThrow('it is a file this run reads');
    expect(() => writeReport(path.join(dir, 'x.md'), 'access-diff', 'no header', [])).toThrow(
      'must start with its header',
    );
    expect(fs.readdirSync(dir)).toEqual(['plan.json']);
  });
});
