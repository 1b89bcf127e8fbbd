/** S3 Access Grants in the bucket's account (modules/producer/access-grants.ts). */
import type { AccessGrantsInstance } from '../config';
import { ACCESS_GRANTS_ROLE_POLICY, grantKey, Namer } from '../naming';
import { AccessGrantsDocuments, policyText, toJson } from '../policy';
import { pathOf, ref, StackJson } from './stack';

export interface AccessGrantsProps {
  provider: string;
  instance: AccessGrantsInstance;
  docs: AccessGrantsDocuments;
  bucketId: string;
  keyArn?: string;
  names: Namer;
}

export function emitAccessGrants(stack: StackJson, path: string, props: AccessGrantsProps): void {
  const { provider, docs, names } = props;
  const name = names('access_grants');
  const at = (id: string) => pathOf(path, id);
  const after: string[] = [];
  if (props.instance.instance === 'created')
    after.push(stack.resource('aws_s3control_access_grants_instance', name, at('instance'), {}, { provider }));
  if (docs.instancePolicy && props.instance.resourcePolicy === 'managed')
    stack.resource(
      'aws_s3control_access_grants_instance_resource_policy',
      name,
      at('policy'),
      { policy: toJson(docs.instancePolicy) },
      { provider, dependsOn: after },
    );
  const role = stack.resource(
    'aws_iam_role',
    name,
    at('role'),
    {
      name: docs.location.roleName,
      description: 'Assumed by S3 Access Grants to vend credentials for the shared bucket',
      assume_role_policy: toJson(docs.location.trust),
      max_session_duration: 3600,
    },
    { provider },
  );
  stack.resource(
    'aws_iam_role_policy',
    name,
    at('role-policy'),
    {
      role: ref(role, 'id'),
      name: ACCESS_GRANTS_ROLE_POLICY,
      policy: policyText(toJson(docs.location.permissions), props.keyArn),
    },
    { provider },
  );
  const location = stack.resource(
    'aws_s3control_access_grants_location',
    name,
    at('location'),
    { iam_role_arn: ref(role, 'arn'), location_scope: `s3://${props.bucketId}/` },
    { provider, dependsOn: after },
  );
  for (const g of docs.grants)
    stack.resource(
      'aws_s3control_access_grant',
      names('access_grant', g.consumer, grantKey(g.prefix)),
      at(`grant-${g.consumer}-${grantKey(g.prefix)}`),
      {
        access_grants_location_id: ref(location, 'access_grants_location_id'),
        permission: g.permission,
        grantee: [{ grantee_type: 'IAM', grantee_identifier: g.grantee }],
        access_grants_location_configuration: [{ s3_sub_prefix: g.subPrefix }],
      },
      { provider },
    );
}
