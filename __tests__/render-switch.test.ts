/**
 * The fenced fast rendering (modules/stacks/render/) against cdktf as it ships
 * (CROSS_ACCOUNT_RENDER=stock): every example synthesizes to the same bytes,
 * every file of the output folder, and so do random valid configs. A difference
 * names the file and its first differing line, not just "changed".
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { validConfig } from './support/arbitraries';
import { differences, filesOf } from './support/files';
import { runMain, runMainOn, tmpDir } from './support/run-main';
import { EXAMPLE_FILES, ROOT } from './support/synth';

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

test('random valid configs (every method, encryption, layout, overflow): both renderings write the same bytes', () => {
  fc.assert(
    fc.property(validConfig, (raw) => {
      // One config file for both: plan.json records it as named.
      const file = path.join(tmpDir('render-random', 'config'), 'config.json');
      fs.writeFileSync(file, JSON.stringify(raw));
      const out = (rendering: string) => {
        const dir = tmpDir('render-random', rendering);
        const run = runMainOn(dir, file, {
          CDKTF_OUTDIR: path.relative(ROOT, path.join(dir, 'cdktf.out')),
          CROSS_ACCOUNT_RENDER: rendering,
        });
        expect(run.code).toBe(0);
        return filesOf(path.join(dir, 'cdktf.out'));
      };
      expect(differences(out('fast'), out('stock'))).toEqual([]);
    }),
    { numRuns: RUNS, seed: Number(process.env.PROPERTY_SEED ?? 20261204) },
  );
});

test('an unknown rendering is refused before anything is written', () => {
  const run = runMain('render-bad', JSON.parse(fs.readFileSync(path.join(ROOT, 'cross-account.json'), 'utf8')), {
    CROSS_ACCOUNT_RENDER: 'quick',
  });
  expect(run.code).toBe(1);
  expect(run.err).toBe('synth: CROSS_ACCOUNT_RENDER must be "stock" or "fast" (or unset), not "quick"\n');
  expect(run.left).toEqual(['config.json']);
});
