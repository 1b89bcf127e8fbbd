/** Day two: handoff/ holds the platform teams' state and files; a new handoff rewrites main.tf and README.md only. */
import * as fs from 'fs';
import * as path from 'path';
import { writeHandoff } from '../modules/handoff';
import { MARKER } from '../modules/output';
import { FsError } from '../modules/io/errno';
import { faultyFs } from './support/faulty-fs';
import { tmpDir } from './support/run-main';
import { load } from './support/synth';

const CONFIG = load('examples/per-account-cloud.json');

/** A handoff/ as a team would leave it after `terraform apply` and some local files. */
function dayTwo(name: string): { out: string; stacks: string[]; theirs: Record<string, string> } {
  const out = path.join(tmpDir('handoff-folders', name), 'handoff');
  const stacks = writeHandoff(CONFIG, out);
  const producer = path.join(out, 'producer');
  const theirs: Record<string, string> = {
    'producer/terraform.tfstate': '{"version": 4, "serial": 7}',
    'producer/terraform.tfstate.backup': '{"version": 4, "serial": 6}',
    'producer/.terraform.lock.hcl': '# lock',
    'producer/.terraform/providers/marker': 'provider binary',
    'producer/prod.tfvars': 'x = 1',
    'producer/network_override.tf': '# override',
    'consumer-gone/terraform.tfstate': '{"version": 4}',
    'consumer-gone/main.tf': '# a stack that is no more',
    'notes/todo.txt': 'no state here',
  };
  for (const [file, text] of Object.entries(theirs)) {
    fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    fs.writeFileSync(path.join(out, file), text);
  }
  fs.writeFileSync(path.join(producer, 'main.tf'), '# an old main.tf');
  return { out, stacks, theirs };
}

test('a second handoff keeps state, lock file, .terraform/, tfvars, overrides and stale folders, with a warning for each stale folder', () => {
  const { out, stacks, theirs } = dayTwo('keep');
  const warnings: string[] = [];
  expect(writeHandoff(CONFIG, out, { warn: (w) => warnings.push(w) })).toEqual(stacks);
  for (const [file, text] of Object.entries(theirs)) expect(fs.readFileSync(path.join(out, file), 'utf8')).toBe(text);
  expect(fs.readFileSync(path.join(out, 'producer', 'main.tf'), 'utf8')).toContain('provider "aws"');
  expect(warnings).toEqual([
    `${path.join(out, 'consumer-gone')}/ belongs to no stack of this config any more; left in place (it holds Terraform state: terraform.tfstate; run terraform destroy there, or move the state, before removing it)`,
    `${path.join(out, 'notes')}/ belongs to no stack of this config any more; left in place (no Terraform state in it; remove it when done)`,
  ]);
  expect(fs.readdirSync(out).filter((e) => e.startsWith('.'))).toEqual([MARKER]);
  expect(fs.readdirSync(path.dirname(out))).toEqual(['handoff']);
});

test('a handoff/ without the marker that holds anything else is refused, untouched', () => {
  const out = path.join(tmpDir('handoff-folders', 'foreign'), 'handoff');
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, 'precious.txt'), 'x');
  expect(() => writeHandoff(CONFIG, out)).toThrow('holds files this project did not write (precious.txt)');
  expect(fs.readdirSync(out)).toEqual(['precious.txt']);
});

describe('each write and rename failing in turn: every file is the old or the new one, whole; the error names it', () => {
  const isTmp = (p: unknown) => /\/\.(main\.tf|README\.md|\.cross-account-s3\.json)\.tmp-\w+$/.test(String(p));
  const cases: [string, (c: { method: string; args: unknown[] }) => boolean, RegExp][] = [
    ['mkdtemp', (c) => c.method === 'mkdtempSync', /^cannot create a temporary folder in .*: EROFS/],
    [
      'write the marker',
      (c) => c.method === 'writeFileSync' && String(c.args[0]).includes(`${MARKER}.tmp-`),
      /^cannot write .*\/handoff\/\.\.cross-account-s3\.json\.tmp-\w+: EROFS \(the file system is read-only\)$/,
    ],
    [
      'write producer/main.tf',
      (c) => c.method === 'writeFileSync' && String(c.args[0]).includes('/producer/.main.tf.tmp-'),
      /^cannot write .*\/producer\/\.main\.tf\.tmp-\w+: EROFS/,
    ],
    [
      'rename producer/main.tf',
      (c) => c.method === 'renameSync' && String(c.args[1]).endsWith('/producer/main.tf'),
      /^cannot replace .*\/producer\/main\.tf \(from .*\.main\.tf\.tmp-\w+\): EROFS/,
    ],
    [
      'write a README.md',
      (c) => c.method === 'writeFileSync' && String(c.args[0]).includes('/.README.md.tmp-'),
      /^cannot write .*\/\.README\.md\.tmp-\w+: EROFS/,
    ],
    [
      'create a new stack folder',
      (c) => c.method === 'mkdirSync' && String(c.args[0]).endsWith('consumer-analytics'),
      /^cannot create the folder .*\/consumer-analytics: EROFS/,
    ],
  ];

  test.each(cases)('%s', (name, when, words) => {
    const { out, stacks } = dayTwo(name);
    fs.rmSync(path.join(out, 'consumer-analytics'), { recursive: true, force: true });
    const before = fs.readFileSync(path.join(out, 'producer', 'main.tf'), 'utf8');
    const fresh = path.join(tmpDir('handoff-folders', `${name}-fresh`), 'handoff');
    writeHandoff(CONFIG, fresh);
    const faulty = faultyFs(when, 'EROFS');
    let error: unknown;
    try {
      writeHandoff(CONFIG, out, { fs: faulty });
    } catch (e) {
      error = e;
    }
    expect(faulty.failed).toHaveLength(1);
    expect(error).toBeInstanceOf(FsError);
    expect((error as Error).message).toMatch(words);
    for (const s of stacks) {
      for (const f of ['main.tf', 'README.md']) {
        const file = path.join(out, s, f);
        if (!fs.existsSync(file)) continue; // a new stack not written yet
        const text = fs.readFileSync(file, 'utf8');
        const fromFresh = fs.readFileSync(path.join(fresh, s, f), 'utf8');
        expect([fromFresh, ...(s === 'producer' && f === 'main.tf' ? [before] : [])]).toContain(text);
      }
      if (fs.existsSync(path.join(out, s))) expect(fs.readdirSync(path.join(out, s)).filter(isTmp)).toEqual([]);
    }
    expect(fs.readFileSync(path.join(out, 'producer', 'terraform.tfstate'), 'utf8')).toContain('"serial": 7');
    // The next run completes it.
    writeHandoff(CONFIG, out);
    for (const s of stacks)
      expect(fs.readFileSync(path.join(out, s, 'main.tf'), 'utf8')).toBe(
        fs.readFileSync(path.join(fresh, s, 'main.tf'), 'utf8'),
      );
    expect(fs.readdirSync(path.dirname(out))).toEqual(['handoff']);
  });
});
