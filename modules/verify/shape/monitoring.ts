/**
 * The monitoring section's resources, read from the config alone (not from the plan or
 * modules/producer): each attribute with the value the config implies, the archive
 * rules proven no wider than the grants (a rule that archives a principal, an account or
 * a resource not granted hides a finding), and the alert topic's policy proven closed
 * (only EventBridge rules and the alarm of this account publish).
 */
import type { Config } from '../../config';
import { accountOfArn } from '../../naming';
import type { Intent } from '../intent';
import type { Located } from '../terraform';
import type { ShapeFinding } from './finding';
import { same, shown } from './same';

export type Rule = { equal: unknown; optional?: boolean } | 'text' | 'policy' | 'checked' | { ref: RegExp };
type Fail = (message: string, kind?: ShapeFinding['kind']) => void;

export const MONITORING_TYPES = [
  'aws_accessanalyzer_analyzer',
  'aws_accessanalyzer_archive_rule',
  'aws_sns_topic',
  'aws_sns_topic_policy',
  'aws_sns_topic_subscription',
  'aws_cloudwatch_event_rule',
  'aws_cloudwatch_event_target',
  'aws_cloudwatch_metric_alarm',
  'aws_s3_bucket_metric',
  'aws_s3_bucket_lifecycle_configuration',
];

// Written here from issue 22's list, apart from the plan's: a pattern that lost an event is a finding.
const S3_BUCKET_EVENTS = [
  'DeleteBucketEncryption',
  'DeleteBucketOwnershipControls',
  'DeleteBucketPolicy',
  'DeleteBucketPublicAccessBlock',
  'PutBucketAcl',
  'PutBucketEncryption',
  'PutBucketOwnershipControls',
  'PutBucketPolicy',
  'PutBucketPublicAccessBlock',
];
const S3_ACCOUNT_EVENTS = [
  'CreateAccessPoint',
  'DeleteAccessPoint',
  'DeleteAccessPointPolicy',
  'DeleteAccountPublicAccessBlock',
  'PutAccessPointPolicy',
  'PutAccountPublicAccessBlock',
];
const KMS_EVENTS = ['CreateGrant', 'DisableKey', 'PutKeyPolicy', 'ScheduleKeyDeletion'];
const ARCHIVE_CRITERIA = new Set([
  'isPublic',
  'principal.AWS',
  'resource',
  'resourceType',
  'condition.aws:PrincipalArn',
]);

/** Resource ARN -> its Access Analyzer type and, per external account, the role ARNs granted ('*': all of it). */
export type Grants = Map<string, { type: string; accounts: Map<string, Set<string>> }>;

/** What the config grants outside the producer account, on what Access Analyzer analyzes here. */
function intendedExternal(intent: Intent, keyArn: string | undefined): Grants {
  const out: Grants = new Map();
  const add = (resource: string, type: string, account: string, role: string) => {
    if (account === intent.producer) return;
    const r = out.get(resource) ?? { type, accounts: new Map<string, Set<string>>() };
    out.set(resource, r);
    r.accounts.set(account, (r.accounts.get(account) ?? new Set<string>()).add(role));
  };
  const keyHere = intent.kms && keyArn && accountOfArn(keyArn) === intent.producer;
  for (const c of intent.consumers) {
    if (c.method === 'assume-role') {
      add(c.actingArn, 'AWS::IAM::Role', c.accountId, c.roleArn);
      continue;
    }
    add(intent.bucketArn, 'AWS::S3::Bucket', c.accountId, c.roleArn);
    if (keyHere) add(keyArn, 'AWS::KMS::Key', c.accountId, intent.kms!.keyGrants === 'accounts' ? '*' : c.roleArn);
  }
  return out;
}

