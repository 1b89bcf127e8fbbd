/**
 * Byte equality where it proves something: the compiled JavaScript that `npm run
 * synth` runs writes exactly what the sources write, and a synth run twice writes
 * the same bytes (deterministic output) — for every example and a 1,000-consumer
 * bench config. A failure names the file and its first differing line. What the
 * output is, resource by resource, is output-record.test.ts's snapshot; the bench
 * config's shape (resources per type, policy sizes, routes) is pinned here as a
 * readable summary.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { generateConfig } from '../bench/generate';
import { differences, filesOf } from './support/files';
import { runMainOn, tmpDir } from './support/run-main';
import { EXAMPLE_FILES, ROOT } from './support/synth';

// The bench config as a file in the project (plan.json records the path as given).
const BENCH = '.tmp/pinned/bench-1000.json';
const CASES = [...EXAMPLE_FILES, BENCH];

beforeAll(() => {
  tmpDir('pinned');
  const config = generateConfig(1000, {
    overflow: 'access-points',
    encryption: { type: 'kms', keyGrants: 'accounts' },
  });
  fs.writeFileSync(path.join(ROOT, BENCH), JSON.stringify(config, null, 2));
});

/** The sources' synth (main, in this process) of a case, into .tmp/pinned/<run>/<case>. */
function fromSources(file: string, run: string): Record<string, string> {
  const outdir = tmpDir('pinned', run, file);
  const r = runMainOn(outdir, file, { CDKTF_OUTDIR: path.relative(ROOT, outdir) });
  expect(r.err.split('\n').filter((l) => l && !l.startsWith('warning: '))).toEqual([]);
  expect(r.code).toBe(0);
  return filesOf(outdir);
}

describe('synthesized output, byte for byte', () => {
  const first: Record<string, Record<string, string>> = {};

  test.each(CASES)('%s: the same bytes when synthesized twice', (file) => {
    first[file] = fromSources(file, 'first');
    expect(differences(first[file], fromSources(file, 'second'))).toEqual([]);
  });

  test('the compiled JavaScript (npm run synth) writes the same bytes as the sources', () => {
    // dist/, as `npm run synth` runs it: built as it would build it when stale.
    const built = spawnSync(process.execPath, ['scripts/run.js', 'build', '--if-stale'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(built.status).toBe(0);
    const build = path.join(ROOT, 'dist');
    for (const file of CASES) {
      // The same relative output folder as the first run: plan.json and the manifest name no absolute path.
      const outdir = path.join('.tmp', 'pinned', 'first', file.replace(/[^a-z0-9.]+/gi, '-'));
      const sources = first[file] ?? fromSources(file, 'first');
      fs.rmSync(path.join(ROOT, outdir), { recursive: true, force: true });
      const run = spawnSync(process.execPath, [path.join(build, 'main.js')], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, CHECKPOINT_DISABLE: '1', CROSS_ACCOUNT_CONFIG: file, CDKTF_OUTDIR: outdir },
      });
      expect(run.stderr.split('\n').filter((l) => l && !l.startsWith('warning: '))).toEqual([]);
      expect(run.status).toBe(0);
      expect({ file, differences: differences(sources, filesOf(path.join(ROOT, outdir))) }).toEqual({
        file,
        differences: [],
      });
    }
  }, 300_000);

  test('the 1,000-consumer config: resources per type, policy sizes, routes (a readable pin)', () => {
    const files = first[BENCH] ?? fromSources(BENCH, 'first');
    const summary: Record<string, unknown> = {};
    for (const [name, text] of Object.entries(files)) {
      if (!name.endsWith('cdk.tf.json')) continue;
      const json = JSON.parse(text) as { resource?: Record<string, Record<string, Record<string, unknown>>> };
      const resources = json.resource ?? {};
      summary[name] = {
        resources: Object.fromEntries(Object.entries(resources).map(([t, r]) => [t, Object.keys(r).length])),
        policyBytes: Object.fromEntries(
          ['aws_s3_bucket_policy', 'aws_kms_key'].flatMap((t) =>
            Object.entries(resources[t] ?? {}).map(([n, r]) => [`${t}.${n}`, String(r.policy ?? '').length]),
          ),
        ),
      };
    }
    const plan = JSON.parse(files['plan.json']) as { routes: { method: string; reason: string }[] };
    summary.routes = plan.routes.reduce<Record<string, number>>((n, r) => {
      const k = `${r.method} (${r.reason})`;
      n[k] = (n[k] ?? 0) + 1;
      return n;
    }, {});
    expect(summary).toMatchSnapshot();
  });
});
