/** ARNs computed from account IDs and names: known before anything exists. */

export const bucketArn = (partition: string, bucket: string) => `arn:${partition}:s3:::${bucket}`;

/** Objects under a prefix ("" = the whole bucket). */
export const objectsArn = (partition: string, bucket: string, prefix: string) =>
  `${bucketArn(partition, bucket)}/${prefix}*`;

export const accountRootArn = (partition: string, account: string) => `arn:${partition}:iam::${account}:root`;

export const roleArn = (partition: string, account: string, name: string, path = '/') =>
  `arn:${partition}:iam::${account}:role${path}${name}`;

export const accessPointArn = (partition: string, region: string, account: string, name: string) =>
  `arn:${partition}:s3:${region}:${account}:accesspoint/${name}`;

export const trailArn = (partition: string, region: string, account: string, name: string) =>
  `arn:${partition}:cloudtrail:${region}:${account}:trail/${name}`;

/** The account of an ARN ("arn:aws:iam::111111111111:role/x" -> "111111111111"). */
export const accountOfArn = (arn: string) => arn.split(':')[4] ?? '';

/** The S3 Access Grants instance of an account and region: one each, always named "default". */
export const accessGrantsInstanceArn = (partition: string, region: string, account: string) =>
  `arn:${partition}:s3:${region}:${account}:access-grants/default`;
