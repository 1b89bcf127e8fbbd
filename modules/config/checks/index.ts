/** Rules that span several fields of a parsed config, in named steps. Each problem carries its field path. */
import type { ParsedConfig } from '../schema';
import { checkAccounts } from './accounts';
import { checkBackend } from './backend';
import { checkEncryption, checkExistingBucket, checkExtraStatements, checkLoggingAndAudit } from './bucket';
import { checkConsumers, checkObjectWriter } from './consumers';
import { Problem, Problems } from './problems';

export type { FieldPath, Problem } from './problems';
export { defaultProducerRoleName } from './consumers';
export { accountsNamed, deployRoles } from './accounts';

const STEPS = [
  checkEncryption,
  checkExistingBucket,
  checkLoggingAndAudit,
  checkExtraStatements,
  checkConsumers,
  checkObjectWriter,
  checkAccounts,
  checkBackend,
];

export function crossChecks(c: ParsedConfig): Problem[] {
  const problems = new Problems();
  for (const step of STEPS) step(c, problems);
  return problems.list;
}