/** Why an archive rule archives more than the grants (empty: it does not). */
export function archiveRuleProblems(filter: unknown, grants: Grants): string[] {
  if (!Array.isArray(filter) || filter.length === 0) return ['it has no filter: it archives every finding'];
  const eq = new Map<string, string[]>();
  const problems: string[] = [];
  for (const f of filter as Record<string, unknown>[]) {
    const criteria = String(f?.criteria);
    const other = Object.keys(f ?? {}).filter((k) => k !== 'criteria' && k !== 'eq');
    if (other.length)
      problems.push(`the filter on ${criteria} uses ${other.join(', ')}: only "eq" names exactly what is archived`);
    if (!ARCHIVE_CRITERIA.has(criteria)) problems.push(`it filters on ${criteria}, which no grant explains`);
    if (eq.has(criteria)) problems.push(`it filters on ${criteria} twice`);
    const values = f?.eq;
    if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string'))
      problems.push(`the filter on ${criteria} names no values with "eq"`);
    else eq.set(criteria, values as string[]);
  }
  if (problems.length) return problems;
  if (!same(eq.get('isPublic'), ['false']))
    problems.push('it does not keep isPublic = false: it would archive public access');
  const resources = eq.get('resource');
  if (!resources || resources.length !== 1)
    return [...problems, 'it names no single resource: it archives findings on any'];
  const g = grants.get(resources[0]);
  if (!g) return [...problems, `resource ${resources[0]}: the config grants nothing on it to another account`];
  if (!same(eq.get('resourceType'), [g.type]))
    problems.push(`resourceType is ${shown(eq.get('resourceType'))}, not ${g.type}`);
  const accounts = eq.get('principal.AWS');
  if (!accounts) return [...problems, 'it names no principal.AWS: it archives findings of any account'];
  const roles = eq.get('condition.aws:PrincipalArn');
  for (const a of accounts) {
    const granted = g.accounts.get(a);
    if (!granted) problems.push(`principal ${a}: granted nothing on ${resources[0]}`);
    else if (!roles && !granted.has('*'))
      problems.push(
        `account ${a} is archived whole, but only roles of it are granted (${[...granted].sort().join(', ')})`,
      );
  }
  for (const role of roles ?? []) {
    const granted = g.accounts.get(accountOfArn(role));
    if (!accounts.includes(accountOfArn(role)) || !granted || !(granted.has(role) || granted.has('*')))
      problems.push(`role ${role}: not granted on ${resources[0]}`);
  }
  return problems;
}

