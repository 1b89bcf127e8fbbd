/**
 * modules/verify: offline proof of who can do what. Reads only the synthesized
 * JSON and the config; evaluates with a real IAM policy engine.
 */
import type { Config } from '../config';
import { deployedPolicies } from './deployed';
import { lintDocuments, LintProblem } from './lint';
import { buildMatrix, Cell, mismatches } from './matrix';
import type { Stacks } from './terraform';

export { readStacks } from './terraform';
export type { Stacks, TfJson } from './terraform';
export { consoleMatrix, markdownReport, mermaid } from './report';
export type { Cell } from './matrix';
export type { LintProblem } from './lint';
export { STAND_INS, standInContext, standInPolicy } from './standins';
export { evaluate } from './engine';

export interface VerifyResult {
  cells: Cell[];
  mismatches: Cell[];
  lint: LintProblem[];
  /** Said in the report when the key policy is not managed here. */
  keyNote?: string;
  ok: boolean;
}

export async function verifyStacks(config: Config, stacks: Stacks): Promise<VerifyResult> {
  const deployed = deployedPolicies(config, stacks);
  const lint = await lintDocuments(deployed.documents);
  const cells = await buildMatrix(config, deployed);
  const bad = mismatches(cells);
  const keyNote =
    deployed.keyPolicySource === 'key-owner-output'
      ? 'The KMS key is not managed here: its key policy is taken to be the usual administration statement plus the statements of the output kms_key_policy_statements, which the key owner must add.'
      : undefined;
  return { cells, mismatches: bad, lint, keyNote, ok: bad.length === 0 && lint.length === 0 };
}
