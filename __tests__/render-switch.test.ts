/**
 * The fenced fast rendering (modules/stacks/render/) against cdktf as it ships
 * (CROSS_ACCOUNT_RENDER=stock): every example synthesizes to the same bytes,
 * every file of the output folder. A difference names the file and its first
 * differing line, not just "changed".
 */
import * as fs from 'fs';
import * as path from 'path';
import { runMain, runMainOn, tmpDir } from './support/run-main';
import { EXAMPLES, ROOT } from './support/synth';

function filesOf(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, filesOf(path.join(dir, e.name), rel));
    else out[rel] = fs.readFileSync(path.join(dir, e.name), 'utf8');
  }
  return out;
}

/** The first line where two texts differ, with its number: what a reviewer needs from a failure. */
function firstDifference(a: string, b: string): string | undefined {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if (x[i] !== y[i]) return `line ${i + 1}: fast ${JSON.stringify(x[i])} / stock ${JSON.stringify(y[i])}`;
  return undefined;
}

describe.each(EXAMPLES)('%s', (file) => {
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
    const fast = out('fast');
    const stock = out('stock');
    expect(Object.keys(fast).sort()).toEqual(Object.keys(stock).sort());
    const differing = Object.keys(fast)
      .map((f) => [f, firstDifference(fast[f], stock[f])])
      .filter(([, d]) => d !== undefined);
    expect(differing).toEqual([]);
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
