/**
 * Verify's own model of S3 Access Grants: the example proves clean, and every hand edit of the Access Grants
 * part that Terraform would apply is a finding (fail closed): a wider permission, a grant to another role or
 * prefix, the instance policy admitting more, the location role trusted or allowed beyond its levels.
 */
import { parseConfig } from '../modules/config';
import { verifyStacks } from '../modules/verify';
import { accessGrantsConfig } from './support/access-grants';
import { editPolicy, Output, outputOf } from './support/verify';
import { diffOf, edited, lines } from './support/diff';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit the JSON freely, as a reviewer would
type Json = Record<string, any>;
const config = parseConfig(accessGrantsConfig());
const resources = (o: Output): Json => (Object.values(o.stacks)[0] as Json).resource;
const grantOf = (o: Output, consumer: string): Json =>
  Object.entries(resources(o).aws_s3control_access_grant).find(([k]) =>
    k.startsWith(`access_grant_${consumer}_`),
  )![1] as Json;

async function linesOf(edit: (o: Output) => void): Promise<{ ok: boolean; text: string }> {
  const o = outputOf(config);
  edit(o);
  const r = await verifyStacks(config, o.stacks, o.routes);
  return { ok: r.ok, text: r.findings.map((f) => `${f.kind} ${f.where}: ${f.message}`).join('\n') };
}

test('the example: every grant, the instance policy and the location role proven, no finding', async () => {
  const r = await linesOf(() => undefined);
  expect(r.text).toBe('');
  expect(r.ok).toBe(true);
});

test.each<[string, (o: Output) => void, string]>([
  [
    'a READ grant widened to READWRITE',
    (o) => (grantOf(o, 'reports').permission = 'READWRITE'),
    'no access-grant consumer of the config has it',
  ],
  [
    'a grant moved to a parent prefix',
    (o) => (grantOf(o, 'reports').access_grants_location_configuration[0].s3_sub_prefix = '*'),
    'no access-grant consumer of the config has it',
  ],
  [
    'a grant to a role of no consumer',
    (o) => (grantOf(o, 'reports').grantee[0].grantee_identifier = 'arn:aws:iam::111111111111:role/Other'),
    'no access-grant consumer of the config has it',
  ],
  [
    'a grant to a directory user',
    (o) => (grantOf(o, 'reports').grantee[0].grantee_type = 'DIRECTORY_USER'),
    'to DIRECTORY_USER',
  ],
  [
    'a grant removed',
    (o) => delete resources(o).aws_s3control_access_grant[Object.keys(resources(o).aws_s3control_access_grant)[0]],
    'no grant of READWRITE',
  ],
  [
    'the instance policy admitting anyone',
    (o) =>
      editPolicy(o.stacks, 'aws_s3control_access_grants_instance_resource_policy', 'access_grants', 'policy', (d) => {
        d.Statement[0].Principal = '*';
      }),
    'a principal other than AWS accounts',
  ],
  [
    'the instance policy admitting every s3 call',
    (o) =>
      editPolicy(o.stacks, 'aws_s3control_access_grants_instance_resource_policy', 'access_grants', 'policy', (d) => {
        d.Statement[0].Action = 's3:*';
      }),
    'actions s3:*',
  ],
  [
    'the location role trusted without aws:SourceArn',
    (o) =>
      editPolicy(o.stacks, 'aws_iam_role', 'access_grants', 'assume_role_policy', (d) => {
        delete d.Statement[0].Condition.StringEquals['aws:SourceArn'];
      }),
    'trusted beyond access-grants.s3.amazonaws.com',
  ],
  [
    'the location role allowed to delete',
    (o) =>
      editPolicy(o.stacks, 'aws_iam_role_policy', 'access_grants', 'policy', (d) => {
        d.Statement[1].Action.push('s3:DeleteObject');
      }),
    's3:DeleteObject',
  ],
  [
    'the location on another bucket',
    (o) => (resources(o).aws_s3control_access_grants_location.access_grants.location_scope = 's3://other/'),
    'location scope s3://other/',
  ],
  [
    'a consumer identity policy reaching the bucket',
    (o) =>
      editPolicy(o.stacks, 'aws_iam_role_policy', 'consumer_reports', 'policy', (d) => {
        d.Statement.push({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::grants-shared-bucket/*' });
      }),
    'identity policy of access-grant consumer reports',
  ],
  ['a meta-argument on a grant', (o) => (grantOf(o, 'science').count = 2), 'the meta-argument count'],
])('refused: %s', async (_name, edit, text) => {
  const r = await linesOf(edit);
  expect(r.ok).toBe(false);
  expect(r.text).toContain(text);
});

describe('diff: grants gained and lost', () => {
  test('a prefix added to an access-grant consumer: that grant gained, nothing lost', async () => {
    const base = accessGrantsConfig();
    const current = edited(base, (c) => c.consumers[0].prefixes.push('archive/'));
    const d = await diffOf(base, current);
    expect(lines(d.gained)).toEqual(['Reports | S3 Access Grants | get-data-access READ | archive/']);
    expect(lines(d.lost)).toEqual([]);
  });

  test('a level narrowed: the READWRITE grants lost, READ ones gained', async () => {
    const base = accessGrantsConfig();
    const current = edited(base, (c) => (c.consumers[1].access = 'read'));
    const d = await diffOf(base, current);
    expect(lines(d.lost)).toEqual([
      'Etl | S3 Access Grants | get-data-access READWRITE | curated/',
      'Etl | S3 Access Grants | get-data-access READWRITE | raw/',
    ]);
    expect(lines(d.gained)).toEqual([
      'Etl | S3 Access Grants | get-data-access READ | curated/',
      'Etl | S3 Access Grants | get-data-access READ | raw/',
    ]);
  });
});

describe('an existing instance: never created here', () => {
  const withInstance = (resourcePolicy: 'managed' | 'handoff') =>
    parseConfig(
      edited(accessGrantsConfig(), (c) => (c.producer.accessGrants = { instance: 'existing', resourcePolicy })),
    );

  test.each(['managed', 'handoff'] as const)('resourcePolicy %s: synthesized and verified', async (mode) => {
    const c = withInstance(mode);
    const o = outputOf(c);
    const json = Object.values(o.stacks)[0] as Json;
    expect(json.resource.aws_s3control_access_grants_instance).toBeUndefined();
    expect(Boolean(json.resource.aws_s3control_access_grants_instance_resource_policy)).toBe(mode === 'managed');
    expect(Boolean(json.output.access_grants_policy_statements)).toBe(mode === 'handoff');
    const r = await verifyStacks(c, o.stacks, o.routes);
    expect(r.findings.map((f) => f.message)).toEqual([]);
  });

  test('an instance created all the same is a finding', async () => {
    const c = withInstance('managed');
    const o = outputOf(c);
    const json = Object.values(o.stacks)[0] as Json;
    json.resource.aws_s3control_access_grants_instance = { access_grants: { provider: 'aws.producer' } };
    const r = await verifyStacks(c, o.stacks, o.routes);
    expect(r.findings.map((f) => f.message).join('\n')).toContain(
      '1 aws_s3control_access_grants_instance, the config implies 0',
    );
  });
});
