/** A ready-to-paste ~/.aws/config profile for an assume-role consumer. */
import type { Config, Consumer } from '../config';
import { producerRoleArn } from '../policy';

export function cliProfile(config: Config, c: Consumer): string {
  return [
    `[profile ${c.name}]`,
    `role_arn = ${producerRoleArn(config, c)}`,
    `external_id = ${c.externalId}`,
    // The source profile holds credentials of the consumer's own role (on EC2: credential_source = Ec2InstanceMetadata).
    'source_profile = default',
    `region = ${config.region}`,
    '',
  ].join('\n');
}
