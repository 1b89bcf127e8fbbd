/**
 * Issue #21, item 2: nothing is written through a symbolic link below an output root. Before, a linked
 * handoff/<stack>/ had the link target's main.tf and README.md overwritten, exit 0.
 */
import * as fs from 'fs';
import * as path from 'path';
import { handoffIn, synthIn, treeOf } from './support/hostile';
import { tmpDir } from './support/run-main';
import { ROOT } from './support/synth';

const CONFIG = path.join(ROOT, 'cross-account.json');

function linkedHandoff(name: string, link: (out: string, outside: string) => string) {
  const dir = tmpDir('hostile-links', name);
  const out = path.join(dir, 'handoff');
  expect(handoffIn({ CROSS_ACCOUNT_CONFIG: CONFIG, HANDOFF_OUTDIR: out }).code).toBe(0);
  const outside = path.join(dir, 'outside');
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'main.tf'), '# theirs\n');
  fs.writeFileSync(path.join(outside, 'README.md'), '# theirs\n');
  const linked = link(out, outside);
  const before = treeOf(dir);
  const outsideBefore = treeOf(outside);
  const r = handoffIn({ CROSS_ACCOUNT_CONFIG: CONFIG, HANDOFF_OUTDIR: out });
  expect(treeOf(outside)).toEqual(outsideBefore);
  expect(treeOf(dir)).toEqual(before);
  return { r, linked, outside };
}

test('a linked handoff/<stack>/: refused naming the link, the target untouched, nothing written', () => {
  const { r, linked, outside } = linkedHandoff('stack-folder', (out, outside) => {
    const stack = path.join(out, 'cross-account');
    fs.rmSync(stack, { recursive: true });
    fs.symlinkSync(outside, stack);
    return stack;
  });
  expect([r.code, r.err]).toEqual([
    1,
    `handoff: refusing to write into ${linked}: it is a symbolic link (to ${JSON.stringify(outside)}); nothing is written through a link: remove it, or replace it with the folder itself\nNothing was written.\n`,
  ]);
});

test('a linked handoff/<stack>/main.tf or the marker: refused the same way', () => {
  for (const file of ['cross-account/main.tf', 'cross-account/README.md', '.cross-account-s3.json']) {
    const { r, linked } = linkedHandoff(`file-${file}`, (out, outside) => {
      const at = path.join(out, file);
      fs.rmSync(at);
      fs.symlinkSync(path.join(outside, 'main.tf'), at);
      return at;
    });
    expect(r.code).toBe(1);
    // The marker is read first: a linked marker makes the folder not ours.
    expect(r.err).toContain(
      file.startsWith('.') ? 'refusing to write into' : `refusing to write into ${linked}: it is a symbolic link`,
    );
  }
});

test('synth: an aside folder of a killed run that is a link is not restored as the output', () => {
  const dir = tmpDir('hostile-links', 'aside');
  fs.mkdirSync(path.join(dir, 'elsewhere'));
  fs.symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, '.out.aside-x'));
  const before = treeOf(dir);
  const r = synthIn({ CROSS_ACCOUNT_CONFIG: CONFIG, CDKTF_OUTDIR: path.join(dir, 'out') });
  expect(r.code).toBe(1);
  expect(r.err).toContain(`refusing to write into ${path.join(dir, '.out.aside-x')}: it is a symbolic link`);
  expect(treeOf(dir)).toEqual(before);
});
