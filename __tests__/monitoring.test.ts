/**
 * The monitoring section: what it synthesizes (exact archive rules, the alerts, the alarm,
 * the lifecycle rule), its config errors, and verify refusing hand-edits of it — an archive
 * rule wider than a grant, an open topic policy, a silenced alert, a changed alarm.
 */
import { ConfigError, parseConfig } from '../modules/config';
import { verifyStacks } from '../modules/verify';
import { archiveRuleProblems } from '../modules/verify/shape/monitoring';
import { load, readJson, synth } from './support/synth';
import { outputOf, Output } from './support/verify';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit the JSON freely, as a reviewer would
type Json = Record<string, any>;
const seed = load('cross-account.json');
const audit = load('examples/audit-trail.json');
const aps = load('examples/access-points.json');
const raw = readJson('cross-account.json');

const resources = (o: Output): Json => (Object.values(o.stacks)[0] as Json).resource;

async function findings(config = seed, edit: (r: Json, o: Output) => void = () => {}) {
  const o = outputOf(config);
  edit(resources(o), o);
  const r = await verifyStacks(config, o.stacks, o.routes);
  return { ok: r.ok, text: r.findings.map((f) => `${f.kind} ${f.where}: ${f.message}`).join('\n') };
}

function problems(edit: (c: Json) => void): string[] {
  const c = JSON.parse(JSON.stringify(raw));
  edit(c);
  try {
    parseConfig(c, 'x.json');
  } catch (e) {
    if (e instanceof ConfigError) return e.message.split('\n').slice(1);
    throw e;
  }
  throw new Error('the config was accepted');
}

describe('the default config synthesizes the monitoring', () => {
  const { json } = Object.values(synth(seed).stacks)[0];
  const r = json.resource!;

  test('an account analyzer, and one archive rule per resource and external account, pinned to the granted roles', () => {
    expect(r.aws_accessanalyzer_analyzer.external_access).toMatchObject({
      analyzer_name: 'my-shared-bucket-external-access',
      type: 'ACCOUNT',
    });
    const rules = r.aws_accessanalyzer_archive_rule;
    expect(Object.keys(rules).sort()).toEqual([
      'archive_intended_bucket_111111111111',
      'archive_intended_key_111111111111',
      'archive_intended_role_1_111111111111',
    ]);
    expect(rules.archive_intended_bucket_111111111111.filter).toEqual([
      { criteria: 'isPublic', eq: ['false'] },
      { criteria: 'principal.AWS', eq: ['111111111111'] },
      { criteria: 'resource', eq: ['arn:aws:s3:::my-shared-bucket'] },
      { criteria: 'resourceType', eq: ['AWS::S3::Bucket'] },
      { criteria: 'condition.aws:PrincipalArn', eq: ['arn:aws:iam::111111111111:role/RoleInAccountA'] },
    ]);
    // The key's ARN is known only at apply: a reference to it.
    expect(JSON.stringify(rules.archive_intended_key_111111111111.filter)).toContain('${aws_kms_key.bucket.arn}');
    // The assume-role consumer reaches the producer role, not the bucket: that role is the external door.
    expect(JSON.stringify(rules.archive_intended_role_1_111111111111.filter)).toContain(
      'arn:aws:iam::222222222222:role/S3AccessFromA',
    );
  });

  test('change alerts: two EventBridge rules to one topic that only they and the alarm may publish to', () => {
    const pattern = JSON.parse(r.aws_cloudwatch_event_rule.my_shared_bucket_share_changes_s3.event_pattern as string);
    expect(pattern.detail.$or[0].requestParameters.bucketName).toEqual(['my-shared-bucket']);
    expect(pattern.detail.$or[0].eventName).toContain('PutBucketPolicy');
    expect(pattern.detail.$or[1].eventName).toContain('CreateAccessPoint');
    const kms = JSON.parse(r.aws_cloudwatch_event_rule.my_shared_bucket_share_changes_kms.event_pattern as string);
    expect(kms.detail.eventName).toEqual(['CreateGrant', 'DisableKey', 'PutKeyPolicy', 'ScheduleKeyDeletion']);
    const policy = JSON.parse(r.aws_sns_topic_policy.share_changes.policy as string);
    expect(policy.Statement.map((s: Json) => s.Principal.Service).sort()).toEqual([
      'cloudwatch.amazonaws.com',
      'events.amazonaws.com',
    ]);
    for (const s of policy.Statement) expect(s.Condition.StringEquals['aws:SourceAccount']).toBe('222222222222');
  });

  test('the alarm on 4xx answers of the bucket, the request metrics it reads, the lifecycle rule', () => {
    expect(r.aws_cloudwatch_metric_alarm.denied_requests).toMatchObject({
      metric_name: '4xxErrors',
      threshold: 10,
      period: 300,
      alarm_actions: ['${aws_sns_topic.share_changes.arn}'],
    });
    expect(r.aws_s3_bucket_metric.bucket).toMatchObject({ name: 'EntireBucket' });
    expect(r.aws_s3_bucket_lifecycle_configuration.bucket.rule).toEqual([
      expect.objectContaining({ abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] }),
    ]);
  });

  test('the trail monitoring brings: management events too, every region, log file validation', () => {
    const trail = Object.values(r.aws_cloudtrail)[0] as Json;
    expect(trail).toMatchObject({
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
    });
    expect(trail.advanced_event_selector[0].field_selector).toEqual([
      { field: 'eventCategory', equals: ['Management'] },
    ]);
  });
});

