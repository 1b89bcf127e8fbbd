/** State backends: local (relative path), Terraform Cloud, or S3. */
import { TerraformStack, LocalBackend } from 'cdktf';
import type { Backend } from '../config';
import { localStatePath } from '../naming';

export function addBackend(stack: TerraformStack, stackName: string, backend: Backend): void {
  if (backend.type === 'local') {
    new LocalBackend(stack, { path: localStatePath(stackName) });
    return;
  }
  throw new Error(`backend type "${backend.type}" is not supported yet`);
}
