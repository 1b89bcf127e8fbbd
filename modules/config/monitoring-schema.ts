/**
 * The `monitoring` section: what watches the share online, in the producer account.
 * Written at all (even `{}`), every part is on with the defaults a platform team wants;
 * each part can be switched off or tuned. Absent: none of it (configs written before it
 * synthesize as they did).
 */
import { z } from 'zod';

/** Access Analyzer names: 1-255 of letters, digits, "." "_" "-", starting with a letter (CreateAnalyzer). */
const ANALYZER_NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,254}$/;
const SNS_TOPIC_ARN = /^arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;
/** An address SNS can deliver to: one "@", no spaces, no quotes (what the gate lets through is checked again here). */
const EMAIL = /^[^\s@"'<>]+@[^\s@"'<>]+\.[^\s@"'<>]+$/;

const days = (what: string) =>
  z
    .number()
    .int(`${what} is a whole number of days`)
    .min(1, `${what} is at least 1 day`)
    .max(36500, `${what} is at most 36500 days`);

export const monitoringSchema = z.strictObject({
  /** false: the section is kept, but nothing of it is synthesized. */
  enabled: z.boolean().default(true),
  accessAnalyzer: z
    .strictObject({
      enabled: z.boolean().default(true),
      /**
       * An analyzer that exists already (an organization analyzer, or the account's own): the archive
       * rules are added to it and no analyzer is created.
       */
      existingAnalyzerName: z
        .string()
        .regex(ANALYZER_NAME, 'an analyzer name is 1-255 letters, digits, ".", "_" and "-", starting with a letter')
        .optional(),
    })
    .default({ enabled: true }),
  alerts: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Each gets an SNS email subscription (AWS mails a confirmation link first). */
      email: z.array(z.string().regex(EMAIL, 'an email address looks like team@example.com')).default([]),
      /** Existing SNS topics that also receive every alert (their own policy must admit EventBridge). */
      topicArns: z
        .array(z.string().regex(SNS_TOPIC_ARN, 'an SNS topic ARN looks like arn:aws:sns:us-east-1:123456789012:name'))
        .default([]),
    })
    .default({ enabled: true, email: [], topicArns: [] }),
  deniedRequests: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Alarm when the bucket answers at least this many 4xx (AccessDenied among them) in one period. */
      threshold: z.number().int('threshold is a whole number').min(1, 'threshold is at least 1').default(10),
      periodMinutes: z
        .union([z.literal(1), z.literal(5), z.literal(15), z.literal(60)], {
          error: 'periodMinutes is 1, 5, 15 or 60',
        })
        .default(5),
    })
    .default({ enabled: true, threshold: 10, periodMinutes: 5 }),
  lifecycle: z
    .strictObject({
      /** Parts of an unfinished multipart upload cost storage and no grant here can delete them: false keeps them. */
      abortIncompleteUploadsAfterDays: z.union([days('abortIncompleteUploadsAfterDays'), z.literal(false)]).default(7),
      /** Off by default: old versions are what a versioned bucket keeps on purpose. */
      noncurrentVersionExpirationDays: days('noncurrentVersionExpirationDays').optional(),
    })
    .default({ abortIncompleteUploadsAfterDays: 7 }),
});

export type ParsedMonitoring = z.output<typeof monitoringSchema>;
