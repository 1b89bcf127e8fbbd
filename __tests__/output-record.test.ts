/**
 * The record of what synth writes, for a reviewer: for every example, one
 * snapshot per stack's settings (terraform block, providers), per resource and
 * data source, and per output, with every policy document parsed and indented.
 * A change of output shows as the resources and statements that changed, each
 * under its own name. A change is a decision: run `npx jest
 * __tests__/output-record.test.ts -u`, read the snapshot diff, and say in the
 * commit why it changed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runMainOn, tmpDir } from './support/run-main';
import { EXAMPLE_FILES, load, ROOT, synth, TfJson } from './support/synth';
import { loadConfigs } from '../modules/config';

/** Attributes that hold a policy document as a JSON string. */
const POLICY = /(^|_)policy$|^policy_document$|^assume_role_policy$/;

/** Policy strings parsed back into documents (marked as such), everything else as written. */
function readable(value: unknown, key = ''): unknown {
  if (typeof value === 'string' && POLICY.test(key) && value.trimStart().startsWith('{')) {
    try {
      return { 'policy document (JSON, shown parsed)': JSON.parse(value) };
    } catch {
      return value;
    }
  }
  if (Array.isArray(value)) return value.map((v) => readable(v));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, readable(v, k)]));
  return value;
}

/**
 * What synth writes for a config file: a one-bucket file synthesized in memory; a many-buckets file through main,
 * as a user runs it, so the record holds what main writes for all its buckets together (a role several buckets
 * grant may have its rights in a shared-roles stack, none inline: docs/many-buckets.md).
 */
function written(file: string): Record<string, TfJson> {
  const read = loadConfigs(path.join(ROOT, file));
  if (read.kind === 'one')
    return Object.fromEntries(Object.entries(synth(load(file)).stacks).map(([n, s]) => [n, s.json]));
  const dir = tmpDir('output-record', file);
  const run = runMainOn(dir, path.join(ROOT, file));
  if (run.code !== 0) throw new Error(`synth of ${file} failed: ${run.err}`);
  const stacks = path.join(dir, 'cdktf.out', 'stacks');
  return Object.fromEntries(
    fs
      .readdirSync(stacks)
      .sort()
      .map((n) => [n, withoutMetadata(JSON.parse(fs.readFileSync(path.join(stacks, n, 'cdk.tf.json'), 'utf8')))]),
  );
}

/** The written file without cdktf's per-block metadata (construct paths), as Testing.synth gives it. */
function withoutMetadata(json: TfJson): TfJson {
  for (const blocks of [json.resource, json.data])
    for (const byName of Object.values(blocks ?? {}))
      for (const body of Object.values(byName)) delete (body as Record<string, unknown>)['//'];
  return json;
}

/** A record's title: a bucket's stacks under `<file>#<key>` (named `<key>-<stack>`), others under the file. */
function titled(file: string, stacks: Record<string, TfJson>): [string, string, TfJson][] {
  const read = loadConfigs(path.join(ROOT, file));
  const keys = read.kind === 'many' ? read.buckets.map((b) => b.key) : [];
  return Object.entries(stacks).map(([name, json]) => {
    const key = keys.find((k) => name.startsWith(`${k}-`));
    return [key === undefined ? file : `${file}#${key}`, name, json];
  });
}

const RECORDS = EXAMPLE_FILES.flatMap((file) => titled(file, written(file)));
const TITLES = [...new Set(RECORDS.map(([title]) => title))];

test('a many-buckets example that shares a role records its shared-roles stack and no inline policy for it', () => {
  const names = RECORDS.filter(([title]) => title.startsWith('examples/shared-role.json')).map(([, n]) => n);
  expect(names).toContain('shared-roles-analytics');
  for (const [title, name, json] of RECORDS)
    if (title.startsWith('examples/shared-role.json#') && name.endsWith('-consumer-analytics'))
      expect(json.resource?.aws_iam_role_policy).toBeUndefined();
});

describe.each(TITLES)('%s', (title) => {
  const stacks = Object.fromEntries(RECORDS.filter(([t]) => t === title).map(([, n, json]) => [n, json]));

  test.each(Object.keys(stacks))('stack %s', (name) => {
    const raw = stacks[name] as Record<string, unknown>;
    const {
      resource = {},
      data = {},
      output = {},
      ...settings
    } = raw as {
      resource?: Record<string, Record<string, unknown>>;
      data?: Record<string, Record<string, unknown>>;
      output?: Record<string, unknown>;
    };
    // The stack's own settings, without cdktf's metadata block (its version and construct paths).
    const { '//': _metadata, ...rest } = settings as Record<string, unknown>;
    expect(readable(rest)).toMatchSnapshot(`terraform and providers`);
    for (const [type, byName] of Object.entries(resource).sort(([a], [b]) => (a < b ? -1 : 1)))
      for (const [n, body] of Object.entries(byName).sort(([a], [b]) => (a < b ? -1 : 1)))
        expect(readable(body)).toMatchSnapshot(`resource ${type}.${n}`);
    for (const [type, byName] of Object.entries(data).sort(([a], [b]) => (a < b ? -1 : 1)))
      for (const [n, body] of Object.entries(byName).sort(([a], [b]) => (a < b ? -1 : 1)))
        expect(readable(body)).toMatchSnapshot(`data ${type}.${n}`);
    for (const [n, body] of Object.entries(output).sort(([a], [b]) => (a < b ? -1 : 1)))
      expect(readable(body, n)).toMatchSnapshot(`output ${n}`);
  });
});
