/** Rules of the state backend. */
import type { ParsedConfig } from '../schema';
import type { Problems } from './problems';

export function checkBackend(c: ParsedConfig, p: Problems): void {
  const b = c.backend;
  if (b.type === 'cloud' && b.workspacePrefix === undefined) {
    p.add(
      ['backend', 'workspacePrefix'],
      `required, so that two configs in one organization never share a workspace: write "workspacePrefix": "${c.producer.bucket.name}-". ` +
        'Workspaces made before it was required are named "producer", "consumer-..." without a prefix: rename them in Terraform Cloud (Settings > General) to keep their state',
    );
  }
}
