/**
 * The monitoring section (modules/producer/monitoring.ts): Access Analyzer and its
 * archive rules, change alerts to an SNS topic, the denied-requests alarm, the lifecycle rule.
 */
import type { OutputNames } from '../contract';
import type { Namer } from '../naming';
import type { MonitoringPlan } from '../plan';
import { policyText } from '../policy';
import { JsonObject, pathOf, ref, StackJson } from './stack';

export interface MonitoringProps {
  provider: string;
  plan: MonitoringPlan;
  bucketId: string;
  /** The last change to the bucket (an address): S3 takes one configuration change at a time. */
  after?: string;
  bucketCreated: boolean;
  keyArn?: string;
  names: Namer;
  outputNames: OutputNames;
  outputs: boolean;
}

export function emitMonitoring(stack: StackJson, path: string, props: MonitoringProps): void {
  const { provider, plan, names } = props;
  const at = (id: string) => pathOf(path, id);
  const resource = (type: string, id: string, name: string, attributes: JsonObject, dependsOn?: string) =>
    stack.resource(type, name, at(id), attributes, { provider, ...(dependsOn ? { dependsOn: [dependsOn] } : {}) });

  if (plan.analyzer) {
    const a = plan.analyzer;
    const analyzer = a.create
      ? resource('aws_accessanalyzer_analyzer', 'analyzer', names('external_access'), {
          analyzer_name: a.name,
          type: 'ACCOUNT',
        })
      : undefined;
    for (const rule of a.archiveRules)
      resource('aws_accessanalyzer_archive_rule', `archive-${rule.ruleName}`, names('archive', rule.ruleName), {
        analyzer_name: analyzer ? ref(analyzer, 'analyzer_name') : a.name,
        rule_name: rule.ruleName,
        filter: rule.filter.map((f) => ({ criteria: f.criteria, eq: f.eq.map((v) => policyText(v, props.keyArn)) })),
      });
  }

  let topicArn: string | undefined;
  if (plan.alerts) {
    const al = plan.alerts;
    const topic = resource('aws_sns_topic', 'topic', names('share_changes'), { name: al.topicName });
    topicArn = ref(topic, 'arn');
    resource('aws_sns_topic_policy', 'topic-policy', names('share_changes'), {
      arn: topicArn,
      policy: JSON.stringify(al.topicPolicy),
    });
    al.email.forEach((email, i) =>
      resource('aws_sns_topic_subscription', `email-${i}`, names('share_changes', 'email', String(i + 1)), {
        topic_arn: topicArn!,
        protocol: 'email',
        endpoint: email,
      }),
    );
    for (const r of al.rules) {
      const rule = resource('aws_cloudwatch_event_rule', `rule-${r.name}`, names(r.name), {
        name: r.name,
        description: r.description,
        event_pattern: policyText(JSON.stringify(r.eventPattern), props.keyArn),
      });
      [topicArn, ...al.topicArns].forEach((arn, i) =>
        resource(
          'aws_cloudwatch_event_target',
          `target-${r.name}-${i}`,
          names(r.name, i === 0 ? 'topic' : `topic_${i}`),
          { rule: ref(rule, 'name'), target_id: i === 0 ? 'share-changes' : `topic-${i}`, arn },
        ),
      );
    }
    if (props.outputs)
      stack.output(
        path,
        'topic-arn',
        props.outputNames.alertTopicArn,
        topicArn,
        'SNS topic of the share-change alerts and the denied-requests alarm: subscribe to it',
      );
  }

  let previous = props.after;
  if (plan.lifecycle && props.bucketCreated) {
    const l = plan.lifecycle;
    previous = resource(
      'aws_s3_bucket_lifecycle_configuration',
      'lifecycle',
      names('bucket'),
      {
        bucket: props.bucketId,
        rule: [
          ...(l.abortIncompleteUploadsAfterDays
            ? [
                {
                  id: 'abort-incomplete-multipart-uploads',
                  status: 'Enabled',
                  filter: [{ prefix: '' }],
                  abort_incomplete_multipart_upload: [{ days_after_initiation: l.abortIncompleteUploadsAfterDays }],
                },
              ]
            : []),
          ...(l.noncurrentVersionExpirationDays
            ? [
                {
                  id: 'expire-noncurrent-versions',
                  status: 'Enabled',
                  filter: [{ prefix: '' }],
                  noncurrent_version_expiration: [{ noncurrent_days: l.noncurrentVersionExpirationDays }],
                },
              ]
            : []),
        ],
      },
      previous,
    );
  }

  if (plan.deniedRequests) {
    const d = plan.deniedRequests;
    resource('aws_s3_bucket_metric', 'metric', names('bucket'), { bucket: props.bucketId, name: d.filterId }, previous);
    resource('aws_cloudwatch_metric_alarm', 'denied', names('denied_requests'), {
      alarm_name: d.alarmName,
      alarm_description:
        'Requests to the shared bucket answered with 4xx (AccessDenied among them), from S3 request metrics',
      namespace: 'AWS/S3',
      metric_name: '4xxErrors',
      dimensions: { BucketName: props.bucketId, FilterId: d.filterId },
      statistic: 'Sum',
      period: d.periodSeconds,
      evaluation_periods: 1,
      threshold: d.threshold,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      treat_missing_data: 'notBreaching',
      alarm_actions: topicArn ? [topicArn] : [],
    });
  }
}
