/**
 * A consumer's documents computed together: its identity policies and, with an access point, that access point's
 * policy. Both start from the same S3 statements on the access point, merged once:
 * - the access point's policy is those statements granted to the consumer's role (one principal, one Sid owner,
 *   the organization guard: the same on every statement); merging commutes with that, since it changes no
 *   statement's equality with another and every union keeps it, so the merged statements, granted, are what
 *   merging the granted statements gives;
 * - the identity policy adds the KMS statement, which merges with none of them (other actions, resources and
 *   conditions, and no object or bucket statement to pair with), so it is the merged statements and that one.
 * A property test holds both to accessPointPolicy and consumerPolicies, computed apart (seen failing without the KMS
 * statement).
 */
import type { Consumer } from '../../config';
import { accessPointTarget, grantOf, kmsStatement, levelOptions, s3Statements, usesKms } from '../grants';
import { mergeStatements } from '../merge';
import { actorOf, consumerRoleArn, granter } from '../principals';
import { renderMerged } from '../render';
import { AccessPointPolicy, accessPointPolicy } from './access-point';
import { ConsumerPolicies, consumerPolicies, consumerTrust } from './roles';
import { keyArnOf, Share } from './share';

export interface ConsumerDocuments {
  policies: ConsumerPolicies;
  /** The policy of its access point, when it has one. */
  accessPoint?: AccessPointPolicy;
}

export function consumerDocuments(share: Share, c: Consumer): ConsumerDocuments {
  const { config } = share;
  const ap = c.accessPoint;
  // Without an access point, or with another method's identity policy: each document as it is made alone.
  if (!ap || c.method === 'access-grant' || c.method === 'assume-role')
    return { policies: consumerPolicies(share, c), ...(ap ? { accessPoint: accessPointPolicy(share, c) } : {}) };
  const target = accessPointTarget(config, ap);
  const merged = mergeStatements(s3Statements(grantOf(c), target, levelOptions(config)));
  const key = keyArnOf(config);
  const kms = usesKms(config) && key ? [kmsStatement(config, grantOf(c), key)] : [];
  const trust = consumerTrust(config, c);
  return {
    policies: {
      consumer: c.name,
      roleArn: consumerRoleArn(config, c),
      ...(trust ? { trust } : {}),
      identity: renderMerged('identity', [...merged, ...kms]),
    },
    accessPoint: {
      consumer: c.name,
      ...ap,
      arn: target.containerArn,
      policy: renderMerged('resource', merged.map(granter(config, actorOf(config, c), c.name))),
    },
  };
}
