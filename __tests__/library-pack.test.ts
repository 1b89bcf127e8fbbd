/**
 * The library from outside, as a cdktf user gets it: `npm pack`, the tarball installed
 * into a copy of examples/library-app (a cdktf app of its own, strict tsconfig, its own
 * bucket and output beside two shares), compiled, synthesized, and each share proven by
 * verify from the manifest the app writes, on its part of the output. The app's own
 * dependencies are the project's installed packages, linked, when their versions are
 * the ones the app pins (checked below; else installed from the npm registry or its
 * cache, as `npm ci` does); the tarball itself is unpacked where npm would put it.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { verifyStacks } from '../modules/verify';
import { verifyMain } from '../modules/verify/cli';
import { readStacksChecked } from '../modules/verify/read-stacks';
import { scopeStacks } from '../modules/verify/scope';
import { ROOT } from './support/synth';

const WORK = path.join(ROOT, '.tmp', 'library-pack');
const APP = path.join(WORK, 'app');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (cmd: string, args: string[], cwd: string) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};

// Under the cdktn copy (npm run test:cdktn) the app would mix cdktf and cdktn: said, not silently skipped.
const skip = process.env.LIBRARY_PACK_TEST === 'skip';
if (skip) test.skip('the packed library in a cdktf app of its own (LIBRARY_PACK_TEST=skip)', () => {});
const maybe = skip ? describe.skip : describe;

/** The version of a package as an app resolves it. */
const versionIn = (dir: string, dep: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', dep, 'package.json'), 'utf8')).version as string;

/**
 * The app's pinned packages and the library's dependencies linked from the project's node_modules when each is the
 * version asked for (an install from the registry's cache would copy the same files, most of the test's time).
 */
function linkable(): boolean {
  const pinned = JSON.parse(fs.readFileSync(path.join(APP, 'package.json'), 'utf8'));
  const ours = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const wanted: Record<string, string> = { ...pinned.dependencies, ...pinned.devDependencies };
  if (Object.entries(wanted).some(([dep, v]) => versionIn(ROOT, dep) !== v)) return false;
  for (const dep of [...Object.keys(wanted), ...Object.keys(ours.dependencies)]) {
    const at = path.join(APP, 'node_modules', dep);
    fs.mkdirSync(path.dirname(at), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules', dep), at, 'dir');
  }
  return true;
}

maybe('the packed library in a cdktf app of its own', () => {
  let tarball = '';
  beforeAll(() => {
    fs.rmSync(WORK, { recursive: true, force: true });
    fs.mkdirSync(WORK, { recursive: true });
    // What `npm pack` runs as prepare, only when dist/ is stale (the suite's other runs may have built it).
    run(process.execPath, ['scripts/run.js', 'build', '--if-stale'], ROOT);
    const name = run(npm, ['pack', '--silent', '--ignore-scripts', '--pack-destination', WORK], ROOT)
      .trim()
      .split('\n')
      .pop()!;
    tarball = path.join(WORK, name);
    fs.cpSync(path.join(ROOT, 'examples', 'library-app'), APP, { recursive: true });
    if (linkable()) {
      const installed = path.join(APP, 'node_modules', 'cross-account-s3');
      fs.mkdirSync(installed, { recursive: true });
      run('tar', ['xzf', tarball, '--strip-components=1', '-C', installed], ROOT);
    } else run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball], APP);
  }, 300000);

  test("the app's packages are the versions it pins, and the library's own dependency is installed", () => {
    const pinned = JSON.parse(fs.readFileSync(path.join(APP, 'package.json'), 'utf8'));
    for (const [dep, version] of Object.entries({ ...pinned.dependencies, ...pinned.devDependencies }))
      expect([dep, versionIn(APP, dep)]).toEqual([dep, version]);
    expect(versionIn(APP, 'zod')).toEqual(expect.stringMatching(/^4\./));
  });

  test('the tarball holds the compiled library, its declarations and licence, and nothing else', () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    expect(files).toContain('package/dist/modules/library/index.js');
    expect(files).toContain('package/dist/modules/library/index.d.ts');
    expect(files).toContain('package/LICENSE');
    expect(
      files.filter(
        (f) =>
          !/^package\/(dist\/modules\/[\w/-]+\.(js|d\.ts)|README\.md|docs\/[\w-]+\.md|LICENSE|package\.json)$/.test(f),
      ),
    ).toEqual([]);
    expect(
      files.filter((f) => /\/(verify|diff|handoff|cli|output|stacks)\//.test(f) || /__tests__|\/bench\/|\.ci/.test(f)),
    ).toEqual([]);
    const pkg = JSON.parse(fs.readFileSync(path.join(APP, 'node_modules', 'cross-account-s3', 'package.json'), 'utf8'));
    const ours = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.peerDependencies).toEqual(ours.peerDependencies);
    expect(Object.keys(pkg.peerDependencies)).toHaveLength(3);
    expect(pkg.dependencies).toEqual({ zod: expect.any(String) });
  });

  test("the packed prepare script does nothing where the sources are not (an installer's copy)", () => {
    const installed = path.join(APP, 'node_modules', 'cross-account-s3');
    const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
    expect(pkg.scripts.prepare).toContain("existsSync('scripts/run.js')");
    const before = execFileSync('find', ['.', '-type', 'f'], { cwd: installed, encoding: 'utf8' });
    const r = spawnSync(npm, ['run', 'prepare', '--silent'], { cwd: installed, encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(execFileSync('find', ['.', '-type', 'f'], { cwd: installed, encoding: 'utf8' })).toBe(before);
  });

  test("the tarball is ignored by git, and the library's install line names cdktf-cli", () => {
    const name = path.basename(tarball);
    expect(name).toMatch(/^cross-account-s3-[\d.]+\.tgz$/);
    expect(spawnSync('git', ['check-ignore', '-q', name], { cwd: ROOT }).status).toBe(0);
    const readme = fs.readFileSync(path.join(ROOT, 'docs', 'library.md'), 'utf8');
    expect(readme).toMatch(/^npm install (--save-dev )?cdktf-cli@0\.21\b/m);
  });

  test('it compiles under a strict tsconfig (exactOptionalPropertyTypes, noUncheckedIndexedAccess, no skipLibCheck)', () => {
    const tsc = spawnSync(process.execPath, [path.join(APP, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', APP], {
      encoding: 'utf8',
    });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 120000);

  test('it synthesizes beside the app’s own resources, and verify proves each share on its part of the output', async () => {
    const out = path.join(APP, 'cdktf.out');
    process.env.CDKTF_OUTDIR = out;
    process.env.CHECKPOINT_DISABLE = '1';
    // The app's compiled main.js, with the library as installed from the tarball.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const app = require(path.join(APP, 'main.js'));
    delete process.env.CDKTF_OUTDIR;
    const stacks = readStacksChecked(out);
    const platform = stacks.platform as {
      resource: Record<string, Record<string, unknown>>;
      output: Record<string, unknown>;
    };
    // The app's own bucket and output are untouched beside the shares'.
    expect(Object.keys(platform.resource.aws_s3_bucket).sort()).toEqual(['bucket', 'exports_bucket', 'models_bucket']);
    expect(platform.output.bucket_name).toEqual({ value: '${aws_s3_bucket.bucket.bucket}' });
    // Each share as README says: its manifest, through `npm run verify -- --share <file> --outdir <dir>`.
    for (const [name, share] of [
      ['exports', app.exportsShare],
      ['models', app.modelsShare],
    ] as const) {
      const manifest = JSON.parse(fs.readFileSync(path.join(out, `${name}.share.json`), 'utf8'));
      expect(manifest.constructs).toEqual(
        name === 'exports'
          ? ['platform/exports', 'analytics/exports', 'ingest/exports']
          : ['platform/models', 'analytics/models'],
      );
      let text = '';
      const code = await verifyMain({ env: {}, out: (t) => (text += t), err: (t) => (text += t) }, [
        '--share',
        path.join(out, `${name}.share.json`),
        '--outdir',
        out,
      ]);
      expect({ code, text }).toEqual({ code: 0, text: expect.stringMatching(/^verify: as intended: no finding/m) });
      const result = await verifyStacks(
        share.config,
        scopeStacks(stacks, manifest.constructs, name),
        share.plan.routes,
      );
      expect(result.cells.filter((c) => c.expected && c.actual).length).toBeGreaterThan(0);
    }
  }, 120000);

  test("docs/library.md's first TypeScript block is the app's main.ts, as written", () => {
    const page = fs.readFileSync(path.join(ROOT, 'docs', 'library.md'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(page)?.[1];
    expect(block).toBe(fs.readFileSync(path.join(ROOT, 'examples', 'library-app', 'main.ts'), 'utf8'));
  });
});
