/**
 * AWS region codes this project accepts, with their partition. The one list:
 * validation, ARNs and service endpoints all read it.
 */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

const COMMERCIAL = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];

export const REGIONS: Readonly<Record<string, Partition>> = Object.freeze({
  ...Object.fromEntries(COMMERCIAL.map((r) => [r, 'aws' as Partition])),
  'cn-north-1': 'aws-cn',
  'cn-northwest-1': 'aws-cn',
  'us-gov-east-1': 'aws-us-gov',
  'us-gov-west-1': 'aws-us-gov',
});

export function isRegion(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(REGIONS, code);
}

export function partitionOf(region: string): Partition {
  const p = REGIONS[region];
  if (!p) throw new Error(`unknown region ${region}`);
  return p;
}

/** DNS suffix of service endpoints and service principals in a partition. */
export function dnsSuffix(partition: Partition): string {
  return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}
