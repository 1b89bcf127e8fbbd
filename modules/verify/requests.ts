/** A workflow step as the requests a real caller sends: concrete ARNs and the context keys AWS fills in. */
import type { Deployed, Doc } from './deployed';
import type { Request } from './engine';
import type { Intent } from './intent';
import type { Door, Row } from './rows';
import { sessionArn } from './arns';
import type { KmsStep, S3Step } from './workflows';

/** Where a request points: under a prefix ("" = anywhere), outside every grant of the row, or the bucket. */
export type Scope = { kind: 'prefix'; prefix: string } | { kind: 'outside'; prefix: string };

const objectKey = (scope: Scope) => `${scope.prefix}verify/object.txt`;

/** Identity already checked at the access point: the bucket-policy step asks only what the bucket allows. */
const AUTHORIZED_AT_ACCESS_POINT: Doc = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'AuthorizedAtAccessPoint', Effect: 'Allow', Action: '*', Resource: '*' }],
};

function baseContext(intent: Intent, row: Pick<Row, 'role' | 'account' | 'https'>): Record<string, string> {
  const ctx: Record<string, string> = {
    'aws:PrincipalArn': row.role,
    'aws:PrincipalAccount': row.account,
    'aws:SecureTransport': row.https ? 'true' : 'false',
  };
  // Worst case: everyone asked about is in the organization, so only the pinned roles can make a difference.
  if (intent.config.producer.organizationId) ctx['aws:PrincipalOrgID'] = intent.config.producer.organizationId;
  return ctx;
}

/**
 * An S3 request. Through an access point it is two evaluations, as S3 makes
 * them: the access point's (identity + access-point policy, on access-point
 * ARNs), then the bucket's (bucket policy, on bucket ARNs), both with the
 * access-point keys.
 */
export function s3Requests(
  intent: Intent,
  deployed: Deployed,
  row: Row,
  step: S3Step,
  scope: Scope,
  action = step.action,
): Request[] {
  const context = baseContext(intent, row);
  if (step.prefix === 'scope') context['s3:prefix'] = scope.prefix;
  if (step.delimiter) context['s3:delimiter'] = '/';
  Object.assign(context, step.headers ?? {});
  const upload = action === 's3:PutObject' || action === 's3:PutObjectAcl';
  if (upload && intent.legacyAcl && !step.noAcl) context['s3:x-amz-acl'] = 'bucket-owner-full-control';
  const object = step.on === 'object';
  const bucketResource = object ? `${deployed.bucketArn}/${objectKey(scope)}` : deployed.bucketArn;
  const principal = sessionArn(row.role);
  const bucketPolicy = deployed.bucketPolicies[0]?.doc;
  const door: Door | undefined = step.bucketOnly ? undefined : row.door;
  if (!door) {
    return [
      {
        principal,
        action,
        resource: bucketResource,
        resourceAccount: intent.producer,
        context,
        identity: row.identity,
        resourcePolicy: bucketPolicy,
      },
    ];
  }
  const apContext = {
    ...context,
    's3:DataAccessPointAccount': door.account,
    's3:DataAccessPointArn': door.arn,
    's3:AccessPointNetworkOrigin': door.networkOrigin,
    ...(door.sourceVpc ? { 'aws:SourceVpc': door.sourceVpc } : {}),
  };
  return [
    {
      principal,
      action,
      resource: object ? `${door.arn}/object/${objectKey(scope)}` : door.arn,
      resourceAccount: door.account,
      context: apContext,
      identity: row.identity,
      resourcePolicy: door.policy,
    },
    {
      principal,
      action,
      resource: bucketResource,
      resourceAccount: intent.producer,
      context: apContext,
      identity: [AUTHORIZED_AT_ACCESS_POINT],
      resourcePolicy: bucketPolicy,
    },
  ];
}

/** A KMS request S3 makes on the caller's behalf (or the caller makes itself, for a probe). */
export function kmsRequest(intent: Intent, deployed: Deployed, row: Row, step: KmsStep, scope: Scope): Request {
  const context = baseContext(intent, row);
  if (!step.direct) context['kms:ViaService'] = intent.viaService;
  const bucketKey = intent.kms?.bucketKey ?? false;
  context['kms:EncryptionContext:aws:s3:arn'] =
    step.context === 'stored' && bucketKey ? deployed.bucketArn : `${deployed.bucketArn}/${objectKey(scope)}`;
  const keyArn = deployed.keyArn ?? '';
  return {
    principal: sessionArn(row.role),
    action: step.action,
    resource: keyArn,
    resourceAccount: keyArn.split(':')[4],
    context,
    identity: row.identity,
    resourcePolicy: deployed.key?.doc,
  };
}

export function assumeRequest(
  intent: Intent,
  deployed: Deployed,
  from: { role: string; account: string; identity: Doc[] },
  target: string,
  externalId?: string,
): Request {
  const context = baseContext(intent, { role: from.role, account: from.account, https: true });
  if (externalId !== undefined) context['sts:ExternalId'] = externalId;
  return {
    principal: sessionArn(from.role),
    action: 'sts:AssumeRole',
    resource: target,
    resourceAccount: target.split(':')[4],
    context,
    identity: from.identity,
    resourcePolicy: deployed.roles.get(target)?.trust?.doc,
  };
}
