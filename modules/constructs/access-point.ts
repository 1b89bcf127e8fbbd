/**
 * An S3 access point for one consumer: public access blocked, Internet or one
 * VPC as network origin, and a policy granting that consumer only. Owned by the
 * producer account, or by the consumer's (created with that account's provider).
 */
import { Construct } from 'constructs';
import { TerraformOutput, TerraformProvider } from 'cdktf';
import { S3AccessPoint } from '@cdktf/provider-aws/lib/s3-access-point';
import type { OutputNames } from '../contract';
import type { Namer } from '../naming';
import { AccessPointPolicy, toJson } from '../policy';

export interface SharedAccessPointProps {
  provider: TerraformProvider;
  /** The bucket's name (a reference orders the access point after the bucket, in one stack). */
  bucket: string;
  bucketAccountId: string;
  ap: AccessPointPolicy;
  names: Namer;
  /** The share's output names (modules/contract). */
  outputNames: OutputNames;
  outputs: boolean;
  /** The account that owns the access point, as outputs name it ("the producer account 2222… (name)"). */
  ownerCalled: string;
}

export class SharedAccessPoint extends Construct {
  readonly arn: string;

  constructor(scope: Construct, id: string, props: SharedAccessPointProps) {
    super(scope, id);
    const { provider, ap, names } = props;
    const crossAccount = ap.accountId !== props.bucketAccountId;
    const point = new S3AccessPoint(this, 'access-point', {
      provider,
      bucket: props.bucket,
      name: ap.name,
      ...(crossAccount ? { accountId: ap.accountId, bucketAccountId: props.bucketAccountId } : {}),
      policy: toJson(ap.policy),
      publicAccessBlockConfiguration: {
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      vpcConfiguration: ap.vpcId ? { vpcId: ap.vpcId } : undefined,
    });
    point.overrideLogicalId(names('access_point', ap.consumer));
    this.arn = point.arn;
    if (!props.outputs) return;
    const output = (name: string, value: string, description: string) =>
      new TerraformOutput(this, name, { value, description }).overrideLogicalId(name);
    output(
      props.outputNames.accessPointArn(ap.consumer),
      point.arn,
      `Access point of consumer ${ap.consumer}, in ${props.ownerCalled}`,
    );
    output(
      props.outputNames.accessPointAlias(ap.consumer),
      point.alias,
      `Alias of the access point of consumer ${ap.consumer}, in ${props.ownerCalled}: usable wherever a bucket name is`,
    );
  }
}
