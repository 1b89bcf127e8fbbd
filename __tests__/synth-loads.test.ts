/**
 * What synth loads, in a Node process of its own (jest keeps its own module registry), on the compiled
 * JavaScript `npm run synth` runs (dist/, built when stale): the default rendering writes the JSON
 * modules/emit builds and loads neither cdktf, its providers nor constructs, for every kind of stack (a
 * bucket's, the Terraform Cloud bootstrap's, shared roles'); the stock rendering does load cdktf, which shows
 * the probe sees it.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { tmpDir } from './support/run-main';
import { ROOT } from './support/synth';

const probe = (config: string, outdir: string) => `
require('./dist/main').main({
  env: { CROSS_ACCOUNT_CONFIG: ${JSON.stringify(config)}, CDKTF_OUTDIR: ${JSON.stringify(outdir)},
         CROSS_ACCOUNT_RENDER: process.env.PROBE_RENDER },
  out: () => {}, err: (t) => process.stderr.write(t),
});
// CDK Terrain's packages stand for cdktf's (npm run test:cdktn renames them).
const libraries = new Set(Object.keys(require.cache).flatMap((k) => {
  const m = /node_modules[\\\\/](@cdk(?:tf|tn)[\\\\/][^\\\\/]+|cdktf|cdktn|constructs)[\\\\/]/.exec(k);
  return m ? [m[1].replace(/\\\\/g, '/').replace('cdktn', 'cdktf')] : [];
}));
process.stdout.write(JSON.stringify([...libraries].sort()));
`;

const loaded = (config: string, render: 'fast' | 'stock') => {
  const outdir = path.join(tmpDir('synth-loads', render, path.basename(config)), 'cdktf.out');
  const r = spawnSync(process.execPath, ['-e', probe(config, outdir)], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1', PROBE_RENDER: render },
  });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as string[];
};

beforeAll(() => {
  const built = spawnSync(process.execPath, ['scripts/run.js', 'build', '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
  expect(built.status).toBe(0);
}, 120_000);

test.each(['cross-account.json', 'examples/terraform-cloud.json', 'examples/shared-role.json'])(
  '%s: the default synth loads no cdktf, provider or constructs',
  (config) => {
    expect(loaded(config, 'fast')).toEqual([]);
  },
);

test('the stock rendering loads them (the probe sees what is loaded)', () => {
  expect(loaded('cross-account.json', 'stock')).toEqual(
    expect.arrayContaining(['@cdktf/provider-aws', 'cdktf', 'constructs']),
  );
});
