/** The KMS key policy, or what the owner of an existing key must add to theirs. */
import { accountRootArn } from '../../naming';
import { grantOf, kmsStatement } from '../grants';
import { actorOf, grantTo, grantToAccounts } from '../principals';
import { PolicyDocument, renderDocument } from '../render';
import { fixed, Statement } from '../statement';
import type { Share } from './share';
import { locationKeyStatement } from './access-grants';

/**
 * Key-policy statements for the consumers (Resource "*": in a key policy it means
 * this key). keyGrants "accounts" names consumer accounts only, for any object of
 * the bucket: the consumers' identity policies (generated here) carry the grant
 * and its prefixes, and the statements merge per account and level.
 */
function consumerKeyStatements(share: Share): Statement[] {
  const { config } = share;
  const enc = config.producer.bucket.encryption;
  const byAccount = enc.type === 'kms' && enc.keyGrants === 'accounts';
  // keyGrants "accounts": a statement per account, level and packs (prefixes play no part), made once each; the
  // same statement twice merges into itself, so it is listed once, where it first appears.
  const seen = new Set<string>();
  const out: Statement[] = [];
  for (const c of share.consumers) {
    if (c.method === 'access-grant' || (c.method === 'assume-role' && !share.producerRolesInResourcePolicies)) continue;
    const actor = actorOf(config, c);
    if (!byAccount) {
      out.push(grantTo(config, kmsStatement(config, grantOf(c), '*'), actor, c.name));
      continue;
    }
    const shape = `${actor.account}\u0000${c.access}\u0000${(c.packs ?? []).join(',')}`;
    if (seen.has(shape)) continue;
    seen.add(shape);
    out.push(grantToAccounts(config, kmsStatement(config, grantOf(c), '*', 'bucket-wide'), [actor.account]));
  }
  return out;
}

/**
 * The policy of a key created here: the producer account administers it
 * (which also lets its IAM policies grant use), consumers get their KMS actions.
 */
export function keyPolicy(share: Share): PolicyDocument {
  const admin = fixed('ProducerAccountAdministersKey', 'Allow', {
    principal: {
      kind: 'accounts',
      accounts: [accountRootArn(share.config.partition, share.config.producer.accountId)],
    },
    actions: ['kms:*'],
    resources: ['*'],
  });
  return renderDocument('resource', [admin, ...consumerKeyStatements(share), ...locationKey(share)]);
}

/** The Access Grants location role, when access-grant consumers read or write through it. */
const locationKey = (share: Share): Statement[] => {
  const s = locationKeyStatement(share);
  return s ? [s] : [];
};

/** For a key that is not ours: what its owner must add to the key policy. */
export const keyOwnerStatements = (share: Share): PolicyDocument =>
  renderDocument('resource', [...consumerKeyStatements(share), ...locationKey(share)]);