test('customized: an existing analyzer (none created), email and topic subscribers, threshold, noncurrent expiry', () => {
  const r = Object.values(synth(audit).stacks)[0].json.resource!;
  expect(r.aws_accessanalyzer_analyzer).toBeUndefined();
  for (const rule of Object.values(r.aws_accessanalyzer_archive_rule))
    expect((rule as Json).analyzer_name).toBe('org-external-access');
  expect(Object.values(r.aws_sns_topic_subscription).map((s) => (s as Json).endpoint)).toEqual([
    's3-share-owners@example.com',
  ]);
  expect(Object.values(r.aws_cloudwatch_event_target).map((t) => (t as Json).arn)).toContain(
    'arn:aws:sns:us-east-2:444444444444:security-hub-intake',
  );
  expect(r.aws_cloudwatch_metric_alarm.denied_requests).toMatchObject({ threshold: 25, period: 900 });
  expect((r.aws_s3_bucket_lifecycle_configuration.bucket.rule as Json[])[1]).toMatchObject({
    noncurrent_version_expiration: [{ noncurrent_days: 90 }],
  });
});

test('without the section, or switched off, nothing of it is synthesized', () => {
  const off = Object.values(synth(load('examples/multi-account.json')).stacks)
    .map((s) => s.text)
    .join('');
  const absent = Object.values(synth(aps).stacks)
    .map((s) => s.text)
    .join('');
  for (const text of [off, absent]) {
    expect(text).not.toContain('aws_accessanalyzer');
    expect(text).not.toContain('aws_sns_topic');
  }
});

describe('config errors name the field', () => {
  test.each<[string, (c: Json) => void, string]>([
    ['a typo', (c) => (c.monitoring = { alert: {} }), 'monitoring.alert: unknown field: did you mean "alerts"?'],
    [
      'a period CloudWatch does not offer',
      (c) => (c.monitoring = { deniedRequests: { periodMinutes: 7 } }),
      'monitoring.deniedRequests.periodMinutes',
    ],
    [
      'a bad email',
      (c) => (c.monitoring = { alerts: { email: ['not an address'] } }),
      'monitoring.alerts.email[0]: an email address looks like team@example.com',
    ],
    [
      'a topic of another region',
      (c) => (c.monitoring = { alerts: { topicArns: ['arn:aws:sns:eu-west-1:222222222222:x'] } }),
      'monitoring.alerts.topicArns[0]: the topic is in eu-west-1, the rules in us-east-1',
    ],
    [
      'noncurrent expiry on an unversioned bucket',
      (c) => {
        c.producer.bucket.versioning = false;
        c.monitoring = { lifecycle: { noncurrentVersionExpirationDays: 30 } };
      },
      'monitoring.lifecycle.noncurrentVersionExpirationDays: the bucket is not versioned',
    ],
    [
      'zero days',
      (c) => (c.monitoring = { lifecycle: { abortIncompleteUploadsAfterDays: 0 } }),
      'monitoring.lifecycle.abortIncompleteUploadsAfterDays',
    ],
  ])('%s', (_, edit, expected) => {
    expect(problems(edit).join('\n')).toContain(expected);
  });
});

