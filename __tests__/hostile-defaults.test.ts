/**
 * Issue #21, items 10-13: defaults that opened more than a user would expect. Each is closed in the output, and
 * verify expects the closed form: an edit that reopens it is a finding.
 */
import { Config } from '../modules/config';
import { verifyStacks } from '../modules/verify';
import { load } from './support/synth';
import { Output, outputOf } from './support/verify';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit the JSON freely, as a reviewer would
type Json = Record<string, any>;
const resources = (o: Output, type: string): Json[] =>
  Object.values(o.stacks).flatMap((s) => Object.values(((s as Json).resource ?? {})[type] ?? {})) as Json[];

async function findings(config: Config, edit: (o: Output) => void = () => undefined): Promise<string[]> {
  const o = outputOf(config);
  edit(o);
  const r = await verifyStacks(config, o.stacks, o.routes);
  return r.findings.map((f) => `${f.kind} ${f.where} ${f.sid}: ${f.message}`);
}

describe('item 13: SSE-C is refused by S3 itself on every bucket we create, not only by the bucket policy', () => {
  const audit = load('examples/audit-trail.json');

  test('blocked_encryption_types ["SSE-C"] on the shared bucket and the log buckets', () => {
    const rules = resources(outputOf(audit), 'aws_s3_bucket_server_side_encryption_configuration');
    expect(rules.length).toBeGreaterThanOrEqual(2);
    for (const r of rules) expect(r.rule[0].blocked_encryption_types).toEqual(['SSE-C']);
  });

  test('an existing bucket gets no encryption configuration (it is not ours)', () => {
    const existing = load('examples/sse-s3-existing-bucket.json');
    expect(resources(outputOf(existing), 'aws_s3_bucket_server_side_encryption_configuration')).toEqual([]);
  });

  test('verify: as intended; with the setting removed, a finding', async () => {
    expect(await findings(audit)).toEqual([]);
    const found = await findings(audit, (o) => {
      for (const r of resources(o, 'aws_s3_bucket_server_side_encryption_configuration'))
        delete r.rule[0].blocked_encryption_types;
    });
    expect(found.join('\n')).toContain('aws_s3_bucket_server_side_encryption_configuration');
  });
});
