/**
 * S3 Access Grants in the bucket's account (docs/access-grants.md): the instance (unless an existing one is
 * named: it is shared, so never created nor destroyed here), its resource policy (unless left to its
 * owner), the location role and its rights, the location (the whole bucket) and one grant per consumer and
 * prefix. Renders the plan's documents only.
 */
import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3ControlAccessGrant } from '@cdktf/provider-aws/lib/s3control-access-grant';
import { S3ControlAccessGrantsInstance } from '@cdktf/provider-aws/lib/s3control-access-grants-instance';
import { S3ControlAccessGrantsInstanceResourcePolicy } from '@cdktf/provider-aws/lib/s3control-access-grants-instance-resource-policy';
import { S3ControlAccessGrantsLocation } from '@cdktf/provider-aws/lib/s3control-access-grants-location';
import type { AccessGrantsInstance } from '../config';
import { ACCESS_GRANTS_ROLE_POLICY, grantKey, Namer } from '../naming';
import { AccessGrantsDocuments, policyText, toJson } from '../policy';

export interface AccessGrantsProps {
  provider: TerraformProvider;
  instance: AccessGrantsInstance;
  docs: AccessGrantsDocuments;
  /** The bucket's name as a reference: the location is registered after the bucket exists. */
  bucketId: string;
  keyArn?: string;
  names: Namer;
}

export class AccessGrants extends Construct {
  constructor(scope: Construct, id: string, props: AccessGrantsProps) {
    super(scope, id);
    const { provider, docs, names } = props;
    const after = [];
    if (props.instance.instance === 'created') {
      const instance = new S3ControlAccessGrantsInstance(this, 'instance', { provider });
      instance.overrideLogicalId(names('access_grants'));
      after.push(instance);
    }
    if (docs.instancePolicy && props.instance.resourcePolicy === 'managed') {
      new S3ControlAccessGrantsInstanceResourcePolicy(this, 'policy', {
        provider,
        policy: toJson(docs.instancePolicy),
        dependsOn: after,
      }).overrideLogicalId(names('access_grants'));
    }
    const role = new IamRole(this, 'role', {
      provider,
      name: docs.location.roleName,
      description: 'Assumed by S3 Access Grants to vend credentials for the shared bucket',
      assumeRolePolicy: toJson(docs.location.trust),
      maxSessionDuration: 3600,
    });
    role.overrideLogicalId(names('access_grants'));
    new IamRolePolicy(this, 'role-policy', {
      provider,
      role: role.id,
      name: ACCESS_GRANTS_ROLE_POLICY,
      policy: policyText(toJson(docs.location.permissions), props.keyArn),
    }).overrideLogicalId(names('access_grants'));
    const location = new S3ControlAccessGrantsLocation(this, 'location', {
      provider,
      iamRoleArn: role.arn,
      locationScope: `s3://${props.bucketId}/`,
      dependsOn: after,
    });
    location.overrideLogicalId(names('access_grants'));
    for (const g of docs.grants) {
      new S3ControlAccessGrant(this, `grant-${g.consumer}-${grantKey(g.prefix)}`, {
        provider,
        accessGrantsLocationId: location.accessGrantsLocationId,
        permission: g.permission,
        grantee: [{ granteeType: 'IAM', granteeIdentifier: g.grantee }],
        accessGrantsLocationConfiguration: [{ s3SubPrefix: g.subPrefix }],
      }).overrideLogicalId(names('access_grant', g.consumer, grantKey(g.prefix)));
    }
  }
}
