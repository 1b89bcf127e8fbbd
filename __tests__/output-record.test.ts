/**
 * The record of what synth writes, for a reviewer: for every example, one
 * snapshot per stack's settings (terraform block, providers), per resource and
 * data source, and per output, with every policy document parsed and indented.
 * A change of output shows as the resources and statements that changed, each
 * under its own name. A change is a decision: run `npx jest
 * __tests__/output-record.test.ts -u`, read the snapshot diff, and say in the
 * commit why it changed.
 */
import { EXAMPLES, load, synth } from './support/synth';

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

describe.each(EXAMPLES)('%s', (file) => {
  const { stacks } = synth(load(file));

  test.each(Object.keys(stacks))('stack %s', (name) => {
    const { json } = stacks[name];
    const raw = json as Record<string, unknown>;
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
