/**
 * Access-grant consumers in the plan: their documents, with the instance's resource policy pinned to each
 * role while that fits, by account beyond (the grants still name each role, and only a grant vends).
 */
import { accessGrantsDocuments, AccessGrantsDocuments, measure, Share } from '../policy';

/**
 * AWS documents no size for an instance's resource policy: it is held to a bucket policy's 20 KB, the
 * smallest S3 resource policy limit (docs/access-grants.md).
 */
const INSTANCE_POLICY_BYTES = 20 * 1024;

export function accessGrantsOf(share: Share): { accessGrants?: AccessGrantsDocuments } {
  const pinned = accessGrantsDocuments(share, 'roles');
  if (!pinned) return {};
  if (!pinned.instancePolicy || measure(pinned.instancePolicy, 'bytes') <= INSTANCE_POLICY_BYTES)
    return { accessGrants: pinned };
  return { accessGrants: accessGrantsDocuments(share, 'accounts') };
}
