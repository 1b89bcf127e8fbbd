/**
 * What the `monitoring` section asks for, as data (rendered by modules/producer/monitoring.ts):
 * Access Analyzer archive rules for exactly the external access the grants give, the
 * change-alert event patterns, the SNS topic policy, the alarm and the lifecycle rule.
 */
import type { Config } from '../config';
import { accountOfArn, bucketArn } from '../naming';
import { consumerRoleArn, keyArnOf, producerRoleArn, Share } from '../policy';

/** A filter of an archive rule: all of them must match for a finding to be archived. */
export interface ArchiveFilter {
  criteria: string;
  eq: string[];
}
export interface ArchiveRulePlan {
  ruleName: string;
  filter: ArchiveFilter[];
}
export interface EventRulePlan {
  name: string;
  description: string;
  /** The EventBridge pattern; the key ARN as the KEY_ARN stand-in (policyText fills it in). */
  eventPattern: Record<string, unknown>;
  arn: string;
}
export interface MonitoringPlan {
  analyzer?: { name: string; create: boolean; archiveRules: ArchiveRulePlan[] };
  alerts?: {
    topicName: string;
    topicArn: string;
    email: string[];
    topicArns: string[];
    rules: EventRulePlan[];
    topicPolicy: { Version: '2012-10-17'; Statement: Record<string, unknown>[] };
  };
  deniedRequests?: { alarmName: string; alarmArn: string; threshold: number; periodSeconds: number; filterId: string };
  lifecycle?: { abortIncompleteUploadsAfterDays?: number; noncurrentVersionExpirationDays?: number };
}

