/**
 * The default rendering (modules/emit: the stacks' JSON built as data) against the
 * library's constructs synthesized by cdktf as it ships (CROSS_ACCOUNT_RENDER=stock):
 * every example synthesizes to the same bytes, every file of the output folder, and
 * so do random valid configs of every feature. A difference names the file and its
 * first differing line, not just "changed".
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { loadConfigs } from '../modules/config';
import { LIBRARY } from '../modules/emit';
import { computePlan, computePlans } from '../modules/plan';
import { Rendering, synthesize, synthesizeSharedRoles } from '../modules/stacks';
import { TfeProvider } from '../modules/stacks/tfe';
import { anyFeatureConfig, manyBucketsConfig, validConfig } from './support/arbitraries';
import { differences, filesOf } from './support/files';
import { runMain, runMainOn, tmpDir } from './support/run-main';
import { EXAMPLE_FILES, ROOT } from './support/synth';

test('what emit takes from the rendering library is what the installed one renders (modules/emit/library.ts)', () => {
  const outdir = tmpDir('render', 'library');
  const app = new App({ outdir });
  new AwsProvider(new TerraformStack(app, 'aws'), 'aws', { region: 'eu-west-1' });
  new TfeProvider(new TerraformStack(app, 'tfe'), 'tfe', {});
  app.synth();
  const text = (stack: string) => fs.readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8');
  const json = (stack: string) => JSON.parse(text(stack));
  expect({
    version: json('aws')['//'].metadata.version,
    // A stack without outputs: how the library writes the empty map.
    compactEmpty: /"outputs": \{\}/.test(text('aws')),
    providers: {
      aws: json('aws').terraform.required_providers.aws,
      tfe: json('tfe').terraform.required_providers.tfe,
    },
  }).toEqual(LIBRARY);
});

describe.each(EXAMPLE_FILES)('%s', (file) => {
  test('fast and stock rendering write the same files, byte for byte', () => {
    const out = (rendering: string) => {
      const dir = tmpDir('render', rendering, file);
      const run = runMainOn(dir, path.join(ROOT, file), {
        CDKTF_OUTDIR: path.relative(ROOT, path.join(dir, 'cdktf.out')),
        CROSS_ACCOUNT_RENDER: rendering,
      });
      expect(run.code).toBe(0);
      return filesOf(path.join(dir, 'cdktf.out'));
    };
    // First the fast output's files, then the stock one's.
    expect(differences(out('fast'), out('stock'))).toEqual([]);
  });
});

// PROPERTY_RUNS=200 npm test for a deeper search, as properties.test.ts.
const RUNS = Number(process.env.PROPERTY_RUNS ?? 12);

/** Both renderings of a raw config, every file of their output folders, the differences listed. */
function renderingsDiffer(raw: unknown, name: string): string[] {
  // One config file for both: plan.json records it as named.
  const file = path.join(tmpDir(name, 'config'), 'config.json');
  fs.writeFileSync(file, JSON.stringify(raw));
  const out = (rendering: string) => {
    const dir = tmpDir(name, rendering);
    const run = runMainOn(dir, file, {
      CDKTF_OUTDIR: path.relative(ROOT, path.join(dir, 'cdktf.out')),
      CROSS_ACCOUNT_RENDER: rendering,
    });
    expect(run.err.split('\n').filter((l) => l && !l.startsWith('warning: '))).toEqual([]);
    expect(run.code).toBe(0);
    return filesOf(path.join(dir, 'cdktf.out'));
  };
  return differences(out('fast'), out('stock'));
}

const seed = Number(process.env.PROPERTY_SEED ?? 20261204);

test('random valid configs (every method, encryption, layout, overflow): both renderings write the same bytes', () => {
  fc.assert(
    fc.property(validConfig, (raw) => {
      expect(renderingsDiffer(raw, 'render-random')).toEqual([]);
    }),
    { numRuns: RUNS, seed },
  );
});

test('random configs of every feature (backends, keyless credentials, deploy roles, monitoring, audit, Access Grants, packs, service roles): the same bytes', () => {
  fc.assert(
    fc.property(anyFeatureConfig, (raw) => {
      expect(renderingsDiffer(raw, 'render-features')).toEqual([]);
    }),
    { numRuns: RUNS, seed },
  );
});

test('random many-buckets configs: the same bytes', () => {
  fc.assert(
    fc.property(manyBucketsConfig, (raw) => {
      expect(renderingsDiffer(raw, 'render-buckets')).toEqual([]);
    }),
    { numRuns: Math.max(1, Math.round(RUNS / 2)), seed },
  );
});

test('HCL output (cdktf synth --hcl) is refused before anything is written, pointing to handoff', () => {
  for (const value of ['true', '1']) {
    const run = runMain('render-hcl', JSON.parse(fs.readFileSync(path.join(ROOT, 'cross-account.json'), 'utf8')), {
      SYNTH_HCL_OUTPUT: value,
    });
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /^synth: HCL output \(cdktf synth --hcl, SYNTH_HCL_OUTPUT\) is not written: .*`npm run handoff`/,
    );
    expect(run.left).toEqual(['config.json']);
  }
  // What the cdktf CLI passes without --hcl.
  expect(
    runMain('render-hcl-off', JSON.parse(fs.readFileSync(path.join(ROOT, 'cross-account.json'), 'utf8')), {
      SYNTH_HCL_OUTPUT: 'false',
    }).code,
  ).toBe(0);
});

test('an unknown rendering is refused before anything is written', () => {
  const run = runMain('render-bad', JSON.parse(fs.readFileSync(path.join(ROOT, 'cross-account.json'), 'utf8')), {
    CROSS_ACCOUNT_RENDER: 'quick',
  });
  expect(run.code).toBe(1);
  expect(run.err).toBe('synth: CROSS_ACCOUNT_RENDER must be "stock" or "fast" (or unset), not "quick"\n');
  expect(run.left).toEqual(['config.json']);
});

describe.each(EXAMPLE_FILES)('%s, handoff layout', (file) => {
  test('both renderings write the same files for handoff (state paths in the stacks’ own folders)', () => {
    const read = loadConfigs(path.join(ROOT, file));
    const planned =
      read.kind === 'one'
        ? { buckets: [{ key: '', plan: computePlan(read.config) }], sharedRoles: [] }
        : computePlans(read.buckets);
    const out = (rendering: Rendering) => {
      const dir = tmpDir('render-handoff', rendering, file);
      for (const { key, plan } of planned.buckets)
        synthesize(plan, path.join(dir, key || 'one'), file, 'handoff', { rendering });
      if (planned.sharedRoles.length) {
        const { region, backend } = planned.buckets[0].plan.config;
        synthesizeSharedRoles(planned.sharedRoles, { region, backend }, path.join(dir, 'shared'), 'handoff', rendering);
      }
      return filesOf(dir);
    };
    expect(differences(out('fast'), out('stock'))).toEqual([]);
  });
});
