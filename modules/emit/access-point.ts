/** An S3 access point for one consumer (modules/constructs/access-point.ts), with its outputs. */
import type { OutputNames } from '../contract';
import type { Namer } from '../naming';
import { AccessPointPolicy, toJson } from '../policy';
import { pathOf, ref, StackJson } from './stack';

export interface AccessPointProps {
  provider: string;
  bucket: string;
  bucketAccountId: string;
  ap: AccessPointPolicy;
  names: Namer;
  outputNames: OutputNames;
  outputs: boolean;
  ownerCalled: string;
}

export function emitAccessPoint(stack: StackJson, path: string, props: AccessPointProps): string {
  const { ap } = props;
  const crossAccount = ap.accountId !== props.bucketAccountId;
  const point = stack.resource(
    'aws_s3_access_point',
    props.names('access_point', ap.consumer),
    pathOf(path, 'access-point'),
    {
      bucket: props.bucket,
      name: ap.name,
      ...(crossAccount ? { account_id: ap.accountId, bucket_account_id: props.bucketAccountId } : {}),
      policy: toJson(ap.policy),
      public_access_block_configuration: {
        block_public_acls: true,
        block_public_policy: true,
        ignore_public_acls: true,
        restrict_public_buckets: true,
      },
      vpc_configuration: ap.vpcId ? { vpc_id: ap.vpcId } : undefined,
    },
    { provider: props.provider },
  );
  const arn = ref(point, 'arn');
  if (props.outputs) {
    const arnName = props.outputNames.accessPointArn(ap.consumer);
    stack.output(path, arnName, arnName, arn, `Access point of consumer ${ap.consumer}, in ${props.ownerCalled}`);
    const aliasName = props.outputNames.accessPointAlias(ap.consumer);
    stack.output(
      path,
      aliasName,
      aliasName,
      ref(point, 'alias'),
      `Alias of the access point of consumer ${ap.consumer}, in ${props.ownerCalled}: usable wherever a bucket name is`,
    );
  }
  return arn;
}
