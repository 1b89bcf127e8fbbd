/**
 * S3 Access Grants (docs/access-grants.md): the config's side. `producer.accessGrants` names the instance
 * that consumers of method "access-grant" are granted through; the rules that span fields; the level ->
 * permission table. The documents themselves are the policy module's.
 */
import { z } from 'zod';
import { writes, type AccessLevel } from './levels';
import type { ParsedConfig } from './schema';
import type { FieldPath, Problems } from './checks/problems';

/**
 * `instance`: "created" (default) here, or an "existing" one: one instance per account and region, shared
 * with whoever else grants through it, so it is never created nor destroyed here. Its resource policy is
 * one document for the whole instance: a config owns it only when it says so ("managed"); "handoff" leaves
 * it to the instance's owner, who merges the statements the handoff README gives.
 */
export const accessGrantsSchema = z.strictObject({
  instance: z.enum(['created', 'existing']).default('created'),
  resourcePolicy: z.enum(['managed', 'handoff']).optional(),
});

export interface AccessGrantsInstance {
  instance: 'created' | 'existing';
  resourcePolicy: 'managed' | 'handoff';
}

/** A grant's permission per level: each level maps to exactly one (AWS's READ, WRITE, READWRITE). */
export const GRANT_PERMISSION: Record<AccessLevel, 'READ' | 'WRITE' | 'READWRITE'> = {
  read: 'READ',
  write: 'WRITE',
  'read-write': 'READWRITE',
};

/** AWS quotas of one Access Grants instance (S3 Access Grants limitations, user guide). */
export const ACCESS_GRANTS_LIMITS = { grantsPerInstance: 100_000, locationsPerInstance: 1_000 } as const;

/** Grants a consumer takes: one per prefix (one for the whole bucket). */
export const grantsOf = (k: { prefixes?: readonly string[] }) => Math.max(1, k.prefixes?.length ?? 0);

/** Consumers written "access-grant", or overflow that may move direct ones onto grants. */
const usesAccessGrants = (c: ParsedConfig) =>
  c.producer.bucket.overflow === 'access-grants' || c.consumers.some((k) => k.method === 'access-grant');

export function checkAccessGrants(c: ParsedConfig, p: Problems): void {
  const at = (...rest: FieldPath): FieldPath => ['producer', 'accessGrants', ...rest];
  const ag = c.producer.accessGrants;
  if (ag && !usesAccessGrants(c)) {
    p.add(
      at(),
      'producer.accessGrants is only used with consumers of method "access-grant" or "overflow": "access-grants": remove it',
    );
  }
  if (ag?.instance === 'existing' && !ag.resourcePolicy) {
    p.add(
      at('resourcePolicy'),
      'an existing instance is shared and has one resource policy: write "managed" to let this config own it ' +
        '(it replaces the policy there), or "handoff" to leave it to its owner (the handoff README gives the statements to merge)',
    );
  }
  if (ag?.instance !== 'existing' && ag?.resourcePolicy === 'handoff') {
    p.add(
      at('resourcePolicy'),
      'an instance created here has its resource policy written here: remove "resourcePolicy"',
    );
  }
  const ownership = c.producer.bucket.objectOwnership ?? 'BucketOwnerEnforced';
  let grants = 0;
  const overflow = c.producer.bucket.overflow === 'access-grants';
  c.consumers.forEach((k, i) => {
    // Overflow may move any direct consumer onto grants: the same rules hold for it.
    if (overflow && k.method === 'direct' && ownership !== 'BucketOwnerEnforced' && writes(k.access)) {
      p.add(
        ['producer', 'bucket', 'overflow'],
        `"access-grants" may move ${k.name}, a direct writer, onto S3 Access Grants, which needs objectOwnership "BucketOwnerEnforced" ` +
          `(not "${ownership}"): write "BucketOwnerEnforced", or "overflow": "access-points"`,
      );
      return;
    }
    if (k.method !== 'access-grant') return;
    grants += grantsOf(k);
    // ACL-era modes make writes carry ACLs that this project pins per caller; vended sessions are the
    // location role's, so those rules cannot tell one grantee from another.
    if (ownership !== 'BucketOwnerEnforced' && writes(k.access)) {
      p.add(
        ['consumers', i, 'method'],
        `method "access-grant" with a level that writes needs producer.bucket.objectOwnership "BucketOwnerEnforced" (not "${ownership}"): ` +
          'credentials vended by S3 Access Grants are sessions of the location role, so the per-caller ACL rules of this mode cannot hold. ' +
          'Write "BucketOwnerEnforced", or method "direct" for this consumer',
      );
    }
  });
  if (grants > ACCESS_GRANTS_LIMITS.grantsPerInstance) {
    p.add(
      ['consumers'],
      `${grants} access grants (one per consumer of method "access-grant" and prefix): an instance holds at most ` +
        `${ACCESS_GRANTS_LIMITS.grantsPerInstance}; grant common parent prefixes, or move some consumers to method "access-point"`,
    );
  }
}

/** The normalized instance: absent when no consumer uses it. */
export function normalizeAccessGrants(c: ParsedConfig): AccessGrantsInstance | undefined {
  if (!usesAccessGrants(c)) return undefined;
  const instance = c.producer.accessGrants?.instance ?? 'created';
  return { instance, resourcePolicy: c.producer.accessGrants?.resourcePolicy ?? 'managed' };
}