describe('verify refuses hand-edits of the monitoring', () => {
  test('as synthesized: no finding', async () => {
    expect((await findings()).ok).toBe(true);
    expect((await findings(audit)).ok).toBe(true);
  });

  const rule = (r: Json) => r.aws_accessanalyzer_archive_rule.archive_intended_bucket_111111111111;
  test.each<[string, (r: Json) => void, string]>([
    ['an archive rule without its role pin', (r) => rule(r).filter.pop(), 'account 111111111111 is archived whole'],
    [
      'an archive rule of an account not granted',
      (r) => (rule(r).filter[1].eq = ['999999999999']),
      'principal 999999999999: granted nothing',
    ],
    ['an archive rule without a resource', (r) => rule(r).filter.splice(2, 1), 'it names no single resource'],
    ['an archive rule on public access', (r) => (rule(r).filter[0].eq = ['true']), 'isPublic'],
    [
      'an archive rule with "contains"',
      (r) => (rule(r).filter[4] = { criteria: 'condition.aws:PrincipalArn', contains: ['role/'] }),
      'only "eq"',
    ],
    [
      'an archive rule pinned to a role not granted',
      (r) => (rule(r).filter[4].eq = ['arn:aws:iam::111111111111:role/Other']),
      'role arn:aws:iam::111111111111:role/Other: not granted',
    ],
    [
      'a topic policy open to any AWS principal',
      (r) => {
        const p = JSON.parse(r.aws_sns_topic_policy.share_changes.policy);
        p.Statement.push({
          Sid: 'Any',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'sns:Publish',
          Resource: '*',
        });
        r.aws_sns_topic_policy.share_changes.policy = JSON.stringify(p);
      },
      'the topic policy is open: statement Any',
    ],
    [
      'a topic policy without its source account',
      (r) => {
        const p = JSON.parse(r.aws_sns_topic_policy.share_changes.policy);
        delete p.Statement[1].Condition.StringEquals;
        r.aws_sns_topic_policy.share_changes.policy = JSON.stringify(p);
      },
      'aws:SourceAccount is not 222222222222',
    ],
    [
      'an alert rule that lost PutBucketPolicy',
      (r) => {
        const e = r.aws_cloudwatch_event_rule.my_shared_bucket_share_changes_s3;
        e.event_pattern = e.event_pattern.replace('"PutBucketPolicy",', '');
      },
      'its event pattern is',
    ],
    [
      'alerts sent elsewhere',
      (r) =>
        (r.aws_cloudwatch_event_target.my_shared_bucket_share_changes_s3_topic.arn =
          'arn:aws:sns:us-east-1:999999999999:x'),
      'neither the alert topic',
    ],
    [
      'an archive rule removed',
      (r) => delete r.aws_accessanalyzer_archive_rule.archive_intended_bucket_111111111111,
      'no archive rule for arn:aws:iam::111111111111:role/RoleInAccountA on arn:aws:s3:::my-shared-bucket',
    ],
    [
      'the alarm silenced',
      (r) => (r.aws_cloudwatch_metric_alarm.denied_requests.threshold = 1000000),
      'threshold is 1000000',
    ],
    [
      'the alarm removed',
      (r) => delete r.aws_cloudwatch_metric_alarm,
      'no aws_cloudwatch_metric_alarm on denied requests',
    ],
    [
      'a subscriber the config does not name',
      (r) =>
        (r.aws_sns_topic_subscription = {
          x: {
            provider: r.aws_sns_topic.share_changes.provider,
            topic_arn: '${aws_sns_topic.share_changes.arn}',
            protocol: 'email',
            endpoint: 'eve@example.net',
          },
        }),
      'eve@example.net',
    ],
    [
      'the trail back to one region',
      (r) => (r.aws_cloudtrail[Object.keys(r.aws_cloudtrail)[0]].is_multi_region_trail = false),
      'is_multi_region_trail is false',
    ],
  ])('%s', async (_, edit, expected) => {
    const r = await findings(seed, edit);
    expect(r.ok).toBe(false);
    expect(r.text).toContain(expected);
  });
});

test('archive-rule proof on its own: the exact rule passes, one wider than the grants does not', () => {
  const grants = new Map([
    [
      'arn:aws:s3:::b',
      { type: 'AWS::S3::Bucket', accounts: new Map([['111111111111', new Set(['arn:aws:iam::111111111111:role/R'])]]) },
    ],
  ]);
  const exact = [
    { criteria: 'isPublic', eq: ['false'] },
    { criteria: 'principal.AWS', eq: ['111111111111'] },
    { criteria: 'resource', eq: ['arn:aws:s3:::b'] },
    { criteria: 'resourceType', eq: ['AWS::S3::Bucket'] },
    { criteria: 'condition.aws:PrincipalArn', eq: ['arn:aws:iam::111111111111:role/R'] },
  ];
  expect(archiveRuleProblems(exact, grants)).toEqual([]);
  expect(archiveRuleProblems([], grants)).toEqual(['it has no filter: it archives every finding']);
  expect(archiveRuleProblems([...exact, { criteria: 'error', eq: ['x'] }], grants).join()).toContain(
    'which no grant explains',
  );
});
