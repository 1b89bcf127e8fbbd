/**
 * The fenced fast rendering (modules/stacks/render/) against cdktf as it ships
 * (CROSS_ACCOUNT_RENDER=stock): every example synthesizes to the same bytes,
 * every file of the output folder. A difference names the file and its first
 * differing line, not just "changed".
 */
import * as fs from 'fs';
import * as path from 'path';
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

test('an unknown rendering is refused before anything is written', () => {
  const run = runMain('render-bad', JSON.parse(fs.readFileSync(path.join(ROOT, 'cross-account.json'), 'utf8')), {
    CROSS_ACCOUNT_RENDER: 'quick',
  });
  expect(run.code).toBe(1);
  expect(run.err).toBe('synth: CROSS_ACCOUNT_RENDER must be "stock" or "fast" (or unset), not "quick"\n');
  expect(run.left).toEqual(['config.json']);
});
