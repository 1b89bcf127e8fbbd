/**
 * State backends: local (relative path), Terraform Cloud (one workspace per
 * stack), or S3; and how a consumer stack reads the producer stack's outputs.
 * No credentials here: Terraform Cloud reads `cdktf login` / TF_TOKEN_<host>, S3 the AWS environment.
 */
import {
  CloudBackend,
  DataTerraformRemoteState,
  DataTerraformRemoteStateLocal,
  DataTerraformRemoteStateS3,
  LocalBackend,
  NamedCloudWorkspace,
  S3Backend,
  TerraformRemoteState,
  TerraformStack,
} from 'cdktf';
import type { Backend } from '../config';
import { Layout, localStatePath, localStatePathFrom, s3StateKey, workspaceName } from '../naming';

export function addBackend(stack: TerraformStack, stackName: string, backend: Backend, layout: Layout): void {
  switch (backend.type) {
    case 'local':
      new LocalBackend(stack, { path: localStatePath(stackName, layout) });
      return;
    case 'cloud':
      new CloudBackend(stack, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: new NamedCloudWorkspace(workspaceName(backend.workspacePrefix, stackName), backend.project),
      });
      return;
    case 's3':
      new S3Backend(stack, {
        bucket: backend.bucket,
        key: s3StateKey(backend.keyPrefix, stackName),
        region: backend.region,
        encrypt: true,
        dynamodbTable: backend.dynamodbTable,
      });
      // S3-native locking (Terraform >= 1.10); cdktf 0.21 has no field for it.
      if (!backend.dynamodbTable) stack.addOverride('terraform.backend.s3.use_lockfile', true);
      return;
  }
}

/** The producer stack's state, read by a consumer stack (for values AWS assigns at apply, like a new key's ARN). */
export function producerState(
  stack: TerraformStack,
  producerStack: string,
  backend: Backend,
  layout: Layout,
  // The data source's name: the producer stack's own name but in a many-buckets config ("producer" there too).
  id = producerStack,
  // Handoff of a shared-roles stack (handoff/_shared-roles/<stack>/): the producer folder, relative to its parent.
  handoffFolder?: string,
): TerraformRemoteState {
  switch (backend.type) {
    case 'local':
      return new DataTerraformRemoteStateLocal(stack, id, {
        path:
          layout === 'handoff' && handoffFolder
            ? `../${handoffFolder}/terraform.tfstate`
            : localStatePathFrom(producerStack, layout),
      });
    case 'cloud':
      return new DataTerraformRemoteState(stack, id, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: { name: workspaceName(backend.workspacePrefix, producerStack) },
      });
    case 's3':
      return new DataTerraformRemoteStateS3(stack, id, {
        bucket: backend.bucket,
        key: s3StateKey(backend.keyPrefix, producerStack),
        region: backend.region,
      });
  }
}
