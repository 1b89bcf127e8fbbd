/**
 * The Terraform outputs of a share, by name: what its producer and consumer
 * sides write, and what something else reads — a consumer stack (a created key's
 * ARN, from the producer's state), verify (what an unmanaged account or an
 * existing key's owner is taken to apply), handoff (the files it writes for
 * them), the user (ARNs and CLI profiles). One builder, taking the share's
 * prefix: the JSON app's is "", a library app's the construct's id. No output is
 * named but through here.
 */
import { tfName } from './terraform-name';

export interface OutputNames {
  bucketName: string;
  bucketArn: string;
  /** A created key's ARN: a consumer stack of another stack reads it from the producer's state. */
  kmsKeyArn: string;
  /** An existing key: the statements its owner must add to the key policy. */
  keyPolicyStatements: string;
  /** An account not managed here: the identity policy its owner attaches to the consumer's role. */
  identityPolicy(consumer: string): string;
  /** An assume-role consumer: the AWS CLI profile that assumes its producer role. */
  cliProfile(consumer: string): string;
  /** The role in the producer account an assume-role consumer assumes. */
  producerRoleArn(consumer: string): string;
  /** A consumer's workload role, created in its account. */
  consumerRoleArn(consumer: string): string;
  accessPointArn(consumer: string): string;
  accessPointAlias(consumer: string): string;
  /** The monitoring section's SNS topic (alerts and the alarm). */
  alertTopicArn: string;
  /** The S3 Access Grants instance access-grant consumers ask for credentials. */
  accessGrantsInstanceArn: string;
  /** An existing instance whose policy its owner keeps: the statements to merge. */
  accessGrantsPolicyStatements: string;
  /** An access-grant consumer: the exact CLI call that vends its credentials, one line per prefix. */
  getDataAccess(consumer: string): string;
}

export function outputNames(prefix = ''): OutputNames {
  const name = (...parts: string[]) => (prefix ? tfName(prefix, ...parts) : tfName(...parts));
  return {
    bucketName: name('bucket_name'),
    bucketArn: name('bucket_arn'),
    kmsKeyArn: name('kms_key_arn'),
    keyPolicyStatements: name('kms_key_policy_statements'),
    identityPolicy: (consumer) => name('consumer', consumer, 'identity_policy'),
    cliProfile: (consumer) => name('consumer', consumer, 'cli_profile'),
    producerRoleArn: (consumer) => name('producer_role', consumer, 'arn'),
    consumerRoleArn: (consumer) => name('consumer', consumer, 'role_arn'),
    accessPointArn: (consumer) => name('access_point', consumer, 'arn'),
    accessPointAlias: (consumer) => name('access_point', consumer, 'alias'),
    alertTopicArn: name('alert_topic_arn'),
    accessGrantsInstanceArn: name('access_grants_instance_arn'),
    accessGrantsPolicyStatements: name('access_grants_policy_statements'),
    getDataAccess: (consumer) => name('consumer', consumer, 'get_data_access'),
  };
}