/** Management events that change who can reach the bucket or its key (issue 22's list). */
export const BUCKET_EVENTS = [
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
/** Not tied to the bucket by name in the event: any of them in the account is worth a look. */
export const ACCOUNT_S3_EVENTS = [
  'CreateAccessPoint',
  'DeleteAccessPoint',
  'DeleteAccessPointPolicy',
  'DeleteAccountPublicAccessBlock',
  'PutAccessPointPolicy',
  'PutAccountPublicAccessBlock',
];
export const KEY_EVENTS = ['CreateGrant', 'DisableKey', 'PutKeyPolicy', 'ScheduleKeyDeletion'];

/** Access Analyzer: at most 20 values per filter (Criterion, API reference). */
const FILTER_VALUES_MAX = 20;
/** The S3 request-metrics filter the alarm reads (the whole bucket). */
export const METRICS_FILTER_ID = 'EntireBucket';

const chunks = <T>(xs: T[], n: number): T[][] =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/**
 * Resource -> external account -> the role ARNs it grants there ('*': the whole account).
 * From the routed consumers: who the bucket, key and producer-role policies name.
 */
export function externalGrants(share: Share): Map<string, { type: string; accounts: Map<string, Set<string>> }> {
  const { config } = share;
  const producer = config.producer.accountId;
  const out = new Map<string, { type: string; accounts: Map<string, Set<string>> }>();
  const add = (resource: string, type: string, account: string, role: string) => {
    if (account === producer) return; // not external: Access Analyzer reports no finding
    const r = out.get(resource) ?? { type, accounts: new Map() };
    out.set(resource, r);
    const roles = r.accounts.get(account) ?? new Set<string>();
    r.accounts.set(account, roles);
    roles.add(role);
  };
  const bucket = bucketArn(config.partition, config.producer.bucket.name);
  const enc = config.producer.bucket.encryption;
  const key = keyArnOf(config);
  // A key of another account is analyzed there, not here.
  const keyHere = key && (enc.type === 'kms' && enc.keyArn ? accountOfArn(enc.keyArn) === producer : true);
  for (const c of share.consumers) {
    if (c.method === 'assume-role') {
      add(producerRoleArn(config, c), 'AWS::IAM::Role', c.accountId, consumerRoleArn(config, c));
      continue;
    }
    const role = consumerRoleArn(config, c);
    // Through the bucket policy, or an access point of the bucket (findings name the bucket).
    add(bucket, 'AWS::S3::Bucket', c.accountId, role);
    if (keyHere && enc.type === 'kms')
      add(key, 'AWS::KMS::Key', c.accountId, enc.keyGrants === 'accounts' ? '*' : role);
  }
  return out;
}

function archiveRules(share: Share): ArchiveRulePlan[] {
  const rules: ArchiveRulePlan[] = [];
  const kinds: Record<string, string> = {
    'AWS::S3::Bucket': 'bucket',
    'AWS::KMS::Key': 'key',
    'AWS::IAM::Role': 'role',
  };
  const grants = [...externalGrants(share)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let roleIndex = 0;
  for (const [resource, { type, accounts }] of grants) {
    const kind = type === 'AWS::IAM::Role' ? `role-${++roleIndex}` : kinds[type];
    for (const account of [...accounts.keys()].sort()) {
      const roles = [...accounts.get(account)!].sort();
      const base: ArchiveFilter[] = [
        { criteria: 'isPublic', eq: ['false'] },
        { criteria: 'principal.AWS', eq: [account] },
        { criteria: 'resource', eq: [resource] },
        { criteria: 'resourceType', eq: [type] },
      ];
      const parts = roles.includes('*') ? [[]] : chunks(roles, FILTER_VALUES_MAX);
      parts.forEach((part, i) => {
        rules.push({
          ruleName: `intended-${kind}-${account}${parts.length > 1 ? `-${i + 1}` : ''}`,
          filter: part.length ? [...base, { criteria: 'condition.aws:PrincipalArn', eq: part }] : base,
        });
      });
    }
  }
  return rules;
}

const ruleArn = (config: Config, name: string) =>
  `arn:${config.partition}:events:${config.region}:${config.producer.accountId}:rule/${name}`;

function eventRules(config: Config): EventRulePlan[] {
  const base = config.producer.bucket.name.replace(/\./g, '-');
  const api = { 'detail-type': ['AWS API Call via CloudTrail'] };
  const s3 = `${base}-share-changes-s3`;
  const rules: EventRulePlan[] = [
    {
      name: s3,
      description: `Changes to the policy, ACL, ownership, encryption or public access of ${config.producer.bucket.name}, and to access points of this account`,
      eventPattern: {
        source: ['aws.s3'],
        ...api,
        detail: {
          eventSource: ['s3.amazonaws.com'],
          $or: [
            { eventName: BUCKET_EVENTS, requestParameters: { bucketName: [config.producer.bucket.name] } },
            { eventName: ACCOUNT_S3_EVENTS },
          ],
        },
      },
      arn: ruleArn(config, s3),
    },
  ];
  const key = keyArnOf(config);
  const enc = config.producer.bucket.encryption;
  const keyHere = key && !(enc.type === 'kms' && enc.keyArn && accountOfArn(enc.keyArn) !== config.producer.accountId);
  if (key && keyHere) {
    const kms = `${base}-share-changes-kms`;
    rules.push({
      name: kms,
      description: `Changes to the policy, state or grants of the key of ${config.producer.bucket.name}`,
      eventPattern: {
        source: ['aws.kms'],
        ...api,
        detail: { eventSource: ['kms.amazonaws.com'], eventName: KEY_EVENTS, resources: { ARN: [key] } },
      },
      arn: ruleArn(config, kms),
    });
  }
  return rules;
}

export function monitoringPlan(share: Share): MonitoringPlan | undefined {
  const { config } = share;
  const m = config.monitoring;
  if (!m) return undefined;
  const { partition, region } = config;
  const account = config.producer.accountId;
  const alarmArn = m.deniedRequests
    ? `arn:${partition}:cloudwatch:${region}:${account}:alarm:${m.deniedRequests.alarmName}`
    : undefined;
  const plan: MonitoringPlan = {};
  if (m.accessAnalyzer)
    plan.analyzer = {
      name: m.accessAnalyzer.analyzerName,
      create: !m.accessAnalyzer.existing,
      archiveRules: archiveRules(share),
    };
  if (m.alerts) {
    const topicArn = `arn:${partition}:sns:${region}:${account}:${m.alerts.topicName}`;
    const rules = eventRules(config);
    const publish = (sid: string, service: string, sources: string[]) => ({
      Sid: sid,
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 'sns:Publish',
      Resource: topicArn,
      Condition: {
        ArnEquals: { 'aws:SourceArn': sources.length === 1 ? sources[0] : sources },
        StringEquals: { 'aws:SourceAccount': account },
      },
    });
    plan.alerts = {
      topicName: m.alerts.topicName,
      topicArn,
      email: m.alerts.email,
      topicArns: m.alerts.topicArns,
      rules,
      topicPolicy: {
        Version: '2012-10-17',
        Statement: [
          ...(alarmArn ? [publish('CloudWatchAlarmPublishes', 'cloudwatch.amazonaws.com', [alarmArn])] : []),
          publish(
            'EventBridgeRulesPublish',
            'events.amazonaws.com',
            rules.map((r) => r.arn),
          ),
        ],
      },
    };
  }
  if (m.deniedRequests && alarmArn)
    plan.deniedRequests = { ...m.deniedRequests, alarmArn, filterId: METRICS_FILTER_ID };
  if (m.lifecycle) plan.lifecycle = m.lifecycle;
  return plan;
}
