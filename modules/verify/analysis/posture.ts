/**
 * The bucket's posture in the output: one bucket policy; on a bucket created
 * here, Block Public Access, Object Ownership, default encryption, versioning and
 * logging as the config says; no ACL resources; the bucket policy's denies of
 * plain HTTP and of uploads under another encryption.
 */
import type { Check } from './context';
import type { Finding } from './findings';
import { matches } from './patterns';
import { principalAtoms } from './principals';
import { statementsOf, Stmt } from './statements';

const WHERE = 'bucket';

export function checkPosture(check: Check): Finding[] {
  const { intent, deployed } = check;
  const bucket = intent.config.producer.bucket;
  const out: Finding[] = [];
  const fail = (message: string, where = WHERE) => out.push({ where, sid: '-', kind: 'posture', message });
  if (deployed.bucketPolicies.length !== 1) {
    fail(
      `${deployed.bucketPolicies.length} bucket policies on ${bucket.name} (${deployed.bucketPolicies.map((d) => d.where).join(', ') || 'none'}): a bucket has one policy, the last applied wins`,
    );
  }
  for (const acl of deployed.posture.acls)
    fail(`an ACL resource on ${bucket.name}: ACLs grant outside the policies`, acl);
  const policy = deployed.bucketPolicies[0];
  if (policy) {
    const statements = statementsOf(policy.doc);
    if (!statements.some((s) => deniesInsecureTransport(s, intent.bucketArn))) {
      fail('the bucket policy does not deny every request over plain HTTP (aws:SecureTransport false)', policy.where);
    }
    if (!statements.some((s) => deniesOtherEncryption(s))) {
      fail(
        'the bucket policy does not deny uploads that name another encryption (s3:x-amz-server-side-encryption)',
        policy.where,
      );
    }
  }
  if (bucket.existing) return out; // never changed here: its settings are as the config states them
  const p = deployed.posture;
  if (p.bucket !== 'created') fail(`the bucket ${bucket.name} is not created by this output`);
  const block = p.publicAccessBlock ?? {};
  const open = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].filter(
    (k) => block[k] !== true,
  );
  if (open.length) fail(`Block Public Access is not on: ${open.join(', ')}`);
  if (p.ownership !== bucket.objectOwnership)
    fail(`Object Ownership is ${p.ownership ?? 'not set'}, the config says ${bucket.objectOwnership}`);
  const enc = bucket.encryption;
  const e = p.encryption;
  if (!e) fail('no default encryption');
  else if (enc.type === 'kms') {
    if (e.algorithm !== 'aws:kms' || e.keyId !== deployed.keyArn)
      fail(`default encryption is ${e.algorithm} with ${e.keyId ?? 'no key'}, not the bucket key`);
    if (Boolean(e.bucketKey) !== enc.bucketKey)
      fail(`S3 Bucket Key is ${e.bucketKey ? 'on' : 'off'}, the config says ${enc.bucketKey ? 'on' : 'off'}`);
  } else if (e.algorithm !== 'AES256') fail(`default encryption is ${e.algorithm}, the config says SSE-S3 (AES256)`);
  if (bucket.versioning && p.versioning !== 'Enabled')
    fail(`versioning is ${p.versioning ?? 'off'}, the config says on`);
  const log = bucket.accessLogging;
  if (log && (!p.logging || p.logging.prefix !== log.prefix)) fail('server access logging is not as the config says');
  return out;
}

/**
 * A Deny that binds everyone, as written: Principal "*" (or AWS "*"), no NotPrincipal (which exempts whoever it
 * names), no NotAction or NotResource (which leave the rest undenied).
 */
const anyone = (s: Stmt) => {
  if (s.notPrincipal !== undefined || s.notActions !== undefined || s.notResources !== undefined) return false;
  const p = s.principal as { AWS?: unknown } | string | undefined;
  const star = p === '*' || (typeof p === 'object' && p !== null && Object.keys(p).length === 1 && p.AWS === '*');
  return star && principalAtoms(s).some((a) => a.kind === 'aws' && a.account === '*' && a.arn === '*');
};
const covers = (patterns: string[] | undefined, value: string) =>
  (patterns ?? ['*']).some((p) => matches(p, value, true));

export function deniesInsecureTransport(s: Stmt, bucketArn: string): boolean {
  if (s.effect !== 'Deny' || !anyone(s) || s.conditions.length !== 1) return false;
  const [c] = s.conditions;
  return (
    c.key === 'aws:securetransport' &&
    c.base === 'Bool' &&
    c.set === undefined &&
    c.values.join() === 'false' &&
    covers(s.actions, 's3:GetObject') &&
    covers(s.actions, 's3:PutObject') &&
    covers(s.actions, 's3:ListBucket') &&
    covers(s.resources, bucketArn) &&
    covers(s.resources, `${bucketArn}/any/key`)
  );
}

function deniesOtherEncryption(s: Stmt): boolean {
  if (s.effect !== 'Deny' || !anyone(s) || !covers(s.actions, 's3:PutObject')) return false;
  // Every condition on the header itself: another condition would narrow whom the Deny binds.
  const sse = (c: Stmt['conditions'][number]) => c.key === 's3:x-amz-server-side-encryption' && c.set === undefined;
  return s.conditions.every(sse) && s.conditions.some((c) => sse(c) && c.negated);
}
