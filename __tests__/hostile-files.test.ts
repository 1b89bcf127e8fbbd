/**
 * Issue #21, items 3 and 4: every file a command reads goes through the one strict reader (a FIFO never blocks, a link
 * to /dev/zero is refused before a byte is read) and is schema-checked: a tampered plan.json or cdk.tf.json is a
 * refusal naming the file, the path inside it and the rule, never an internal error; and nothing is written.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { diffIn, synthIn, treeOf, verifyIn } from './support/hostile';
import { tmpDir } from './support/run-main';
import { ROOT } from './support/synth';

const STACK = path.join('stacks', 'cross-account', 'cdk.tf.json');
let good: string;

beforeAll(() => {
  const dir = tmpDir('hostile-files', 'good');
  fs.copyFileSync(path.join(ROOT, 'cross-account.json'), path.join(dir, 'config.json'));
  expect(
    synthIn({ CROSS_ACCOUNT_CONFIG: path.join(dir, 'config.json'), CDKTF_OUTDIR: path.join(dir, 'out') }).code,
  ).toBe(0);
  good = dir;
});

/** A copy of the synthesized folder with `edit` applied; the run's result and whether the folder changed. */
async function verifyEdited(name: string, edit: (out: string) => void) {
  const dir = tmpDir('hostile-files', name);
  fs.cpSync(good, dir, { recursive: true });
  const out = path.join(dir, 'out');
  edit(out);
  const before = treeOf(dir);
  const r = await verifyIn({ CROSS_ACCOUNT_CONFIG: path.join(dir, 'config.json'), CDKTF_OUTDIR: out });
  expect(treeOf(dir)).toEqual(before);
  expect(r.err).not.toMatch(/Cannot read properties|TypeError|^\s+at /m);
  return { ...r, out };
}

const replaceWith = (file: string, make: (file: string) => void) => {
  fs.rmSync(file);
  make(file);
};
const fifo = (file: string) => execFileSync('mkfifo', [file]);
const zero = (file: string) => fs.symlinkSync('/dev/zero', file);
const editJson = (file: string, edit: (j: Record<string, unknown>) => unknown) => {
  const j = JSON.parse(fs.readFileSync(file, 'utf8'));
  const replaced = edit(j);
  fs.writeFileSync(file, JSON.stringify(replaced === undefined ? j : replaced));
};

describe('verify reads no FIFO, device or endless file (item 3)', () => {
  test.each([
    ['cdk.tf.json', 'a FIFO', STACK, fifo, 'is a named pipe (FIFO), not a regular file'],
    ['plan.json', 'a FIFO', 'plan.json', fifo, 'is a named pipe (FIFO), not a regular file'],
    [
      'cdk.tf.json',
      'a link to /dev/zero',
      STACK,
      zero,
      'is a character device (like /dev/zero or a terminal), not a regular file',
    ],
    [
      'plan.json',
      'a link to /dev/zero',
      'plan.json',
      zero,
      'is a character device (like /dev/zero or a terminal), not a regular file',
    ],
  ])('%s as %s: refused at once, exit 1', async (_file, what, rel, make, words) => {
    const started = Date.now();
    const r = await verifyEdited(`${rel}-${what}`, (out) => replaceWith(path.join(out, rel), make));
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `verify: ${path.join(r.out, rel)} ${words}: ${rel === 'plan.json' ? 'plan.json' : 'Terraform JSON'} is read from a regular file only\n`,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('a marker that is a FIFO: synth refuses the folder, without blocking', () => {
    const dir = tmpDir('hostile-files', 'marker-fifo');
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    fifo(path.join(out, '.cross-account-s3.json'));
    const r = synthIn({ CROSS_ACCOUNT_CONFIG: path.join(ROOT, 'cross-account.json'), CDKTF_OUTDIR: out });
    expect(r.code).toBe(1);
    expect(r.err).toContain(`refusing to write into ${out}: it holds files this project did not write`);
    expect(treeOf(dir)).toEqual({ out: 'folder', 'out/.cross-account-s3.json': 'special' });
  });
});

describe('a tampered plan.json or cdk.tf.json is refused by its schema (item 4)', () => {
  const PLAN = 'plan.json';
  test.each<[string, string, (j: Record<string, unknown>) => unknown, string]>([
    ['null', PLAN, () => null, '(the whole file): must be an object'],
    ['[]', PLAN, () => [], '(the whole file): must be an object'],
    ['routes missing', PLAN, (j) => void delete j.routes, 'routes: is missing (must be a list)'],
    [
      'a route of an unknown consumer',
      PLAN,
      (j) => void ((j.routes as { consumer: string }[])[0].consumer = 'nobody\u001b[2K'),
      'routes[0].consumer: names "nobody\\u001B[2K", no consumer of the config',
    ],
    [
      'a route without its method',
      PLAN,
      (j) => void delete (j.routes as { method?: string }[])[1].method,
      'routes[1].method: must be one of "direct", "assume-role", "access-point", "access-grant"',
    ],
    [
      'a route with a field of its own',
      PLAN,
      (j) => void ((j.routes as Record<string, unknown>[])[0]['x\u202e'] = 1),
      'routes[0]: unknown field "x\\u202E"',
    ],
    [
      'an empty resource object',
      STACK,
      (j) => void (j.resource = {}),
      'resource: holds no resource: every stack this project writes does',
    ],
    ['resource null', STACK, (j) => void (j.resource = null), 'resource: must be an object'],
    [
      'a resource that is a number',
      STACK,
      (j) => void ((j.resource as Record<string, Record<string, unknown>>).aws_kms_key.bucket = 3),
      'resource.aws_kms_key.bucket: must be an object',
    ],
  ])('%s', async (_name, rel, edit, rule) => {
    const r = await verifyEdited(`schema-${_name}`, (out) => editJson(path.join(out, rel), edit));
    expect(r.code).toBe(1);
    expect(r.err).toBe(`verify: ${path.join(r.out, rel)}: ${rule}: run \`npm run synth\` again\n`);
  });
});

describe('diff reads a synthesized folder the same way', () => {
  test('a FIFO as plan.json or cdk.tf.json, a plan.json of null: one message, exit 1, no hang, nothing written', () => {
    const dir = tmpDir('hostile-files', 'diff');
    fs.cpSync(good, dir, { recursive: true });
    const cases: [(out: string) => void, string][] = [
      [(out) => replaceWith(path.join(out, 'plan.json'), fifo), 'is a named pipe (FIFO)'],
      [(out) => replaceWith(path.join(out, STACK), fifo), 'is a named pipe (FIFO)'],
      [(out) => editJson(path.join(out, 'plan.json'), () => null), 'plan.json'],
    ];
    for (const [i, [edit, words]] of cases.entries()) {
      const out = path.join(dir, `out-${i}`);
      fs.cpSync(path.join(dir, 'out'), out, { recursive: true });
      edit(out);
      const before = treeOf(dir);
      const r = diffIn(dir, [`out-${i}`, 'config.json', '--markdown', 'report.md'], {}, 60_000);
      expect([r.code, r.err]).toEqual([1, expect.stringContaining(words)]);
      expect(r.err).not.toMatch(/Cannot read properties|TypeError/);
      expect(treeOf(dir)).toEqual(before);
    }
  });
});
