/**
 * The action vocabulary, in one place: which S3 actions act on objects and which
 * on the bucket (merge.ts reads it), and what each access level grants, computed
 * from the client workflows of workflows.ts. No wildcards: a new S3 action is
 * never granted by accident.
 */
import { type AccessLevel, reads, writes } from '../config';
import { Level, On, WORKFLOWS } from './workflows';

/** S3 actions authorized against object ARNs (`bucket/key`, `accesspoint/x/object/key`). */
export const OBJECT_ACTIONS: ReadonlySet<string> = new Set([
  's3:GetObject',
  's3:GetObjectVersion',
  's3:GetObjectTagging',
  's3:GetObjectVersionTagging',
  's3:PutObject',
  's3:PutObjectTagging',
  's3:PutObjectAcl',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
  // Only through workflow packs (packs.ts).
  's3:DeleteObject',
  's3:RestoreObject',
  's3:GetObjectAttributes',
  's3:GetObjectVersionAttributes',
]);
/** S3 actions authorized against the bucket (or access-point) ARN. */
export const BUCKET_ACTIONS: ReadonlySet<string> = new Set([
  's3:ListBucket',
  's3:ListBucketVersions',
  's3:GetBucketLocation',
  's3:ListBucketMultipartUploads',
]);
/** Bucket actions a prefix-limited grant scopes with `s3:prefix`. */
export const PREFIX_SCOPED: ReadonlySet<string> = new Set(['s3:ListBucket', 's3:ListBucketVersions']);
/** Legacy ACL workflows only (Object Ownership other than BucketOwnerEnforced). */
const S3_WRITE_ACL = 's3:PutObjectAcl';

export { reads, writes } from '../config';
const levelsOf = (level: AccessLevel): Level[] => [
  ...(reads(level) ? ['read' as const] : []),
  ...(writes(level) ? ['write' as const] : []),
];

export interface LevelOptions {
  versioning: boolean;
  legacyAcl: boolean;
}

const computed = new Map<string, readonly string[]>();

/** The actions of `level` that act on `on`: the union of what its workflows call (one list per question, shared). */
export function actionsOf(level: AccessLevel, on: On, o: LevelOptions): readonly string[] {
  const k = `${level}/${on}/${o.versioning}/${o.legacyAcl}`;
  let out = computed.get(k);
  if (!out) computed.set(k, (out = Object.freeze(actionsOfLevel(level, on, o))));
  return out;
}

function actionsOfLevel(level: AccessLevel, on: On, o: LevelOptions): string[] {
  const held = levelsOf(level);
  const out = new Set<string>();
  for (const w of WORKFLOWS) {
    if (!w.needs.every((l) => held.includes(l))) continue;
    if (w.only === 'versioning' && !o.versioning) continue;
    for (const call of w.calls) if (call.on === on) call.actions.forEach((a) => out.add(a));
  }
  if (on === 'object' && o.legacyAcl && writes(level)) out.add(S3_WRITE_ACL);
  return [...out].sort();
}
