/** Requests as a real caller would send them: concrete ARNs and the context keys AWS fills in. */
import { dnsSuffix } from '../config';
import type { Config } from '../config';
import { Actor, sessionArn } from './actors';
import type { Deployed } from './deployed';
import type { Request } from './engine';
import type { Scope } from './expect';

export const OBJECT_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts', 's3:PutObjectAcl', 's3:DeleteObject'];
export const BUCKET_ACTIONS = ['s3:GetBucketLocation', 's3:PutBucketPolicy'];
export const KMS_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:Encrypt'];

export interface Options {
  https?: boolean;
  /** false: a call straight to KMS, not made by S3 on the caller's behalf. */
  viaS3?: boolean;
}

export function baseContext(config: Config, actor: Pick<Actor, 'roleArn' | 'account'>, https = true): Record<string, string> {
  const ctx: Record<string, string> = {
    'aws:PrincipalArn': actor.roleArn,
    'aws:PrincipalAccount': actor.account,
    'aws:SecureTransport': https ? 'true' : 'false',
  };
  // Worst case: every principal asked about is in the organization, so only the pinned roles can make a difference.
  if (config.producer.organizationId) ctx['aws:PrincipalOrgID'] = config.producer.organizationId;
  return ctx;
}

export const objectKey = (scope: Scope) => (scope.kind === 'bucket' ? 'verify/object.txt' : `${scope.prefix}verify/object.txt`);

export function s3Request(config: Config, deployed: Deployed, actor: Actor, action: string, scope: Scope, o: Options = {}): Request {
  const context = baseContext(config, actor, o.https ?? true);
  let resource = deployed.bucketArn;
  if (OBJECT_ACTIONS.includes(action)) resource = `${deployed.bucketArn}/${objectKey(scope)}`;
  if (action === 's3:ListBucket' && scope.kind !== 'bucket' && scope.prefix !== '') context['s3:prefix'] = scope.prefix;
  return {
    principal: sessionArn(config, actor),
    action,
    resource,
    resourceAccount: config.producer.accountId,
    context,
    identity: actor.identity,
    resourcePolicy: deployed.bucketPolicy,
  };
}

export function kmsRequest(config: Config, deployed: Deployed, actor: Actor, action: string, scope: Scope, o: Options = {}): Request {
  const enc = config.producer.bucket.encryption;
  const context: Record<string, string> = baseContext(config, actor, o.https ?? true);
  if (o.viaS3 ?? true) context['kms:ViaService'] = `s3.${config.region}.${dnsSuffix(config.partition)}`;
  // S3 sends the bucket ARN as encryption context with Bucket Keys, the object ARN without.
  context['kms:EncryptionContext:aws:s3:arn'] = enc.type === 'kms' && enc.bucketKey ? deployed.bucketArn : `${deployed.bucketArn}/${objectKey(scope)}`;
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

export function assumeRequest(config: Config, deployed: Deployed, actor: Actor, roleArn: string, externalId: string | undefined): Request {
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
