/** Rules that span several fields of a parsed config, in named steps. Each problem carries its field path. */
import type { ParsedConfig } from '../schema';
import { checkAccounts } from './accounts';
import { checkBackend } from './backend';
import { checkDynamicCredentials } from './dynamic-credentials';
import {
  checkEncryption,
  checkExistingBucket,
  checkExtraStatements,
  checkLoggingAndAudit,
  checkOverflowSlot,
} from './bucket';
import { checkConsumers, checkObjectWriter } from './consumers';
import { reviewStatements } from './extra-statements';
import { checkMonitoring } from '../monitoring';
import { checkAccessGrants } from '../access-grants';
import { Problem, Problems } from './problems';
import { roleNameCaseProblems } from './role-names';
import { keyOwnerReview, stateBackendProblems } from './trust-boundaries';

export type { FieldPath, Problem } from './problems';
export { defaultProducerRoleName } from './consumers';
export { accountsNamed, deployRoles } from './accounts';

export { reviewStatements } from './extra-statements';
export type { Acknowledged } from './extra-statements';
export { keyOwnerReview } from './trust-boundaries';

/** Checks written as functions returning their problems. */
const listed =
  (check: (c: ParsedConfig) => Problem[]) =>
  (c: ParsedConfig, p: Problems): void =>
    check(c).forEach((x) => p.add(x.path, x.message));

const STEPS = [
  checkEncryption,
  checkExistingBucket,
  checkLoggingAndAudit,
  checkOverflowSlot,
  checkExtraStatements,
  checkConsumers,
  checkObjectWriter,
  checkAccessGrants,
  checkAccounts,
  checkBackend,
  checkMonitoring,
  checkDynamicCredentials,
  listed((c) => reviewStatements(c).problems),
  listed(roleNameCaseProblems),
  listed(stateBackendProblems),
  listed((c) => keyOwnerReview(c).problems),
];

export function crossChecks(c: ParsedConfig): Problem[] {
  const problems = new Problems();
  for (const step of STEPS) step(c, problems);
  return problems.list;
}
