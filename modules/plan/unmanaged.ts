/**
 * Consumers in accounts not managed here (a vendor's): nothing is deployed in
 * their account. What its owner must apply — the identity policy of its role, and
 * for assume-role the External ID in a CLI profile — goes to outputs of the
 * producer stack and to a document in handoff/.
 */
import type { Config, Consumer } from '../config';
import { PolicyDocument, producerRoleArn, Share } from '../policy';
import type { Documents } from './documents';
import { accountOf } from './stacks';

export interface Unmanaged {
  consumer: string;
  accountId: string;
  accountName: string;
  roleArn: string;
  method: Consumer['method'];
  identity: PolicyDocument;
  /** assume-role: the ~/.aws/config profile (carries the External ID). */
  cliProfile?: string;
}

/** A ready-to-paste ~/.aws/config profile for an assume-role consumer. */
export function cliProfile(config: Config, c: Consumer): string {
  return [
    `[profile ${c.name}]`,
    `role_arn = ${producerRoleArn(config, c)}`,
    `external_id = ${c.externalId}`,
    // The source profile holds credentials of the consumer's own role (on EC2: credential_source =
    // Ec2InstanceMetadata).
    'source_profile = default',
    `region = ${config.region}`,
    '',
  ].join('\n');
}

export function unmanagedOf(config: Config, share: Share, docs: Documents): Unmanaged[] {
  return share.consumers.flatMap((c, i) => {
    const account = accountOf(config, c.accountId);
    if (account.managed) return [];
    return [
      {
        consumer: c.name,
        accountId: c.accountId,
        accountName: account.name,
        roleArn: docs.consumers[i].roleArn,
        method: c.method,
        identity: docs.consumers[i].identity,
        ...(c.method === 'assume-role' ? { cliProfile: cliProfile(config, c) } : {}),
      },
    ];
  });
}
