/** The normalized `monitoring` section, and the cross-field rules it brings. */
import type { Problems } from './checks/problems';
import type { ParsedConfig } from './schema';

export interface Monitoring {
  /** Absent: no analyzer rules. `existing`: the rules go to an analyzer this project does not create. */
  accessAnalyzer?: { analyzerName: string; existing: boolean };
  alerts?: { topicName: string; email: string[]; topicArns: string[] };
  deniedRequests?: { alarmName: string; threshold: number; periodSeconds: number };
  /** Only on a bucket created here (an existing bucket's lifecycle is its owner's). */
  lifecycle?: { abortIncompleteUploadsAfterDays?: number; noncurrentVersionExpirationDays?: number };
}

/** Names of the monitoring resources, from the bucket's (dots are not allowed in every one of them). */
const base = (bucket: string) => bucket.replace(/\./g, '-');
const analyzerNameOf = (bucket: string) => `${base(bucket)}-external-access`;
const alertTopicNameOf = (bucket: string) => `${base(bucket)}-share-changes`;
const deniedAlarmNameOf = (bucket: string) => `${base(bucket)}-denied-requests`;

export function normalizeMonitoring(c: ParsedConfig): Monitoring | undefined {
  const m = c.monitoring;
  if (!m || !m.enabled) return undefined;
  const bucket = c.producer.bucket;
  const lifecycle = {
    ...(m.lifecycle.abortIncompleteUploadsAfterDays !== false
      ? { abortIncompleteUploadsAfterDays: m.lifecycle.abortIncompleteUploadsAfterDays }
      : {}),
    ...(m.lifecycle.noncurrentVersionExpirationDays !== undefined
      ? { noncurrentVersionExpirationDays: m.lifecycle.noncurrentVersionExpirationDays }
      : {}),
  };
  return {
    ...(m.accessAnalyzer.enabled
      ? {
          accessAnalyzer: {
            analyzerName: m.accessAnalyzer.existingAnalyzerName ?? analyzerNameOf(bucket.name),
            existing: Boolean(m.accessAnalyzer.existingAnalyzerName),
          },
        }
      : {}),
    ...(m.alerts.enabled
      ? {
          alerts: {
            topicName: alertTopicNameOf(bucket.name),
            email: [...new Set(m.alerts.email)].sort(),
            topicArns: [...new Set(m.alerts.topicArns)].sort(),
          },
        }
      : {}),
    ...(m.deniedRequests.enabled
      ? {
          deniedRequests: {
            alarmName: deniedAlarmNameOf(bucket.name),
            threshold: m.deniedRequests.threshold,
            periodSeconds: m.deniedRequests.periodMinutes * 60,
          },
        }
      : {}),
    ...(!bucket.existing && Object.keys(lifecycle).length ? { lifecycle } : {}),
  };
}

/** Whether the normalized config needs a trail of management events (the change alerts read them). */
export const alertsNeedTrail = (c: ParsedConfig) =>
  Boolean(c.monitoring && c.monitoring.enabled && c.monitoring.alerts.enabled);

export function checkMonitoring(c: ParsedConfig, p: Problems): void {
  const m = c.monitoring;
  if (!m || !m.enabled) return;
  const b = c.producer.bucket;
  const at = (...path: (string | number)[]) => ['monitoring', ...path];
  if (m.lifecycle.noncurrentVersionExpirationDays !== undefined && !(b.versioning ?? true) && !b.existing)
    p.add(
      at('lifecycle', 'noncurrentVersionExpirationDays'),
      'the bucket is not versioned (producer.bucket.versioning is false): there are no noncurrent versions to expire; leave it out',
    );
  if (b.existing && m.lifecycle.noncurrentVersionExpirationDays !== undefined)
    p.add(
      at('lifecycle', 'noncurrentVersionExpirationDays'),
      "an existing bucket is never changed here: its lifecycle rules are its owner's (a lifecycle configuration replaces all of them); leave it out",
    );
  const region = c.region;
  m.alerts.topicArns.forEach((arn, i) => {
    if (arn.split(':')[3] !== region)
      p.add(
        at('alerts', 'topicArns', i),
        `the topic is in ${arn.split(':')[3]}, the rules in ${region}: EventBridge delivers to SNS topics of its own region only`,
      );
  });
}
