/**
 * Which keys of the Terraform JSON are nested blocks (HCL `name { ... }`) rather
 * than attributes (`name = ...`). JSON cannot tell them apart; the provider
 * schema can. Every resource type this project writes is listed: an unknown one
 * stops the handoff instead of guessing.
 */
export const BLOCKS: Readonly<Record<string, readonly string[]>> = {
  'provider.aws': ['assume_role', 'default_tags'],
  aws_s3_bucket: [],
  aws_s3_bucket_public_access_block: [],
  aws_s3_bucket_ownership_controls: ['rule'],
  aws_s3_bucket_server_side_encryption_configuration: ['rule', 'rule.apply_server_side_encryption_by_default'],
  aws_s3_bucket_versioning: ['versioning_configuration'],
  aws_s3_bucket_logging: [],
  aws_s3_bucket_policy: [],
  aws_s3_access_point: ['public_access_block_configuration', 'vpc_configuration'],
  aws_kms_key: [],
  aws_kms_alias: [],
  aws_iam_role: [],
  aws_iam_role_policy: [],
  aws_iam_policy: [],
  aws_iam_role_policy_attachment: [],
  aws_iam_instance_profile: [],
  aws_cloudtrail: ['advanced_event_selector', 'advanced_event_selector.field_selector'],
  // S3 Access Grants (modules/producer/access-grants.ts).
  aws_s3control_access_grants_instance: [],
  aws_s3control_access_grants_instance_resource_policy: [],
  aws_s3control_access_grants_location: [],
  aws_s3control_access_grant: ['access_grants_location_configuration', 'grantee'],
  // The monitoring section (modules/producer/monitoring.ts).
  aws_accessanalyzer_analyzer: [],
  aws_accessanalyzer_archive_rule: ['filter'],
  aws_sns_topic: [],
  aws_sns_topic_policy: [],
  aws_sns_topic_subscription: [],
  aws_cloudwatch_event_rule: [],
  aws_cloudwatch_event_target: [],
  aws_cloudwatch_metric_alarm: [],
  aws_s3_bucket_metric: ['filter'],
  aws_s3_bucket_lifecycle_configuration: [
    'rule',
    'rule.filter',
    'rule.abort_incomplete_multipart_upload',
    'rule.noncurrent_version_expiration',
  ],
  'data.aws_s3_bucket': [],
  'data.terraform_remote_state': [],
  // The Terraform Cloud bootstrap (docs/terraform-cloud.md).
  'provider.tfe': [],
  aws_iam_openid_connect_provider: [],
  tfe_project: [],
  tfe_workspace: [],
  tfe_workspace_settings: [],
  tfe_run_trigger: [],
  tfe_variable: [],
};

/** Attributes whose string is a JSON policy document: written as jsonencode({...}). */
export const POLICY_ATTRIBUTES = ['policy', 'assume_role_policy'];
