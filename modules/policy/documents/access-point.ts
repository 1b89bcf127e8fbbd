/** An access point's policy: its one consumer's level on its prefixes, on access-point ARNs. */
import type { Consumer } from '../../config';
import { accessPointTarget, grantOf, levelOptions, s3Statements } from '../grants';
import { actorOf, granter } from '../principals';
import { PolicyDocument, renderDocument } from '../render';
import type { Share } from './share';

export interface AccessPointPolicy {
  consumer: string;
  name: string;
  accountId: string;
  arn: string;
  vpcId?: string;
  policy: PolicyDocument;
}

export function accessPointPolicy(share: Share, c: Consumer): AccessPointPolicy {
  if (!c.accessPoint) throw new Error(`consumer ${c.name} has no access point (method ${c.method})`);
  const { config } = share;
  const target = accessPointTarget(config, c.accessPoint);
  const statements = s3Statements(grantOf(c), target, levelOptions(config)).map(
    granter(config, actorOf(config, c), c.name),
  );
  return {
    consumer: c.name,
    ...c.accessPoint,
    arn: target.containerArn,
    policy: renderDocument('resource', statements),
  };
}
