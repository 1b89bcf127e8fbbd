/** Requests as a real caller would send them: concrete ARNs and the context keys AWS fills in. */
import { dnsSuffix } from '../config';
import type { Config } from '../config';
import { Actor, sessionArn } from './actors';
import type { Deployed, Doc } from './deployed';
import type { Request } from './engine';
import type { Scope } from './expect';

export const OBJECT_ACTIONS = [
  's3:GetObject',
  's3:GetObjectVersion',
  's3:PutObject',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
  's3:PutObjectAcl',
  's3:DeleteObject',
];
export const BUCKET_ACTIONS = ['s3:GetBucketLocation', 's3:PutBucketPolicy'];
export const KMS_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:Encrypt'];

export interface Options {
  https?: boolean;
  /** Legacy ACL modes: whether uploads carry the bucket-owner-full-control canned ACL (writers are told to). */
  ownerAcl?: boolean;
  /** false: a call straight to KMS, not made by S3 on the caller's behalf. */
  viaS3?: boolean;
}

export function baseContext(
  config: Config,
  actor: Pick<Actor, 'roleArn' | 'account'>,
  https = true,
): Record<string, string> {
  const ctx: Record<string, string> = {
    'aws:PrincipalArn': actor.roleArn,
    'aws:PrincipalAccount': actor.account,
    'aws:SecureTransport': https ? 'true' : 'false',
  };
  // Worst case: every principal asked about is in the organization, so only the pinned roles can make a difference.
  if (config.producer.organizationId) ctx['aws:PrincipalOrgID'] = config.producer.organizationId;
  return ctx;
}

export const objectKey = (scope: Scope) =>
  scope.kind === 'bucket' ? 'verify/object.txt' : `${scope.prefix}verify/object.txt`;

/** Identity already checked at the access point: the bucket-policy step asks only what the bucket allows. */
const AUTHORIZED_AT_ACCESS_POINT: Doc = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'AuthorizedAtAccessPoint', Effect: 'Allow', Action: '*', Resource: '*' }],
};

/** An access point a request goes through (its own, or one of an unrelated account). */
export interface ThroughAccessPoint {
  arn: string;
  account: string;
  policy?: Doc;
  networkOrigin: 'Internet' | 'VPC';
}

/**
 * An S3 request. Through an access point it is two evaluations, as S3 makes them:
 * the access point's (identity + access-point policy, on access-point ARNs), then
 * the bucket's (bucket policy, on bucket ARNs), both with the access-point keys.
 */
export function s3Requests(
  config: Config,
  deployed: Deployed,
  actor: Actor,
  action: string,
  scope: Scope,
  o: Options = {},
  ap?: ThroughAccessPoint,
): Request[] {
  const context: Record<string, string> = baseContext(config, actor, o.https ?? true);
  const isObject = OBJECT_ACTIONS.includes(action);
  if (action === 's3:ListBucket' && scope.kind !== 'bucket' && scope.prefix !== '') context['s3:prefix'] = scope.prefix;
  if (
    (action === 's3:PutObject' || action === 's3:PutObjectAcl') &&
    config.producer.bucket.objectOwnership !== 'BucketOwnerEnforced' &&
    (o.ownerAcl ?? true)
  ) {
    context['s3:x-amz-acl'] = 'bucket-owner-full-control';
  }
  const bucketResource = isObject ? `${deployed.bucketArn}/${objectKey(scope)}` : deployed.bucketArn;
  const principal = sessionArn(config, actor);
  if (!ap) {
    return [
      {
        principal,
        action,
        resource: bucketResource,
        resourceAccount: config.producer.accountId,
        context,
        identity: actor.identity,
        resourcePolicy: deployed.bucketPolicy,
      },
    ];
  }
  const apContext = {
    ...context,
    's3:DataAccessPointAccount': ap.account,
    's3:DataAccessPointArn': ap.arn,
    's3:AccessPointNetworkOrigin': ap.networkOrigin,
  };
  return [
    {
      principal,
      action,
      resource: isObject ? `${ap.arn}/object/${objectKey(scope)}` : ap.arn,
      resourceAccount: ap.account,
      context: apContext,
      identity: actor.identity,
      resourcePolicy: ap.policy,
    },
    {
      principal,
      action,
      resource: bucketResource,
      resourceAccount: config.producer.accountId,
      context: apContext,
      identity: [AUTHORIZED_AT_ACCESS_POINT],
      resourcePolicy: deployed.bucketPolicy,
    },
  ];
}

export function kmsRequest(
  config: Config,
  deployed: Deployed,
  actor: Actor,
  action: string,
  scope: Scope,
  o: Options = {},
): Request {
  const enc = config.producer.bucket.encryption;
  const context: Record<string, string> = baseContext(config, actor, o.https ?? true);
  if (o.viaS3 ?? true) context['kms:ViaService'] = `s3.${config.region}.${dnsSuffix(config.partition)}`;
  // S3 sends the bucket ARN as encryption context with Bucket Keys, the object ARN without.
  context['kms:EncryptionContext:aws:s3:arn'] =
    enc.type === 'kms' && enc.bucketKey ? deployed.bucketArn : `${deployed.bucketArn}/${objectKey(scope)}`;
  const keyArn = deployed.keyArn ?? '';
  return {
    principal: sessionArn(config, actor),
    action,
    resource: keyArn,
    resourceAccount: keyArn.split(':')[4],
    context,
    identity: actor.identity,
    resourcePolicy: deployed.keyPolicy,
  };
}

export function assumeRequest(
  config: Config,
  deployed: Deployed,
  actor: Actor,
  roleArn: string,
  externalId: string | undefined,
): Request {
  const context: Record<string, string> = baseContext(config, actor);
  if (externalId !== undefined) context['sts:ExternalId'] = externalId;
  return {
    principal: sessionArn(config, actor),
    action: 'sts:AssumeRole',
    resource: roleArn,
    resourceAccount: roleArn.split(':')[4],
    context,
    identity: actor.identity,
    resourcePolicy: deployed.roles.get(roleArn)?.trust,
  };
}
