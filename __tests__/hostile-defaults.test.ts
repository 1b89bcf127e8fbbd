/**
 * Issue #21, items 10-13: defaults that opened more than a user would expect. Each is closed in the output, and
 * verify expects the closed form: an edit that reopens it is a finding.
 */
import { Config, parseConfig } from '../modules/config';
import { computePlan } from '../modules/plan';
import { verifyStacks } from '../modules/verify';
import { generateConfig } from '../bench/generate';
import { load, readJson } from './support/synth';
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

describe('item 12: service-role trusts on behalf of the role account only; a role for EC2 gets its instance profile', () => {
  const seed = load('cross-account.json'); // analytics: a created role assumed by ec2.amazonaws.com
  const role = (o: Output) => resources(o, 'aws_iam_role').find((r) => r.name === 'RoleInAccountA')!;

  test('the service trust carries aws:SourceAccount of the consumer account', () => {
    const trust = JSON.parse(role(outputOf(seed)).assume_role_policy);
    expect(trust.Statement).toEqual([
      {
        Sid: 'TrustedServices',
        Effect: 'Allow',
        Principal: { Service: 'ec2.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEqualsIfExists: { 'aws:SourceAccount': '111111111111' } },
      },
    ]);
  });

  test('an instance profile of the role name and path, attaching that role', () => {
    expect(resources(outputOf(seed), 'aws_iam_instance_profile')).toEqual([
      expect.objectContaining({ name: 'RoleInAccountA', path: '/', role: '${aws_iam_role.consumer_analytics.name}' }),
    ]);
  });

  test('a role for Glue: the source pinned too, no instance profile', () => {
    const raw = readJson('cross-account.json');
    raw.consumers[0].role.assumedBy = ['glue.amazonaws.com'];
    const glue = parseConfig(raw);
    const o = outputOf(glue);
    expect(JSON.parse(role(o).assume_role_policy).Statement[0].Condition).toEqual({
      StringEqualsIfExists: { 'aws:SourceAccount': '111111111111' },
    });
    expect(resources(o, 'aws_iam_instance_profile')).toEqual([]);
  });

  test('verify: the source condition removed, or another account, is a finding; an instance profile edited too', async () => {
    expect(await findings(seed)).toEqual([]);
    const editTrust = (edit: (s: Json) => void) => (o: Output) => {
      const r = role(o);
      const doc = JSON.parse(r.assume_role_policy);
      edit(doc.Statement[0]);
      r.assume_role_policy = JSON.stringify(doc);
    };
    expect(
      (
        await findings(
          seed,
          editTrust((s) => delete s.Condition),
        )
      ).join('\n'),
    ).toContain(
      'service ec2.amazonaws.com may assume arn:aws:iam::111111111111:role/RoleInAccountA on behalf of any account: no aws:SourceAccount of 111111111111',
    );
    expect(
      (
        await findings(
          seed,
          editTrust((s) => (s.Condition.StringEqualsIfExists['aws:SourceAccount'] = ['111111111111', '999999999999'])),
        )
      ).join('\n'),
    ).toContain('on behalf of any account');
    const renamed = await findings(seed, (o) => (resources(o, 'aws_iam_instance_profile')[0].name = 'Other'));
    expect(renamed.join('\n')).toContain(
      'instance profile "Other": no role created here that EC2 assumes has that name',
    );
  });
});

describe('item 11: a consumer-owned VPC access point is pinned to its VPC in the bucket policy, not only to VPC origin', () => {
  const VPC = 'vpc-0123456789abcdef0';
  const raw = readJson('examples/access-points.json');
  const partner = raw.consumers.find((c: Json) => c.name === 'partner-ml');
  partner.vpcId = VPC;
  const config = parseConfig(raw);
  const bucketPolicy = (o: Output) => JSON.parse(resources(o, 'aws_s3_bucket_policy')[0].policy);
  const viaPartner = (doc: Json) =>
    doc.Statement.filter((s: Json) => JSON.stringify(s.Condition ?? {}).includes('acme-shared-datasets-partner-ml'));

  test('every grant through it names VPC origin and aws:SourceVpc', () => {
    const grants = viaPartner(bucketPolicy(outputOf(config)));
    expect(grants.length).toBeGreaterThan(0);
    for (const s of grants) {
      expect(s.Condition.StringEquals['s3:AccessPointNetworkOrigin']).toBe('VPC');
      expect(s.Condition.StringEquals['aws:SourceVpc']).toBe(VPC);
    }
  });

  test('verify: its workflows pass from that VPC; without the pin, or with another VPC, a finding', async () => {
    expect(await findings(config)).toEqual([]);
    const edit = (change: (s: Json) => void) => (o: Output) => {
      const r = resources(o, 'aws_s3_bucket_policy')[0];
      const doc = JSON.parse(r.policy);
      viaPartner(doc).forEach(change);
      r.policy = JSON.stringify(doc);
    };
    expect(
      (
        await findings(
          config,
          edit((s) => delete s.Condition.StringEquals['aws:SourceVpc']),
        )
      ).join('\n'),
    ).toContain(
      'may come through acme-shared-datasets-partner-ml from any VPC: that access point is meant for vpc-0123456789abcdef0 only (aws:SourceVpc)',
    );
    expect(
      (
        await findings(
          config,
          edit((s) => (s.Condition.StringEquals['aws:SourceVpc'] = [VPC, 'vpc-0fffffffffffffff0'])),
        )
      ).join('\n'),
    ).toContain('from VPC vpc-0fffffffffffffff0');
  });
});

describe('item 10: delegation by name pattern (overflow) is said, with what it admits and the remedy', () => {
  test('the plan note names the pattern, the account, the organization, and who must be kept from creating access points', () => {
    const raw = generateConfig(1000, { overflow: 'access-points', encryption: { type: 's3' } });
    (raw.producer as Json).organizationId = 'o-abc123def4';
    const plan = computePlan(parseConfig(raw));
    expect(plan.share.delegation).toBe('pattern');
    const note = plan.notes.find((n) => n.includes('by name prefix'));
    expect(note).toContain(
      "Any access point named bench-shared-bucket-* in account 222222222222 is admitted with every delegated action on the whole bucket (principals of o-abc123def4 only), its own policy deciding who passes: allow s3:CreateAccessPoint and s3:PutAccessPointPolicy there to nobody but this project's deployer",
    );
    const delegation = plan.documents.bucketPolicy.Statement.find((s) => s.Sid === 'DelegateToOwnAccessPoints')!;
    expect(delegation.Condition?.StringEquals?.['aws:PrincipalOrgID']).toBe('o-abc123def4');
  });
});
