/**
 * The monitoring section, rendered from the plan: an Access Analyzer with the archive
 * rules of the intended external access, change alerts to an SNS topic, an alarm on
 * denied requests, and the bucket's lifecycle rule. Nothing here computes a value.
 */
import { Construct } from 'constructs';
import { ITerraformDependable, TerraformOutput, TerraformProvider } from 'cdktf';
import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer';
import { AccessanalyzerArchiveRule } from '@cdktf/provider-aws/lib/accessanalyzer-archive-rule';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketMetric } from '@cdktf/provider-aws/lib/s3-bucket-metric';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { OutputNames } from '../contract';
import type { Namer } from '../naming';
import type { MonitoringPlan } from '../plan';
import { policyText } from '../policy';

export interface MonitoringProps {
  provider: TerraformProvider;
  plan: MonitoringPlan;
  /** The shared bucket's name as a reference. */
  bucketId: string;
  /** The last change to the bucket: S3 takes one configuration change at a time (HTTP 409 otherwise). */
  after?: ITerraformDependable;
  /** Created here (an existing bucket's lifecycle is its owner's). */
  bucketCreated: boolean;
  keyArn?: string;
  names: Namer;
  /** The share's output names (modules/contract). */
  outputNames: OutputNames;
  outputs: boolean;
}

export class ShareMonitoring extends Construct {
  readonly topicArn?: string;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { provider, plan, names } = props;
    const logical = <T extends { overrideLogicalId(id: string): void }>(r: T, ...parts: string[]): T => {
      r.overrideLogicalId(names(...parts));
      return r;
    };

    if (plan.analyzer) {
      const a = plan.analyzer;
      const analyzer = a.create
        ? logical(
            new AccessanalyzerAnalyzer(this, 'analyzer', { provider, analyzerName: a.name, type: 'ACCOUNT' }),
            'external_access',
          )
        : undefined;
      for (const rule of a.archiveRules) {
        logical(
          new AccessanalyzerArchiveRule(this, `archive-${rule.ruleName}`, {
            provider,
            analyzerName: analyzer ? analyzer.analyzerName : a.name,
            ruleName: rule.ruleName,
            filter: rule.filter.map((f) => ({
              criteria: f.criteria,
              eq: f.eq.map((v) => policyText(v, props.keyArn)),
            })),
          }),
          'archive',
          rule.ruleName,
        );
      }
    }

    if (plan.alerts) {
      const al = plan.alerts;
      const topic = logical(new SnsTopic(this, 'topic', { provider, name: al.topicName }), 'share_changes');
      this.topicArn = topic.arn;
      logical(
        new SnsTopicPolicy(this, 'topic-policy', { provider, arn: topic.arn, policy: JSON.stringify(al.topicPolicy) }),
        'share_changes',
      );
      al.email.forEach((email, i) =>
        logical(
          new SnsTopicSubscription(this, `email-${i}`, {
            provider,
            topicArn: topic.arn,
            protocol: 'email',
            endpoint: email,
          }),
          'share_changes',
          'email',
          String(i + 1),
        ),
      );
      for (const r of al.rules) {
        const rule = logical(
          new CloudwatchEventRule(this, `rule-${r.name}`, {
            provider,
            name: r.name,
            description: r.description,
            eventPattern: policyText(JSON.stringify(r.eventPattern), props.keyArn),
          }),
          r.name,
        );
        const targets = [topic.arn, ...al.topicArns];
        targets.forEach((arn, i) =>
          logical(
            new CloudwatchEventTarget(this, `target-${r.name}-${i}`, {
              provider,
              rule: rule.name,
              targetId: i === 0 ? 'share-changes' : `topic-${i}`,
              arn,
            }),
            r.name,
            i === 0 ? 'topic' : `topic_${i}`,
          ),
        );
      }
      if (props.outputs)
        new TerraformOutput(this, 'topic-arn', {
          value: topic.arn,
          description: 'SNS topic of the share-change alerts and the denied-requests alarm: subscribe to it',
        }).overrideLogicalId(props.outputNames.alertTopicArn);
    }

    let previous = props.after;
    if (plan.lifecycle && props.bucketCreated) {
      const l = plan.lifecycle;
      previous = logical(
        new S3BucketLifecycleConfiguration(this, 'lifecycle', {
          provider,
          dependsOn: previous ? [previous] : undefined,
          bucket: props.bucketId,
          rule: [
            ...(l.abortIncompleteUploadsAfterDays
              ? [
                  {
                    id: 'abort-incomplete-multipart-uploads',
                    status: 'Enabled',
                    filter: [{ prefix: '' }],
                    abortIncompleteMultipartUpload: [{ daysAfterInitiation: l.abortIncompleteUploadsAfterDays }],
                  },
                ]
              : []),
            ...(l.noncurrentVersionExpirationDays
              ? [
                  {
                    id: 'expire-noncurrent-versions',
                    status: 'Enabled',
                    filter: [{ prefix: '' }],
                    noncurrentVersionExpiration: [{ noncurrentDays: l.noncurrentVersionExpirationDays }],
                  },
                ]
              : []),
          ],
        }),
        'bucket',
      );
    }

    if (plan.deniedRequests) {
      const d = plan.deniedRequests;
      logical(
        new S3BucketMetric(this, 'metric', {
          provider,
          dependsOn: previous ? [previous] : undefined,
          bucket: props.bucketId,
          name: d.filterId,
        }),
        'bucket',
      );
      logical(
        new CloudwatchMetricAlarm(this, 'denied', {
          provider,
          alarmName: d.alarmName,
          alarmDescription:
            'Requests to the shared bucket answered with 4xx (AccessDenied among them), from S3 request metrics',
          namespace: 'AWS/S3',
          metricName: '4xxErrors',
          dimensions: { BucketName: props.bucketId, FilterId: d.filterId },
          statistic: 'Sum',
          period: d.periodSeconds,
          evaluationPeriods: 1,
          threshold: d.threshold,
          comparisonOperator: 'GreaterThanOrEqualToThreshold',
          treatMissingData: 'notBreaching',
          alarmActions: this.topicArn ? [this.topicArn] : [],
        }),
        'denied_requests',
      );
    }
  }
}