/** Why the alert topic's policy lets someone else publish (empty: it does not). */
function topicPolicyProblems(
  text: unknown,
  topicArn: string,
  sources: Record<string, string[]>,
  account: string,
): string[] {
  let doc: { Version?: unknown; Statement?: unknown };
  try {
    doc = JSON.parse(String(text)) as typeof doc;
  } catch {
    return ['the topic policy is not JSON'];
  }
  const problems: string[] = [];
  const statements = Array.isArray(doc.Statement)
    ? (doc.Statement as Record<string, unknown>[])
    : [doc.Statement as Record<string, unknown>];
  statements.forEach((s, i) => {
    const at = `statement ${String(s?.Sid ?? i)}`;
    const keys = Object.keys(s ?? {}).filter(
      (k) => !['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'Condition'].includes(k),
    );
    if (keys.length) problems.push(`${at}: ${keys.join(', ')}, which synth never writes`);
    if (s?.Effect === 'Deny') return; // narrows only
    const service = (s?.Principal as Record<string, unknown> | undefined)?.Service;
    const principalKeys = typeof s?.Principal === 'object' && s.Principal ? Object.keys(s.Principal) : [];
    if (typeof service !== 'string' || !(service in sources) || principalKeys.length !== 1) {
      problems.push(`${at}: principal ${shown(s?.Principal)}; only EventBridge and CloudWatch of this account publish`);
      return;
    }
    if (!same(s.Action, 'sns:Publish') && !same(s.Action, ['sns:Publish']))
      problems.push(`${at}: action ${shown(s.Action)}, not sns:Publish`);
    if (!same(s.Resource, topicArn) && !same(s.Resource, [topicArn]))
      problems.push(`${at}: resource ${shown(s.Resource)}, not the topic`);
    const cond = (s.Condition ?? {}) as Record<string, Record<string, unknown>>;
    const list = (v: unknown) => (Array.isArray(v) ? v : [v]);
    const arns = list(cond.ArnEquals?.['aws:SourceArn']);
    if (!cond.ArnEquals?.['aws:SourceArn'] || !arns.every((a) => sources[service].includes(String(a))))
      problems.push(
        `${at}: aws:SourceArn ${shown(cond.ArnEquals?.['aws:SourceArn'])}, not only ${shown(sources[service])}`,
      );
    if (!same(list(cond.StringEquals?.['aws:SourceAccount']), [account]))
      problems.push(`${at}: aws:SourceAccount is not ${account}`);
    const extra = Object.entries(cond).flatMap(([op, kv]) =>
      Object.keys(kv ?? {})
        .filter(
          (k) =>
            !((op === 'ArnEquals' && k === 'aws:SourceArn') || (op === 'StringEquals' && k === 'aws:SourceAccount')),
        )
        .map((k) => `${op} ${k}`),
    );
    if (extra.length) problems.push(`${at}: conditions ${extra.join(', ')}, which synth never writes`);
  });
  return problems;
}

const base = (config: Config) => config.producer.bucket.name.replace(/\./g, '-');

/** The EventBridge rules the alerts need, by name, with their patterns (the key ARN as verify resolves it). */
function expectedEventRules(config: Config, keyArn: string | undefined): Map<string, unknown> {
  const api = { 'detail-type': ['AWS API Call via CloudTrail'] };
  const rules = new Map<string, unknown>([
    [
      `${base(config)}-share-changes-s3`,
      {
        source: ['aws.s3'],
        ...api,
        detail: {
          eventSource: ['s3.amazonaws.com'],
          $or: [
            { eventName: S3_BUCKET_EVENTS, requestParameters: { bucketName: [config.producer.bucket.name] } },
            { eventName: S3_ACCOUNT_EVENTS },
          ],
        },
      },
    ],
  ]);
  if (keyArn && accountOfArn(keyArn) === config.producer.accountId)
    rules.set(`${base(config)}-share-changes-kms`, {
      source: ['aws.kms'],
      ...api,
      detail: { eventSource: ['kms.amazonaws.com'], eventName: KMS_EVENTS, resources: { ARN: [keyArn] } },
    });
  return rules;
}

export interface MonitoringShape {
  /** The rules of a monitoring resource; undefined for any other type. */
  rulesOf(r: Located, resolved: (v: unknown) => unknown, fail: Fail): Record<string, Rule> | undefined;
  /** What must be there exactly once, checked after every resource was read. */
  finish(): ShapeFinding[];
}

export function monitoringShape(config: Config, intent: Intent, keyArn: string | undefined): MonitoringShape {
  const m = config.monitoring;
  const { partition, region } = config;
  const account = config.producer.accountId;
  const counts = new Map<string, number>();
  const count = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
  const topicArn = m?.alerts ? `arn:${partition}:sns:${region}:${account}:${m.alerts.topicName}` : undefined;
  const alarmArn = m?.deniedRequests
    ? `arn:${partition}:cloudwatch:${region}:${account}:alarm:${m.deniedRequests.alarmName}`
    : undefined;
  const rules = m?.alerts ? expectedEventRules(config, keyArn) : new Map<string, unknown>();
  const grants = intendedExternal(intent, keyArn);
  const bucketCreated = !config.producer.bucket.existing;
  /** "<resource> <account> <role|*>" each proven rule archives: every grant must have one (exact, not only narrow). */
  const covered = new Set<string>();
  const archived = (filter: { criteria: string; eq: string[] }[]) => {
    const eq = (c: string) => filter.find((f) => f.criteria === c)?.eq;
    const roles = eq('condition.aws:PrincipalArn') ?? ['*'];
    for (const a of eq('principal.AWS') ?? [])
      for (const role of roles) covered.add(`${eq('resource')![0]} ${a} ${role}`);
  };
  const none = (what: string, fail: Fail) => fail(`${what}: the config's monitoring section asks for none`, 'posture');

  return {
    rulesOf(r, resolved, fail): Record<string, Rule> | undefined {
      if (!MONITORING_TYPES.includes(r.type)) return undefined;
      if (r.account !== account)
        fail(
          `its provider is pinned to account ${r.account}, but monitoring belongs to the producer (${account})`,
          'posture',
        );
      switch (r.type) {
        case 'aws_accessanalyzer_analyzer':
          count('analyzer');
          if (!m?.accessAnalyzer || m.accessAnalyzer.existing) none('an analyzer', fail);
          return { analyzer_name: { equal: m?.accessAnalyzer?.analyzerName }, type: { equal: 'ACCOUNT' } };
        case 'aws_accessanalyzer_archive_rule': {
          if (!m?.accessAnalyzer) none('an archive rule', fail);
          const filter = resolved(r.body.filter);
          const problems = archiveRuleProblems(filter, grants);
          for (const p of problems) fail(`archives more than the grants: ${p}`, 'posture');
          if (!problems.length) archived(filter as { criteria: string; eq: string[] }[]);
          return { analyzer_name: { equal: m?.accessAnalyzer?.analyzerName }, rule_name: 'text', filter: 'checked' };
        }
        case 'aws_sns_topic':
          count('topic');
          if (!m?.alerts) none('an alert topic', fail);
          return { name: { equal: m?.alerts?.topicName } };
        case 'aws_sns_topic_policy': {
          count('topic policy');
          if (!topicArn) none('a topic policy', fail);
          else {
            if (resolved(r.body.arn) !== topicArn) fail(`arn ${shown(r.body.arn)}: not the alert topic`, 'posture');
            const sources = {
              'events.amazonaws.com': [...rules.keys()].map(
                (n) => `arn:${partition}:events:${region}:${account}:rule/${n}`,
              ),
              ...(alarmArn ? { 'cloudwatch.amazonaws.com': [alarmArn] } : {}),
            };
            for (const p of topicPolicyProblems(resolved(r.body.policy), topicArn, sources, account))
              fail(`the topic policy is open: ${p}`, 'posture');
          }
          return { arn: 'text', policy: 'text' };
        }
        case 'aws_sns_topic_subscription': {
          const endpoint = String(r.body.endpoint);
          count(`email\u0000${endpoint}`);
          if (!m?.alerts?.email.includes(endpoint))
            fail(
              `subscribes ${shown(r.body.endpoint)}, which the config's monitoring.alerts.email does not name`,
              'posture',
            );
          if (resolved(r.body.topic_arn) !== topicArn)
            fail(`topic_arn ${shown(r.body.topic_arn)}: not the alert topic`, 'posture');
          return { topic_arn: 'text', protocol: { equal: 'email' }, endpoint: 'text' };
        }
        case 'aws_cloudwatch_event_rule': {
          const name = String(r.body.name);
          count(`rule\u0000${name}`);
          const expected = rules.get(name);
          if (!expected) none(`an EventBridge rule ${shown(r.body.name)}`, fail);
          else {
            let pattern: unknown;
            try {
              pattern = JSON.parse(String(resolved(r.body.event_pattern)));
            } catch {
              pattern = undefined;
            }
            if (!same(pattern, expected))
              fail(`its event pattern is ${shown(pattern)}, the config implies ${shown(expected)}`, 'posture');
          }
          return { name: 'text', description: 'text', event_pattern: 'text' };
        }
        case 'aws_cloudwatch_event_target': {
          const rule = String(resolved(r.body.rule));
          const arn = String(resolved(r.body.arn));
          count(`target\u0000${rule}\u0000${arn}`);
          if (!rules.has(rule)) fail(`targets rule ${shown(rule)}, not one of the alert rules`, 'posture');
          if (arn !== topicArn && !m?.alerts?.topicArns.includes(arn))
            fail(
              `sends the alerts to ${shown(arn)}: neither the alert topic nor one of monitoring.alerts.topicArns`,
              'posture',
            );
          return { rule: 'text', target_id: 'text', arn: 'text' };
        }
        case 'aws_cloudwatch_metric_alarm': {
          count('alarm');
          const d = m?.deniedRequests;
          if (!d) none('an alarm', fail);
          return {
            alarm_name: { equal: d?.alarmName },
            alarm_description: 'text',
            namespace: { equal: 'AWS/S3' },
            metric_name: { equal: '4xxErrors' },
            dimensions: { equal: { BucketName: config.producer.bucket.name, FilterId: 'EntireBucket' } },
            statistic: { equal: 'Sum' },
            period: { equal: d?.periodSeconds },
            evaluation_periods: { equal: 1 },
            threshold: { equal: d?.threshold },
            comparison_operator: { equal: 'GreaterThanOrEqualToThreshold' },
            treat_missing_data: { equal: 'notBreaching' },
            alarm_actions: { equal: topicArn ? [topicArn] : [] },
          };
        }
        case 'aws_s3_bucket_metric':
          count('metric');
          if (!m?.deniedRequests) none('request metrics', fail);
          if (resolved(r.body.bucket) !== config.producer.bucket.name)
            fail(`on bucket ${shown(resolved(r.body.bucket))}: not the shared bucket`, 'posture');
          return { bucket: 'text', name: { equal: 'EntireBucket' } };
        case 'aws_s3_bucket_lifecycle_configuration': {
          count('lifecycle');
          const l = m?.lifecycle;
          if (!l || !bucketCreated) none('a lifecycle configuration', fail);
          if (resolved(r.body.bucket) !== config.producer.bucket.name)
            fail(`on bucket ${shown(resolved(r.body.bucket))}: not the shared bucket`, 'posture');
          const all = [{ prefix: '' }];
          return {
            bucket: 'text',
            rule: {
              equal: [
                ...(l?.abortIncompleteUploadsAfterDays
                  ? [
                      {
                        id: 'abort-incomplete-multipart-uploads',
                        status: 'Enabled',
                        filter: all,
                        abort_incomplete_multipart_upload: [
                          { days_after_initiation: l.abortIncompleteUploadsAfterDays },
                        ],
                      },
                    ]
                  : []),
                ...(l?.noncurrentVersionExpirationDays
                  ? [
                      {
                        id: 'expire-noncurrent-versions',
                        status: 'Enabled',
                        filter: all,
                        noncurrent_version_expiration: [{ noncurrent_days: l.noncurrentVersionExpirationDays }],
                      },
                    ]
                  : []),
              ],
            },
          };
        }
      }
      return undefined;
    },
    finish() {
      const out: ShapeFinding[] = [];
      const once = (key: string, what: string) => {
        const n = counts.get(key) ?? 0;
        if (n !== 1)
          out.push({
            where: 'monitoring',
            kind: 'posture',
            message: n === 0 ? `no ${what} (the config's monitoring section asks for it)` : `${n} ${what} resources`,
          });
      };
      if (!m) return out;
      if (m.accessAnalyzer && !m.accessAnalyzer.existing) once('analyzer', 'aws_accessanalyzer_analyzer');
      if (m.accessAnalyzer)
        for (const [resource, g] of grants)
          for (const [a, roles] of g.accounts)
            for (const role of roles)
              if (!covered.has(`${resource} ${a} ${role}`) && !covered.has(`${resource} ${a} *`))
                out.push({
                  where: 'monitoring',
                  kind: 'posture',
                  message: `no archive rule for ${role === '*' ? `account ${a}` : role} on ${resource}: the access the config intends would stay an active finding`,
                });
      if (m.alerts) {
        once('topic', 'aws_sns_topic');
        once('topic policy', 'aws_sns_topic_policy');
        for (const e of m.alerts.email) once(`email\u0000${e}`, `subscription of ${e}`);
        for (const name of rules.keys()) {
          once(`rule\u0000${name}`, `EventBridge rule ${name}`);
          for (const arn of [topicArn!, ...m.alerts.topicArns])
            once(`target\u0000${name}\u0000${arn}`, `target ${arn} of ${name}`);
        }
      }
      if (m.deniedRequests) {
        once('alarm', 'aws_cloudwatch_metric_alarm on denied requests');
        once('metric', 'aws_s3_bucket_metric (the alarm reads it)');
      }
      if (m.lifecycle && bucketCreated) once('lifecycle', 'aws_s3_bucket_lifecycle_configuration');
      return out;
    },
  };
}
