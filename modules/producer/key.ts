/** A customer-managed key for the bucket: only such a key's policy can grant other accounts. */
import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { kmsAliasName } from '../naming';

export interface BucketKeyProps {
  provider: TerraformProvider;
  bucketName: string;
  /** The key policy, minified JSON. */
  policy: string;
  /** Terraform name of the key and its alias. */
  terraformName: string;
}

export class BucketKey extends Construct {
  readonly keyArn: string;

  constructor(scope: Construct, id: string, props: BucketKeyProps) {
    super(scope, id);
    const key = new KmsKey(this, 'key', {
      provider: props.provider,
      description: `SSE-KMS for s3://${props.bucketName}, shared across accounts`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: props.policy,
    });
    key.overrideLogicalId(props.terraformName);
    new KmsAlias(this, 'alias', {
      provider: props.provider,
      name: kmsAliasName(props.bucketName),
      targetKeyId: key.keyId,
    }).overrideLogicalId(props.terraformName);
    this.keyArn = key.arn;
  }
}
