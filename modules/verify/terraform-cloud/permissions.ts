/**
 * What a run role may do, read from its inline policy: only the calls Terraform
 * makes for the resource types this project writes (its own table, not the
 * generator's), on resources of the role's own account — the shared buckets
 * (whose ARNs name no account) for the producer's account only. No call that
 * hands out access beyond those resources (iam:PassRole, policy attachment,
 * sts:AssumeRole), no wildcard beyond a created key's unknown ID.
 */

/** Calls on a resource Terraform creates or reads, by the service that owns it. */
const CALLS = new Set([
  'sts:GetCallerIdentity',
  's3:CreateBucket',
  's3:DeleteBucket',
  's3:ListBucket',
  's3:GetBucket*',
  's3:PutBucket*',
  's3:DeleteBucketPolicy',
  's3:GetBucketLocation',
  's3:GetBucketPolicy',
  's3:PutBucketPolicy',
  's3:GetAccelerateConfiguration',
  's3:GetEncryptionConfiguration',
  's3:PutEncryptionConfiguration',
  's3:GetLifecycleConfiguration',
  's3:GetReplicationConfiguration',
  's3:CreateAccessPoint',
  's3:DeleteAccessPoint',
  's3:DeleteAccessPointPolicy',
  's3:GetAccessPoint',
  's3:GetAccessPointPolicy',
  's3:GetAccessPointPolicyStatus',
  's3:PutAccessPointPolicy',
  'kms:CreateKey',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListAliases',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
  'cloudtrail:AddTags',
  'cloudtrail:CreateTrail',
  'cloudtrail:DeleteTrail',
  'cloudtrail:DescribeTrails',
  'cloudtrail:GetEventSelectors',
  'cloudtrail:GetTrail',
  'cloudtrail:GetTrailStatus',
  'cloudtrail:ListTags',
  'cloudtrail:PutEventSelectors',
  'cloudtrail:RemoveTags',
  'cloudtrail:StartLogging',
  'cloudtrail:StopLogging',
  'cloudtrail:UpdateTrail',
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:GetRole',
  'iam:ListAttachedRolePolicies',
  'iam:ListInstanceProfilesForRole',
  'iam:ListRolePolicies',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
  'iam:DeleteRolePolicy',
  'iam:GetRolePolicy',
  'iam:PutRolePolicy',
]);

/** Calls that name no resource of another account: the only ones allowed on "*". */
const ON_ANY = new Set(['sts:GetCallerIdentity', 'kms:CreateKey', 'kms:ListAliases']);

export interface RoleScope {
  account: string;
  partition: string;
  region: string;
  /** The config's buckets, when the role is the producer account's (else none). */
  buckets: string[];
}

type Json = Record<string, unknown>;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

function resourceProblem(arn: string, actions: string[], s: RoleScope): string | undefined {
  if (arn === '*')
    return actions.every((a) => ON_ANY.has(a))
      ? undefined
      : `"*" for ${actions.filter((a) => !ON_ANY.has(a)).join(', ')}: any resource, of any account`;
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[1] !== s.partition) return `${arn}: not an ARN of ${s.partition}`;
  const [, , service, region, account, rest] = [
    parts[0],
    parts[1],
    parts[2],
    parts[3],
    parts[4],
    parts.slice(5).join(':'),
  ];
  if (service === 's3' && region === '' && account === '') {
    if (!s.buckets.includes(rest))
      return s.buckets.length
        ? `${arn}: not a bucket of the config`
        : `${arn}: a bucket, and this role is not the producer account's (it cannot touch the producer's resources)`;
    return undefined;
  }
  if (account !== s.account) return `${arn}: in account ${account}, not the role's own ${s.account}`;
  const wildcard = /[*?]/.test(arn);
  if (wildcard && !(service === 'kms' && region === s.region && rest === 'key/*'))
    return `${arn}: a wildcard (only a created key's unknown ID, key/*, is one)`;
  return undefined;
}

/** What is wrong with a run role's permission policy; empty: only its own account's resources of the share. */
export function permissionProblems(text: unknown, s: RoleScope): string[] {
  let doc: Json;
  try {
    doc = JSON.parse(String(text)) as Json;
  } catch {
    return ['the permission policy is not JSON'];
  }
  const out: string[] = [];
  if (doc.Version !== '2012-10-17') out.push(`Version ${JSON.stringify(doc.Version)}, not "2012-10-17"`);
  for (const st of list(doc.Statement) as Json[]) {
    const at = `statement ${JSON.stringify(st.Sid ?? '')}`;
    const unknown = Object.keys(st).filter((k) => !['Sid', 'Effect', 'Action', 'Resource'].includes(k));
    if (unknown.length) out.push(`${at}: ${unknown.join(', ')}: a run role's statement has only Action and Resource`);
    if (st.Effect !== 'Allow') out.push(`${at}: Effect ${JSON.stringify(st.Effect)}: synth writes Allow only`);
    const actions = list(st.Action).map(String);
    const beyond = actions.filter((a) => !CALLS.has(a));
    if (beyond.length)
      out.push(`${at}: ${beyond.join(', ')}: not a call Terraform makes for the resources of the share`);
    for (const r of list(st.Resource)) {
      const problem = resourceProblem(String(r), actions, s);
      if (problem) out.push(`${at}: ${problem}`);
    }
  }
  return out;
}
