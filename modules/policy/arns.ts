/** ARNs computed from account IDs and names: known before anything exists. */
import type { Partition } from '../config';

export const bucketArn = (p: Partition, bucket: string) => `arn:${p}:s3:::${bucket}`;

/** Objects under a prefix ("" = the whole bucket). */
export const objectsArn = (p: Partition, bucket: string, prefix: string) => `${bucketArn(p, bucket)}/${prefix}*`;

export const accountRootArn = (p: Partition, account: string) => `arn:${p}:iam::${account}:root`;

export const roleArn = (p: Partition, account: string, name: string, path = '/') =>
  `arn:${p}:iam::${account}:role${path}${name}`;

export const accessPointArn = (p: Partition, region: string, account: string, name: string) =>
  `arn:${p}:s3:${region}:${account}:accesspoint/${name}`;

/** "analytics-eu" -> "AnalyticsEu": for Sids, which allow letters and digits only. */
export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}
